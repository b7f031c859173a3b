"""Receipts: the committed results of a sweep too long to run when the book is built.

A sweep runs as a script in ``bench/`` and writes a receipt to ``bench/receipts/``: a JSON file
with the command, commit, machine, the fingerprint of the yatlib source its numbers depend on, and
one record per run, plus an ``.npz`` of arrays whose SHA-256 it records. A chapter shows the sweep
from it (:meth:`Receipt.describe`), recomputes only what its claims need and checks agreement
(:func:`check_agrees`). A receipt is *stale* (:meth:`Receipt.stale`) when that source has changed.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import platform
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .cache import source_fingerprint

__all__ = [
    "RECEIPTS",
    "Receipt",
    "ReceiptMismatch",
    "write",
    "load",
    "load_arrays",
    "seed_noise",
    "agrees",
    "check_agrees",
    "machine",
]

RECEIPTS = Path(__file__).resolve().parents[1] / "bench" / "receipts"
"""Where receipts are kept: ``bench/receipts/`` of the repository."""


class ReceiptMismatch(AssertionError):
    """Numbers recomputed now differ from a receipt's record of the same run by more than the stated noise."""


def machine() -> dict[str, Any]:
    """Facts about the machine a sweep runs on: processor, cores, memory, Python and JAX versions."""
    import jax

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory = float("nan")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "jax": jax.__version__,
        "system": platform.system(),
    }


def _commit() -> str:
    root = RECEIPTS.parents[1]
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


@dataclass(frozen=True)
class Receipt:
    """A sweep's committed results.

    Attributes
    ----------
    name : str
        The receipt's name (its file is ``bench/receipts/<name>.json``).
    command : str
        The command that produced it.
    commit : str
        The git commit it ran on (followed by "(with uncommitted changes)" when the tree was not clean).
    machine : dict
        :func:`machine` where it ran.
    modules : list of str
        The yatlib modules its numbers depend on; ``fingerprint`` is their
        :func:`~yatlib.cache.source_fingerprint` when it ran.
    runs : list of dict
        One record of numbers per run of the sweep.
    meta : dict
        Anything else the sweep records (its settings, its date and wall time, ``arrays``: the
        file of arrays kept beside it and its SHA-256).
    """

    name: str
    command: str
    commit: str
    machine: dict[str, Any]
    modules: list[str]
    fingerprint: str
    runs: list[dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)

    def stale(self) -> bool:
        """True when the source of :attr:`modules` has changed since the receipt was written."""
        return source_fingerprint(*self.modules) != self.fingerprint

    def where(self, **match: Any) -> list[dict[str, Any]]:
        """The runs whose entries equal ``match`` (e.g. ``where(seed=0)``).

        Parameters
        ----------
        **match
            Entries a run must have, e.g. ``seed=0, recipe="book"``.

        Returns
        -------
        list of dict
            The matching runs, in the receipt's order.
        """
        return [r for r in self.runs if all(r.get(k) == v for k, v in match.items())]

    def describe(self) -> str:
        """Where the numbers come from, in one phrase for a reader, read from the receipt:

        ``measured by `<command>` on <cores> cores of <processor> (JAX <version>), at commit <first 10
        digits>[ with uncommitted changes], on <date>[, in <minutes> min]``.
        """
        m, meta = self.machine, self.meta
        commit, _, rest = self.commit.partition(" ")
        dirty = " with uncommitted changes" if "uncommitted" in rest else ""
        took = f", in {meta['wall_minutes']:.0f} min" if "wall_minutes" in meta else ""
        return (
            f"measured by `{self.command}` on {m.get('cores', '?')} cores of {m.get('cpu', 'an unknown processor')}"
            f" (JAX {m.get('jax', '?')}), at commit {commit[:10]}{dirty}, on {meta.get('date', 'an unknown date')}"
            f"{took}"
        )


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write(
    name: str,
    command: str,
    modules: Sequence[str],
    runs: Sequence[Mapping[str, Any]],
    *,
    meta: Mapping[str, Any] | None = None,
    arrays: Mapping[str, np.ndarray] | None = None,
    folder: Path | None = None,
) -> Path:
    """Write the receipt ``name`` (JSON) and, with ``arrays``, ``<name>.npz`` beside it; returns the JSON's path.

    Both files are written atomically. The ``.npz`` (compressed, read with ``allow_pickle=False``)
    also holds the source fingerprint, and the receipt records its SHA-256 (``meta["arrays"]``):
    :func:`load_arrays` accepts only the file written with this receipt. The commit is read before
    anything is written, so a rewritten ``.npz`` does not count as an uncommitted change.

    Parameters
    ----------
    name : str
        The receipt's name (``<name>.json``).
    command : str
        The command that produced it, as a reader would type it.
    modules : list of str
        The yatlib modules whose source computes the numbers (their fingerprint is recorded).
    runs : list of dict
        One record of numbers per run.
    meta : dict, optional
        Anything else worth keeping (date, settings, wall time).
    arrays : dict of str to ndarray, optional
        Arrays kept beside the receipt, in ``<name>.npz``.
    folder : path, optional
        Where to write (default: ``bench/receipts``).

    Returns
    -------
    Path
        The JSON file written.
    """
    commit, fingerprint = _commit(), source_fingerprint(*modules)
    folder = RECEIPTS if folder is None else Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"date": datetime.date.today().isoformat(), **(meta or {})}
    if arrays is not None:
        buf = io.BytesIO()
        np.savez_compressed(buf, fingerprint=np.asarray(fingerprint), **{k: np.asarray(v) for k, v in arrays.items()})  # type: ignore[arg-type]  # numpy stub: **arrays also matched against allow_pickle
        blob = buf.getvalue()
        _atomic_write(folder / f"{name}.npz", blob)
        meta["arrays"] = {"file": f"{name}.npz", "sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}
    receipt = {
        "name": name,
        "command": command,
        "commit": commit,
        "machine": machine(),
        "modules": sorted(modules),
        "fingerprint": fingerprint,
        "runs": [dict(r) for r in runs],
        "meta": meta,
    }
    path = folder / f"{name}.json"
    _atomic_write(path, (json.dumps(receipt, indent=1, ensure_ascii=False, allow_nan=False) + "\n").encode())
    return path


def load(name: str, *, folder: Path | None = None) -> Receipt:
    """The receipt ``name`` from ``bench/receipts/`` (or ``folder``).

    Raises :class:`FileNotFoundError` naming the bench to run when it is missing.

    Parameters
    ----------
    name : str
        The receipt's name.
    folder : path, optional
        Where it is kept (default: ``bench/receipts``).

    Returns
    -------
    Receipt
        The committed results.
    """
    path = (RECEIPTS if folder is None else Path(folder)) / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"no receipt '{name}' at {path}: run the bench that writes it (bench/{name}.py) and commit its output."
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = {"name", "command", "commit", "machine", "modules", "fingerprint", "runs"} - set(data)
    if missing:
        raise ValueError(f"receipt {path.name} is missing {sorted(missing)}; run its bench again.")
    return Receipt(
        **{k: data[k] for k in ("name", "command", "commit", "machine", "modules", "fingerprint", "runs")},
        meta=data.get("meta", {}),
    )


def load_arrays(receipt: Receipt, *, folder: Path | None = None) -> dict[str, np.ndarray]:
    """The arrays kept beside ``receipt`` (``meta["arrays"]``), or ``{}`` when it keeps none.

    Raises :class:`FileNotFoundError` when the file is missing and :class:`ValueError` when it is not
    the one written with the receipt (another SHA-256, or another source fingerprint): the bench
    must run again, and both files be committed.

    Parameters
    ----------
    receipt : Receipt
        A receipt from :func:`load`.
    folder : path, optional
        Where its files are kept (default: ``bench/receipts``).

    Returns
    -------
    dict of str to ndarray
        The arrays, by name.
    """
    info = receipt.meta.get("arrays")
    if not info:
        return {}
    path = (RECEIPTS if folder is None else Path(folder)) / str(info["file"])
    again = f"run `{receipt.command}` and commit both files."
    if not path.is_file():
        raise FileNotFoundError(f"receipt '{receipt.name}' keeps its arrays in {path.name}, which is missing: {again}")
    blob = path.read_bytes()
    if hashlib.sha256(blob).hexdigest() != info.get("sha256"):
        raise ValueError(
            f"{path.name} is not the file written with receipt '{receipt.name}' (its digest differs): {again}"
        )
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        if str(z["fingerprint"]) != receipt.fingerprint:
            raise ValueError(f"{path.name} was computed by other source than receipt '{receipt.name}': {again}")
        return {k: z[k] for k in z.files if k != "fingerprint"}


def seed_noise(records: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> dict[str, float]:
    r"""The noise of each number ``keys``: its range over the seeds of one recipe, :math:`\max_s v_s - \min_s v_s`.

    ``records`` are a receipt's records of one recipe at several seeds. A recomputed run of one of
    those seeds (on other hardware, float sums in another order) is allowed to differ from its record
    by as much as one seed differs from another.

    Parameters
    ----------
    records : list of dict
        The runs of one recipe at two seeds or more.
    keys : list of str
        The numbers to measure.

    Returns
    -------
    dict of str to float
        The range of each number over the seeds.
    """
    if len(records) < 2:
        raise ValueError(f"the noise needs the records of at least 2 seeds; got {len(records)}.")
    return {k: float(np.ptp([float(r[k]) for r in records])) for k in keys}


def agrees(
    recomputed: Mapping[str, float], recorded: Mapping[str, float], noise: Mapping[str, float]
) -> dict[str, tuple[float, float, float, bool]]:
    """Compare numbers recomputed now with a receipt's record of the same run.

    For each key of ``noise``: ``(recomputed, recorded, allowed difference, within it)``.

    Parameters
    ----------
    recomputed, recorded : dict of str to float
        The numbers now and in the receipt.
    noise : dict of str to float
        The difference allowed for each number compared (e.g. from :func:`seed_noise`).

    Returns
    -------
    dict of str to tuple
        ``(recomputed, recorded, allowed, within)`` per number.
    """
    out = {}
    for key, allowed in noise.items():
        a, b = float(recomputed[key]), float(recorded[key])
        out[key] = (a, b, float(allowed), abs(a - b) <= allowed)
    return out


def check_agrees(
    recomputed: Mapping[str, float],
    recorded: Mapping[str, float],
    noise: Mapping[str, float],
    *,
    what: str = "the receipt",
    words: Mapping[str, tuple[str, float, str]] | None = None,
) -> str:
    """:func:`agrees`, reported one line per number; raises :class:`ReceiptMismatch` on any number off by more than
    its noise (either the code computes other numbers than when the receipt was written, and its bench must run
    again, or the noise is understated).

    ``words`` maps a key to ``(words for the reader, scale for printing, unit)``, e.g.
    ``{"gap": ("gap (test)", 1.0, "pt")}``; differences of numbers with a unit are printed in points.

    Parameters
    ----------
    recomputed, recorded : dict of str to float
        The numbers now and in the receipt.
    noise : dict of str to float
        The difference allowed for each number compared.
    what : str
        What the record is, for the report (e.g. "the receipt's seed 0").
    words : dict, optional
        For each key, ``(words for the reader, scale for printing, unit)``.

    Returns
    -------
    str
        The report, one line per number.
    """
    words = words or {}
    lines, bad = [], []
    for key, (now, then, allowed, ok) in agrees(recomputed, recorded, noise).items():
        name, scale, unit = words.get(key, (key, 1.0, ""))
        u, d = (f" {unit}", " pt") if unit else ("", "")  # a difference of percentages is in points
        counts = not unit and all(float(v).is_integer() for v in (scale * now, scale * then, scale * allowed))
        f = ".0f" if counts else ".2f"  # a count (of units, say) is printed as one
        lines.append(
            f"{name}: now {scale * now:{f}}{u}, {what} {scale * then:{f}}{u}; they differ by "
            f"{scale * abs(now - then):{f}}{d}, allowed {scale * allowed:{f}}{d}: "
            f"{'agrees' if ok else 'DOES NOT AGREE'}"
        )
        if not ok:
            bad.append(name)
    report = "\n".join(lines)
    if bad:
        raise ReceiptMismatch(
            f"{', '.join(bad)} differ from {what} by more than the stated noise:\n{report}\n"
            "Either the code computes other numbers than when the receipt was written (run its "
            "bench again and commit the receipt), or the noise is understated."
        )
    return report
