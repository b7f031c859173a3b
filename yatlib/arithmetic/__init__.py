"""Painting arithmetic: a network that reads digit, operator, digit images and paints the answer.

Its only nonlinear trunk is one Yat layer of 256 units, so every unit can be
named from its prototype, drawn through the decoder and knocked out by name.

- :mod:`.glyphs`: operator and answer glyphs rendered from DejaVu Sans;
- :mod:`.dataset`: the operand rule, problems, painted answers, auxiliary labels;
- :mod:`.model`: shared CNN encoder, one Yat layer, ConvTranspose decoder;
- :mod:`.reader`: the template reader that scores painted answers;
- :mod:`.train`: the three training phases, with cached weights;
- :mod:`.naming`: library of codes, unit names (vote and nearest mean), footprints;
- :mod:`.interventions`: row, slot-only and random knockouts, and a fast live path;
- :mod:`.diagnostics`: what the reference reports about its run (symbol and slot accuracy, code distances, leftovers);
- :mod:`.experiment`: the whole experiment in one cached call;
- :mod:`.figures`: the figures of Part III, and the blocks of F26.
"""

from . import dataset, diagnostics, experiment, figures, glyphs, interventions, model, naming, reader, train
from .experiment import Experiment, run
from .figures import architecture_blocks, format_table, samples_figure, tag_counts_figure

__all__ = [
    "dataset",
    "diagnostics",
    "experiment",
    "figures",
    "glyphs",
    "interventions",
    "model",
    "naming",
    "reader",
    "train",
    "Experiment",
    "run",
    "architecture_blocks",
    "format_table",
    "samples_figure",
    "tag_counts_figure",
]
