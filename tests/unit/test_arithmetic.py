"""Painting arithmetic (Part III): data generator, model, interventions, reader, JS math."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from flax import nnx

from yatlib.arithmetic import dataset as D
from yatlib.arithmetic import glyphs as G
from yatlib.arithmetic import interventions as I
from yatlib.arithmetic import model as M
from yatlib.arithmetic import naming as N
from yatlib.arithmetic import reader as R
from yatlib.arithmetic.train import paint

WIDGETS = Path(__file__).resolve().parents[2] / "yatlib" / "widgets"


@pytest.fixture(scope="module")
def problems() -> D.Problems:
    labels = np.repeat(np.arange(10), 5)          # a fake MNIST split: 5 images of each digit
    bank = np.repeat(np.arange(4), 3)             # a fake glyph bank: 3 images of each operator
    return D.sample_problems(200, labels, bank, seed=3)


def test_answers_are_right_for_each_operator(problems):
    a, b, op, r = problems.a, problems.b, problems.op, problems.answer
    assert np.array_equal(r[op == 0], (a + b)[op == 0])
    assert np.array_equal(r[op == 1], (a - b)[op == 1])
    assert np.array_equal(r[op == 2], (a * b)[op == 2])
    div = op == 3
    assert (b[div] >= 1).all() and (a[div] % b[div] == 0).all()
    assert np.array_equal(r[div] * b[div], a[div])      # ÷ is exact
    assert np.abs(r).max() <= 99 and ((a >= 0) & (a <= 9) & (b >= 0) & (b <= 9)).all()
    assert np.bincount(op).tolist() == [200] * 4
    for o in range(4):                                   # every operator has varied operands
        assert len(np.unique(a[op == o])) > 3


def test_operand_images_match_values(problems):
    labels = np.repeat(np.arange(10), 5)
    bank = np.repeat(np.arange(4), 3)
    assert np.array_equal(labels[problems.a_img], problems.a)
    assert np.array_equal(labels[problems.b_img], problems.b)
    assert np.array_equal(bank[problems.op_img], problems.op)


def test_every_possible_answer_is_painted_in_its_slots():
    r = np.arange(-99, 100)
    codes = D.answer_codes(r)
    imgs = D.paint_answers(r)
    g = G.answer_glyphs()
    assert imgs.shape == (199, 28, 84)
    for i, value in enumerate(r):
        for s in range(3):
            assert np.array_equal(imgs[i, :, 28 * s : 28 * (s + 1)], g[codes[i, s]])
        text = D.codes_to_text(codes[i])
        assert int(text.replace("−", "-")) == value
    assert D.codes_to_text(D.answer_codes(np.array([-7]))[0]) == "−7"
    assert codes[r == 5].tolist() == [[0, 0, 7]]  # blank sign, blank tens, digit 5
    with pytest.raises(ValueError):
        D.answer_codes(np.array([100]))
    with pytest.raises(ValueError):
        D.apply_operator(np.array([3]), np.array([3]), np.array([2]))   # 3 ÷ 2 is not whole


def test_two_samples_of_the_same_operator_differ():
    rng = np.random.default_rng(0)
    for char in G.OPERATORS:
        one, two = G.jittered(char, rng), G.jittered(char, rng)
        assert one.shape == (28, 28) and 0 <= one.min() and one.max() <= 1
        assert np.abs(one - two).mean() > 0.01
        assert one.sum() > 10                              # there is ink
    X, y = G.operator_bank(3, seed=1)
    assert X.shape == (12, 784) and y.tolist() == [0] * 3 + [1] * 3 + [2] * 3 + [3] * 3


@pytest.fixture(scope="module")
def tiny() -> M.PaintingNet:
    return M.PaintingNet(16, rngs=nnx.Rngs(0))


def test_model_shapes_and_parameter_count(tiny):
    full = M.PaintingNet(256, rngs=nnx.Rngs(0))
    n = M.count_parameters(full)
    assert 700_000 <= n <= 900_000, n
    x = np.random.default_rng(0).random((5, 3, 28, 28)).astype(np.float32)
    assert full(x).shape == (5, 28, 84)
    z = np.asarray(full.embed(x))
    assert z.shape == (5, 192)
    np.testing.assert_allclose(np.linalg.norm(z.reshape(5, 3, 64), axis=-1), 1.0, atol=1e-4)  # unit-length codes
    assert full.activations(x).shape == (5, 256)
    with pytest.raises(ValueError):
        full(x[:, :2])


def test_patch_layers_equal_flax_convolutions():
    rngs = nnx.Rngs(1)
    x = np.random.default_rng(1).normal(size=(2, 6, 8, 3)).astype(np.float32)
    pc = M.PatchConv(3, 5, rngs=rngs)
    conv = nnx.Conv(3, 5, (2, 2), strides=2, padding="VALID", rngs=rngs)
    conv.kernel[...] = pc.kernel[...]
    np.testing.assert_allclose(pc(x), conv(x), atol=1e-5)
    pt = M.PatchConvTranspose(3, 5, rngs=rngs)
    tconv = nnx.ConvTranspose(3, 5, (2, 2), strides=(2, 2), padding="VALID", rngs=rngs)
    tconv.kernel[...] = pt.kernel[...][::-1, ::-1]
    np.testing.assert_allclose(pt(x), tconv(x), atol=1e-5)


def test_row_knockout_equals_a_model_without_the_units(tiny):
    x = np.random.default_rng(2).random((4, 3, 28, 28)).astype(np.float32)
    units = [1, 5, 9]
    mask, W = I.knockout(tiny, units, "row")
    knocked = paint(tiny, x, unit_mask=mask, prototypes=W)
    smaller = I.remove_units(tiny, units)
    assert smaller.n_units == 13
    np.testing.assert_allclose(knocked, paint(smaller, x), atol=1e-5)
    assert not np.allclose(knocked, paint(tiny, x), atol=1e-4)   # the units did contribute


def test_slot_knockout_touches_only_the_operator_slot(tiny):
    units = [2, 3]
    mask, W = I.knockout(tiny, units, "slot")
    W0 = np.asarray(tiny.yat.prototypes[...])
    assert (mask == 1).all()
    assert (W[units, 64:128] == 0).all()
    np.testing.assert_array_equal(W[units, :64], W0[units, :64])
    np.testing.assert_array_equal(W[units, 128:], W0[units, 128:])
    others = [u for u in range(16) if u not in units]
    np.testing.assert_array_equal(W[others], W0[others])
    mask_r, W_r = I.knockout(tiny, units, "random", seed=4)
    assert (mask_r == 0).sum() == 2 and np.array_equal(W_r, W0)
    with pytest.raises(ValueError):
        I.knockout(tiny, units, "sideways")


def test_naming_picks_the_nearest_symbol():
    lib = np.zeros((14, 64))
    lib[np.arange(14), np.arange(14)] = 10.0              # symbol s sits at 10 * e_s
    W = np.zeros((3, 192))
    W[0, 3] = 9; W[0, 64 + 12] = 9; W[0, 128 + 7] = 9     # (3 | × | 7)
    W[1, 64 + 5] = 9                                       # operator slot nearest the digit 5
    W[2, 64 + 13] = 9                                      # ÷
    names = N.name_units(W, lib)
    assert names.label(0) == "(3 | × | 7)"
    assert names.operator_tagged.tolist() == [True, False, True]
    assert names.counts_per_operator().tolist() == [0, 0, 1, 1]
    assert names.tagged_with(2).tolist() == [0]


def test_reader_reads_clean_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))
    reader = R.train_reader(n_train=4000, epochs=3, progress=False)
    r = np.arange(-99, 100)
    assert R.answer_correct(reader, D.paint_answers(r), r).mean() >= 0.97
    assert R.read_answers(reader, D.paint_answers(np.array([-42])))[0] == "−42"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_ablation_bars_match_python():
    rng = np.random.default_rng(5)
    table = {"baseline": rng.random(4), "after": rng.random((4, 3, 4)), "sizes": np.array([3, 4, 5, 6])}
    src = (WIDGETS / "arithmetic.js").read_text()
    payload = {"baseline": table["baseline"].tolist(), "after": table["after"].ravel().tolist(), "n_how": 3}
    script = ("const vm = require('vm'); const ctx = {}; vm.createContext(ctx);"
              f"vm.runInContext({json.dumps(src)}, ctx);"
              f"const t = {json.dumps(payload)};"
              "const out = []; for (let s = 0; s < 4; s++) for (let k = 0; k < 3; k++) out.push(ctx.ablationBars(t, s, k));"
              "out.push(ctx.ablationBars(t, 4, 0)); out.push(ctx.specificity(t, 2));"
              "console.log(JSON.stringify(out));")
    res = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    for s in range(4):
        for k in range(3):
            bars = res[3 * s + k]
            np.testing.assert_allclose(bars["before"], 100 * table["baseline"], atol=1e-9)
            np.testing.assert_allclose(bars["after"], 100 * table["after"][s, k], atol=1e-9)
            np.testing.assert_allclose(bars["change"], 100 * (table["after"][s, k] - table["baseline"]), atol=1e-9)
    assert res[12] is None
    drop = lambda k: table["baseline"][2] - table["after"][2, k, 2]
    assert res[13] == pytest.approx(drop(0) / drop(2)) or drop(2) <= 0


# ----------------------------------------------------------------------------- F28's live path

@pytest.fixture(scope="module")
def bench(tiny):
    """A tiny painter (16 units), an untrained reader, and 4 x 6 test problems with random images."""
    from yatlib.layers import ReluMLP

    labels, bank = np.repeat(np.arange(10), 5), np.repeat(np.arange(4), 3)
    probs = D.sample_problems(6, labels, bank, seed=11)
    x = np.random.default_rng(12).random((len(probs.op), 3, 28, 28)).astype(np.float32)
    return tiny, ReluMLP(784, 16, 12, rngs=nnx.Rngs(3)), x, probs


def test_knocking_out_no_units_changes_nothing(bench):
    model, reader, x, probs = bench
    base = I.evaluate(model, reader, x, probs)
    for how in I.HOWS:
        np.testing.assert_array_equal(I.knockout_accuracy(model, reader, x, probs, [], how, n_random=2), base)


def test_knockout_accuracy_is_the_table_measurement(bench):
    model, reader, x, probs = bench
    units = [4, 1, 9, 1]                                  # repeats count once
    for how in ("row", "slot"):
        mask, W = I.knockout(model, [1, 4, 9], how)
        want = I.evaluate(model, reader, x, probs, unit_mask=mask, prototypes=W)
        np.testing.assert_array_equal(I.knockout_accuracy(model, reader, x, probs, units, how), want)
    draws = [I.evaluate(model, reader, x, probs, unit_mask=I.knockout(model, [1, 4, 9], "random", seed=s)[0]) for s in (0, 1, 2)]
    reports = []
    got = I.knockout_accuracy(model, reader, x, probs, units, "random", n_random=3, progress=lambda f, t: reports.append(f))
    np.testing.assert_allclose(got, np.mean(draws, axis=0))
    assert reports == pytest.approx([1 / 3, 2 / 3, 1.0])


@pytest.mark.parametrize("units, match", [
    ([16], r"units must be <= 15; got 16\. The trunk has 16 units, numbered 0\.\.15\."),
    ([3, -1], r"units must be >= 0; got -1"),
    ([2.5], r"units must be a whole number; got 2\.5"),
    (["seven"], r"units must be a whole number; got 'seven'"),
    ("3, 4", r"units must be a list of unit numbers; got the text"),
    (7, r"units must be a list of unit numbers; got 7"),
])
def test_knockout_refuses_bad_units(bench, units, match):
    model, reader, x, probs = bench
    with pytest.raises(ValueError, match=match):
        I.knockout_accuracy(model, reader, x, probs, units, "row")
    with pytest.raises(ValueError, match=match):
        I.knockout(model, units, "row")


def test_knockout_function_answers_the_widget(bench):
    model, reader, x, probs = bench
    compute = I.knockout_function(model, reader, x, probs, n_random=2)
    reports = []
    state = compute({"units": [9, 2], "how": 1}, lambda f, t="": reports.append((f, t)))
    assert state["units"] == [2, 9] and state["how"] == 1
    np.testing.assert_allclose(state["after"], I.knockout_accuracy(model, reader, x, probs, [2, 9], "slot"), atol=1e-6)
    assert reports[0][0] == 0.0 and "2 units knocked out" in reports[0][1] and reports[-1][0] == 1.0
    assert compute({"units": [2], "how": "random"}, lambda f, t="": None)["how"] == 2
    for params, match in [({"units": [], "how": 0}, "units is empty"), ({"how": 0}, "units is empty"),
                          ({"units": [99], "how": 0}, "units must be <= 15"), ({"units": [1], "how": 3}, "how must be <= 2"),
                          ({"units": [1], "how": "sideways"}, "how must be one of")]:
        with pytest.raises(ValueError, match=match):
            compute(params, lambda f, t="": None)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_unit_numbers_typed_by_the_reader():
    src = (WIDGETS / "arithmetic.js").read_text()
    cases = ["3, 17, 40-42", "#5 #2;5", "40 - 42", "7", "", "3, seven", "9-4", "255-256", "1.5"]
    script = ("const vm = require('vm'); const ctx = {}; vm.createContext(ctx);"
              f"vm.runInContext({json.dumps(src)}, ctx);"
              f"console.log(JSON.stringify({json.dumps(cases)}.map((c) => ctx.parseUnits(c, 256))));")
    res = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert res[0] == {"units": [3, 17, 40, 41, 42]}
    assert res[1] == {"units": [2, 5]} and res[2] == {"units": [40, 41, 42]} and res[3] == {"units": [7]}
    assert res[4]["error"].startswith("Type the numbers of the units")
    assert res[5]["error"].startswith("“seven” is not a unit number")
    assert res[6]["error"] == "The range 9-4 runs backwards; write it as 4-9."
    assert res[7]["error"] == "There is no unit 256: the units are numbered 0 to 255."
    assert "is not a unit number" in res[8]["error"]
    # what the widget accepts, Python accepts too (the same units, validated again in yatlib)
    assert I.check_units(res[0]["units"], 256).tolist() == [3, 17, 40, 41, 42]
