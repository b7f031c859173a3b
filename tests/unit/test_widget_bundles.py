"""Every widget's bundled module is valid JavaScript and carries every shared helper it uses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import anywidget
import pytest

import yatlib.widgets as widgets

HERE = Path(widgets.__file__).parent
NODE = shutil.which("node")
DECL = re.compile(r"^(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+)|let\s+(\w+))", re.M)
CLASSES = [getattr(widgets, n) for n in widgets.__all__
           if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), anywidget.AnyWidget)
           and isinstance(getattr(getattr(widgets, n), "_esm", None), str)]


def _defined(path: Path) -> set[str]:
    return {next(g for g in m.groups() if g) for m in DECL.finditer(path.read_text())}


SHARED = {js.name: _defined(js) for js in HERE.glob("*.js")}


def _bundled_files(esm: str) -> list[str]:
    return re.findall(r"^// ---- (\S+\.m?js) ----$", esm, re.M)


def test_every_widget_module_has_a_pair():
    stems = {p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_")}
    assert stems == {p.stem for p in HERE.glob("*.mjs")}, "each widget is one .py and one .mjs of the same stem"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_bundle_has_the_helpers_it_uses(cls):
    files = _bundled_files(cls._esm)
    own = files[-1]
    assert own.endswith(".mjs") and (HERE / own).stem == cls.__module__.rsplit(".", 1)[-1]
    text = "\n".join((HERE / f).read_text() for f in files)
    # strip comments so names in prose do not count as uses
    code = re.sub(r"//[^\n]*|/\*[\s\S]*?\*/", "", text)
    words = _used_words(code)
    for name, defs in SHARED.items():
        if name in files:
            continue
        used = sorted(d for d in defs if d in words and d not in _defined_all(files))
        assert not used, f"{cls.__name__} uses {used} from {name} but does not bundle it"


USE = re.compile(r"(?<![\w.])(\w+)\b(?!\s*[:=])")


def _used_words(code: str) -> set[str]:
    """Every name the code uses: a whole word not after a dot (a property) nor before ':' or '=' (a key, an
    assignment). A call ``name (`` is such a use too. One scan of the code instead of one regex search per
    shared name (thousands of searches over the whole bundle)."""
    return set(USE.findall(code))


def _defined_all(files: list[str]) -> set[str]:
    """Every name declared anywhere in the files (locals shadow shared helpers of the same name)."""
    text = "\n".join((HERE / f).read_text() for f in files)
    return set(re.findall(r"\b(?:const|let|var|function)\s+(\w+)", text))


# Parses each file given as an ES module (what `node --check` does to a .mjs file) in one node process:
# starting node once per bundle cost more than all the parsing. Prints {file: null or the error}.
_PARSE = r"""
const fs = require("fs"), vm = require("vm");
const out = {};
for (const f of process.argv.slice(1)) {
  try { new vm.SourceTextModule(fs.readFileSync(f, "utf8"), {identifier: f}); out[f] = null; }
  catch (e) { out[f] = String(e); }
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def bundle_files(tmp_path_factory) -> dict[str, tuple[Path, str | None]]:
    """Every widget's bundle written to a file, with node's parse error (None when it parses), by class name."""
    folder = tmp_path_factory.mktemp("bundles")
    paths = {}
    for cls in CLASSES:
        paths[cls.__name__] = folder / f"{cls.__name__}.mjs"
        paths[cls.__name__].write_text(cls._esm)
    proc = subprocess.run([NODE, "--experimental-vm-modules", "--no-warnings", "-e", _PARSE,
                           *(str(p) for p in paths.values())], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    errors = json.loads(proc.stdout)
    return {name: (path, errors[str(path)]) for name, path in paths.items()}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_bundle_is_a_valid_module(cls, bundle_files):
    path, error = bundle_files[cls.__name__]
    if error is not None:  # node --check shows where: file, line and the offending code
        proc = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
        pytest.fail(f"{cls.__name__}'s bundle is not a valid module: {error}\n{proc.stderr}")
