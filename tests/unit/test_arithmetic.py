"""Painting arithmetic (Part III): data, model, phases, naming rule, template reader, interventions, JS math."""

from __future__ import annotations

import re

import jax
import numpy as np
import pytest
from flax import nnx

from tests.unit.node_js import call_js, needs_node
from yatlib import claims
from yatlib.arithmetic import dataset as D
from yatlib.arithmetic import glyphs as G
from yatlib.arithmetic import interventions as I
from yatlib.arithmetic import model as M
from yatlib.arithmetic import naming as N
from yatlib.arithmetic import reader as R
from yatlib.arithmetic import train as T


@pytest.fixture(scope="module")
def problems() -> D.Problems:
    labels = np.repeat(np.arange(10), 5)  # a fake MNIST split: 5 images of each digit
    bank = np.repeat(np.arange(4), 3)  # a fake glyph bank: 3 images of each operator
    return D.sample_problems(4000, labels, bank, seed=3)


def test_operand_rule_and_answers(problems):
    a, b, op, r = problems.a, problems.b, problems.op, problems.answer
    assert np.array_equal(r[op == 0], (a + b)[op == 0])
    assert np.array_equal(r[op == 1], (a - b)[op == 1])
    assert np.array_equal(r[op == 2], (a * b)[op == 2])
    div = op == 3
    assert (b[div] >= 1).all() and np.array_equal(r[div], a[div] // b[div])  # floor division, b = 0 redrawn
    assert not np.array_equal(r[div] * b[div], a[div])  # ... so not always exact
    assert r.min() >= -9 and r.max() <= 81 and set(np.unique(a)) == set(range(10))
    assert 0 in set(b[~div]) and abs(np.bincount(op).min() - 1000) < 150  # operators drawn uniformly
    labels = np.repeat(np.arange(10), 5)
    assert np.array_equal(labels[problems.a_img], a) and np.array_equal(labels[problems.b_img], b)
    assert np.array_equal(np.repeat(np.arange(4), 3)[problems.op_img], op)
    with pytest.raises(ValueError, match="b"):
        D.apply_operator(np.array([3]), np.array([3]), np.array([0]))


def test_slot_and_modular_labels():
    r = np.array([-9, -1, 0, 7, 10, 56, 81])
    assert D.slot_labels(r).tolist() == [[1, 0, 9], [1, 0, 1], [0, 0, 0], [0, 0, 7], [0, 1, 0], [0, 5, 6], [0, 8, 1]]
    assert D.modular_labels(np.array([-9, 56])).tolist() == [[1, 4, 9, 1], [0, 1, 1, 0]]
    with pytest.raises(ValueError, match="answers"):
        D.slot_labels(np.array([82]))


def test_answer_images_have_their_glyphs_in_the_slots():
    imgs = D.answer_images()
    assert imgs.shape == (91, 28, 84) and imgs.min() >= 0 and imgs.max() <= 1
    ink = imgs.reshape(91, 28, 3, 28).sum((1, 3)) > 1
    assert np.array_equal(ink[:, 0], D.ANSWERS < 0)  # sign slot: only negative answers
    assert np.array_equal(ink[:, 1], np.abs(D.ANSWERS) >= 10)  # tens slot: only two-digit answers
    assert ink[:, 2].all()  # units slot: always
    assert len({i.tobytes() for i in imgs}) == 91
    np.testing.assert_array_equal(D.answer_images(np.array([-7]))[0], D.answer_image(-7))


def test_glyphs_long_side_and_augmentation():
    for char in G.OPERATORS + ("8",):
        g = G.render(char)
        rows, cols = np.flatnonzero(g.max(1) > 0.1), np.flatnonzero(g.max(0) > 0.1)
        assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 in (21, 22, 23)
    rng = np.random.default_rng(0)
    for char in G.OPERATORS:
        one, two = G.augmented(char, rng), G.augmented(char, rng)
        assert one.shape == (28, 28) and 0 <= one.min() and one.max() <= 1 and one.sum() > 10
        assert np.abs(one - two).mean() > 0.01
    X, y = G.operator_glyphs(4, seed=1, n_clean=1)
    assert X.shape == (16, 28, 28) and y.tolist() == [0] * 4 + [1] * 4 + [2] * 4 + [3] * 4
    np.testing.assert_array_equal(X[4], G.render("−"))


@pytest.mark.slow  # the article's full-size painter (256 units, 743,290 parameters): ~20 s of CPU to initialise and run
def test_model_matches_the_article_and_the_trunk_formula():
    net = M.PaintingNet(256, rngs=nnx.Rngs(0))
    assert M.count_parameters(net) == 743_290  # the "thin" model of the reference, with its heads
    x = np.random.default_rng(0).normal(size=(3, 3, 28, 28)).astype(np.float32)
    out = np.asarray(net(x))
    assert out.shape == (3, 28, 84) and (out > 0).all() and (out < 1).all()
    z = np.asarray(net.embed(x), np.float64)
    W = np.asarray(net.trunk.prototypes[...], np.float64)
    assert abs(W.std() - np.sqrt(2 / (192 + 256))) < 0.005  # Xavier normal
    b = np.linspace(-1, 1, 256)
    net.trunk.bias[...] = b
    net.trunk.alpha[...] = 1.5
    want = 1.5 * (z @ W.T + b) ** 2 / (((z[:, None] - W[None]) ** 2).sum(-1) + 1e-5)
    np.testing.assert_allclose(np.asarray(net.activations(x)), want, rtol=2e-3)
    with pytest.raises(ValueError, match="inputs"):
        net(x[:, :2])


def test_transposed_convolution_equals_flax():
    ours = M.ConvTranspose4(3, 5, rngs=nnx.Rngs(1))
    ref = nnx.ConvTranspose(3, 5, (4, 4), strides=(2, 2), padding="SAME", rngs=nnx.Rngs(2))
    ref.kernel[...] = ours.kernel[...]
    ours.bias[...] = ref.bias[...] + 0.3
    ref.bias[...] = ours.bias[...]
    x = np.random.default_rng(1).normal(size=(2, 5, 7, 3)).astype(np.float32)
    np.testing.assert_allclose(np.asarray(ours(x)), np.asarray(ref(x)), atol=1e-5)


def _params(module: nnx.Module) -> list[np.ndarray]:
    return [np.array(v) for v in jax.tree_util.tree_leaves(nnx.state(module, nnx.Param))]


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))


@pytest.mark.slow  # trains the whole painter's three phases (~15 s of CPU compiling them; the architecture is fixed)
def test_each_phase_leaves_the_frozen_parts_bit_identical():
    rng = np.random.default_rng(0)
    net = M.PaintingNet(16, rngs=nnx.Rngs(0))
    cfg = {**T.DEFAULT_CONFIG, "batch_size": 8}
    parts = ("encoder", "symbol_head", "trunk", "heads", "decoder")
    trained_in = {0: ("encoder", "symbol_head"), 1: ("trunk", "heads"), 2: ("decoder",)}
    answers = D.apply_operator(rng.integers(0, 10, 16), rng.integers(0, 3, 16), rng.integers(0, 10, 16))
    runs = [
        lambda: T.train_symbols(
            net,
            rng.normal(size=(30, 28, 28)),
            rng.integers(0, 14, 30),
            rng.integers(0, 30, (16, 3)),
            cfg,
            epochs=1,
            progress=False,
        ),  # 48 images: 6 steps
        lambda: T.train_trunk(
            net, rng.normal(size=(30, 64)), rng.integers(0, 30, (16, 3)), answers, cfg, epochs=1, progress=False
        ),
        lambda: T.train_decoder(net, rng.random((16, 16)), answers, cfg, epochs=1, progress=False),
    ]
    for phase, train in enumerate(runs):
        before = {p: _params(getattr(net, p)) for p in parts}
        record = train()
        assert record["loss"].shape == ((6,) if phase == 0 else (2,)) and np.isfinite(record["loss"]).all()
        for p in parts:
            unchanged = _same(before[p], _params(getattr(net, p)))
            assert unchanged == (p not in trained_in[phase]), (phase, p)


def test_optimiser_schedule_warms_up_and_decays():
    cfg = {**T.DEFAULT_CONFIG, "learning_rate": 2e-3}
    opt = T.optimiser(cfg, 100)
    params = {"w": np.zeros(3, np.float32)}
    state = opt.init(params)
    sizes = []
    for _ in range(100):
        upd, state = opt.update({"w": np.ones(3, np.float32)}, state, params)
        sizes.append(float(np.abs(upd["w"]).max()))
    assert sizes[0] < 1e-6 and max(sizes) == pytest.approx(2e-3, rel=0.05)  # warm-up from 0 to the peak
    assert sizes[-1] < 1e-4  # cosine down towards 2e-5


def test_per_phase_settings_resolve_and_are_checked():
    cfg = {**T.DEFAULT_CONFIG, "batch_size": [8, 16, 32], "learning_rate": 1e-3}
    assert [T.phase_config(cfg, k)["batch_size"] for k in range(3)] == [8, 16, 32]
    assert [T.phase_config(cfg, k)["learning_rate"] for k in range(3)] == [1e-3] * 3
    with pytest.raises(ValueError, match="batch_size"):
        T.phase_config({**cfg, "batch_size": [8, 16]}, 0)


def _library() -> N.Library:
    """Symbols at 10 e_s. ×, the digit 3 and + get 20 codes each; −, ÷ and the other digits 5."""
    rng = np.random.default_rng(0)
    codes, labels = [], []
    for s in range(14):
        n = 20 if s in (3, 10, 12) else 5
        centre = np.zeros(64)
        centre[s] = 10.0
        codes.append(centre + rng.normal(0, 0.05, (n, 64)))
        labels += [s] * n
    return N.Library(np.concatenate(codes), np.array(labels))


def test_naming_vote_on_a_library_with_known_answers():
    lib = _library()
    W = np.zeros((4, 192))
    W[0, 3] = 10
    W[0, 64 + 12] = 10
    W[0, 128 + 7] = 10  # (3 | × | 7): on the codes of ×
    W[1, 64 + 3] = 10  # operator slot on the codes of the digit 3
    W[2, 64 + np.array([11, 13, 5])] = 10 / 3  # between −, ÷ and 5 (5 codes each): no quorum
    W[3, 64 + np.array([10, 12])] = 5  # between + and × (20 codes each)
    names = N.name_units(W, lib)
    assert names.label(0) == "(3 | × | 7)" and names.votes[0, 1, 12] == 15
    assert names.votes[2, 1].max() == 5 and sorted(np.flatnonzero(names.votes[2, 1])) == [5, 11, 13]
    assert names.votes[3, 1, 10] + names.votes[3, 1, 12] == 15
    assert names.operator_tagged[:3].tolist() == [True, False, False]
    assert names.operator_of()[:3].tolist() == [2, -1, -1]
    assert names.tagged_with(2)[0] == 0 and names.counts_per_operator()[[0, 1, 3]].sum() <= 1
    strict = N.name_units(W, lib, quorum=15)  # a stricter quorum drops the split unit
    assert strict.operator_tagged.tolist() == [True, False, False, False]
    assert N.nearest_mean_names(W, lib)[:2, 1].tolist() == [12, 3]
    with pytest.raises(ValueError, match="prototypes"):
        N.name_units(W[:, :100], lib)


def test_yat_score_is_the_articles_formula():
    c, w = np.array([[1.0, 2.0]]), np.array([[2.0, 0.5]])
    assert N.yat_score(c, w)[0, 0] == pytest.approx((2 + 1) ** 2 / (1 + 2.25 + 1e-3))


def test_template_reader_reads_every_answer():
    imgs = D.answer_images()
    assert np.array_equal(R.read(imgs), D.ANSWERS)
    noisy = np.clip(imgs + np.random.default_rng(0).normal(0, 0.2, imgs.shape), 0, 1)
    assert np.array_equal(R.read(noisy), D.ANSWERS)


def test_template_reader_reads_a_faint_painting_as_its_answer():
    """The reader takes the nearest answer always, as the reference does: a faint, blurred but correct painting,
    nearer the empty strip than to any answer picture, is read as its answer (it is not rejected)."""
    from scipy.ndimage import gaussian_filter

    imgs = D.answer_images()
    digits = np.array([0, 2, 4, 7, 9])
    faint = np.stack([0.6 * gaussian_filter(imgs[list(D.ANSWERS).index(d)], 1.5) for d in digits])
    to_answers = ((faint[:, None] - imgs[None]) ** 2).sum((2, 3)).min(1)
    assert ((faint**2).sum((1, 2)) < to_answers).all()  # fainter than the faintest answer picture
    assert np.array_equal(R.read(faint), digits)
    assert R.correct(imgs[[0, 9]], np.array([-9, 1])).tolist() == [True, False]
    with pytest.raises(ValueError, match="images"):
        R.read(np.zeros((2, 28, 28)))


def test_interventions_edit_only_what_they_say():
    W0 = np.random.default_rng(3).normal(size=(16, 192)).astype(np.float32)
    units = [2, 3]
    row = I.edit_prototypes(W0, units, "row")
    assert (row[units] == 0).all() and np.array_equal(np.delete(row, units, 0), np.delete(W0, units, 0))
    slot = I.edit_prototypes(W0, units, "slot")
    assert (slot[units, 64:128] == 0).all()
    np.testing.assert_array_equal(slot[:, :64], W0[:, :64])
    np.testing.assert_array_equal(slot[:, 128:], W0[:, 128:])
    np.testing.assert_array_equal(np.delete(slot, units, 0), np.delete(W0, units, 0))
    rnd = [I.edit_prototypes(W0, units, "random", seed=s) for s in range(5)]
    zeroed = [np.flatnonzero((r == 0).all(1)) for r in rnd]
    assert all(len(z) == 2 for z in zeroed) and len({tuple(z) for z in zeroed}) > 1
    with pytest.raises(ValueError, match="how"):
        I.edit_prototypes(W0, units, "sideways")
    with pytest.raises(ValueError, match="units"):
        I.edit_prototypes(W0, [16], "row")


def test_accuracy_change_on_a_tiny_model():
    net = M.PaintingNet(16, rngs=nnx.Rngs(0))
    rng = np.random.default_rng(0)
    ev = I.Evaluation(
        rng.normal(size=(40, 192)).astype(np.float32), np.repeat(np.arange(4), 10), rng.integers(0, 10, 40)
    )
    base = I.accuracy(net, ev)
    assert base.shape == (4,)
    np.testing.assert_array_equal(I.accuracy_change(net, ev, [], "row", baseline=base), np.zeros(4))
    change = I.accuracy_change(net, ev, [0, 1], "random", n_draws=2)
    assert change.shape == (4,) and (np.abs(change) <= 1).all()


@needs_node
def test_js_ablation_bars_match_python():
    rng = np.random.default_rng(5)
    table = {"baseline": rng.random(4), "after": rng.random((4, 3, 4)), "sizes": np.array([3, 4, 5, 6])}
    t = {"baseline": table["baseline"].tolist(), "after": table["after"].ravel().tolist(), "n_how": 3}
    res = call_js(
        ["arithmetic.js"],
        [["ablationBars", [t, s, k]] for s in range(4) for k in range(3)]
        + [["ablationBars", [t, 4, 0]], ["specificity", [t, 2]]],
    )
    for s in range(4):
        for k in range(3):
            bars = res[3 * s + k]
            np.testing.assert_allclose(bars["before"], 100 * table["baseline"], atol=1e-9)
            np.testing.assert_allclose(bars["after"], 100 * table["after"][s, k], atol=1e-9)
            np.testing.assert_allclose(bars["change"], 100 * (table["after"][s, k] - table["baseline"]), atol=1e-9)
    assert res[12] is None

    def drop(k):
        return table["baseline"][2] - table["after"][2, k, 2]

    assert res[13] == pytest.approx(drop(0) / drop(2)) or drop(2) <= 0


@needs_node
def test_js_random_spread_matches_the_widget_data():
    from yatlib.widgets import AblationExplorer

    rng = np.random.default_rng(6)
    table = {
        "baseline": rng.random(4),
        "after": rng.random((4, 3, 4)),
        "sizes": np.array([3, 4, 5, 6]),
        "random_draws": rng.random((4, 20, 4)),
    }
    w = AblationExplorer(table)
    assert w.n_draws == 20
    lo, hi = w.random_low, w.random_high
    res = call_js(
        ["arithmetic.js"],
        [["randomSpread", [lo, hi, s, o]] for s in range(4) for o in range(4)]
        + [["randomSpread", [lo, hi, 4, 0]], ["randomSpread", [[], [], 0, 0]]],
    )
    for s in range(4):
        for o in range(4):
            assert res[4 * s + o]["low"] == pytest.approx(100 * table["random_draws"][s, :, o].min(), abs=1e-3)
            assert res[4 * s + o]["high"] == pytest.approx(100 * table["random_draws"][s, :, o].max(), abs=1e-3)
    assert res[16] is None and res[17] is None


# ----------------------------------------------------------------------------- F28's live path


@pytest.fixture(scope="module")
def bench() -> tuple[M.PaintingNet, I.Evaluation]:
    """A tiny painter (16 units) whose paintings differ from problem to problem (its decoder's weights
    scaled up), and 48 test codes whose answers are what the intact painter paints there: the intact
    accuracy is 1 for every operator, and a knockout changes some of the readings."""
    net = M.PaintingNet(16, rngs=nnx.Rngs(0))
    net.decoder.fc.kernel[...] = net.decoder.fc.kernel[...] * 30
    net.decoder.c2.kernel[...] = net.decoder.c2.kernel[...] * 10
    z = np.random.default_rng(0).normal(size=(48, 192)).astype(np.float32)
    read = R.read(T.paint_from_activations(net, np.asarray(net.trunk(z))))
    return net, I.Evaluation(z, np.repeat(np.arange(4), 12), read)


def test_knocking_out_no_units_changes_nothing(bench):
    model, ev = bench
    base = I.accuracy(model, ev)
    assert base.tolist() == [1.0] * 4
    for how in I.HOWS:
        np.testing.assert_array_equal(I.knockout_accuracy(model, ev, [], how, n_random=2), base)


def test_knockout_accuracy_is_the_table_measurement(bench):
    model, ev = bench
    W = np.asarray(model.trunk.prototypes[...])
    units = [4, 1, 9, 1]  # repeats count once
    for how in ("row", "slot"):
        want = I.accuracy(model, ev, prototypes=I.edit_prototypes(W, [1, 4, 9], how))
        np.testing.assert_array_equal(I.knockout_accuracy(model, ev, units, how), want)
    draws = [I.accuracy(model, ev, prototypes=I.edit_prototypes(W, [1, 4, 9], "random", seed=s)) for s in (0, 1, 2)]
    assert len({tuple(d) for d in draws}) > 1  # the draws differ: the mean below is a real average
    reports = []
    got = I.knockout_accuracy(model, ev, units, "random", n_random=3, progress=lambda f, t: reports.append(f))
    np.testing.assert_allclose(got, np.mean(draws, axis=0))
    assert reports == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert (I.knockout_accuracy(model, ev, range(8), "row") < 1).any()  # knocking out half the trunk shows
    np.testing.assert_allclose(
        I.accuracy_change(model, ev, units, "slot"), I.knockout_accuracy(model, ev, units, "slot") - 1.0
    )


@pytest.mark.parametrize(
    "units, match",
    [
        ([16], r"units must be <= 15; got 16\. The trunk has 16 units, numbered 0\.\.15\."),
        ([3, -1], r"units must be >= 0; got -1"),
        ([2.5], r"units must be a whole number; got 2\.5"),
        (["seven"], r"units must be a whole number; got 'seven'"),
        ("3, 4", r"units must be a list of unit numbers; got the text"),
        (7, r"units must be a list of unit numbers; got 7"),
    ],
)
def test_knockout_refuses_bad_units(bench, units, match):
    model, ev = bench
    with pytest.raises(ValueError, match=match):
        I.knockout_accuracy(model, ev, units, "row")
    with pytest.raises(ValueError, match=match):
        I.edit_prototypes(np.asarray(model.trunk.prototypes[...]), units, "row")


def test_knockout_function_answers_the_widget(bench):
    model, ev = bench
    compute = I.knockout_function(model, ev, n_random=2)
    reports = []
    state = compute({"units": [9, 2], "how": 1}, lambda f, t="": reports.append((f, t)))
    assert state["units"] == [2, 9] and state["how"] == 1
    np.testing.assert_allclose(state["after"], I.knockout_accuracy(model, ev, [2, 9], "slot"), atol=1e-6)
    assert reports[0][0] == 0.0 and "2 units knocked out" in reports[0][1] and reports[-1][0] == 1.0
    rnd = compute({"units": list(range(8)), "how": "random"}, lambda f, t="": None)
    assert rnd["how"] == 2
    np.testing.assert_allclose(rnd["after"], I.knockout_accuracy(model, ev, range(8), "random", n_random=2), atol=1e-6)
    for params, match in [
        ({"units": [], "how": 0}, "units is empty"),
        ({"how": 0}, "units is empty"),
        ({"units": [99], "how": 0}, "units must be <= 15"),
        ({"units": [1], "how": 3}, "how must be <= 2"),
        ({"units": [1], "how": "sideways"}, "how must be one of"),
    ]:
        with pytest.raises(ValueError, match=match):
            compute(params, lambda f, t="": None)
    with pytest.raises(ValueError, match="n_random must be >= 1"):
        I.knockout_function(model, ev, n_random=0)


@needs_node
def test_js_unit_numbers_typed_by_the_reader():
    cases = ["3, 17, 40-42", "#5 #2;5", "40 - 42", "7", "", "3, seven", "9-4", "255-256", "1.5"]
    res = call_js(["arithmetic.js"], [["parseUnits", [c, 256]] for c in cases])
    assert res[0] == {"units": [3, 17, 40, 41, 42]}
    assert res[1] == {"units": [2, 5]} and res[2] == {"units": [40, 41, 42]} and res[3] == {"units": [7]}
    assert res[4]["error"].startswith("Type the numbers of the units")
    assert res[5]["error"].startswith("“seven” is not a unit number")
    assert res[6]["error"] == "The range 9-4 runs backwards; write it as 4-9."
    assert res[7]["error"] == "There is no unit 256: the units are numbered 0 to 255."
    assert "is not a unit number" in res[8]["error"]
    # what the widget accepts, Python accepts too (the same units, validated again in yatlib)
    assert I.check_units(res[0]["units"], 256).tolist() == [3, 17, 40, 41, 42]


# ----------------------------------------------------------------------------- C18, operator by operator


def test_knockout_effects_on_the_articles_table():
    e = I.knockout_effects(I.ARTICLE_TABLE, 2)
    assert (round(e["row"], 1), round(e["slot"], 1), round(e["random"], 1)) == (
        43.7,
        40.0,
        9.2,
    )  # CLAIMS.md: −43.8, −40.0, −9.2
    assert round(e["off_target"], 1) == 14.4 and e["off_operator"] == 0 and e["n_draws"] == 1
    assert e["row_over_random"] == pytest.approx(e["row"] / e["random"])
    # CLAIMS.md, "Why C18's band changed": its four random draws cost 0.62, 1.37, 0.31, 0.71 pt per unit on ×
    assert np.round(I.article_random_per_unit(2), 2).tolist() == [0.62, 1.37, 0.31, 0.71]
    with pytest.raises(ValueError, match="subset must be <= 3"):
        I.knockout_effects(I.ARTICLE_TABLE, 4)


def _c18_table(
    row: float = 40.0,
    slot: float = 35.0,
    draws: tuple[float, float] = (12.0, 3.0),
    off: float = 10.0,
    largest_draw: float | None = None,
) -> dict[str, np.ndarray]:
    """A made-up intervention table: every operator at 90 %; on ×, the given drops (pt) after the row and slot
    knockouts, 20 random draws spread around ``draws = (mean, sd)``, and ``off`` pt on + after the × row knockout."""
    rng = np.random.default_rng(0)
    t = {"baseline": np.full(4, 0.9), "after": np.full((4, 3, 4), 0.9), "sizes": np.array([5, 6, 30, 8])}
    z = rng.standard_normal(20)
    drops = draws[0] + draws[1] * (z - z.mean()) / z.std()
    if largest_draw is not None:
        drops[np.argmax(drops)] = largest_draw
    t["random_draws"] = np.full((4, 20, 4), 0.9)
    t["random_draws"][2, :, 2] = 0.9 - drops / 100
    t["after"][2, 0, 2], t["after"][2, 1, 2], t["after"][2, 0, 0] = 0.9 - row / 100, 0.9 - slot / 100, 0.9 - off / 100
    t["after"][:, 2] = t["random_draws"].mean(1)
    return t


def test_c18_band_passes_a_table_that_meets_all_four_parts():
    band = I.check_c18(_c18_table())
    assert band.met and band.size == 30 and band.row == pytest.approx(40.0) and band.slot == pytest.approx(35.0)
    assert band.random_mean == pytest.approx(12.0) and band.random_sd == pytest.approx(3.0)
    assert band.largest_off_target == pytest.approx(10.0) and len(band.random_drops) == 20


@pytest.mark.parametrize(
    "part, table",
    [
        ("(a) NO", _c18_table(largest_draw=41.0)),  # one random draw costs more than the targeted rows
        ("(b) NO", _c18_table(row=30.0, slot=28.0, draws=(16.0, 2.0))),  # above every draw, but < 2x their mean
        ("(c) NO", _c18_table(slot=19.0)),  # most of the drop does not come through the slot
        ("(d) NO", _c18_table(off=27.0)),  # + is hurt almost as much as x
    ],
)
def test_c18_check_raises_when_one_part_fails(part, table):
    band = I.c18_band(table)
    assert [band.above_every_draw, band.twice_the_mean, band.through_slot, band.hurts_most].count(False) == 1
    with pytest.raises(claims.ClaimFailed, match=re.escape(part)):
        I.check_c18(table)


def test_c18_band_needs_twenty_random_draws():
    few = _c18_table()
    few["random_draws"] = few["random_draws"][:, :5]
    with pytest.raises(ValueError, match="at least 20 random draws"):
        I.c18_band(few)
    with pytest.raises(ValueError, match="at least 20 random draws"):
        I.c18_band(I.ARTICLE_TABLE)  # the article drew once


def test_effects_and_intervention_tables_follow_the_numbers():
    from yatlib.arithmetic import figures as F

    weak = _c18_table(slot=10.0)
    table = F.effects_table(weak, I.ARTICLE_TABLE)
    rows = [" | ".join(row) for row in table.rows]
    assert len(rows) == 8 and rows[4].startswith("×") and rows[4].endswith("fails (c)")
    assert rows[5].endswith("one draw: not testable") and "±" in rows[4] and "(1 draw)" in rows[5]
    assert rows[0].endswith("fails (a), (b), (c), (d)")  # + : nothing happens to + in the made-up table
    printed = str(table).split("\n")
    assert (
        len(printed) == 2 + 1 + 8
        and printed[7].startswith("×")
        and " book " in printed[7]
        and "<td" in table._repr_html_()
    )
    full = F.format_table(weak)
    assert len(full.rows) == 1 + 4 * 3 and full.rows[0][2] == "90.0\u00a0%"
    assert full.rows[7][:2] == ["30 units tagged ×", "whole row"] and full.rows[7][4] == "50.0\u00a0% (-40.0)"
    assert "±" in full.rows[9][2] and len(full.header) == 6


def test_random_draws_figure_marks_the_targeted_drops():
    from yatlib.arithmetic import figures as F

    fig = F.random_draws_figure(_c18_table())
    names = [t.name for t in fig.data]
    assert names[0] == "random draw (20)" and len(fig.data[0].y) == 20
    assert names[1].endswith("40.0 pt") and names[2].endswith("35.0 pt") and names[3].endswith("12.0 pt")
    article = [t for t in fig.data if t.name == "article: its 4 random draws"][0]
    assert np.allclose(article.y, I.article_random_per_unit(2))
    assert fig.layout.yaxis.title.text.startswith("drop of the × answer accuracy")


# ----------------------------------------------------------------------------- recipes and diagnostics


def test_recipes_resolve_and_bad_settings_are_named():
    book, published = T.recipe_config("book"), T.recipe_config("published")
    assert book["epochs"] == [1, 30, 1] and book["train_size"][1] == 60000 and book["learning_rate"][1] == 2e-3
    assert published["epochs"] == [8, 30, 12] and published["train_size"] == [60000] * 3
    assert [T.phase_config(published, k)["batch_size"] for k in range(3)] == [768, 256, 256]
    assert T.recipe_config("book", {"seed": 3})["seed"] == 3
    with pytest.raises(ValueError, match="recipe"):
        T.recipe_config("fast")
    with pytest.raises(ValueError, match=r"unknown setting\(s\) \['epoch'\]"):
        T.recipe_config("book", {"epoch": [1, 1, 1]})
    with pytest.raises(ValueError, match="end_fraction"):
        T.recipe_config("book", {"end_fraction": 0.0})
    with pytest.raises(ValueError, match="one value per phase"):
        T.recipe_config("book", {"epochs": [1, 2]})


def test_schedule_ends_at_one_percent_of_each_peak():
    for peak in (2e-3, 5e-3):
        opt = T.optimiser({**T.DEFAULT_CONFIG, "learning_rate": peak}, 200)
        params = {"w": np.zeros(1, np.float32)}
        state = opt.init(params)
        for _ in range(200):
            upd, state = opt.update({"w": np.ones(1, np.float32)}, state, params)
        # Adam's step on a constant gradient is the learning rate itself (plus the weight decay's share)
        assert abs(float(upd["w"][0])) == pytest.approx(0.01 * peak, rel=0.05)


def test_knockout_leftover_is_what_a_zeroed_row_sends():
    from yatlib.arithmetic import diagnostics as G_

    net = M.PaintingNet(8, rngs=nnx.Rngs(0))
    net.trunk.bias[...] = np.linspace(-0.5, 0.5, 8).astype(np.float32)
    z = np.random.default_rng(0).normal(size=(40, 192)).astype(np.float32)
    ev = I.Evaluation(z, np.zeros(40, int), np.zeros(40, int))
    units = [1, 6]
    left = G_.knockout_leftover(net, ev, units)
    W = I.edit_prototypes(np.asarray(net.trunk.prototypes[...]), units, "row")
    sent = np.asarray(net.trunk(z, W))[:, units]
    assert left.largest == pytest.approx(float(sent.max()), rel=1e-4)
    assert left.intact_low <= left.intact_high
    with pytest.raises(ValueError, match="units is empty"):
        G_.knockout_leftover(net, ev, [])


def test_diagnostics_measure_the_heads_and_the_codes():
    from yatlib.arithmetic import diagnostics as G_

    net = M.PaintingNet(8, rngs=nnx.Rngs(0))
    rng = np.random.default_rng(1)
    a, op, b = rng.integers(0, 10, 30), rng.integers(0, 4, 30), rng.integers(1, 10, 30)
    ev = I.Evaluation(rng.normal(size=(30, 192)).astype(np.float32), op, D.apply_operator(a, op, b))
    codes = ev.z.reshape(-1, 64)
    named = np.asarray(net.symbol_head(codes)).argmax(-1).reshape(30, 3)
    truth = np.stack([a, 10 + op, b], 1)
    assert G_.symbol_accuracy(net, ev, a, b) == pytest.approx(float((named == truth).mean()))
    assert 0.0 <= G_.slot_accuracy(net, ev) <= 1.0
    d = G_.operator_code_distances(net)
    assert list(d) == ["distance + −", "distance + ×", "distance + ÷", "distance − ×", "distance − ÷", "distance × ÷"]
    assert all(v > 0 for v in d.values()) and set(d) <= set(G_.REFERENCE)


def test_seed_table_and_receipt_agreement():
    from yatlib import receipts
    from yatlib.arithmetic import figures as F

    run = {
        "seed": 0,
        "tagged": 100,
        "tagged_+": 30,
        "tagged_−": 20,
        "tagged_×": 30,
        "tagged_÷": 20,
        "size": 30,
        "row": 40.0,
        "slot": 30.0,
        "random_mean": 15.0,
        "random_sd": 5.0,
        "random_max": 30.0,
        "off_target": 10.0,
        "a": 1,
        "b": 1,
        "c": 1,
        "d": 0,
        "c18": 0,
        "accuracy": 0.88,
    }
    t = F.seed_table([run], caption="seeds")
    assert t.rows[0][2] == "100 (+30 −20 ×30 ÷20)" and t.rows[0][10] == "a b c –" and t.rows[0][11] == "missed"
    receipts.check_agrees({"row": 40.5}, {"row": 40.0}, {"row": 1.0})
    with pytest.raises(receipts.ReceiptMismatch, match="row"):
        receipts.check_agrees({"row": 45.0}, {"row": 40.0}, {"row": 1.0})
