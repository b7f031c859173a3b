"""Print the notebooks listed in ``_toc.yml`` (one path per line), for ``make test``."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_entries(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every ``file:`` of the toc (root first), without suffix, in book order."""
    toc = yaml.safe_load(toc_path.read_text())
    entries = [toc["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                entries.append(item["file"])
            walk(item.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return entries


def toc_notebooks() -> list[Path]:
    return [ROOT / f"{e}.ipynb" for e in toc_entries() if (ROOT / f"{e}.ipynb").exists()]


if __name__ == "__main__":
    sys.stdout.write("".join(f"{p.relative_to(ROOT)}\n" for p in toc_notebooks()))
