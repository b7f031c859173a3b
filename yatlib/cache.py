"""A small on-disk cache for slow results (trained weights, embeddings, centroids).

Entries are ``.npz`` files of named arrays keyed by a name, a JSON configuration, yatlib's version,
the fingerprint of the yatlib source the result depends on (:func:`source_fingerprint`: the module
and every yatlib module it imports, without docstrings and comments) and the fingerprint of its
data (:func:`array_fingerprint`); a change of any of them recomputes. Writes are atomic, and an
entry being computed is locked (:func:`entry_lock`) so a second process waits and loads it.
Location: ``$YATLIB_CACHE``, else ``~/.cache/yatlib``; ``YATLIB_NO_CACHE=1`` recomputes,
``YATLIB_QUIET=1`` prints no ``[cache]`` lines (:func:`quiet`). JAX's compiled programs are kept
there too (:func:`use_compilation_cache`, called when yatlib is imported).
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX (Windows): entries are not locked; two processes may compute one twice
    fcntl = None  # type: ignore[assignment]

import numpy as np

from ._version import __version__

__all__ = [
    "quiet",
    "cache_dir",
    "cache_path",
    "source_fingerprint",
    "array_fingerprint",
    "read_entry",
    "write_entry",
    "entry_lock",
    "cached_arrays",
    "use_compilation_cache",
]

COMPILATION_CACHE_BYTES = 1 << 30
"""Largest size of JAX's compilation cache under yatlib's cache (1 GiB; beyond it the least recently
used programs are dropped). The whole book's programs take a few megabytes."""

FULL_HASH_BYTES = 1 << 28
"""Arrays up to this many bytes (256 MiB) are hashed whole by :func:`array_fingerprint`."""

SAMPLE_ELEMENTS = 1 << 22
"""Larger arrays are hashed from about this many elements, evenly strided."""


def cache_dir() -> Path:
    """The cache root: ``$YATLIB_CACHE`` or ``~/.cache/yatlib`` (created if missing)."""
    root = Path(os.environ.get("YATLIB_CACHE") or Path.home() / ".cache" / "yatlib").expanduser()
    root.mkdir(parents=True, exist_ok=True)
    return root


_ROOT = Path(__file__).parent


def quiet() -> bool:
    """True when ``YATLIB_QUIET`` is set (not empty, not ``0``): the cache then prints no ``[cache]`` lines.

    The book's builds set it for the kernels they start (``book/_ext/yat_quiet.py``, and the notebooks
    stage of ``make test``), so the built pages show no cache log; JupyterLab keeps it.
    """
    return os.environ.get("YATLIB_QUIET", "") not in ("", "0")


def _module_file(module: str) -> Path | None:
    """The source file of yatlib module ``module`` (dotted name), or None."""
    parts = module.split(".")
    if parts[0] != _ROOT.name:
        return None
    base = _ROOT.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(path: Path, module: str) -> set[str]:
    """The yatlib modules that the source file ``path`` (of ``module``) imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # "from .x import y": y may be a submodule of x, or a name defined in x
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if _module_file(sub) is not None else base)
    return {m for m in found if _module_file(m) is not None}


def _closure(modules: tuple[str, ...]) -> list[Path]:
    todo, seen = list(modules), set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        path = _module_file(m)
        if path is None:
            raise ValueError(f"{m!r} is not a module of yatlib; pass dotted names such as 'yatlib.recipes'.")
        seen.add(m)
        todo.extend(_imports(path, m) - seen)
    return sorted({_module_file(m) for m in seen})  # type: ignore[misc]  # every m was found above


@cache
def source_fingerprint(*modules: str) -> str:
    """SHA-256 (first 16 hex digits) of the yatlib source a result depends on.

    A Python file enters as its syntax tree without docstrings (formatting, comments and
    docstrings do not change what it computes); JavaScript files as their bytes.
    With no argument: every source file of yatlib (.py, .js, .mjs). With module
    names (``"yatlib.recipes"``): those modules and every yatlib module they
    import, transitively, found by reading their ``import`` statements.
    """
    if modules:
        files = _closure(tuple(sorted(set(modules))))
    else:
        files = sorted(p for p in _ROOT.rglob("*") if p.suffix in (".py", ".js", ".mjs") and p.is_file())
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(_ROOT).as_posix().encode())
        h.update(_code_of(path))
    return h.hexdigest()[:16]


def _code_of(path: Path) -> bytes:
    """What a source file computes: for a ``.py`` file its syntax tree without docstrings, other bare
    strings and type annotations (so a reformatted file, an edited comment, docstring or type hint keeps
    its results), else its bytes. An annotated assignment keeps its target (a dataclass field stays a
    field); only the annotation's text is dropped."""
    if path.suffix != ".py":
        return path.read_bytes()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        elif isinstance(node, ast.arg):
            node.annotation = None
        elif isinstance(node, ast.AnnAssign):
            node.annotation = ast.Constant(None)
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body:
                kept = [
                    s
                    for s in body
                    if not (
                        isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)
                    )
                ]
                setattr(node, field, kept or [ast.Pass()])
    return ast.dump(tree).encode()


def array_fingerprint(array: Any) -> str:
    """A short fingerprint of an array's content: ``"<dtype>[<shape>]:<hash>"``.

    The hash is SHA-256 (first 16 hex digits) of the array's bytes in C order.
    Arrays up to :data:`FULL_HASH_BYTES` (256 MiB; about 0.3 s on one core) are
    hashed whole. Larger arrays are hashed from a sample, to stay fast: about
    :data:`SAMPLE_ELEMENTS` elements taken at an odd stride through the flattened
    array (so the sample does not line up with the columns), plus the first and
    last 65,536 elements, plus the shape. Two large arrays that differ only in
    elements outside the sample share a fingerprint; pass a smaller array (or put
    a distinguishing value in the configuration) if that matters.

    Parameters
    ----------
    array : array_like
        A numeric array (anything ``np.asarray`` takes); an object array raises ``ValueError``.

    Returns
    -------
    str
        ``"<dtype>[<shape>]:<hash>"``, e.g. ``"<f4[60000, 784]:3f2a..."``; the hash starts with ``~``
        when it was taken from a sample.
    """
    a = np.asarray(array)
    if a.dtype == object:
        raise ValueError(
            "array_fingerprint needs a numeric array; got dtype object. Convert it with np.asarray(..., dtype=float)."
        )
    flat = np.ascontiguousarray(a).reshape(-1)
    h = hashlib.sha256()
    h.update(f"{a.dtype.str}{a.shape}".encode())
    if flat.nbytes <= FULL_HASH_BYTES:
        h.update(memoryview(flat).cast("B"))  # type: ignore[arg-type]  # numpy arrays are buffers
        how = ""
    else:
        stride = (flat.size // SAMPLE_ELEMENTS) | 1
        for part in (flat[:65536], flat[-65536:], flat[::stride]):
            h.update(np.ascontiguousarray(part).tobytes())
        how = "~"  # marks a sampled hash
    return f"{a.dtype.str}{list(a.shape)}:{how}{h.hexdigest()[:16]}"


def _data_key(data: Mapping[str, Any] | None) -> str:
    if not data:
        return ""
    if not isinstance(data, Mapping):
        raise ValueError(
            f"data must be a mapping {{name: array}} (e.g. {{'X': X, 'y': y}}); got {type(data).__name__}."
        )
    return json.dumps({str(k): array_fingerprint(v) for k, v in data.items()}, sort_keys=True)


def _canonical(config: Mapping[str, Any]) -> str:
    try:
        return json.dumps(dict(config), sort_keys=True, default=_json_default)
    except TypeError as err:
        raise ValueError(f"cache config must be JSON-serialisable (numbers, strings, lists, dicts): {err}") from None


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist() if obj.size <= 64 else {"array": array_fingerprint(obj)}
    raise TypeError(f"cannot put {type(obj).__name__} in a cache key")


def cache_path(
    name: str, config: Mapping[str, Any], *, modules: tuple[str, ...] = (), data: Mapping[str, Any] | None = None
) -> Path:
    """The file for ``(name, config, data)`` under this version of yatlib and the source of ``modules``.

    ``modules`` names the yatlib modules that compute the result (see
    :func:`source_fingerprint`); empty means all of yatlib. ``data`` maps names
    to the arrays the result is computed from (e.g. ``{"X": X, "y": y}``); each
    enters the key through :func:`array_fingerprint`. Arrays inside ``config``
    with more than 64 elements are fingerprinted the same way.

    Parameters
    ----------
    name : str
        The entry's name, a plain non-empty word (no slash or backslash); it starts the file name.
    config : mapping
        The settings that determine the result, JSON-serialisable (numbers, strings, lists, dicts;
        numpy scalars and arrays are accepted too); keys are sorted, so their order does not matter.
    modules : tuple of str, default ()
        Dotted names of the yatlib modules that compute the result; empty means all of yatlib.
    data : mapping of str to array, optional
        The arrays the result is computed from, fingerprinted into the key.

    Returns
    -------
    pathlib.Path
        ``<cache root>/<name>-<16 hex digits>.npz``; the file need not exist yet.
    """
    if not isinstance(name, str) or not name or any(c in name for c in "/\\"):
        raise ValueError(f"cache name must be a plain non-empty word (no '/' or '\\'); got {name!r}.")
    key = "\n".join((__version__, source_fingerprint(*modules), _canonical(config), _data_key(data)))
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / f"{name}-{digest}.npz"


def read_entry(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays stored at ``path`` (a :func:`cache_path`), or None when absent, disabled or unreadable.

    Parameters
    ----------
    path : pathlib.Path
        The entry's file, from :func:`cache_path`. An unreadable (corrupt) file is deleted, so that
        the result is computed again.

    Returns
    -------
    dict of str to ndarray or None
        The stored arrays by name; None when the file is absent or unreadable, or when
        ``YATLIB_NO_CACHE`` is set.
    """
    if os.environ.get("YATLIB_NO_CACHE") or not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError):
        path.unlink(missing_ok=True)  # a corrupt entry is dropped and recomputed
        return None


def write_entry(path: Path, arrays: Mapping[str, np.ndarray]) -> Path:
    """Write ``arrays`` to ``path`` (a :func:`cache_path`) atomically: a temporary file renamed into place.

    Parameters
    ----------
    path : pathlib.Path
        The entry's file, from :func:`cache_path`; its folder must exist. An existing entry is replaced.
    arrays : mapping of str to array
        The arrays to store, by name (each converted with ``np.asarray``; no pickled objects).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp.npz")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **{k: np.asarray(v) for k, v in arrays.items()})  # type: ignore[arg-type]
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


@contextlib.contextmanager
def entry_lock(path: Path, *, verbose: bool = True) -> Iterator[None]:
    """Hold the entry at ``path`` exclusively while it is looked up and, if missing, computed.

    Use it around "read, else compute and write": a second process that asks for the same
    entry meanwhile waits (saying so once when ``verbose``) and then reads what the first
    wrote. The lock is an advisory ``flock`` on ``<entry>.lock`` beside the entry, released
    when the block ends or the process dies; lock files are left in place (removing one
    would race with a process about to take it). Without ``fcntl`` (not POSIX) nothing is locked.

    Parameters
    ----------
    path : pathlib.Path
        The entry's file, from :func:`cache_path`; the lock file is ``path`` with the suffix ``.lock``.
    verbose : bool, default True
        Print one ``[cache]`` line when another process holds the lock (never when :func:`quiet`).

    Yields
    ------
    None
        The lock is held for the body of the ``with`` block.
    """
    verbose = verbose and not quiet()
    if fcntl is None:
        yield
        return
    with open(path.with_suffix(".lock"), "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if verbose:
                print(f"[cache] another process is computing '{path.stem.rsplit('-', 1)[0]}'; waiting for it")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def cached_arrays(
    name: str,
    config: Mapping[str, Any],
    compute: Callable[[], Mapping[str, np.ndarray]],
    *,
    data: Mapping[str, Any] | None = None,
    modules: tuple[str, ...] | None = None,
    verbose: bool = True,
) -> dict[str, np.ndarray]:
    """Load ``(name, config, data)`` from the cache, or run ``compute()`` and store its arrays.

    This is the one cached-compute path of yatlib: every slow result (trained weights included)
    goes through it. The key covers the source of ``modules`` and of what they import (by
    default the module that defines ``compute``; all of yatlib when that is not in yatlib),
    and the fingerprints of the ``data`` arrays (pass every array ``compute``
    reads that the configuration does not already determine). The entry is locked while
    it is computed (:func:`entry_lock`), so a second process waits for the first's result.
    Prints one line saying which happened, so a reader always knows whether the
    work was done now or earlier (none when :func:`quiet`).

    Parameters
    ----------
    name : str
        The entry's name (a plain word).
    config : mapping
        The settings that determine the result, JSON-serialisable.
    compute : callable ``() -> {name: array}``
        Computes the arrays on a miss.
    data : mapping of str to array, optional
        The arrays the result is computed from, fingerprinted into the key.
    modules : tuple of str, optional
        The yatlib modules whose source determines the result (default: ``compute``'s module).
    verbose : bool
        Print the line saying whether the result was loaded or computed.

    Returns
    -------
    dict of str to ndarray
        The arrays, loaded or computed.
    """
    verbose = verbose and not quiet()
    if modules is None:
        module = getattr(compute, "__module__", "") or ""
        modules = (module,) if _module_file(module) is not None else ()
    path = cache_path(name, config, modules=modules, data=data)
    with entry_lock(path, verbose=verbose):
        hit = read_entry(path)
        if hit is None:
            result = {k: np.asarray(v) for k, v in compute().items()}
            write_entry(path, result)
    if hit is not None:
        if verbose:
            print(
                f"[cache] loaded '{name}' (computed earlier with this exact configuration; "
                "YATLIB_NO_CACHE=1 recomputes)"
            )
        return hit
    if verbose:
        print(f"[cache] computed '{name}' now and cached it")
    return result


def use_compilation_cache() -> Path | None:
    """Keep JAX's compiled programs in ``<cache root>/jax`` so another kernel loads them instead of compiling.

    Every program is kept, however fast it compiled (a chapter compiles many small ones), up to
    :data:`COMPILATION_CACHE_BYTES`; JAX locks the folder while it reads or writes, so kernels
    running at the same time share it safely. Nothing changes when JAX already has a compilation cache
    (``JAX_COMPILATION_CACHE_DIR`` or ``jax.config``) or when ``YATLIB_NO_COMPILATION_CACHE=1``;
    the folder in use is returned (None when none is set, or when the cache root cannot be
    created: importing yatlib never fails for want of a writable home). JAX takes the setting at
    its first compilation, so this is called when yatlib is imported.
    """
    import jax

    if jax.config.jax_compilation_cache_dir:  # type: ignore[attr-defined]
        return Path(jax.config.jax_compilation_cache_dir)  # type: ignore[attr-defined]
    if os.environ.get("YATLIB_NO_COMPILATION_CACHE"):
        return None
    try:
        path = cache_dir() / "jax"
        path.mkdir(exist_ok=True)
    except OSError:
        return None
    jax.config.update("jax_compilation_cache_dir", str(path))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_compilation_cache_max_size", COMPILATION_CACHE_BYTES)
    return path
