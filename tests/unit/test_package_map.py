"""``import yatlib`` is the map of the library: every module is imported, listed in ``__all__`` and
described, one line each, on the package's front page."""

from pathlib import Path

import yatlib

ROOT = Path(yatlib.__file__).parent


def modules():
    names = {p.stem for p in ROOT.glob("*.py") if not p.stem.startswith("_")}
    names |= {p.parent.name for p in ROOT.glob("*/__init__.py")}
    return sorted(names)


def test_every_module_is_exposed_and_described_once():
    doc = yatlib.__doc__
    for name in modules():
        assert name in yatlib.__all__, f"yatlib.{name} is not in yatlib.__all__"
        assert hasattr(yatlib, name), f"import yatlib does not import yatlib.{name}"
        assert doc.count(f":mod:`yatlib.{name}`") == 1, f"yatlib.{name} needs exactly one line on the front page"
    assert set(yatlib.__all__) - {"__version__"} == set(modules())
