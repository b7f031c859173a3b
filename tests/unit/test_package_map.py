"""``import yatlib`` is the map of the library: every module is imported, listed in ``__all__`` and
described, one line each, on the package's front page."""

import importlib
import inspect
import re
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


def _api_page_modules() -> list[str]:
    """The modules the API pages document (``book/api*.md``, one per line of a ``yat-apidoc`` block)."""
    out = []
    for page in sorted((ROOT.parent / "book").glob("api*.md")):
        for block in re.findall(r"```\{yat-apidoc\}\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            out += [line.strip() for line in block.splitlines() if line.strip()]
    return out


def test_the_public_api_documents_its_parameters():
    """Every public function and method on the API pages that takes arguments has a numpydoc
    ``Parameters`` section (and every public module is on a page)."""
    documented = _api_page_modules()
    assert set(documented) >= {f"yatlib.{m}" for m in modules() if m not in ("arithmetic", "widgets")}
    missing = []
    for name in documented:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            members = [(attr, obj)] if inspect.isfunction(obj) else []
            if inspect.isclass(obj):
                members += [
                    (f"{attr}.{m}", f) for m, f in vars(obj).items() if not m.startswith("_") and inspect.isfunction(f)
                ]
            for label, f in members:
                takes = [p for p in inspect.signature(f).parameters if p != "self"]
                if takes and "Parameters\n" not in (f.__doc__ or ""):
                    missing.append(f"{name}.{label}")
    assert not missing, f"{len(missing)} public callables lack a numpydoc Parameters section: {missing[:20]}"
