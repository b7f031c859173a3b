"""Cache, claims, toy data, images, widget bundling."""

import numpy as np
import pytest

from yatlib import cache, claims, images, toy
from yatlib.widgets import bundle


def test_cache_roundtrip_key_and_atomicity(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"a": np.arange(3)}

    out1 = cache.cached_arrays("thing", {"k": 1}, compute, verbose=False)
    out2 = cache.cached_arrays("thing", {"k": 1}, compute, verbose=False)
    cache.cached_arrays("thing", {"k": 2}, compute, verbose=False)
    assert len(calls) == 2 and (out1["a"] == out2["a"]).all()
    assert not list(tmp_path.glob("*.tmp*"))
    path = cache.cache_path("thing", {"k": 1})
    path.write_bytes(b"garbage")  # a corrupt entry is recomputed, not trusted
    assert cache.read_entry(path) is None
    monkeypatch.setenv("YATLIB_NO_CACHE", "1")
    cache.cached_arrays("thing", {"k": 2}, compute, verbose=False)
    assert len(calls) == 3
    with pytest.raises(ValueError, match="JSON"):
        cache.cache_path("thing", {"k": object()})
    with pytest.raises(ValueError, match="plain"):
        cache.cache_path("a/b", {})


def test_a_second_caller_waits_for_the_entry_being_computed(tmp_path, monkeypatch, capsys):
    """Two callers of one entry (two kernels, here two threads with their own lock handles): the
    second waits while the first computes, then loads the first's result; compute runs once."""
    import threading

    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    monkeypatch.delenv("YATLIB_QUIET", raising=False)
    started, calls = threading.Event(), []

    def slow():
        calls.append("slow")
        started.set()
        threading.Event().wait(1.0)
        return {"a": np.arange(4)}

    first = threading.Thread(target=cache.cached_arrays, args=("shared", {"k": 1}, slow), kwargs={"verbose": False})
    first.start()
    assert started.wait(10)
    out = cache.cached_arrays("shared", {"k": 1}, lambda: calls.append("again") or {"a": np.zeros(4)})
    first.join()
    assert calls == ["slow"] and (out["a"] == np.arange(4)).all()
    printed = capsys.readouterr().out
    assert "another process is computing 'shared'; waiting" in printed and "loaded 'shared'" in printed


def test_quiet_mode_prints_no_cache_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    for value, quiet in (("1", True), ("", False), ("0", False)):
        monkeypatch.setenv("YATLIB_QUIET", value)
        assert cache.quiet() is quiet
        cache.cached_arrays("q", {"v": value}, lambda: {"a": np.zeros(2)})
        assert ("[cache]" in capsys.readouterr().out) is not quiet


def test_claims_check_prints_returns_nothing_and_raises(capsys):
    assert claims.check("C99", "demo", book="1.0", article="1.0", band="exact", passed=True) is None
    out = capsys.readouterr().out
    assert "C99 | demo" in out and "within the band" in out and "Claim(" not in out
    with pytest.raises(claims.ClaimFailed, match="outside the band"):
        claims.check("C99", "demo", book="2.0", article="1.0", band="exact", passed=False)
    assert claims.within(0.684, 0.685, 0.005) and not claims.within(0.70, 0.685, 0.005)


def test_a_reported_claim_needs_a_verdict_outside_its_band_and_only_then(capsys):
    claims.check(
        "C98",
        "reported",
        book="1",
        article="3",
        band="x >= 3",
        passed=False,
        enforce=False,
        verdict="qualified",
        reason="same direction, smaller",
    )
    assert "reported, not asserted: qualified" in capsys.readouterr().out
    with pytest.raises(ValueError, match="verdict"):
        claims.check("C98", "reported", book="1", article="3", band="x >= 3", passed=False, enforce=False)
    with pytest.raises(ValueError, match="only for a reported claim"):
        claims.check(
            "C98", "asserted", book="3", article="3", band="x >= 3", passed=True, verdict="qualified", reason="no"
        )


def test_a_finding_prints_its_verdict_and_raises_when_it_no_longer_holds(capsys):
    assert (
        claims.finding(
            "B99", "demo finding", book="1", article="'it is 2'", verdict="qualified", holds=True, bears_on=["C99"]
        )
        is None
    )
    assert "-> qualifies the articles' statement (bears on C99)" in capsys.readouterr().out
    with pytest.raises(claims.ClaimFailed, match="does NOT hold"):
        claims.finding("B99", "demo", book="1", article="-", verdict="confirmed", holds=False)
    with pytest.raises(ValueError, match="verdict"):
        claims.finding("B99", "demo", book="1", article="-", verdict="reproduced", holds=True)


def test_records_carry_the_code_version_and_grade_by_the_rule():
    record = claims.Claim("C01", "w", "1", "1", "b", True).record()
    assert record["kind"] == "claim" and record["code"] == claims.code_version()
    assert set(record["code"]) == {"yatlib", "source"}

    def f(fid, verdict, on):
        return claims.Finding(fid, "w", "1", "a", verdict, tuple(on)).record()

    assert claims.grade(record, []) == ("confirmed", [])
    assert claims.grade(record, [f("B1", "confirmed", ["C01"]), f("B2", "qualified", ["C02"])]) == ("confirmed", [])
    verdict, reasons = claims.grade(record, [f("B1", "qualified", ["C01"]), f("B2", "qualified", [])])
    assert verdict == "qualified" and [r["id"] for r in reasons] == ["B1"]
    verdict, reasons = claims.grade(record, [f("B1", "qualified", ["C01"]), f("B3", "contradicted", ["C01"])])
    assert verdict == "contradicted" and [r["id"] for r in reasons] == ["B3"]
    reported = claims.Claim("C18", "w", "1", "3", "b", False, "qualified", "short").record()
    assert claims.grade(reported, []) == ("qualified", [])
    with pytest.raises(ValueError, match="cannot be graded"):
        claims.grade(claims.Claim("C18", "w", "1", "3", "b", False).record(), [])


def test_no_record_outside_a_kernel(capsys):
    """Run from plain Python (here, pytest), a check prints its line and leaves no output behind."""
    claims.check("C97", "demo", book="1", article="1", band="exact", passed=True)
    assert capsys.readouterr().out.count("\n") == 2


@pytest.mark.parametrize("name", sorted(toy.DATASETS))
def test_toy_data_sets_are_seeded_and_shaped(name):
    X, y = toy.make(name, 50, seed=3)
    X2, y2 = toy.make(name, 50, seed=3)
    assert X.shape == (50, 2) and X.dtype == np.float32 and y.shape == (50,)
    np.testing.assert_array_equal(X, X2)
    assert len(np.unique(y)) >= 2


def test_toy_bad_input():
    with pytest.raises(ValueError, match="unknown data set"):
        toy.make("swiss-roll")
    with pytest.raises(ValueError, match="n must be"):
        toy.moons(1)
    with pytest.raises(ValueError, match="noise"):
        toy.xor(10, noise=-1)


def test_images():
    imgs = np.random.default_rng(0).random((3, 784))
    assert images.to_uint8(imgs).shape == (3, 28, 28)
    assert images.png_data_uri(imgs[0]).startswith("data:image/png;base64,")
    fig = images.gallery_figure(imgs, titles=["a", "b", "c"], border_colors=["red"] * 3, ncols=2)
    assert len(fig.layout.shapes) == 3
    decoded = np.frombuffer(__import__("base64").b64decode(images.float32_b64(imgs)), "<f4")
    np.testing.assert_allclose(decoded, imgs.ravel(), rtol=1e-6)
    with pytest.raises(ValueError, match="not a square picture"):
        images.to_uint8(np.ones((2, 10)))
    with pytest.raises(ValueError, match="at least one"):
        images.gallery_figure(np.ones((0, 784)))


def test_bundle():
    text = bundle("kernels.js", "handbuilt_explorer.mjs")
    assert "function yatActivations" in text and "export default" in text
    with pytest.raises(FileNotFoundError, match="missing"):
        bundle("nope.js")
    with pytest.raises(ValueError):
        bundle()


def test_cache_key_follows_the_library_source(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    before = cache.cache_path("thing", {"k": 1})
    assert len(cache.source_fingerprint()) == 16
    monkeypatch.setattr(cache, "source_fingerprint", lambda: "0" * 16)
    assert cache.cache_path("thing", {"k": 1}) != before, "an edited yatlib must not reuse old results"


def test_fingerprint_covers_what_a_result_imports_and_nothing_else():
    closure = {p.name for p in cache._closure(("yatlib.recipes",))}
    assert {"recipes.py", "training.py", "layers.py", "kernels.py", "data.py"} <= closure
    assert not any(name.endswith((".mjs", ".js")) for name in closure)
    assert "display.py" not in closure and "_bundle.py" not in closure
    assert cache.source_fingerprint("yatlib.recipes") != cache.source_fingerprint("yatlib.toy")
    with pytest.raises(ValueError, match="not a module of yatlib"):
        cache.source_fingerprint("numpy")


def test_fingerprint_ignores_formatting_comments_docstrings_and_type_hints(tmp_path):
    """A result depends on what its code computes: reformatting a module or editing its comments and
    docstrings keeps its fingerprint; changing a number in the code does not."""

    def code(text: str) -> bytes:
        path = tmp_path / "m.py"
        path.write_text(text)
        return cache._code_of(path)

    base = code('"""Doc."""\nX = 1  # one\n"""X is one."""\n\ndef f(a):\n    """f."""\n    return a + X\n')
    same = code("X=1\ndef f( a ):\n    'Another docstring.'\n    return a+X  # still\n")
    other = code('"""Doc."""\nX = 2\n\ndef f(a):\n    return a + X\n')
    assert base == same and base != other
    assert code("def g():\n    'only a docstring'\n") == code("def g():\n    pass\n")
    typed = code(
        "from dataclasses import dataclass\n@dataclass\nclass P:\n    n: int = 1\n"
        "def f(a: float, *b: int) -> float:\n    return a"
    )
    untyped = code(
        "from dataclasses import dataclass\n@dataclass\nclass P:\n    n: 'anything' = 1\ndef f(a, *b):\n    return a"
    )
    assert typed == untyped  # type hints do not change what the code computes
    assert typed != code(
        "from dataclasses import dataclass\n@dataclass\nclass P:\n    n = 1\ndef f(a, *b):\n    return a"
    )  # but a dataclass field that is no longer one does


def test_jax_programs_are_kept_for_the_next_kernel(tmp_path):
    """Importing yatlib points JAX's compilation cache at <cache>/jax (a second kernel loads what
    the first compiled), unless JAX has one already or YATLIB_NO_COMPILATION_CACHE is set."""
    import os
    import subprocess
    import sys

    code = (
        "import jax, jax.numpy as jnp, yatlib; "
        "print(jax.config.jax_compilation_cache_dir); "
        "jax.jit(lambda x: jnp.sin(x) * 3)(jnp.ones(5)).block_until_ready()"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JAX_COMPILATION", "YATLIB_NO_COMP"))}

    def start(**extra):
        return subprocess.Popen(
            [sys.executable, "-c", code],
            env={**env, "YATLIB_CACHE": str(tmp_path), **extra},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def result(proc):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        return out.strip()

    # the three kernels start together (each spends seconds importing yatlib; a second core can take one)
    default, own, off = (
        start(),
        start(JAX_COMPILATION_CACHE_DIR=str(tmp_path / "own")),
        start(YATLIB_NO_COMPILATION_CACHE="1"),
    )
    assert result(default) == str(tmp_path / "jax") and any((tmp_path / "jax").iterdir())
    assert result(own) == str(tmp_path / "own")
    assert result(off) == "None"
