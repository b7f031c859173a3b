"""Interactive widgets (anywidget): each holds data, and draws and computes in the browser.

A widget never trains in the browser's place: yatlib computes, the widget shows. Every
widget is one Python module and one ``.mjs`` of the same stem in this folder; the
``.mjs`` is bundled (:func:`bundle`) after the shared ``.js`` files it needs, so a figure
keeps working in the static book with no kernel and no network.

Widgets, by figure:

- :mod:`.relu_vs_yat` (F01): a ReLU unit next to a Yat unit with the same weights;
- :mod:`.yat_section` (F02): the Yat kernel around one prototype, ε and b as controls;
- :mod:`.four_kernels` (F03): Gaussian, Laplace, Yat and polynomial kernels side by side;
- :mod:`.kernel_layer` (F04): a kernel layer as a weighted sum of bumps;
- :mod:`.be_the_optimiser` (F05): place prototypes and fit the readout by hand;
- :mod:`.training_player` (F06): a Yat MLP learning on 2-D data;
- :mod:`.force_probe` (F07): the force on a prototype, and on a dead ReLU unit;
- :mod:`.locality_explorer` (F08, F09): which prototypes answer a query, and their shares;
- :mod:`.block_stepper` (F12): the stages of a transformer block;
- :mod:`.gram_spectrum` (F14): eigenvalues of a Yat Gram matrix;
- :mod:`.handbuilt_explorer` (F15): the classifier built by hand from prototypes;
- :mod:`.vote_explorer` (F18): a prediction explained as a vote, and abstention;
- :mod:`.picture_browser` (F19, F20, F23): units, classes and mistakes as pictures;
- :mod:`.boundary_walk` (F22): walking from one item to another across a boundary;
- :mod:`.unit_explorer` (F27): naming and footprints of the painting-arithmetic units;
- :mod:`.ablation_explorer` (F28): knocking out units by name.

Shared browser code, by topic: ``dom.js`` (the widget root with its lazy start and theme,
named controls, the aria-live read-out, keyboard helpers, motion, PNG export, CSS),
``live.js`` (asking the kernel for a state that was not precomputed), ``chart.js`` (SVG
charts), ``canvas.js`` (colour maps, decoding arrays, painting grids), ``plane.js`` (2-D
plane panels), ``kernels.js`` (kernel values and Yat activations), ``linalg.js`` (ridge,
eigenvalues, a seeded generator), ``fields.js`` (vector fields), ``classifier.js`` (a
trained Yat MLP: forward pass, vote, abstention) and ``arithmetic.js`` (ablation bars).
In Python: ``_base.py`` (:class:`YatWidget`, the live path), ``_bundle.py`` (assembling a
module after the palette of :mod:`yatlib.style`) and ``_encode.py`` (packing arrays).

Every widget behaves the same way (see :mod:`.handbuilt_explorer` for a complete example):
it starts when it first comes near the viewport (``mountWidget``); every control has a name
in the reader's words and works with the keyboard; a polite live region reads out the
current state; canvases have a text alternative; animations respect reduced motion and
pause off screen; colours follow the book's light or dark theme; "Save as PNG" exports
the current view; and with a kernel connected (JupyterLab), a control may ask Python for
a state that was not precomputed, while the static book offers the precomputed states
and says so in one line.
"""

from __future__ import annotations

from ._base import YatWidget
from ._bundle import bundle
from .ablation_explorer import AblationExplorer
from .be_the_optimiser import BeTheOptimiser
from .block_stepper import BlockStepper
from .boundary_walk import BoundaryWalk
from .force_probe import ForceProbe
from .four_kernels import FourKernels
from .gram_spectrum import GramSpectrum
from .handbuilt_explorer import HandBuiltExplorer
from .kernel_layer import KernelLayer
from .locality_explorer import LocalityExplorer
from .picture_browser import PictureBrowser, class_browser, mistake_browser, unit_browser
from .relu_vs_yat import ReluVsYat
from .training_player import TrainingPlayer
from .unit_explorer import UnitExplorer
from .vote_explorer import VoteExplorer
from .yat_section import YatSection

__all__ = [
    "bundle", "YatWidget", "ReluVsYat", "YatSection", "FourKernels", "KernelLayer", "BeTheOptimiser", "TrainingPlayer",
    "ForceProbe", "LocalityExplorer", "BlockStepper", "GramSpectrum", "HandBuiltExplorer", "VoteExplorer",
    "PictureBrowser", "unit_browser", "class_browser", "mistake_browser", "BoundaryWalk", "UnitExplorer",
    "AblationExplorer",
]
