r"""The Part I widgets: the unit on the plane, computed in the browser.

Each class is an :class:`anywidget.AnyWidget` whose JavaScript (``p1_math.js``,
``p1_plane.js``, ``p1_widgets.mjs``) evaluates the kernels, the ridge readout
and the Gram eigenvalues, so every control works in the static book with no
kernel. The math in ``p1_math.js`` is the same as in :mod:`yatlib.kernels`,
:mod:`yatlib.ridge` and :mod:`yatlib.kernel_checks`; ``tests/unit/test_p1_js.py``
checks that they agree.
"""

from __future__ import annotations

from typing import Sequence

import anywidget
import numpy as np
import traitlets

from .. import ridge, toy
from ._bundle import bundle

__all__ = ["ReluVsYat", "YatSection", "FourKernels", "KernelLayer", "BeTheOptimiser", "GramSpectrum"]

_ESM = bundle("common.js", "p1_math.js", "p1_plane.js", "p1_widgets.mjs")


class _Part1(anywidget.AnyWidget):
    _esm = _ESM
    kind = traitlets.Unicode("").tag(sync=True)


class ReluVsYat(_Part1):
    r"""Figure F01: :math:`\max(0, w\cdot x)` next to :math:`(w\cdot x)^2/(\lVert x-w\rVert^2+\varepsilon)` for one shared :math:`w`.

    Parameters
    ----------
    theta : float
        Angle of :math:`w` in degrees.
    radius : float
        Length :math:`\lVert w\rVert`.
    eps : float
        The Yat unit's :math:`\varepsilon > 0`.
    """

    theta = traitlets.Float(30.0).tag(sync=True)
    radius = traitlets.Float(1.5).tag(sync=True)
    eps = traitlets.Float(0.3).tag(sync=True)

    def __init__(self, theta: float = 30.0, radius: float = 1.5, eps: float = 0.3, **kwargs: object) -> None:
        if eps <= 0 or radius <= 0:
            raise ValueError(f"need eps > 0 and radius > 0; got eps={eps}, radius={radius}.")
        super().__init__(kind="relu_vs_yat", theta=theta, radius=radius, eps=eps, **kwargs)


class YatSection(_Part1):
    r"""Figure F02: the section :math:`x \mapsto K(x, W)` of the Yat kernel, with :math:`W`, :math:`\varepsilon`, :math:`b` as controls."""

    w = traitlets.List([1.0, 0.5]).tag(sync=True)
    eps = traitlets.Float(0.1).tag(sync=True)
    b = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, w: Sequence[float] = (1.0, 0.5), eps: float = 0.1, b: float = 0.0, **kwargs: object) -> None:
        if eps <= 0 or b < 0:
            raise ValueError(f"need eps > 0 and b >= 0; got eps={eps}, b={b}.")
        super().__init__(kind="yat_section", w=[float(v) for v in w], eps=eps, b=b, **kwargs)


class FourKernels(_Part1):
    """Figure F03: Gaussian, Laplace, Yat and polynomial kernels around the same centre ``w``, evaluated at ``x``."""

    w = traitlets.List([1.0, 0.8]).tag(sync=True)
    x = traitlets.List([-0.5, 1.5]).tag(sync=True)

    def __init__(self, w: Sequence[float] = (1.0, 0.8), x: Sequence[float] = (-0.5, 1.5), **kwargs: object) -> None:
        super().__init__(kind="four_kernels", w=[float(v) for v in w], x=[float(v) for v in x], **kwargs)


class KernelLayer(_Part1):
    r"""Figure F04: :math:`f(x) = \sum_u \alpha_u K(x, W_u)` for a few Yat units, with the per-unit contributions at ``x``."""

    prototypes = traitlets.List().tag(sync=True)
    alpha = traitlets.List().tag(sync=True)
    x = traitlets.List([0.3, 0.2]).tag(sync=True)
    eps = traitlets.Float(0.3).tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)

    def __init__(self, prototypes: np.ndarray, alpha: Sequence[float], *, x: Sequence[float] = (0.3, 0.2),
                 eps: float = 0.3, b: float = 1.0, **kwargs: object) -> None:
        W = np.asarray(prototypes, dtype=np.float64)
        a = np.asarray(alpha, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != 2 or len(W) == 0:
            raise ValueError(f"prototypes must be a non-empty [K, 2] array; got shape {W.shape}.")
        if a.shape != (len(W),):
            raise ValueError(f"alpha needs one value per prototype ({len(W)}); got shape {a.shape}.")
        super().__init__(kind="kernel_layer", prototypes=W.round(4).tolist(), alpha=a.round(4).tolist(),
                         x=[float(v) for v in x], eps=eps, b=b, **kwargs)


class BeTheOptimiser(_Part1):
    """Figure F05: place prototypes, set or auto-fit their readout, and watch the decision boundary.

    The data sets come from :func:`yatlib.toy.make` (``n`` points, ``seeds`` samples each, so
    "resample" cycles through them). ``presets`` holds, per data set, yatlib's own answer
    (:func:`yatlib.ridge.kmeans_ridge`), which a button loads.
    """

    datasets = traitlets.Dict().tag(sync=True)
    presets = traitlets.Dict().tag(sync=True)
    dataset = traitlets.Unicode("moons").tag(sync=True)
    accuracy = traitlets.Float(-1.0).tag(sync=True)

    def __init__(self, names: Sequence[str] = ("moons", "circles", "xor", "spirals", "blobs"), *, n: int = 150,
                 seeds: int = 4, presets: dict | None = None, **kwargs: object) -> None:
        data = {}
        for name in names:
            samples = []
            for s in range(seeds):
                X, y = toy.make(name, n, seed=s)
                samples.append({"X": X.astype(np.float64).round(3).tolist(), "y": y.astype(int).tolist()})
            data[name] = samples
        super().__init__(kind="game", datasets=data, presets=presets or {}, dataset=names[0], **kwargs)

    @staticmethod
    def preset(name: str, per_class: int, kernel: str = "yat", *, n: int = 150, **params: float) -> dict:
        """yatlib's answer for data set ``name`` (seed 0): k-means prototypes per class and the ridge readout."""
        X, y = toy.make(name, n, seed=0)
        W, alpha, acc = ridge.kmeans_ridge(X, y, per_class, kernel, **params)
        return {"kernel": kernel, **{k: float(v) for k, v in params.items()}, "W": W.round(4).tolist(),
                "alpha": alpha.tolist(), "acc": acc}


class GramSpectrum(_Part1):
    """Figure F14: eigenvalues of the Yat Gram matrix of random points, next to a similarity that is not a kernel."""

    n_points = traitlets.Int(20).tag(sync=True)

    def __init__(self, n_points: int = 20, **kwargs: object) -> None:
        if not 2 <= n_points <= 60:
            raise ValueError(f"n_points must be in 2..60; got {n_points}.")
        super().__init__(kind="gram", n_points=n_points, **kwargs)
