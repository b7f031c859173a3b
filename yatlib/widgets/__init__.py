"""Interactive widgets (anywidget): each holds data, and draws and computes in the browser.

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

How a widget is built (:mod:`.handbuilt_explorer` is the complete example): one Python class
deriving from :class:`YatWidget`, whose ``__init__`` takes the data it shows, checks it and syncs it
as traitlets (``from_model`` where it is read from a trained model), and one ``.mjs`` of the same
stem, bundled (:func:`bundle`) after the shared ``.js`` files it needs, so a figure works in the
static book with no kernel. yatlib computes, the widget shows; only F06 trains in the browser, with
``yat_trainer.js``, the algorithm of :mod:`yatlib.toy_training` step for step.
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
