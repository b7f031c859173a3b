"""Interactive widgets (anywidget): each holds data, and draws and computes in the browser.

A widget never trains in the browser's place: yatlib computes, the widget shows. The one
exception is F06 (:mod:`.yat_mlp_learning`), whose tiny 2-D network the reader trains in the
browser with ``yat_trainer.js``, the algorithm of :mod:`yatlib.toy_training` step for step. Every
widget is one Python module and one ``.mjs`` of the same stem in this folder; the
``.mjs`` is bundled (:func:`bundle`) after the shared ``.js`` files it needs, so a figure
keeps working in the static book with no kernel and no network.

Widgets, by figure:

- :mod:`.relu_vs_yat` (F01): a ReLU unit next to a Yat unit with the same weights;
- :mod:`.yat_section` (F02): the Yat kernel around one prototype, ε and b as controls;
- :mod:`.four_kernels` (F03): Gaussian, Laplace, Yat and polynomial kernels side by side;
- :mod:`.kernel_layer` (F04): a kernel layer as a weighted sum of bumps;
- :mod:`.be_the_optimiser` (F05): place prototypes and fit the readout by hand;
- :mod:`.yat_mlp_learning` (F06): a Yat MLP learning on 2-D data, trained in the browser or replayed from Python;
- :mod:`.force_probe` (F07): the force on a prototype, and on a dead ReLU unit;
- :mod:`.locality_explorer` (F08, F09): which prototypes answer a query, and their shares;
- :mod:`.feature_lift` (F10): points lifted by their quadratic score above a flat plane;
- :mod:`.off_distribution` (F11): single units and trained margins far from the data, in 1-D;
- :mod:`.block_stepper` (F12): the stages of a transformer block;
- :mod:`.privileged_basis` (F13): a rotation of the hidden layer, and a Yat layer turned with its data;
- :mod:`.gram_spectrum` (F14): eigenvalues of a Yat Gram matrix;
- :mod:`.handbuilt_explorer` (F15): the classifier built by hand from prototypes;
- :mod:`.training_curves` (Part II, chapter 2): loss and training accuracy per epoch of several runs;
- :mod:`.unit_gallery` (F16): the hidden units of trained networks as pictures;
- :mod:`.warm_start_explorer` (F17): warm against random starts, with little data and starved classes;
- :mod:`.vote_explorer` (F18): a prediction explained as a vote, and abstention;
- :mod:`.picture_browser` (F19, F20, F23): units, classes and mistakes as pictures
  (:class:`UnitBrowser`, :class:`ClassBrowser`, :class:`MistakeBrowser`);
- :mod:`.concept_map` (F21): the prototypes as pictures on a PCA or UMAP map;
- :mod:`.boundary_walk` (F22): walking from one item to another across a boundary;
- :mod:`.seed_comparison` (F24): prototypes seeded from images or noise, any training length;
- :mod:`.trajectory_map` (F25): prototypes moving through a map of the data as they train;
- :mod:`.accuracy_legibility` (F29): accuracy against legibility, every recipe and its ReLU twin;
- :mod:`.architecture` (F26): the painting-arithmetic network, block by block;
- :mod:`.unit_explorer` (F27): naming and footprints of the painting-arithmetic units;
- :mod:`.ablation_explorer` (F28): knocking out units by name, or any units the reader picks (live).

Shared browser code, by topic: ``dom.js`` (the widget root with its lazy start and theme,
named controls, the aria-live read-out, keyboard helpers, motion, PNG export, CSS),
``live.js`` (asking the kernel for a state that was not precomputed), ``chart.js`` (SVG
charts), ``canvas.js`` (colour maps, decoding arrays, painting grids), ``pictures.js`` (pictures of
items and prototypes in the theme's tones), ``plane.js`` (2-D
plane panels), ``kernels.js`` (kernel values and Yat activations), ``linalg.js`` (ridge,
eigenvalues, a seeded generator), ``basis.js`` (networks with a rotated hidden layer),
``fields.js`` (vector fields), ``classifier.js`` (a trained Yat MLP: forward pass, vote,
abstention), ``yat_trainer.js`` (training a Yat MLP on 2-D data, as :mod:`yatlib.toy_training`)
and ``arithmetic.js`` (ablation bars, the spread of the random draws, unit numbers typed by the reader).
In Python: ``_base.py`` (:class:`YatWidget`, the live path), ``_bundle.py`` (assembling a
module after the palette of :mod:`yatlib.style`) and ``_encode.py`` (packing arrays).

Every widget is built the same way: the class derives from :class:`YatWidget` and its
``__init__`` takes the data it shows (arrays, or the yatlib results that hold them: runs,
stages, sweeps, profiles), checks it and syncs it as traitlets; keyword arguments set the
starting state and ``compute=`` the live path. Where a widget is built from a trained model
rather than from its data, one classmethod ``from_model(model, ...)`` reads the arrays from
the model and calls ``__init__`` (:meth:`VoteExplorer.from_model`).

In JavaScript, every ``.mjs`` has the same shape (see :mod:`.handbuilt_explorer`): its data and
state are read from the model once into one object, its controls change that state and call its
draw function, and every function stays short. ``render`` returns the view's cleanup (from
``mountWidget``), which removes the view's model listeners and stops its live channel,
animation loop and timers when anywidget removes the view.

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
from .accuracy_legibility import AccuracyLegibility
from .architecture import ArchitectureDiagram
from .be_the_optimiser import BeTheOptimiser
from .block_stepper import BlockStepper
from .boundary_walk import BoundaryWalk
from .concept_map import ConceptMap
from .feature_lift import FeatureLift
from .force_probe import ForceProbe
from .four_kernels import FourKernels
from .gram_spectrum import GramSpectrum
from .handbuilt_explorer import HandBuiltExplorer
from .kernel_layer import KernelLayer
from .locality_explorer import LocalityExplorer
from .off_distribution import OffDistribution
from .picture_browser import ClassBrowser, MistakeBrowser, PictureBrowser, UnitBrowser
from .privileged_basis import PrivilegedBasis
from .relu_vs_yat import ReluVsYat
from .seed_comparison import SeedComparison
from .training_curves import TrainingCurves
from .trajectory_map import TrajectoryMap
from .unit_explorer import UnitExplorer
from .unit_gallery import UnitGallery
from .vote_explorer import VoteExplorer
from .warm_start_explorer import LittleDataExplorer, RareClassExplorer
from .yat_mlp_learning import YatMlpLearning
from .yat_section import YatSection

__all__ = [
    "bundle",
    "YatWidget",
    "ReluVsYat",
    "YatSection",
    "FourKernels",
    "KernelLayer",
    "BeTheOptimiser",
    "YatMlpLearning",
    "ForceProbe",
    "LocalityExplorer",
    "BlockStepper",
    "GramSpectrum",
    "HandBuiltExplorer",
    "VoteExplorer",
    "PictureBrowser",
    "UnitBrowser",
    "ClassBrowser",
    "MistakeBrowser",
    "BoundaryWalk",
    "UnitExplorer",
    "AblationExplorer",
    "ArchitectureDiagram",
    "FeatureLift",
    "OffDistribution",
    "PrivilegedBasis",
    "ConceptMap",
    "SeedComparison",
    "TrajectoryMap",
    "TrainingCurves",
    "UnitGallery",
    "LittleDataExplorer",
    "RareClassExplorer",
    "AccuracyLegibility",
]
