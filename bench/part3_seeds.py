"""Part III over seeds: train the painter at several seeds, name its units and knock them out.

For each seed, the whole experiment of Part III (``yatlib.arithmetic.run``: three training
phases, the naming vote, the intervention table with 20 random draws) and its summary
(``yatlib.arithmetic.experiment.summary``): operator-tagged units per operator (C17) and, on
×, the row, slot and random drops with the four parts of C18's band. The results go to the
receipt ``bench/receipts/<name>.json`` (commit it); Part III's chapter 3 shows it. Each seed
takes about 6 minutes on a quiet 2-core machine (the published recipe about 40), and every
run is cached, so a second invocation only summarises.

    YATLIB_DATA=... .venv/bin/python bench/part3_seeds.py                      # seeds 0 1 2, the book's recipe
    YATLIB_DATA=... .venv/bin/python bench/part3_seeds.py --recipe published --seeds 0 --name part3_published
"""

from __future__ import annotations

import argparse
import sys
import time

from yatlib import receipts
from yatlib import arithmetic as arith
from yatlib.arithmetic.experiment import summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--recipe", default="book", choices=list(arith.train.RECIPES))
    parser.add_argument("--name", default="part3_seeds", help="the receipt's name")
    args = parser.parse_args()
    started = time.perf_counter()
    runs = []
    for seed in args.seeds:
        exp = arith.run({"seed": seed}, recipe=args.recipe, progress=True)
        runs.append({"recipe": args.recipe, **summary(exp)})
        print(runs[-1], flush=True)
    path = receipts.write(args.name, "python " + " ".join(["bench/part3_seeds.py", *sys.argv[1:]]),
                          ("yatlib.arithmetic.experiment",), runs,
                          meta={"recipe": args.recipe, "wall_minutes": round((time.perf_counter() - started) / 60, 1)})
    print(f"wrote {path.name}: {sum(r['c18'] for r in runs)} of {len(runs)} seeds meet C18's band")


if __name__ == "__main__":
    main()
