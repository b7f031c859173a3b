"""Part III over seeds: train the painter at several seeds, name its units and knock them out.

For each seed, the whole experiment of Part III (``yatlib.arithmetic.run``: three training
phases, the naming vote, the intervention table with 20 random draws) and its summary
(``yatlib.arithmetic.experiment.summary``): operator-tagged units per operator (C17) and, on
×, the row, slot and random drops with the four parts of C18's band. The results go to the
receipt ``bench/receipts/<name>.json`` (commit it); Part III's chapter 3 shows it.

Each seed runs in a process of its own pinned to one core, so that seeds run side by side.
XLA sums in an order that depends on how many cores a process has, so a run on one core is
reproduced exactly by another one-core run on the same kind of machine, and not by a run on two
(``make test`` runs Part III on the whole machine: its seed 0 agrees with the receipt's within the
spread of the seeds, which chapter 3 checks). ``--workers`` seeds run at a time (default: one per
core). A seed takes about 6 minutes alone on one core (the published recipe about 80), and every
run is cached, so a second invocation only summarises.

    YATLIB_DATA=... .venv/bin/python bench/part3_seeds.py                      # seeds 0 1 2, the book's recipe
    YATLIB_DATA=... .venv/bin/python bench/part3_seeds.py --recipe published --seeds 0 --name part3_published
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shlex
import sys
import time

_FREE_CORES = None


def _worker_start(free_cores) -> None:
    global _FREE_CORES
    _FREE_CORES = free_cores


def one_seed(job: tuple[int, str]) -> dict:
    """Run the experiment for one seed on a free core (a process of its own); returns its summary."""
    seed, recipe = job
    core = _FREE_CORES.get()
    try:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {core})  # before JAX starts its thread pools
        from yatlib import arithmetic as arith
        from yatlib.arithmetic.experiment import summary

        exp = arith.run({"seed": seed}, recipe=recipe, progress=False)
        return {"recipe": recipe, **summary(exp)}
    finally:
        _FREE_CORES.put(core)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--recipe", default="book", choices=["book", "published"])
    parser.add_argument("--name", default="part3_seeds", help="the receipt's name")
    parser.add_argument("--workers", type=int, default=None, help="seeds at a time (default: one per core)")
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]
    workers = max(1, min(args.workers or len(cores), len(args.seeds), len(cores)))
    jobs = [(seed, args.recipe) for seed in args.seeds]
    started = time.perf_counter()
    print(f"{len(jobs)} seeds of the {args.recipe!r} recipe, {workers} at a time, each pinned to one core", flush=True)
    ctx = mp.get_context("spawn")
    free = ctx.Manager().Queue()
    for core in cores[:workers]:
        free.put(core)
    with ctx.Pool(workers, initializer=_worker_start, initargs=(free,), maxtasksperchild=1) as pool:
        runs = []
        for run in pool.imap(one_seed, jobs):
            print(run, flush=True)
            runs.append(run)
    from yatlib import receipts

    command = shlex.join(["python", "bench/part3_seeds.py", *sys.argv[1:]])
    path = receipts.write(
        args.name,
        command,
        ("yatlib.arithmetic.experiment",),
        runs,
        meta={
            "recipe": args.recipe,
            "cores_per_seed": 1,
            "wall_minutes": round((time.perf_counter() - started) / 60, 1),
        },
    )
    print(f"wrote {path.name}: {sum(r['c18'] for r in runs)} of {len(runs)} seeds meet C18's band")


if __name__ == "__main__":
    main()
