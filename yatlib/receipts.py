"""Receipts: the committed results of a sweep too long to run when the book is built.

A sweep (a grid of recipes, a set of seeds) runs as a script in ``bench/`` and writes a
receipt: a JSON file in ``bench/receipts/`` with the command that produced it, the commit it
ran on, the machine it ran on, the fingerprint of the yatlib source its numbers depend on, and
the numbers themselves, one record per run. The receipt is committed; a chapter shows the sweep
from it, labelled as such, and recomputes at build time only what its claims need, checking
that the recomputed numbers agree with the receipt's (:func:`agrees`).

A receipt is *stale* when the source it was computed from has changed since
(:meth:`Receipt.stale`): its numbers may no longer be what the code computes, and the bench
must run again. The unit tests fail on a stale receipt.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .cache import source_fingerprint

__all__ = ["RECEIPTS", "Receipt", "ReceiptMismatch", "write", "load", "agrees", "check_agrees", "machine"]

RECEIPTS = Path(__file__).resolve().parents[1] / "bench" / "receipts"
"""Where receipts are kept: ``bench/receipts/`` of the repository."""


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
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    except (ValueError, OSError, AttributeError):
        memory = float("nan")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1),
            "python": platform.python_version(), "jax": jax.__version__, "system": platform.system()}


def _commit() -> str:
    root = RECEIPTS.parents[1]
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
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
        The git commit it ran on.
    machine : dict
        :func:`machine` where it ran.
    modules : list of str
        The yatlib modules its numbers depend on; ``fingerprint`` is their
        :func:`~yatlib.cache.source_fingerprint` when it ran.
    runs : list of dict
        One record of numbers per run of the sweep.
    meta : dict
        Anything else the sweep records (its settings, its wall time).
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
        """The runs whose entries equal ``match`` (e.g. ``where(seed=0)``)."""
        return [r for r in self.runs if all(r.get(k) == v for k, v in match.items())]

    def describe(self) -> str:
        """One line for a reader: what produced the receipt, where and when it ran."""
        m = self.machine
        return (f"Receipt '{self.name}': {len(self.runs)} runs of `{self.command}` at commit {self.commit[:10]}, "
                f"on {m.get('cores')} cores ({m.get('cpu')}), {self.meta.get('date', 'date unknown')}"
                + (f", {self.meta['wall_minutes']:.0f} min" if "wall_minutes" in self.meta else "") + ".")


def write(name: str, command: str, modules: Sequence[str], runs: Sequence[Mapping[str, Any]], *,
          meta: Mapping[str, Any] | None = None, folder: Path | None = None) -> Path:
    """Write the receipt ``name`` atomically (JSON); returns its path."""
    import datetime

    receipt = {"name": name, "command": command, "commit": _commit(), "machine": machine(),
               "modules": sorted(modules), "fingerprint": source_fingerprint(*modules),
               "runs": [dict(r) for r in runs],
               "meta": {"date": datetime.date.today().isoformat(), **(meta or {})}}
    folder = RECEIPTS if folder is None else Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(receipt, fh, indent=1, ensure_ascii=False, allow_nan=False)
            fh.write("\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load(name: str, *, folder: Path | None = None) -> Receipt:
    """The receipt ``name`` from ``bench/receipts/`` (or ``folder``).

    Raises :class:`FileNotFoundError` naming the bench to run when it is missing.
    """
    path = (RECEIPTS if folder is None else Path(folder)) / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no receipt '{name}' at {path}: run the bench that writes it "
                                f"(bench/{name}.py) and commit its output.")
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = {"name", "command", "commit", "machine", "modules", "fingerprint", "runs"} - set(data)
    if missing:
        raise ValueError(f"receipt {path.name} is missing {sorted(missing)}; run its bench again.")
    return Receipt(**{k: data[k] for k in ("name", "command", "commit", "machine", "modules", "fingerprint", "runs")},
                   meta=data.get("meta", {}))


def agrees(recomputed: Mapping[str, float], recorded: Mapping[str, float],
           noise: Mapping[str, float]) -> dict[str, tuple[float, float, float, bool]]:
    """Compare numbers recomputed now with a receipt's record of the same run.

    For each key of ``noise``: ``(recomputed, recorded, allowed difference, within it)``.
    """
    out = {}
    for key, allowed in noise.items():
        a, b = float(recomputed[key]), float(recorded[key])
        out[key] = (a, b, float(allowed), abs(a - b) <= allowed)
    return out



class ReceiptMismatch(AssertionError):
    """Numbers recomputed now differ from a receipt's record of the same run by more than the stated noise."""


def check_agrees(recomputed: Mapping[str, float], recorded: Mapping[str, float], noise: Mapping[str, float],
                 *, what: str = "the run") -> dict[str, tuple[float, float, float, bool]]:
    """:func:`agrees`, printed one line per number; raises :class:`ReceiptMismatch` when any differs by more
    than its noise (the receipt no longer describes what the code computes: run its bench again)."""
    out = agrees(recomputed, recorded, noise)
    print(f"{what}, recomputed now against the receipt:")
    for key, (a, b, allowed, ok) in out.items():
        print(f"    {key}: {a:g} now, {b:g} in the receipt (allowed difference {allowed:g}) {'ok' if ok else 'DIFFERS'}")
    bad = [k for k, v in out.items() if not v[3]]
    if bad:
        raise ReceiptMismatch(f"{what}: {', '.join(bad)} differ from the receipt by more than the stated noise.")
    return out
