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
