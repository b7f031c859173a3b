"""Closing the gap: the levers of the chapter against the ReLU twin, written to a receipt.

For each width K and training budget (the companion's 12 epochs at a constant Adam 4e-3, and
36 epochs with cosine decay), the script trains the Yat MLP with each lever of
``yatlib.gap.LEVERS`` (one at a time, then combined), and next to each its same-shaped ReLU twin
at the best rate of the twin's grid (chosen on held-out training images 50,000-59,999). It prints
one table: test accuracy on the full Fashion-MNIST test set, the twin's accuracy and rate, the gap
in points, the legibility ratio L (median distance from a prototype to its nearest training image
over the data's nearest-neighbour floor), and the seconds per epoch of both models, timed turn
about in the same process, with their ratio. Then the recipe with L <= 1.5 and the smallest gap on
the validation images (the rule of the chapter; the test set only reports) over three seeds.

Two grids (``--grid``):

- ``chapter`` (default): the recipes chapter part2/09 shows, 21 recipes with a twin grid of three
  rates (2e-3, 4e-3, 8e-3); about ten minutes cold on a quiet 2-core machine.
- ``full``: 4 widths x 2 budgets x 16 levers, each with a twin grid of 4 rates
  (``yatlib.gap.LEARNING_RATES``); several hours cold on a shared 2-core machine. Subsets:
  ``--widths``, ``--levers`` (names of ``yatlib.gap.LEVERS``), ``--budgets`` (names of
  ``yatlib.gap.BUDGETS``), ``--quick`` (the 12-epoch budget only).

The results go to the receipt ``bench/receipts/<--receipt>.json`` (``yatlib.receipts``: the
command, commit, machine, the source fingerprint of ``yatlib.gap`` and one record per run, the
chosen recipe's three seeds marked ``kind: "seed"``), with the pictures Figure F29 draws beside it
in ``<--receipt>.npz`` (8-bit, compressed). A narrowed full grid writes no receipt unless
``--receipt`` is given. Commit both files; the chapter reads them. Run it on a clean checkout
(the receipt records the commit, and says so when there are uncommitted changes).

Every run is cached (``$YATLIB_CACHE``), so a second invocation only prints and writes.

    YATLIB_DATA=... nice -n 10 .venv/bin/python bench/closing_the_gap.py [--grid full [--widths 50 100] [--quick]]
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path

import numpy as np

from yatlib import data, gap, receipts
from yatlib.legibility import LEGIBLE
from yatlib.recipes import COMPANION, Recipe

MODULES = ("yatlib.gap",)
"""The yatlib modules the receipt's numbers depend on (and, through their imports, the rest)."""

RECEIPT = "closing_the_gap"

CHAPTER_RATES = (2e-3, 4e-3, 8e-3)
"""The twin's rates in the chapter's grid (1.6e-2 never won at 12 epochs in the full grid)."""

CHAPTER_LEVERS = [
    "images (the companion's start)",
    "init: matched noise",
    "init: k-means + one-hot readout",
    "per-unit b, ε",
    "anchor λ = 1",
    "readout from zero, lr split",
    "readout from zero, lr split, noise",
]
CHAPTER_LONG = ["readout from zero", "readout from zero, anchor λ = 0.1", "readout from zero, lr split"]

Named = tuple[str, str, str, Recipe]
"""(name shown, lever, budget, recipe)."""


def name(lever: str, budget: str) -> str:
    """The recipe's name in tables and in Figure F29: the lever, after its budget when that is not the first."""
    return lever if budget == next(iter(gap.BUDGETS)) else f"{budget}: {lever}"


def named(widths: list[int], levers: list[str] | None, budget: str) -> list[Named]:
    return [(name(n, budget), n, budget, r) for n, r in gap.grid(widths, levers, budget=budget)]


def chapter_grid() -> list[Named]:
    """Every lever at K = 50 and 200, the companion's start and the split rates at K = 100 and 400 (12 epochs);
    three levers under 36 epochs with cosine decay at K = 100: 21 recipes."""
    twelve, long = list(gap.BUDGETS)
    return (
        named([50, 200], CHAPTER_LEVERS, twelve)
        + named([100, 400], [CHAPTER_LEVERS[0], CHAPTER_LEVERS[5]], twelve)
        + named([100], CHAPTER_LONG, long)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--grid",
        choices=["chapter", "full"],
        default="chapter",
        help="the chapter's 21 recipes (default) or every lever at every width and budget",
    )
    parser.add_argument("--widths", type=int, nargs="+", default=None, help="full grid only (default 50 100 200 400)")
    parser.add_argument(
        "--levers",
        nargs="+",
        default=None,
        choices=list(gap.LEVERS),
        metavar="LEVER",
        help="full grid only: a subset of yatlib.gap.LEVERS (default: all)",
    )
    parser.add_argument(
        "--budgets",
        nargs="+",
        default=None,
        choices=list(gap.BUDGETS),
        metavar="BUDGET",
        help="full grid only: a subset of yatlib.gap.BUDGETS (default: both)",
    )
    parser.add_argument("--quick", action="store_true", help="full grid only: the 12-epoch budget only")
    parser.add_argument(
        "--receipt",
        default=None,
        help=f"the receipt's name (default {RECEIPT!r}; a narrowed full grid writes none unless given)",
    )
    args = parser.parse_args()
    narrowed = args.widths is not None or args.levers is not None or args.budgets is not None or args.quick
    if args.grid == "chapter" and narrowed:
        parser.error("--widths, --levers, --budgets and --quick narrow the full grid: add --grid full.")
    receipt = args.receipt if args.receipt is not None else (None if narrowed else RECEIPT)

    started, cpu_started = time.perf_counter(), time.process_time()
    load_start = [round(v, 2) for v in os.getloadavg()]
    print(
        f"load average at the start: {' '.join(f'{v:.1f}' for v in load_start)} (1, 5, 15 min; {os.cpu_count()} cores)"
    )
    X, y = data.load("fashion-mnist", "train")
    X_test, y_test = data.load("fashion-mnist", "test")
    d = gap.prepare(X, y, X_test, y_test, train_size=COMPANION.train_size, name="Fashion-MNIST")
    if args.grid == "chapter":
        grid, rates = chapter_grid(), CHAPTER_RATES
    else:
        budgets = args.budgets or list(gap.BUDGETS)
        budgets = [b for b in budgets if b == "12 epochs"] if args.quick else budgets
        grid = [g for b in budgets for K in (args.widths or [50, 100, 200, 400]) for g in named([K], args.levers, b)]
        rates = gap.LEARNING_RATES

    rows = gap.compare([(n, r) for n, _, _, r in grid], d, learning_rates=rates, progress=True)
    print("\n=== all recipes ===")
    print(gap.table(rows))
    legible = [c for c in rows if c.yat.legibility <= LEGIBLE]
    goal = [c for c in legible if c.gap <= 1.0]
    print(
        f"\n{len(legible)} of {len(rows)} recipes are legible (L <= {LEGIBLE}); "
        f"{len(goal)} reach a gap <= 1.0 pt with it."
    )
    best, seeds = None, []
    if legible:
        best = gap.best_legible(rows)
        print(
            f"smallest validation gap with L <= {LEGIBLE}: {best.name}, K={best.yat.recipe.n_units}: "
            f"test gap {best.gap:.2f} pt (validation {best.validation_gap:.2f}), L {best.yat.legibility:.2f}, "
            f"cost x{best.cost_ratio:.2f} of ReLU"
        )
        seeds = gap.seeds(best, d, n=3, progress=False)
        print(gap.table(seeds))
        gaps = np.array([c.gap for c in seeds])
        Ls = np.array([c.yat.legibility for c in seeds])
        print(
            f"three seeds: gap {gaps.min():.2f} .. {gaps.max():.2f} pt (mean {gaps.mean():.2f}); "
            f"L {Ls.min():.2f} .. {Ls.max():.2f}"
        )
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    load_end = [round(v, 2) for v in os.getloadavg()]
    print(
        f"\n(wall time {wall:.0f} s, CPU time {cpu:.0f} s; load average at the end "
        f"{' '.join(f'{v:.1f}' for v in load_end)}; timings are inflated by other load on the machine)"
    )
    if receipt:
        write(
            receipt,
            grid,
            rows,
            best,
            seeds,
            d,
            args.grid,
            rates,
            {
                "wall_minutes": round(wall / 60, 2),
                "cpu_minutes": round(cpu / 60, 2),
                "load_average": {"start": load_start, "end": load_end},
            },
        )


def write(
    name_: str,
    grid: list[Named],
    rows: list[gap.Comparison],
    best: gap.Comparison | None,
    seeds: list[gap.Comparison],
    d: gap.Data,
    which: str,
    rates: tuple[float, ...],
    timing: dict,
    folder: Path | None = None,
) -> None:
    """The receipt (JSON) and, beside it, the pictures Figure F29 draws (npz), in ``folder``
    (default bench/receipts)."""
    levers = {(n, r.n_units): (lever, budget) for n, lever, budget, r in grid}
    arrays, keys = gap.pictures(rows)
    runs = []
    for c, key in zip(rows, keys):
        lever, budget = levers[(c.name, c.yat.recipe.n_units)]
        twins = [gap.measure(gap.twin(c.yat.recipe, lr), d) for lr in rates]  # cached: loads
        runs.append(
            gap.record(
                c,
                kind="grid",
                lever=lever,
                budget=budget,
                chosen=c is best,
                pictures=key,
                twin_grid=[
                    [lr, round(t.validation_accuracy, 6), round(t.test_accuracy, 6)] for lr, t in zip(rates, twins)
                ],
            )
        )
    if best is not None:
        lever, budget = levers[(best.name, best.yat.recipe.n_units)]
        runs += [gap.record(s, kind="seed", lever=lever, budget=budget) for s in seeds]
    script = Path(__file__).resolve()
    command = shlex.join(["python", script.relative_to(receipts.RECEIPTS.parents[1]).as_posix(), *sys.argv[1:]])
    meta = {
        "grid": which,
        "twin_rates": list(rates),
        "seeds": len(seeds),
        "chosen": None
        if best is None
        else {"name": best.name, "K": best.yat.recipe.n_units, "rule": f"smallest validation gap with L <= {LEGIBLE}"},
        "data": {
            "name": d.name,
            "train_size": d.train_size,
            "validation": list(d.validation),
            "test_size": len(d.X_test),
            "features": int(d.X.shape[1]),
            "classes": d.n_classes,
            "floor": round(d.floor, 6),
            "key": d.key,
        },
        "pictures_per_recipe": gap.N_PICTURES,
        **timing,
    }
    path = receipts.write(name_, command, MODULES, runs, meta=meta, arrays=arrays, folder=folder)
    print(
        f"receipt: {path.name} ({path.stat().st_size / 1024:.0f} KiB) and {name_}.npz "
        f"({receipts.load(name_, folder=folder).meta['arrays']['bytes'] / 1024:.0f} KiB), {len(runs)} runs"
    )


if __name__ == "__main__":
    main()
