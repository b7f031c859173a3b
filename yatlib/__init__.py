"""yatlib: the helper library of the interactive textbook on kernel MLPs; every module, one line each.

Data in

- :mod:`yatlib.toy`: 2-D toy data sets of Part I (moons, rings, XOR, spiral), seeded;
- :mod:`yatlib.data`: Fashion-MNIST and MNIST, found on disk or downloaded, checksum-verified;
- :mod:`yatlib.validation`: the checks every public function runs on what a reader passes in;

The unit and its kernel

- :mod:`yatlib.kernels`: Yat, Gaussian, Laplace, polynomial and inverse-multiquadric kernels, exact gradients;
- :mod:`yatlib.kernel_maximum`: where a Yat unit is largest over all inputs, in closed form;
- :mod:`yatlib.kernel_checks`: is it a kernel? eigenvalue checks of Gram matrices;
- :mod:`yatlib.features`: the exact finite feature map of the Yat numerator, and the lift it allows;
- :mod:`yatlib.locality`: which units an input wakes up, and how much each one contributes;

Models and training

- :mod:`yatlib.layers`: the Yat layer, the Yat MLP and the same-shaped ReLU MLP (Flax NNX);
- :mod:`yatlib.ridge`: the readout of a kernel layer fitted by ridge least squares;
- :mod:`yatlib.toy_training`: a Yat MLP trained on 2-D toy data in float64, step for step as the browser does;
- :mod:`yatlib.apply`: a model or a function applied to many inputs, in batches, compiled once;
- :mod:`yatlib.training`: the Optax training loop, evaluation, weights cached by configuration and data;
- :mod:`yatlib.anchoring`: the anchoring term, a pull of each prototype toward the nearest training items;
- :mod:`yatlib.cache`: the on-disk cache, keyed by configuration, yatlib's source and the data's fingerprint;
- :mod:`yatlib.receipts`: the committed results of sweeps too long to run at build time, and whether they are stale;
- :mod:`yatlib.recipes`: the standard training runs of Part II, on any labelled data set;
- :mod:`yatlib.prototypes`: prototypes chosen by hand (k-means, exemplars, noise) and the classifier they make;
- :mod:`yatlib.handbuilt`: the hand-built classifier as prototypes are added;
- :mod:`yatlib.warmstart`: the hand-built classifier as a starting point for training;
- :mod:`yatlib.forces`: why prototypes move: the loss's force on a prototype, dead ReLU units;
- :mod:`yatlib.basis`: the privileged basis, what a rotation of the hidden layer changes;

Reading a trained model

- :mod:`yatlib.explain`: a prediction as a vote over prototypes, max-match, abstention, AUROC;
- :mod:`yatlib.neurons`: unit by unit, class by class, mistake by mistake;
- :mod:`yatlib.blend`: walking from one item to another across the decision boundary;
- :mod:`yatlib.provenance`: where the pictures come from: prototypes seeded from images or noise;
- :mod:`yatlib.legibility`: how legible prototypes are: their distance to the data over its nearest-neighbour floor;
- :mod:`yatlib.gap`: the accuracy gap to a same-shaped ReLU twin, with legibility and cost, recipe by recipe;
- :mod:`yatlib.projection`: 2-D maps of prototypes and data (PCA, UMAP);

Showing it

- :mod:`yatlib.style`: the book's colours, defined once (class colours, light and dark themes);
- :mod:`yatlib.images`: pictures of any shape as PNGs and plotly galleries;
- :mod:`yatlib.display`: notebook display setup (plotly in JupyterLab and in the static book) and
  :class:`~yatlib.display.Table`, a table of results that fits a notebook cell;
- :mod:`yatlib.widgets`: interactive widgets whose logic runs in the browser;
- :mod:`yatlib.claims`: checking the articles' numbers against the book's;

Part III

- :mod:`yatlib.transformer`: a tiny transformer block in NumPy, opened stage by stage;
- :mod:`yatlib.arithmetic`: painting arithmetic, a network that reads digit-operator-digit images and paints the answer.
"""

from . import cache
from ._version import __version__

cache.use_compilation_cache()  # before anything compiles: JAX's compiled programs are kept for the next kernel
from . import (  # noqa: E402 (after the compilation cache is set up)
    anchoring,
    apply,
    arithmetic,
    basis,
    blend,
    cache,
    claims,
    data,
    display,
    explain,
    features,
    forces,
    gap,
    handbuilt,
    images,
    kernel_checks,
    kernel_maximum,
    kernels,
    layers,
    legibility,
    locality,
    neurons,
    projection,
    prototypes,
    provenance,
    receipts,
    recipes,
    ridge,
    style,
    toy,
    toy_training,
    training,
    transformer,
    validation,
    warmstart,
    widgets,
)

__all__ = [
    "__version__",
    "toy",
    "data",
    "validation",
    "kernels",
    "kernel_maximum",
    "kernel_checks",
    "features",
    "locality",
    "layers",
    "ridge",
    "toy_training",
    "apply",
    "training",
    "anchoring",
    "cache",
    "receipts",
    "recipes",
    "prototypes",
    "handbuilt",
    "warmstart",
    "forces",
    "basis",
    "explain",
    "neurons",
    "blend",
    "provenance",
    "legibility",
    "gap",
    "projection",
    "style",
    "images",
    "display",
    "widgets",
    "claims",
    "transformer",
    "arithmetic",
]
