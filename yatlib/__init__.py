"""yatlib: the helper library of the interactive textbook on kernel MLPs.

Modules, one per concept:

- :mod:`yatlib.kernels`: Yat, Gaussian, Laplace, polynomial and inverse-multiquadric kernels;
- :mod:`yatlib.layers`: the Yat layer, the Yat MLP and the same-shaped ReLU MLP (Flax NNX);
- :mod:`yatlib.training`: the Optax training loop, evaluation, weight caching;
- :mod:`yatlib.prototypes`: prototypes chosen by hand and the classifier they make;
- :mod:`yatlib.data`: Fashion-MNIST and MNIST loaders;
- :mod:`yatlib.cache`: the on-disk cache for slow results;
- :mod:`yatlib.claims`: checking the articles' numbers against the book's;
- :mod:`yatlib.recipes`: the standard Fashion-MNIST training runs of Part II;
- :mod:`yatlib.handbuilt`: the hand-built classifier as prototypes are added;
- :mod:`yatlib.images`: pictures of prototypes (PNG, galleries);
- :mod:`yatlib.toy`: 2-D toy data sets;
- :mod:`yatlib.display`: notebook display setup (plotly in JupyterLab and in the static book);
- :mod:`yatlib.widgets`: interactive widgets whose logic runs in the browser.
"""

from ._version import __version__
from . import cache, claims, data, display, handbuilt, images, kernels, layers, prototypes, recipes, toy, training

__all__ = [
    "__version__", "cache", "claims", "data", "display", "handbuilt", "images",
    "kernels", "layers", "prototypes", "recipes", "toy", "training",
]
