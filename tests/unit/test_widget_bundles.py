"""Every widget's bundled module is valid JavaScript and carries every shared helper it uses."""

from __future__ import annotations

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
CLASSES = [
    getattr(widgets, n)
    for n in widgets.__all__
    if isinstance(getattr(widgets, n), type)
    and issubclass(getattr(widgets, n), anywidget.AnyWidget)
    and isinstance(getattr(getattr(widgets, n), "_esm", None), str)
]


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
    for name, defs in SHARED.items():
        if name in files:
            continue
        used = sorted(
            d
            for d in defs
            if re.search(rf"(?<![\w.]){d}\s*\(|(?<![\w.]){d}\b(?!\s*[:=])", code) and d not in _defined_all(files)
        )
        assert not used, f"{cls.__name__} uses {used} from {name} but does not bundle it"


def _defined_all(files: list[str]) -> set[str]:
    """Every name declared anywhere in the files (locals shadow shared helpers of the same name)."""
    text = "\n".join((HERE / f).read_text() for f in files)
    return set(re.findall(r"\b(?:const|let|var|function)\s+(\w+)", text))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_bundle_is_a_valid_module(cls, tmp_path):
    path = tmp_path / "bundle.mjs"
    path.write_text(cls._esm)
    proc = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------- top-level names

# A bundle is one module made of pasted files, so every top-level name of every file shares one
# scope. Top-level declarations start a line (the files' style); the node check below confirms it
# with node's own parser.
TOP = re.compile(
    r"^(?:export\s+default\s+)?(?:async\s+)?(?:function\s*\*?\s*(\w+)|class\s+(\w+)"
    r"|(?:const|let|var)\s+(?:(\w+)|\{([^}]*)\}|\[([^\]]*)\]))",
    re.M,
)


def _top_level(text: str) -> list[str]:
    """The names that ``text`` declares at its top level (functions, classes, const, let, var)."""
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    out = []
    for m in TOP.finditer(text):
        single = next((g for g in m.groups()[:3] if g), None)
        if single:
            out.append(single)
        else:  # a destructuring pattern: {a, b: c, ...d} or [a, , b]
            pattern = m.group(4) if m.group(4) is not None else m.group(5)
            for part in pattern.split(","):
                name = part.split(":")[-1].split("=")[0].strip().lstrip(".")
                if re.fullmatch(r"\w+", name):
                    out.append(name)
    return out


def _declared_in(esm: str) -> dict[str, list[str]]:
    """``{name: [the bundled files that declare it at the top level]}`` for a bundled module."""
    parts = re.split(r"^// ---- (.+?) ----$", esm, flags=re.M)  # ["", name, text, name, text, ...]
    where: dict[str, list[str]] = {}
    for name, text in zip(parts[1::2], parts[2::2]):
        for decl in _top_level(text):
            where.setdefault(decl, []).append(name)
    return where


def test_top_level_scan_finds_declarations():
    text = (
        "function a() {\n  const inner = 1;\n}\nconst b = 2, c = 3;\nlet { d, e: f } = g;\n"
        "class H {}\nasync function i() {}\n"
    )
    assert _top_level(text) == ["a", "b", "d", "f", "H", "i"]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_bundle_declares_each_top_level_name_once(cls):
    twice = {n: files for n, files in _declared_in(cls._esm).items() if len(files) > 1}
    assert not twice, f"{cls.__name__}'s bundle declares these top-level names more than once: {twice}"


def test_widget_names_never_shadow_a_shared_helper():
    """Any shared .js may be bundled with any widget: no two files may declare the same top-level name,
    except widgets' own .mjs files among themselves (two widgets are never in one bundle)."""
    shared: dict[str, list[str]] = {}
    for path in sorted(HERE.glob("*.js")):
        for name in _top_level(path.read_text()):
            shared.setdefault(name, []).append(path.name)
    clashes = {n: files for n, files in shared.items() if len(files) > 1}
    for path in sorted(HERE.glob("*.mjs")):
        for name in _top_level(path.read_text()):
            if name in shared:
                clashes.setdefault(name, list(shared[name])).append(path.name)
    assert not clashes, f"top-level names declared in more than one file (rename the widget's own): {clashes}"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_every_widget_parses_with_every_shared_helper(tmp_path):
    """node's parser on each .mjs pasted after every shared .js (a duplicate declaration is a SyntaxError)."""
    shared = "\n;\n".join(p.read_text() for p in sorted(HERE.glob("*.js")))
    failed = []
    for mjs in sorted(HERE.glob("*.mjs")):
        path = tmp_path / mjs.name
        path.write_text(f"{widgets.bundle(mjs.name)}\n;\n{shared}")
        proc = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            said = [line for line in proc.stderr.splitlines() if "Error" in line] or [proc.stderr.strip()]
            failed.append(f"{mjs.name}: {said[0]}")
    assert not failed, "\n".join(failed)


# ---------------------------------------------------------------- the life of a view

OWN = sorted(HERE.glob("*.mjs"))


def _code(path: Path) -> str:
    return re.sub(r"//[^\n]*|/\*[\s\S]*?\*/", "", path.read_text())


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_render_returns_the_views_cleanup(path):
    """anywidget calls what render returns when the view is removed: mountWidget's cleanup (viewLife)."""
    code = _code(path)
    render = code[code.index("export default") :]
    assert re.search(r"render\(\{[^}]*\}\)\s*\{\s*(?:const [^;]+;\s*)*return mountWidget\(", render), (
        f"{path.name}: render must return mountWidget(...) (the view's cleanup)"
    )
    assert "(root, life)" in render, f"{path.name}: pass the view's life to the figure: (root, life) => ..."


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_what_a_view_starts_is_given_to_its_life(path):
    """Model listeners go through life.on, channels, loops and debounced calls through life.add (or are
    returned to a caller that does), and
    nothing else global (window or document listeners, observers, timers, frames) is started by hand."""
    code = _code(path)
    assert not re.search(r"(?<![\w.])model\.on\(", code), f"{path.name}: listen with life.on(model, event, fn)"
    for helper in ("liveChannel", "animationLoop", "debounce"):
        for m in re.finditer(rf"(?<![\w.]){helper}\(", code):
            # life.add(helper(...)), or a function that returns it to a caller that does (the browser test checks)
            before = code[: m.start()].rstrip()
            assert before.endswith("life.add(") or re.search(r"(?:^|[;{}])\s*return$", before), (
                f"{path.name}: wrap {helper}(...) in life.add(...)"
            )
    for pattern in (
        r"(?:window|document)\.addEventListener",
        r"new (?:Resize|Intersection|Mutation)Observer",
        r"(?<![\w.])setInterval\(",
        r"(?<![\w.])requestAnimationFrame\(",
    ):
        assert not re.search(pattern, code), (
            f"{path.name}: {pattern} started by hand; use a dom.js helper "
            "(animationLoop, onThemeChange) and give it to life.add"
        )


# ---------------------------------------------------------------- one way to build a widget


def test_every_widget_is_a_yat_widget_built_by_its_init():
    """A widget's __init__ takes the data it shows; the only constructor besides it is from_model (a
    widget read from a trained model). No build(), from_runs(), ... and no module function returns one."""
    for cls in CLASSES:
        assert issubclass(cls, widgets.YatWidget), f"{cls.__name__} must derive from YatWidget"
        makers = {name for name, value in vars(cls).items() if isinstance(value, classmethod)}
        assert makers <= {"from_model"}, (
            f"{cls.__name__} has constructors {sorted(makers)}; use __init__ (or from_model)"
        )
    exported = [getattr(widgets, n) for n in widgets.__all__]
    assert all(isinstance(x, type) or x is widgets.bundle for x in exported), "widgets are classes, not functions"
