"""The levers of "Closing the gap" (recipes), the ReLU twin and the comparison, on small synthetic images; the
sweep's receipt read back as rows of a table and a figure, and checked against recomputed numbers
(made up, no training)."""

import jax.numpy as jnp
import numpy as np
import pytest

from yatlib import gap, receipts, recipes


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("YATLIB_CACHE", str(tmp_path))


def images(n, seed):
    """Ten classes of 784-pixel 'images': a fixed template per class plus noise, in [0, 1]."""
    templates = np.random.default_rng(0).uniform(0, 1, (10, 784)).astype(np.float32)
    rng = np.random.default_rng(seed)
    y = np.arange(n, dtype=np.int32) % 10
    X = np.clip(templates[y] + 0.25 * rng.standard_normal((n, 784)), 0, 1).astype(np.float32)
    return X, y


SMALL = recipes.Recipe(n_units=20, train_size=400, epochs=2, batch_size=50, learning_rate=1e-2)


@pytest.fixture(scope="module")
def data():
    X, y = images(600, 1)
    Xt, yt = images(200, 2)
    return gap.prepare(X, y, Xt, yt, train_size=400)


def test_per_unit_b_and_eps_have_one_value_per_unit(data):
    run = recipes.train(SMALL.but(per_unit=True), X=data.X, y=data.y, progress=False)
    assert run.model.yat.b.shape == (20,) and run.model.yat.eps.shape == (20,)
    assert np.ptp(np.asarray(run.model.yat.b)) > 0  # trained apart
    shared = recipes.train(SMALL, X=data.X, y=data.y, progress=False)
    assert shared.model.yat.b.shape == ()


def test_kmeans_start_is_the_hand_built_classifier(data):
    model = recipes.build(SMALL.but(init="kmeans"), data.X, data.y)
    A = np.asarray(model.readout.kernel[...])
    np.testing.assert_array_equal(A, np.repeat(np.eye(10, dtype=np.float32), 2, axis=0))
    np.testing.assert_array_equal(np.asarray(model.readout.bias[...]), 0.0)
    # each centroid lies near its class template, far from the others
    W = np.asarray(model.yat.prototypes[...])
    means = np.stack([data.X[:400][data.y[:400] == c].mean(0) for c in range(10)])
    assert (np.linalg.norm(W[:, None] - means[None], axis=-1).argmin(1) == np.repeat(np.arange(10), 2)).all()


def test_kmeans_start_needs_a_multiple_of_the_classes(data):
    with pytest.raises(ValueError, match="n_units"):
        recipes.build(SMALL.but(init="kmeans", n_units=25), data.X, data.y)
    with pytest.raises(ValueError, match="labels"):
        recipes.seed_prototypes(data.X, SMALL.but(init="kmeans"))


def test_a_separate_prototype_rate_moves_only_the_prototypes(data):
    r = SMALL.but(prototype_learning_rate=1e-12)
    start = recipes.seed_prototypes(data.X, r)
    run = recipes.train(r, X=data.X, y=data.y, progress=False)
    np.testing.assert_allclose(np.asarray(run.model.yat.prototypes[...]), start, atol=1e-6)
    moved = recipes.train(SMALL, X=data.X, y=data.y, progress=False)
    assert np.abs(np.asarray(moved.model.yat.prototypes[...]) - start).max() > 1e-3


def test_cosine_schedule_decays_the_step_to_zero():
    r = SMALL.but(schedule="cosine", epochs=3)  # 3 epochs x 8 steps = 24 steps
    tx = recipes.optimizer(r)
    params = {"w": jnp.zeros(3)}
    state = tx.init(params)
    sizes = []
    for _ in range(24):
        upd, state = tx.update({"w": jnp.ones(3)}, state, params)
        sizes.append(float(jnp.abs(upd["w"]).max()))
    assert sizes[0] == pytest.approx(1e-2, rel=1e-3) and sizes[-1] < 1e-4
    with pytest.raises(ValueError, match="schedule"):
        recipes.optimizer(r.but(schedule="linear"))


def test_the_anchor_keeps_prototypes_nearer_the_data(data):
    def distance(anchor):
        run = recipes.train(
            SMALL.but(init="noise", anchor=anchor, epochs=6, learning_rate=5e-2), X=data.X, y=data.y, progress=False
        )
        W = np.asarray(run.model.yat.prototypes[...])
        return np.linalg.norm(W[:, None] - data.X[None, :400], axis=-1).min(1).mean()

    assert distance(100.0) < 0.7 * distance(0.0)


def test_the_twin_drops_every_yat_only_setting():
    r = SMALL.but(init="noise", init_seed=7, anchor=0.3, per_unit=True, prototype_learning_rate=1e-3, b_init=2.0)
    t = gap.twin(r, 4e-3)
    assert t == gap.twin(SMALL, 4e-3)
    assert t.model == "relu" and t.learning_rate == 4e-3 and t.n_units == 20 and t.epochs == 2


def test_compare_measures_the_gap_against_the_best_twin(data):
    rows = gap.compare([("plain", SMALL)], data, learning_rates=(1e-3, 1e-2), progress=False)
    (c,) = rows
    twins = [gap.measure(gap.twin(SMALL, lr), data) for lr in (1e-3, 1e-2)]
    assert c.relu.validation_accuracy == max(t.validation_accuracy for t in twins)
    assert c.gap == pytest.approx(100 * (c.relu.test_accuracy - c.yat.test_accuracy))
    assert 0 <= c.yat.legibility < 10 and c.yat.prototypes.shape == (20, 784)
    assert c.cost[0] > 0 and c.cost[1] > 0 and c.cost_ratio == pytest.approx(c.cost[0] / c.cost[1])
    text = gap.table(rows)
    assert "plain" in text and f"{c.gap:.2f}" in text


def test_compare_refuses_relu_recipes_and_empty_grids(data):
    with pytest.raises(ValueError, match="Yat recipes"):
        gap.compare([("relu", SMALL.but(model="relu"))], data, progress=False)
    with pytest.raises(ValueError, match="learning_rates"):
        gap.best_twin(SMALL, data, learning_rates=())
    with pytest.raises(ValueError, match="train_size"):
        gap.measure(SMALL.but(train_size=500), data)


def test_a_zero_readout_starts_at_logits_zero(data):
    model = recipes.build(SMALL.but(readout_init="zero"), data.X, data.y)
    np.testing.assert_array_equal(np.asarray(model(data.X[:5])), 0.0)
    assert np.abs(np.asarray(recipes.build(SMALL, data.X, data.y)(data.X[:5]))).max() > 1.0
    with pytest.raises(ValueError, match="readout_init"):
        recipes.build(SMALL.but(readout_init="ones"), data.X, data.y)


def test_the_grid_applies_each_lever_at_each_width():
    named = gap.grid(
        [20, 30],
        ["images (the companion's start)", "readout from zero, lr split"],
        budget="36 epochs, cosine",
        base=SMALL,
    )
    assert [(n, r.n_units) for n, r in named] == [
        ("images (the companion's start)", 20),
        ("readout from zero, lr split", 20),
        ("images (the companion's start)", 30),
        ("readout from zero, lr split", 30),
    ]
    r = named[1][1]
    assert (r.readout_init, r.learning_rate, r.prototype_learning_rate) == ("zero", 1e-4, 4e-3)
    assert (r.epochs, r.schedule, r.batch_size) == (36, "cosine", 50)
    with pytest.raises(ValueError, match="unknown lever"):
        gap.grid([20], ["more data"])
    with pytest.raises(ValueError, match="unknown budget"):
        gap.grid([20], budget="forever")


def fake(name, yat, relu, L, val_shift=0.0):

    def m(acc, leg, v):
        return gap.Measured(SMALL, acc, acc + v, leg, 1.0, np.zeros((2, 784)), np.ones(3))

    return gap.Comparison(name, m(yat, L, val_shift), m(relu, np.nan, 0.0), (2.0, 1.0))


def test_best_legible_takes_the_smallest_gap_among_legible_recipes():
    rows = [fake("a", 0.80, 0.85, 1.2), fake("b", 0.845, 0.85, 2.0), fake("c", 0.83, 0.85, 1.5)]
    assert gap.best_legible(rows).name == "c"
    assert rows[1].gap == pytest.approx(0.5) and rows[1].cost_ratio == 2.0
    with pytest.raises(ValueError, match="legibility"):
        gap.best_legible(rows[1:2])


def test_best_legible_chooses_on_the_validation_items_not_the_test_set():
    # "c" has the smaller test gap, "a" the smaller validation gap: the choice must not look at the test set
    rows = [fake("a", 0.82, 0.85, 1.2, val_shift=0.025), fake("c", 0.83, 0.85, 1.4)]
    assert rows[1].gap < rows[0].gap and rows[0].validation_gap < rows[1].validation_gap
    assert gap.best_legible(rows).name == "a"


def test_seeds_repeat_the_recipe_with_new_draws_and_the_twin_rate(data):
    (c,) = gap.compare([("plain", SMALL)], data, learning_rates=(1e-3, 1e-2), progress=False)
    again = gap.seeds(c, data, n=2, progress=False)
    assert [s.yat.recipe.seed for s in again] == [0, 1] and [s.yat.recipe.init_seed for s in again] == [1, 2]
    assert again[0].yat.test_accuracy == c.yat.test_accuracy and again[0].relu.test_accuracy == c.relu.test_accuracy
    assert all(s.relu.recipe.learning_rate == c.relu.recipe.learning_rate for s in again)
    assert not np.array_equal(again[0].yat.prototypes, again[1].yat.prototypes)


def test_the_levers_work_for_any_number_of_features_and_classes():
    """No 784 and no 10: a k-means start on 3 classes of 12 features, a zero readout, per-unit b and eps."""
    rng = np.random.default_rng(4)
    centres = rng.random((3, 12)).astype(np.float32)
    y = np.arange(240, dtype=np.int32) % 3
    X = np.clip(centres[y] + 0.05 * rng.standard_normal((240, 12)), 0, 1).astype(np.float32)
    r = recipes.Recipe(
        n_units=6, train_size=150, epochs=2, batch_size=30, init="kmeans", per_unit=True, schedule="cosine", anchor=0.1
    )
    model = recipes.build(r, X[:150], y[:150])
    np.testing.assert_array_equal(
        np.asarray(model.readout.kernel[...]), np.repeat(np.eye(3, dtype=np.float32), 2, axis=0)
    )
    assert model.yat.b.shape == (6,)
    zero = recipes.build(r.but(init="images", readout_init="zero"), X, n_classes=5)
    assert np.asarray(zero.readout.kernel[...]).shape == (6, 5)
    d = gap.prepare(X, y, X[200:], y[200:], train_size=150)
    assert d.validation == (150, 240) and d.n_classes == 3
    (c,) = gap.compare([("k-means", r)], d, learning_rates=(1e-2,), progress=False)
    assert c.yat.prototypes.shape == (6, 12) and 0 <= c.yat.test_accuracy <= 1
    other = gap.prepare(X[::-1].copy(), y[::-1].copy(), X[200:], y[200:], train_size=150)
    assert other.key != d.key  # other data, other measurements


def test_epoch_cost_times_both_models_and_is_cached(data, monkeypatch):
    yat_s, relu_s = gap.epoch_cost(SMALL, data, steps=2, repeats=2)
    assert yat_s > 0 and relu_s > 0
    monkeypatch.setattr(gap, "train_step", None)  # a second call must not time again
    assert gap.epoch_cost(SMALL.but(learning_rate=1e-3, seed=3), data, steps=2, repeats=2) == (yat_s, relu_s)
    with pytest.raises(ValueError, match="steps"):
        gap.epoch_cost(SMALL, data, steps=100)


# --- receipts: records, pictures, rows for the table and the figure, agreement (made-up numbers, no training) ---


def made_up(name, K, yat, relu, L, *, seed=0, twin_lr=4e-3, D=12, val_shift=0.0):
    """A comparison with made-up numbers and pictures (no training): K units of D features."""
    r = recipes.Recipe(n_units=K, train_size=400, epochs=3, batch_size=50, seed=seed)
    W = np.random.default_rng(K + seed).uniform(-0.3, 1.3, (K, D))
    F = np.random.default_rng(100 + K).normal(0, 0.05, (K, D))
    yat_m = gap.Measured(r, yat, yat + val_shift, L, 0.5, W, np.array([2.3, 1.1, 0.7]))
    relu_m = gap.Measured(gap.twin(r, twin_lr), relu, relu, 2.5, 0.4, F, np.array([0.9, 0.5, 0.4]))
    return gap.Comparison(name, yat_m, relu_m, (0.6, 0.5))


ROWS = [
    made_up("plain", 4, 0.80, 0.85, 1.2),
    made_up("anchor", 4, 0.82, 0.85, 1.1, val_shift=0.01),
    made_up("plain", 20, 0.83, 0.86, 1.4, twin_lr=8e-3),
]
SEEDS = [
    made_up("anchor, seed 0", 4, 0.82, 0.85, 1.1),
    made_up("anchor, seed 1", 4, 0.815, 0.853, 1.15, seed=1),
    made_up("anchor, seed 2", 4, 0.824, 0.851, 1.12, seed=2),
]


def write_receipt(folder, rows=ROWS, seeds=SEEDS, meta=None):
    """A receipt of ``rows`` and ``seeds`` with its pictures beside it, the way the bench writes them."""
    arrays, keys = gap.pictures(rows, n=3)
    runs = [gap.record(c, kind="grid", pictures=k) for c, k in zip(rows, keys)]
    runs += [gap.record(c, kind="seed") for c in seeds]
    receipts.write(
        "sweep",
        "python bench/sweep.py --grid chapter",
        ["yatlib.gap"],
        runs,
        folder=folder,
        meta={"wall_minutes": 12.4, **(meta or {})},
        arrays=arrays,
    )
    return receipts.load("sweep", folder=folder)


def test_a_record_holds_every_number_of_the_table_and_reads_back(tmp_path):
    rec = gap.record(ROWS[2], kind="grid", lever="plain")
    assert list(rec)[:3] == ["name", "kind", "lever"] and rec["K"] == 20 and rec["twin_rate"] == 8e-3
    assert rec["gap"] == pytest.approx(3.0) and rec["L"] == 1.4 and rec["cost_ratio"] == pytest.approx(1.2)
    assert rec["loss"] == [2.3, 1.1, 0.7] and rec["recipe"]["n_units"] == 20
    r = write_receipt(tmp_path)
    rows = gap.from_receipt(r, folder=tmp_path)
    assert gap.table(rows) == gap.table(ROWS)  # the table from the receipt is the table measured
    assert [c.yat.recipe for c in rows] == [c.yat.recipe for c in ROWS]
    assert [c.relu.recipe for c in rows] == [c.relu.recipe for c in ROWS]
    assert gap.best_legible(rows).name == "anchor"  # chosen on validation, from the receipt alone
    seeds = gap.from_receipt(r, kind="seed", folder=tmp_path)
    assert [c.name for c in seeds] == [c.name for c in SEEDS] and seeds[0].yat.prototypes.shape == (0, 0)
    with pytest.raises(ValueError, match="no runs of kind 'twin'"):
        gap.from_receipt(r, kind="twin", folder=tmp_path)
    with pytest.raises(ValueError, match="not a gap.record"):
        gap.from_records([{"name": "x", "recipe": {"n_units": 3}}])


def test_the_figure_from_the_receipt_draws_what_the_measured_rows_draw(tmp_path):
    """Pictures are kept 8-bit, as drawn: the widget's dots and pictures are the same from the receipt."""
    from yatlib.widgets.accuracy_legibility import AccuracyLegibility

    r = write_receipt(tmp_path)
    rows = gap.from_receipt(r, folder=tmp_path)
    kw = {"n_pictures": 3, "image_shape": (3, 4)}
    now = AccuracyLegibility(ROWS, relu_filters={c.yat.recipe.n_units: c.relu.prototypes for c in ROWS}, **kw)
    then = AccuracyLegibility(rows, relu_filters={c.yat.recipe.n_units: c.relu.prototypes for c in rows}, **kw)
    assert then.points == now.points and then.relu_pictures == now.relu_pictures
    arrays, keys = gap.pictures(ROWS, n=3)
    assert sorted(arrays) == ["twin-0", "twin-2", "yat-0", "yat-1", "yat-2"]  # one twin stored per distinct twin
    assert keys[1] == {"yat": "yat-1", "twin": "twin-0"} and arrays["yat-0"].dtype == np.uint8


def test_as_drawn_is_the_galleries_8_bit_picture():
    from yatlib.images import to_uint8

    W = np.random.default_rng(3).normal(0.5, 0.7, (4, 12))
    np.testing.assert_array_equal(gap.as_drawn(W), to_uint8(W, shape=(3, 4)).reshape(4, 12))
    np.testing.assert_array_equal(
        gap.as_drawn(W, stretch=True), to_uint8(W, shape=(3, 4), normalise="minmax").reshape(4, 12)
    )
    with pytest.raises(ValueError, match=r"\[n, D\]"):
        gap.as_drawn(W[0])


def test_pictures_that_are_not_the_receipts_are_refused(tmp_path):
    r = write_receipt(tmp_path)
    assert gap.load_pictures(r, folder=tmp_path)["yat-0"].dtype == np.float32
    blob = (tmp_path / "sweep.npz").read_bytes()
    (tmp_path / "sweep.npz").write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    with pytest.raises(ValueError, match="not the file written with receipt 'sweep'"):
        gap.from_receipt(r, folder=tmp_path)
    receipts.write("other", "cmd", ["yatlib.toy"], [], arrays={"yat-0": np.zeros((1, 2), np.uint8)}, folder=tmp_path)
    (tmp_path / "sweep.npz").write_bytes((tmp_path / "other.npz").read_bytes())
    forged = receipts.Receipt(
        **{
            **r.__dict__,
            "meta": {"arrays": receipts.load("other", folder=tmp_path).meta["arrays"] | {"file": "sweep.npz"}},
        }
    )
    with pytest.raises(ValueError, match="other source"):
        gap.load_pictures(forged, folder=tmp_path)
    (tmp_path / "sweep.npz").unlink()
    with pytest.raises(FileNotFoundError, match=r"run `python bench/sweep.py --grid chapter`"):
        gap.load_pictures(r, folder=tmp_path)


def test_a_receipt_of_other_data_is_refused(tmp_path, data):
    r = write_receipt(tmp_path, meta={"data": {"key": "X=float32[1, 1]:0"}})
    with pytest.raises(ValueError, match="other data"):
        gap.from_receipt(r, d=data, folder=tmp_path)
    r = write_receipt(tmp_path, meta={"data": {"key": data.key}})
    assert len(gap.from_receipt(r, d=data, folder=tmp_path)) == 3


def test_a_receipt_describes_its_command_machine_and_commit(tmp_path):
    r = write_receipt(tmp_path)
    text = r.describe()
    assert text.startswith("measured by `python bench/sweep.py --grid chapter` on ")
    assert f"{r.machine['cores']} cores of {r.machine['cpu']}" in text and r.commit[:10] in text
    assert r.meta["date"] in text and text.endswith(", in 12 min")
    dirty = receipts.Receipt(**{**r.__dict__, "commit": "abcdef0123456789 (with uncommitted changes)"})
    assert "at commit abcdef0123 with uncommitted changes, on" in dirty.describe()


def test_the_noise_is_the_spread_of_the_seeds():
    noise = receipts.seed_noise([gap.record(c) for c in SEEDS], gap.AGREEMENT)
    assert set(noise) == {"yat_test", "twin_test", "gap", "L"}
    assert noise["yat_test"] == pytest.approx(0.009) and noise["L"] == pytest.approx(0.05)
    assert noise["gap"] == pytest.approx(3.8 - 2.7)  # gaps 3.0, 3.8, 2.7 points
    with pytest.raises(ValueError, match="at least 2 seeds"):
        receipts.seed_noise([gap.record(SEEDS[0])], gap.AGREEMENT)


def test_agreement_within_the_noise_is_reported():
    recorded = gap.record(SEEDS[0])
    now = gap.record(made_up("again", 4, 0.823, 0.849, 1.13))
    report = receipts.check_agrees(
        now, recorded, receipts.seed_noise([gap.record(c) for c in SEEDS], gap.AGREEMENT), words=gap.AGREEMENT
    )
    lines = report.splitlines()
    assert len(lines) == 4 and all(line.endswith(": agrees") for line in lines)
    assert lines[0] == (
        "Yat MLP's test accuracy: now 82.30 %, the receipt 82.00 %; they differ by 0.30 pt, allowed 0.90 pt: agrees"
    )
    assert lines[3].startswith("legibility ratio L: now 1.13, the receipt 1.10; they differ by 0.03, allowed 0.05")


def test_a_mismatch_raises_with_the_numbers_and_what_to_do():
    recorded = gap.record(SEEDS[0])
    now = gap.record(made_up("again", 4, 0.80, 0.85, 1.1))  # 2 points below the receipt
    noise = receipts.seed_noise([gap.record(c) for c in SEEDS], gap.AGREEMENT)
    with pytest.raises(
        receipts.ReceiptMismatch, match="Yat MLP's test accuracy, gap \\(test\\) differ from the receipt"
    ) as err:
        receipts.check_agrees(now, recorded, noise, words=gap.AGREEMENT)
    assert "DOES NOT AGREE" in str(err.value) and "run its bench again" in str(err.value)
    assert isinstance(err.value, AssertionError)  # a failed check, like a failed claim


def test_the_committed_sweep_is_whole():
    """bench/receipts/closing_the_gap.{json,npz}: the pictures belong to the receipt, the recipe marked chosen is
    the one chosen on validation from the receipt's rows, and its seeds are recorded (seed 0 is that row)."""
    r = receipts.load("closing_the_gap")
    rows = gap.from_receipt(r)
    assert len(rows) >= 21 and all(
        c.yat.prototypes.shape[0] == min(gap.N_PICTURES, c.yat.recipe.n_units)
        and c.relu.prototypes.shape == c.yat.prototypes.shape
        for c in rows
    )
    (chosen,) = [x for x in r.where(kind="grid") if x["chosen"]]
    best = gap.best_legible(rows)
    assert (
        (best.name, best.yat.recipe.n_units)
        == (chosen["name"], chosen["K"])
        == (r.meta["chosen"]["name"], r.meta["chosen"]["K"])
    )
    seeds = r.where(kind="seed")
    assert [s["seed"] for s in seeds] == [0, 1, 2] and all(s["K"] == chosen["K"] for s in seeds)
    assert all(seeds[0][k] == chosen[k] for k in gap.AGREEMENT)
