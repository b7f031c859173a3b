"""A small on-disk cache for slow results (trained weights, embeddings, centroids).

Entries are ``.npz`` files of named arrays (loaded with ``allow_pickle=False``)
keyed by a name, a JSON-serialisable configuration, yatlib's version and a
fingerprint of yatlib's source files, so a change of any of them recomputes
(an edited library never reuses results computed by its earlier self). Writes go to a temporary file that is renamed
into place, so an interrupted write never leaves a corrupt entry.

Location: ``$YATLIB_CACHE`` if set, else ``~/.cache/yatlib``. Set
``YATLIB_NO_CACHE=1`` to ignore existing entries (they are recomputed and overwritten).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from ._version import __version__

__all__ = ["cache_dir", "cache_path", "source_fingerprint", "load_arrays", "save_arrays", "cached_arrays"]


def cache_dir() -> Path:
    """The cache root: ``$YATLIB_CACHE`` or ``~/.cache/yatlib`` (created if missing)."""
    root = Path(os.environ.get("YATLIB_CACHE") or Path.home() / ".cache" / "yatlib").expanduser()
    root.mkdir(parents=True, exist_ok=True)
    return root


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of yatlib's own source files (.py, .js, .mjs), in path order."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".js", ".mjs") and p.is_file()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _canonical(config: Mapping[str, Any]) -> str:
    try:
        return json.dumps(dict(config), sort_keys=True, default=_json_default)
    except TypeError as err:
        raise ValueError(f"cache config must be JSON-serialisable (numbers, strings, lists, dicts): {err}") from None


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray) and obj.size <= 64:
        return obj.tolist()
    raise TypeError(f"cannot put {type(obj).__name__} in a cache key")


def cache_path(name: str, config: Mapping[str, Any]) -> Path:
    """The file for ``(name, config)`` under this version and source of yatlib."""
    if not name or any(c in name for c in "/\\") :
        raise ValueError(f"cache name must be a plain non-empty word; got {name!r}.")
    key = "\n".join((__version__, source_fingerprint(), _canonical(config)))
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / f"{name}-{digest}.npz"


def load_arrays(name: str, config: Mapping[str, Any]) -> dict[str, np.ndarray] | None:
    """Return the cached arrays, or None when absent, disabled, or unreadable."""
    path = cache_path(name, config)
    if os.environ.get("YATLIB_NO_CACHE") or not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError):
        path.unlink(missing_ok=True)  # a corrupt entry is dropped and recomputed
        return None


def save_arrays(name: str, config: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> Path:
    """Write ``arrays`` atomically under ``(name, config)``; returns the file path."""
    path = cache_path(name, config)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp.npz")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **{k: np.asarray(v) for k, v in arrays.items()})
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def cached_arrays(
    name: str,
    config: Mapping[str, Any],
    compute: Callable[[], Mapping[str, np.ndarray]],
    *,
    verbose: bool = True,
) -> dict[str, np.ndarray]:
    """Load ``(name, config)`` from the cache, or run ``compute()`` and store its arrays.

    Prints one line saying which happened, so a reader always knows whether the
    work was done now or earlier.
    """
    hit = load_arrays(name, config)
    path = cache_path(name, config)
    if hit is not None:
        if verbose:
            print(f"[cache] loaded '{name}' from {path} (computed earlier with this exact configuration)")
        return hit
    result = {k: np.asarray(v) for k, v in compute().items()}
    save_arrays(name, config, result)
    if verbose:
        print(f"[cache] computed '{name}' and saved it to {path}")
    return result
