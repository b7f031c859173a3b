r"""Where a Yat unit is largest: the maximiser and the maximum of :math:`\phi(x; w)` over all inputs, in closed form.

A Yat unit :math:`\phi(x; w) = (w\cdot x + b)^2/(\lVert x - w\rVert^2 + \varepsilon)` is often described as
"a single peak at :math:`x = w`". For :math:`\varepsilon > 0` that is not where it is largest: its value at the
prototype is :math:`(\lVert w\rVert^2 + b)^2/\varepsilon`, while its maximum, :math:`\lVert w\rVert^2` higher, lies
just beyond the prototype (for :math:`b > -\lVert w\rVert^2`, which covers every :math:`b \ge 0`),
at :math:`(1 + \varepsilon/(\lVert w\rVert^2 + b))\,w`. :func:`yat_maximum` gives both,
with the derivation and every case of :math:`b`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .validation import check_array, check_positive, check_scalar

__all__ = ["YatMaximum", "yat_maximum"]


@dataclass(frozen=True)
class YatMaximum:
    """The largest value of one Yat unit over all inputs, as :func:`yat_maximum` gives it.

    ``argmax`` is the input :math:`x^\\star` where it is reached, a float64 array ``[D]`` (all NaN when
    no input reaches it); ``value`` is the maximum (the supremum when it is not reached);
    ``attained`` says whether some input reaches it; ``at_prototype`` is the value at :math:`x = w`,
    :math:`(\\lVert w\\rVert^2 + b)^2/\\varepsilon`.
    """

    argmax: np.ndarray
    value: float
    attained: bool
    at_prototype: float


def yat_maximum(w: ArrayLike, b: float = 0.0, eps: float = 0.1) -> YatMaximum:
    r"""Where one Yat unit :math:`\phi(x; w) = (w\cdot x + b)^2/(\lVert x - w\rVert^2 + \varepsilon)`
    is largest over all :math:`x \in \mathbb{R}^D`, and how large it is.

    With :math:`s = \lVert w\rVert^2 + b` (so that :math:`\phi(w; w) = s^2/\varepsilon`), for every
    :math:`\varepsilon > 0` and every real :math:`b`:

    .. math::

        \sup_x \phi(x; w) = \frac{s^2 + \varepsilon\lVert w\rVert^2}{\varepsilon}
        = \phi(w; w) + \lVert w\rVert^2,
        \qquad
        x^\star = \Big(1 + \frac{\varepsilon}{s}\Big)\, w \quad (s \ne 0).

    Derivation. Write :math:`x = w + r`. Then :math:`w\cdot x + b = w\cdot r + s` is the inner
    product of :math:`(w,\ s/\sqrt\varepsilon)` and :math:`(r,\ \sqrt\varepsilon)` in
    :math:`\mathbb{R}^{D+1}`, and :math:`\lVert x - w\rVert^2 + \varepsilon` is the squared length of
    the second vector. By Cauchy-Schwarz,
    :math:`(w\cdot x + b)^2 \le (\lVert w\rVert^2 + s^2/\varepsilon)(\lVert x - w\rVert^2 + \varepsilon)`,
    so :math:`\phi \le \lVert w\rVert^2 + s^2/\varepsilon` everywhere, with equality exactly when the two
    vectors are parallel: :math:`(r, \sqrt\varepsilon) = t\,(w, s/\sqrt\varepsilon)`, which fixes
    :math:`t = \varepsilon/s` and :math:`r = (\varepsilon/s)\,w`. The maximiser is unique.

    Cases:

    * :math:`s > 0` (:math:`b > -\lVert w\rVert^2`, which includes every :math:`b \ge 0` with
      :math:`w \ne 0`): :math:`x^\star` lies on the ray from the origin through :math:`w`, beyond the
      prototype by :math:`\varepsilon\lVert w\rVert/s`.
    * :math:`s < 0` (:math:`b < -\lVert w\rVert^2`): :math:`x^\star` lies on the same line, on the
      origin's side of :math:`w`: between the origin and :math:`w` if :math:`\varepsilon < -s`, at the
      origin if :math:`\varepsilon = -s`, past the origin (opposite to :math:`w`) if
      :math:`\varepsilon > -s`.
    * :math:`s = 0`, :math:`w \ne 0` (:math:`b = -\lVert w\rVert^2`): the supremum
      :math:`\lVert w\rVert^2` is not reached; :math:`\phi(w + t w; w)` tends to it as
      :math:`|t| \to \infty`. ``argmax`` is NaN.
    * :math:`w = 0`: :math:`\phi = b^2/(\lVert x\rVert^2 + \varepsilon)`, largest at the origin
      (the formula with :math:`s = b`); if also :math:`b = 0`, :math:`\phi \equiv 0` and every input is a
      maximiser (``argmax`` is the origin).

    The maximum is never unbounded for :math:`\varepsilon > 0`. The value at the prototype,
    :math:`(\lVert w\rVert^2 + b)^2/\varepsilon`, is :math:`\kappa(w, w)`, the squared RKHS norm of the
    section :math:`\kappa(\cdot, w)` (for :math:`b \ge 0`, where the kernel is positive semi-definite);
    the maximum exceeds it by :math:`\lVert w\rVert^2`, a fraction
    :math:`\varepsilon\lVert w\rVert^2/s^2` of it, and :math:`x^\star \to w` as
    :math:`\varepsilon \to 0`: "a single peak at :math:`x = w`" holds exactly only in that limit.

    Parameters
    ----------
    w : array ``[D]``
        The prototype.
    b : float, default 0.0
        Numerator bias, any real number.
    eps : float, default 0.1
        Denominator floor, :math:`\varepsilon > 0`.

    Returns
    -------
    YatMaximum
        ``argmax`` (:math:`x^\star`, float64 ``[D]``, NaN where the supremum is not reached), ``value``
        (the maximum), ``attained`` and ``at_prototype`` (:math:`\phi(w; w)`).
    """
    wa = np.asarray(check_array(w, "w", ndim=1, dtype=np.float64, who="yat_maximum"))
    b = check_scalar(b, "b", why="The numerator bias may have any sign.")
    eps = check_positive(eps, "eps", why="It keeps the denominator away from zero; try 0.1.")
    w2 = float(wa @ wa)
    s = w2 + b
    at_w = s * s / eps
    if s != 0.0:
        return YatMaximum((1.0 + eps / s) * wa, at_w + w2, True, at_w)
    if w2 == 0.0:  # w = 0 and b = 0: the unit is 0 everywhere
        return YatMaximum(np.zeros_like(wa), 0.0, True, 0.0)
    return YatMaximum(np.full_like(wa, np.nan), w2, False, 0.0)
