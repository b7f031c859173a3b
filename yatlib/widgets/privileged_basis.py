r"""Figure F13: who owns the coordinates? A rotation slipped into a hidden layer, and a Yat layer turned with its data.

Three panels over the plane: the output of a linear network and of a ReLU network with an
orthogonal :math:`Q(\theta)` inserted in the hidden layer and undone after it, and the field of a
Yat layer whose data and prototypes are rotated together. The fields are computed in the browser
(``basis.js``, checked against :mod:`yatlib.basis` by the node tests); the relative change of each
output at every slider step comes from :func:`yatlib.basis.privileged_basis_setup`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

from ..basis import RotationSetup
from ._base import YatWidget
from ._bundle import bundle
from ._encode import points

__all__ = ["PrivilegedBasis"]


class PrivilegedBasis(YatWidget):
    """Figure F13: the rotation test of the hidden layer (linear, ReLU) and of a Yat layer.

    Controls: the **rotation angle θ** (one step per row of the setup's table) and "save as PNG".

    Parameters
    ----------
    setup : RotationSetup
        From :func:`yatlib.basis.privileged_basis_setup`.
    step : int
        The slider step shown first (0 is θ = 0).
    """

    _esm = bundle("dom.js", "canvas.js", "plane.js", "basis.js", "privileged_basis.mjs")
    net = traitlets.Dict().tag(sync=True)
    X: traitlets.List[Any] = traitlets.List().tag(sync=True)
    y: traitlets.List[Any] = traitlets.List().tag(sync=True)
    prototypes: traitlets.List[Any] = traitlets.List().tag(sync=True)
    readout: traitlets.List[Any] = traitlets.List().tag(sync=True)
    b = traitlets.Float(1.0).tag(sync=True)
    eps = traitlets.Float(0.3).tag(sync=True)
    lim = traitlets.Float(2.0).tag(sync=True)
    table: traitlets.List[Any] = traitlets.List().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)

    def __init__(self, setup: RotationSetup, *, step: int = 0, **kwargs: Any) -> None:
        if not isinstance(setup, RotationSetup):
            raise ValueError(f"setup must come from yatlib.basis.privileged_basis_setup(); got {type(setup).__name__}.")
        if not 0 <= step < len(setup.table):
            raise ValueError(f"step must be between 0 and {len(setup.table) - 1}; got {step}.")
        net = setup.net
        if net.W1.shape[1] != 2 or net.W2.shape[0] < 1:
            raise ValueError(f"the network needs 2 inputs and an output; got W1 {net.W1.shape}, W2 {net.W2.shape}.")
        super().__init__(
            net={k: np.round(np.asarray(getattr(net, k), np.float64), 8).tolist() for k in ("W1", "c1", "W2", "c2")},
            X=points(setup.X, 3),
            y=np.asarray(setup.y).astype(int).tolist(),
            prototypes=points(setup.prototypes),
            readout=np.asarray(setup.readout, np.float64).tolist(),
            b=setup.b,
            eps=setup.eps,
            lim=setup.lim,
            table=[[float(v) for v in row] for row in setup.table],
            step=step,
            **kwargs,
        )
