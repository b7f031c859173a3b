"""Bad input across the public API: every case must raise a ValueError whose message names the
argument, says what is wrong and (where there is one) how to fix it.

The table is the evidence for issue #11's "silent wrong answers on bad input": each row is a
call a reader could make, and the regex pins the wording of the error. The categories: wrong
number of dimensions (including 3-D arrays, unflattened images), NaN and inf, empty, wrong
dtype, labels out of range or negative, eps <= 0, b < 0, mismatched lengths, bad settings.
"""

import numpy as np
import pytest
from flax import nnx

from yatlib import (
    anchoring,
    cache,
    data,
    explain,
    gap,
    handbuilt,
    images,
    kernels,
    legibility,
    neurons,
    prototypes,
    recipes,
    training,
    validation,
    widgets,
)
from yatlib.layers import ReluMLP, YatLayer, YatMLP

rng = np.random.default_rng(0)
X = rng.random((8, 6)).astype(np.float32)
y = np.array([0, 1, 2, 0, 1, 2, 0, 1], np.int32)
W = X[:4]
X_nan = X.copy()
X_nan[1, 3] = np.nan
X_inf = X.copy()
X_inf[0, 0] = np.inf
yat_model = YatMLP(6, 4, 3, rngs=nnx.Rngs(0), prototypes=W)
relu_model = ReluMLP(6, 4, 3, rngs=nnx.Rngs(0))
phi = np.asarray(kernels.yat(X, W), np.float64)
fitted = prototypes.HandBuiltClassifier(per_class=1, init="exemplars").fit(X, y)
M3 = neurons.confusion_counts(y, y, 3)


def fit(Xb=X, yb=y, **kw):
    return training.fit(YatMLP(6, 4, 3, rngs=nnx.Rngs(0), prototypes=W), Xb, yb, epochs=1, progress=False, **kw)


CASES = [
    # ---- kernels ----------------------------------------------------------------------------
    (
        "yat: x is 1-D",
        lambda: kernels.yat(np.ones(3), np.ones((4, 3))),
        r"^x must be a 2-D array \[rows, features\]; got shape \(3,\)\. For a single item use x\[None, :\]",
    ),
    (
        "yat: x is 3-D",
        lambda: kernels.yat(np.ones((2, 3, 4)), np.ones((4, 4))),
        r"^x must be a 2-D array .*got shape \(2, 3, 4\)\..*flatten images",
    ),
    (
        "yat: NaN in x",
        lambda: kernels.yat(X_nan, W),
        r"^x contains NaN or infinite values \(1 NaN, 0 inf; first at row 1\)\. Remove those rows or impute",
    ),
    ("yat: inf in w", lambda: kernels.yat(X, X_inf), r"^w contains NaN or infinite values \(0 NaN, 1 inf"),
    (
        "yat: x empty",
        lambda: kernels.yat(np.zeros((0, 3)), np.ones((4, 3))),
        r"^x is empty \(shape \(0, 3\)\); it needs at least one row",
    ),
    ("yat: w empty", lambda: kernels.yat(np.ones((2, 3)), np.zeros((0, 3))), r"^w is empty"),
    (
        "yat: features differ",
        lambda: kernels.yat(np.ones((2, 3)), np.ones((4, 2))),
        r"^feature dimensions differ: x has 3 features, w has 2\. Inputs and prototypes must live in the same space",
    ),
    ("yat: eps = 0", lambda: kernels.yat(X, W, eps=0.0), r"^eps must be > 0; got 0\. It keeps the denominator"),
    ("yat: eps = -1", lambda: kernels.yat(X, W, eps=-1.0), r"^eps must be > 0; got -1\."),
    ("yat: eps NaN", lambda: kernels.yat(X, W, eps=float("nan")), r"^eps must be a finite number; got nan"),
    (
        "yat: eps an array",
        lambda: kernels.yat(X, W, eps=np.ones(2)),
        r"^eps must be a scalar; got an array of shape \(2,\)",
    ),
    ("yat: b < 0", lambda: kernels.yat(X, W, b=-0.5), r"^b must be >= 0; got -0\.5\."),
    (
        "yat: strings",
        lambda: kernels.yat(np.array([["a", "b"]]), np.ones((1, 2))),
        r"^x must be a numeric array; got dtype <U1\. Convert it with np\.asarray\(x, dtype=np\.float32\)",
    ),
    (
        "yat: ragged rows",
        lambda: kernels.yat([[1.0, 2.0], [1.0]], np.ones((1, 2))),
        r"^x is not a regular numeric array",
    ),
    ("yat: complex", lambda: kernels.yat(np.ones((2, 2)) * 1j, np.ones((1, 2))), r"^x must be real-valued"),
    ("gaussian: sigma = 0", lambda: kernels.gaussian(X, W, sigma=0), r"^sigma must be > 0; got 0\."),
    ("polynomial: degree 0", lambda: kernels.polynomial(X, W, degree=0), r"^degree must be >= 1; got 0\."),
    (
        "polynomial: degree 1.5",
        lambda: kernels.polynomial(X, W, degree=1.5),
        r"^degree must be a whole number; got 1\.5",
    ),
    ("imq: power < 0", lambda: kernels.inverse_multiquadric(X, W, power=-1), r"^power must be > 0; got -1"),
    ("gram: unknown kernel", lambda: kernels.gram(X, "relu"), r"^unknown kernel 'relu'; kernel must be one of"),
    # ---- layers -----------------------------------------------------------------------------
    (
        "YatLayer: eps_init = 0",
        lambda: YatLayer(6, 3, rngs=nnx.Rngs(0), eps_init=0.0),
        r"^eps_init must be > 0; got 0\. eps keeps the denominator",
    ),
    (
        "YatLayer: b_init < 0",
        lambda: YatLayer(6, 3, rngs=nnx.Rngs(0), b_init=-1.0),
        r"^b_init must be > 0; got -1\. b is stored through softplus",
    ),
    ("YatLayer: in_features 0", lambda: YatLayer(0, 3, rngs=nnx.Rngs(0)), r"^in_features must be >= 1; got 0"),
    (
        "YatLayer: prototypes shape",
        lambda: YatLayer(6, 3, rngs=nnx.Rngs(0), prototypes=np.ones((2, 6))),
        r"^prototypes must have shape \[n_units, in_features\] = \[3, 6\]; got \(2, 6\)",
    ),
    (
        "YatLayer: prototypes NaN",
        lambda: YatLayer(6, 2, rngs=nnx.Rngs(0), prototypes=np.full((2, 6), np.nan)),
        r"^prototypes contains NaN",
    ),
    (
        "YatLayer: wrong features",
        lambda: YatLayer(6, 3, rngs=nnx.Rngs(0))(np.ones((2, 5))),
        r"^x must have 6 features per row to match the YatLayer's 6 inputs; got 5",
    ),
    ("YatLayer: NaN input", lambda: yat_model.yat(X_nan), r"^x contains NaN or infinite values \(1 NaN"),
    ("YatMLP: n_classes 0", lambda: YatMLP(6, 4, 0, rngs=nnx.Rngs(0)), r"^n_classes must be >= 1; got 0"),
    (
        "from_prototypes: labels length",
        lambda: YatMLP.from_prototypes(np.ones((3, 2)), [0, 1], 2),
        r"^labels has 2 labels but prototypes has 3 rows; they must match one to one",
    ),
    ("from_prototypes: empty", lambda: YatMLP.from_prototypes(np.ones((0, 2)), [], 2), r"^prototypes is empty"),
    (
        "from_prototypes: label 5 of 2",
        lambda: YatMLP.from_prototypes(np.ones((2, 2)), [0, 5], 2),
        r"^labels contains the label 5, but there are 2 classes \(n_classes\), labels 0\.\.1",
    ),
    (
        "from_prototypes: eps = 0",
        lambda: YatMLP.from_prototypes(W, [0, 1, 2, 0], 3, eps=0.0),
        r"^eps must be > 0; got 0",
    ),
    ("ReluMLP: NaN input", lambda: relu_model.activations(X_nan), r"^x contains NaN"),
    # ---- training ---------------------------------------------------------------------------
    (
        "fit: label 3 with 3 classes",
        lambda: fit(yb=np.array([0, 1, 2, 3, 0, 1, 2, 0])),
        r"^y contains the label 3, but there are 3 classes \(the model's outputs\), labels 0\.\.2\. Build the model",
    ),
    (
        "fit: label -1",
        lambda: fit(yb=np.array([0, 1, 2, -1, 0, 1, 2, 0])),
        r"^y contains negative labels \(smallest -1\); class labels must be 0, 1, \.\.\., C-1\. Map them first",
    ),
    ("fit: y shorter than X", lambda: fit(yb=y[:3]), r"^y has 3 labels but X has 8 rows; they must match one to one"),
    (
        "fit: fractional labels",
        lambda: fit(yb=np.array([0.5, 1, 2, 0, 1, 2, 0, 1])),
        r"^y must hold whole-number class labels; got 0\.5",
    ),
    (
        "fit: string labels",
        lambda: fit(yb=np.array(list("abcabcab"))),
        r"^y must hold integer class labels .*got dtype <U1",
    ),
    (
        "fit: one-hot labels",
        lambda: fit(yb=np.eye(3)[y]),
        r"^y must be a 1-D array of integer class labels; got shape \(8, 3\)\. For one-hot labels use y\.argmax\(1\)",
    ),
    ("fit: NaN labels", lambda: fit(yb=np.array([0, 1, 2, np.nan, 0, 1, 2, 0])), r"^y contains NaN or infinite labels"),
    (
        "fit: NaN in X",
        lambda: fit(Xb=X_nan),
        r"^X contains NaN or infinite values \(1 NaN, 0 inf; first at row 1\)\. .*before calling fit",
    ),
    ("fit: X 1-D", lambda: fit(Xb=np.ones(8)), r"^X must be a 2-D array \[rows, features\]; got shape \(8,\)"),
    (
        "fit: X 3-D (images not flattened)",
        lambda: fit(Xb=np.ones((8, 2, 3))),
        r"^X must be a 2-D array .*got shape \(8, 2, 3\)\..*X\.reshape\(len\(X\), -1\)",
    ),
    (
        "fit: wrong features",
        lambda: fit(Xb=np.ones((8, 5))),
        r"^X must have 6 features per row to match the model's inputs; got 5",
    ),
    ("fit: learning_rate 0", lambda: fit(learning_rate=0), r"^learning_rate must be > 0; got 0"),
    (
        "fit: epochs -1",
        lambda: training.fit(yat_model, X, y, epochs=-1, progress=False),
        r"^epochs must be >= 0; got -1",
    ),
    ("fit: batch_size 0", lambda: fit(batch_size=0), r"^batch_size must be >= 1; got 0"),
    ("fit: eval_set not a pair", lambda: fit(eval_set=X), r"^eval_set must be a pair \(X_eval, y_eval\)"),
    (
        "predict: one NaN pixel",
        lambda: training.predict(yat_model, X_nan),
        r"^X contains NaN or infinite values \(1 NaN, 0 inf; first at row 1\)\. .*before calling predict",
    ),
    ("predict: empty", lambda: training.predict(yat_model, np.zeros((0, 6))), r"^X is empty"),
    ("predict_logits: 3-D", lambda: training.predict_logits(relu_model, np.ones((2, 2, 3))), r"^X must be a 2-D array"),
    (
        "accuracy: label 7",
        lambda: training.accuracy(relu_model, X, np.full(8, 7)),
        r"^y contains the label 7, but there are 3 classes",
    ),
    # ---- prototypes and the hand-built classifier -------------------------------------------
    (
        "kmeans: per_class too large",
        lambda: prototypes.kmeans_prototypes(np.ones((4, 2)), np.array([0, 0, 1, 1]), 3),
        r"^per_class=3 is too large: class 0 has only 2 items to cluster\. Lower per_class",
    ),
    ("kmeans: per_class 0", lambda: prototypes.kmeans_prototypes(X, y, 0), r"^per_class must be >= 1; got 0"),
    ("kmeans: NaN", lambda: prototypes.kmeans_prototypes(X_nan, y, 1), r"^X contains NaN"),
    (
        "exemplars: mismatched",
        lambda: prototypes.random_exemplars(np.ones((4, 2)), np.array([0, 1]), 1),
        r"^y has 2 labels but X has 4 rows",
    ),
    (
        "HandBuilt: predict before fit",
        lambda: prototypes.HandBuiltClassifier().predict(X),
        r"has no prototypes yet; call fit\(X, y\) first",
    ),
    (
        "HandBuilt: init",
        lambda: prototypes.HandBuiltClassifier(init="magic").fit(X, y),
        r"^init must be one of 'kmeans', 'exemplars'; got 'magic'",
    ),
    ("HandBuilt: eps 0", lambda: prototypes.HandBuiltClassifier(eps=0.0).fit(X, y), r"^eps must be > 0; got 0"),
    ("HandBuilt: b < 0", lambda: prototypes.HandBuiltClassifier(b=-1.0).fit(X, y), r"^b must be >= 0; got -1"),
    ("HandBuilt: rule", lambda: fitted.predict(X, rule="max"), r"^rule must be one of 'sum', 'nearest'; got 'max'"),
    (
        "HandBuilt: features",
        lambda: fitted.predict(np.ones((2, 5))),
        r"^X must have 6 features per row to match the prototypes",
    ),
    ("one_hot_readout: empty", lambda: prototypes.one_hot_readout([], 3), r"^labels is empty"),
    (
        "matched_noise: one row",
        lambda: prototypes.matched_noise(np.ones((1, 2)), 3),
        r"^X has only 1 row\(s\) \(shape \(1, 2\)\); it needs at least 2 rows",
    ),
    (
        "nearest_prototype: no prototypes",
        lambda: prototypes.nearest_prototype(np.zeros((3, 0)), []),
        r"^phi has no prototypes \(shape \(3, 0\), 0 columns\)",
    ),
    (
        "nearest_prototype: labels length",
        lambda: prototypes.nearest_prototype(phi, [0, 1, 2]),
        r"^labels has 3 labels but phi's columns \(one label per prototype\) has 4 rows",
    ),
    (
        "sum_vote: label out of range",
        lambda: prototypes.sum_vote(phi, [0, 1, 5, 0], 3),
        r"^labels contains the label 5, but there are 3 classes \(n_classes\)",
    ),
    ("select_first: n too large", lambda: handbuilt.select_first([0, 0, 1, 1], 3), r"^n must be <= 2; got 3"),
    (
        "sweep_counts: labels length",
        lambda: handbuilt.sweep_counts(W, [0, 1], X, y),
        r"^labels has 2 labels but prototypes has 4 rows",
    ),
    (
        "sweep_counts: eps -1",
        lambda: handbuilt.sweep_counts(W, [0, 1, 2, 0], X, y, eps=-1),
        r"^eps must be > 0; got -1",
    ),
    # ---- explain ------------------------------------------------------------------------------
    (
        "explain: NaN input",
        lambda: explain.explain(yat_model, X_nan[1]),
        r"^x contains NaN or infinite values \(1 NaN, 0 inf; first at position 3\)\. .*before calling explain",
    ),
    ("explain: two inputs", lambda: explain.explain(yat_model, X[:2]), r"^x must be one input .*got 2 rows"),
    ("explain: top 0", lambda: explain.explain(yat_model, X[0], top=0), r"^top must be >= 1; got 0"),
    ("explain: tau < 0", lambda: explain.explain(yat_model, X[0], tau=-1.0), r"^tau must be >= 0; got -1"),
    (
        "explain: ReLU model",
        lambda: explain.activations(relu_model, X),
        r"^model must be a YatMLP; got ReluMLP\. activations reads prototypes",
    ),
    (
        "explain: 3-D input",
        lambda: explain.activations(yat_model, np.ones((2, 2, 3))),
        r"^X must be a 1-D or 2-D array; got shape \(2, 2, 3\)",
    ),
    (
        "explain: wrong features",
        lambda: explain.activations(yat_model, np.ones((2, 5))),
        r"^X must have 6 features per row",
    ),
    ("shares: negative", lambda: explain.shares([[1.0, -1.0]]), r"^phi contains negative values \(smallest -1\)"),
    ("abstain: tau NaN", lambda: explain.abstain([1.0, 2.0], float("nan")), r"^tau must be a finite number; got nan"),
    ("tradeoff_curve: empty", lambda: explain.tradeoff_curve([1.0], [], [1.0]), r"^max_out is empty"),
    ("threshold_grid: n 1", lambda: explain.threshold_grid([1.0, 2.0], n=1), r"^n must be >= 2; got 1"),
    ("auroc: NaN", lambda: explain.auroc([1.0, np.nan], [0.5]), r"^scores_in contains NaN"),
    ("min_distance: NaN", lambda: explain.min_distance(yat_model, X_nan), r"^X contains NaN"),
    (
        "nearest_image_class: y length",
        lambda: explain.nearest_image_class(W, X, y[:5]),
        r"^y has 5 labels but X has 8 rows",
    ),
    (
        "UnitGallery: no title",
        lambda: widgets.UnitGallery([{"label": "a", "images": X}]),
        r"^panels\[0\] lacks \['title'\]",
    ),
    (
        "UnitGallery: too few names",
        lambda: widgets.UnitGallery(
            [{"label": "a", "images": np.ones((2, 4)), "title": "t", "classes": [0, 2]}], class_names=["a", "b"]
        ),
        r"^class_names has 2 names but panels\[0\] uses class 2",
    ),
    # ---- neurons -----------------------------------------------------------------------------
    (
        "confusion_counts: prediction 10",
        lambda: neurons.confusion_counts([0, 1, 2], [0, 1, 10], 10),
        r"^predicted contains the label 10, but there are 10 classes \(n_classes\), labels 0\.\.9",
    ),
    (
        "confusion_counts: label -1",
        lambda: neurons.confusion_counts([0, -1, 2], [0, 1, 2], 3),
        r"^labels contains negative labels",
    ),
    (
        "confusion_counts: lengths",
        lambda: neurons.confusion_counts([0, 1, 2], [0, 1], 3),
        r"^predicted has 2 labels but labels has 3 rows",
    ),
    (
        "unit_profiles: top too large",
        lambda: neurons.unit_profiles(phi, y, np.ones((4, 3)), top=20),
        r"^top must be <= 8; got 20",
    ),
    (
        "unit_profiles: weights rows",
        lambda: neurons.unit_profiles(phi, y, np.ones((5, 3))),
        r"^weights has 5 rows but phi has 4 columns",
    ),
    (
        "class_committees: size 0",
        lambda: neurons.class_committees(np.ones((4, 3)), size=0),
        r"^size must be >= 1; got 0",
    ),
    (
        "mistakes: logits rows",
        lambda: neurons.mistakes(phi, np.ones((2, 3)), y, [0, 1, 2, 0]),
        r"^logits has 2 rows but phi has 8",
    ),
    (
        "confusion_figure: names",
        lambda: neurons.confusion_figure(M3, ["a", "b"]),
        r"^class_names has 2 names but M has 3 classes",
    ),
    (
        "confusion_figure: not square",
        lambda: neurons.confusion_figure(np.ones((3, 2))),
        r"^M must be a square \[C, C\] confusion matrix",
    ),
    ("neurons.activations: NaN", lambda: neurons.activations(yat_model, X_nan), r"^X contains NaN"),
    # ---- images ------------------------------------------------------------------------------
    (
        "gallery_figure: not square",
        lambda: images.gallery_figure(np.ones((2, 10))),
        r"^shape is needed: 10 values per image are not a square picture\. Pass shape=\(height, width\)",
    ),
    (
        "gallery_figure: wrong shape",
        lambda: images.gallery_figure(np.ones((2, 10)), shape=(3, 3)),
        r"^shape=\(3, 3\) does not fit 10 values per image",
    ),
    (
        "gallery_figure: titles",
        lambda: images.gallery_figure(np.ones((2, 4)), titles=["a"]),
        r"^titles has 1 entries but there are 2 images",
    ),
    ("gallery_figure: empty", lambda: images.gallery_figure(np.ones((0, 784))), r"^images is empty"),
    (
        "to_uint8: normalise",
        lambda: images.to_uint8(np.ones(4), normalise="log"),
        r"^normalise must be one of 'clip', 'minmax'",
    ),
    # ---- recipes, cache, data ----------------------------------------------------------------
    ("Recipe: n_units 0", lambda: recipes.Recipe(n_units=0), r"^n_units must be >= 1; got 0"),
    ("Recipe: eps_init 0", lambda: recipes.COMPANION.but(eps_init=0.0), r"^eps_init must be > 0; got 0"),
    ("Recipe: unknown setting", lambda: recipes.COMPANION.but(units=3), r"^unknown recipe setting\(s\) \['units'\]"),
    ("Recipe: model", lambda: recipes.Recipe(model="cnn"), r"^model must be one of 'yat', 'relu'; got 'cnn'"),
    ("train: X without y", lambda: recipes.train(X=X), r"^pass both X and y"),
    ("train: not a Recipe", lambda: recipes.train({"n_units": 3}, X=X, y=y), r"^recipe must be a Recipe"),
    (
        "train: label beyond n_classes",
        lambda: recipes.train(recipes.Recipe(n_units=2), X=X, y=y, n_classes=2),
        r"^y contains the label 2, but there are 2 classes \(n_classes\)",
    ),
    (
        "seed_prototypes: too few items",
        lambda: recipes.seed_prototypes(X, recipes.COMPANION),
        r"^X has 8 training items, fewer than the 48 prototypes",
    ),
    ("Recipe: init", lambda: recipes.COMPANION.but(init="zeros"), r"^init must be one of 'images', 'noise', 'kmeans'"),
    (
        "Recipe: schedule",
        lambda: recipes.COMPANION.but(schedule="linear"),
        r"^schedule must be one of 'constant', 'cosine'",
    ),
    (
        "Recipe: anchor < 0",
        lambda: recipes.COMPANION.but(anchor=-0.1),
        r"^anchor must be >= 0; got -0\.1\. It is the strength",
    ),
    (
        "Recipe: prototype rate 0",
        lambda: recipes.COMPANION.but(prototype_learning_rate=0.0),
        r"^prototype_learning_rate must be > 0; got 0",
    ),
    (
        "Recipe: per_unit",
        lambda: recipes.COMPANION.but(per_unit="yes"),
        r"^per_unit must be one of False, True; got 'yes'",
    ),
    (
        "Recipe: readout_init",
        lambda: recipes.COMPANION.but(readout_init="ones"),
        r"^readout_init must be one of 'default', 'zero'; got 'ones'",
    ),
    (
        "build: k-means width not a multiple of C",
        lambda: recipes.build(recipes.Recipe(n_units=4, init="kmeans"), X, y),
        r"^n_units must be a multiple of the 3 classes for init='kmeans'.*got n_units=4\. Use e\.g\. n_units=3",
    ),
    (
        "build: k-means class absent",
        lambda: recipes.build(recipes.Recipe(n_units=4, init="kmeans"), X, y, n_classes=4),
        r"^y has no item of class\(es\) \[3\] .*use init='images'",
    ),
    (
        "build: no labels, no n_classes",
        lambda: recipes.build(recipes.Recipe(n_units=2), X),
        r"^recipes\.build needs the labels y or the number of classes n_classes",
    ),
    (
        "seed_prototypes: k-means without y",
        lambda: recipes.seed_prototypes(X, recipes.Recipe(n_units=3, init="kmeans")),
        r"^y is needed for init='kmeans'",
    ),
    (
        "YatLayer: per_unit",
        lambda: YatLayer(6, 3, rngs=nnx.Rngs(0), per_unit="no"),
        r"^per_unit must be one of False, True",
    ),
    ("fit: optimizer not optax", lambda: fit(optimizer="adam"), r"^optimizer must be an Optax optimiser"),
    ("fit: regulariser not a function", lambda: fit(regulariser=0.1), r"^regulariser must be a function"),
    (
        "batch_anchor: strength < 0",
        lambda: anchoring.batch_anchor(-1.0),
        r"^strength must be >= 0; got -1\. It is lambda",
    ),
    ("bank_anchor: NaN", lambda: anchoring.bank_anchor(1.0, X_nan), r"^bank contains NaN"),
    ("legibility: features", lambda: legibility.legibility(W, np.ones((5, 4))), r"^X must have 6 features per row"),
    ("legibility: floor 0", lambda: legibility.legibility(W, X, data_floor=0.0), r"^data_floor must be > 0"),
    (
        "gap.prepare: validation overlaps the pool",
        lambda: gap.prepare(X, y, X, y, train_size=4, validation=(2, 8)),
        r"^validation rows must satisfy train_size <= lo < hi <= 8",
    ),
    (
        "gap.prepare: test features",
        lambda: gap.prepare(X, y, np.ones((3, 5)), y[:3], train_size=4),
        r"^X_test must have 6 features per row to match X",
    ),
    ("gap.prepare: train_size = N", lambda: gap.prepare(X, y, X, y, train_size=8), r"^train_size must be <= 7; got 8"),
    ("cache: name with /", lambda: cache.cache_path("a/b", {}), r"^cache name must be a plain non-empty word"),
    ("cache: config", lambda: cache.cache_path("a", {"k": object()}), r"^cache config must be JSON-serialisable"),
    ("cache: data not a mapping", lambda: cache.cache_path("a", {}, data=[X]), r"^data must be a mapping"),
    ("data: unknown set", lambda: data.load("cifar"), r"^unknown data set 'cifar'; choose one of"),
    ("data: split", lambda: data.load("mnist", "valid"), r"^split must be 'train' or 'test'; got 'valid'"),
    (
        "validation: image shape",
        lambda: validation.check_image_shape("28x28", 784),
        r"^shape must be a pair \(height, width\)",
    ),
]


@pytest.mark.parametrize("call, wording", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_a_clear_value_error(call, wording):
    with pytest.raises(ValueError, match=wording) as err:
        call()
    assert type(err.value) is ValueError


def test_the_table_is_large_and_its_names_are_unique():
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)
