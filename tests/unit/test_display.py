"""yatlib.display: a plotly figure keeps its height in JupyterLab and in the book; a table shows as HTML and
prints as text."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from yatlib import display

PLOTLY = "application/vnd.plotly.v1+json"


def _slider_figure(height: int | None = 480) -> go.Figure:
    """A figure with a slider whose steps restyle and relayout (the kind that collapsed in JupyterLab)."""
    fig = go.Figure([go.Scatter(x=[0, 1, 2], y=[0, 1, 0], name="a")])
    steps = [
        dict(method="update", label=str(k), args=[{"y": [[0, k, 0]]}, {"title.text": f"k = {k}"}]) for k in range(3)
    ]
    fig.update_layout(
        sliders=[dict(steps=steps, active=0)],
        updatemenus=[dict(type="buttons", buttons=[dict(label="flat", method="restyle", args=[{"y": [[0, 0, 0]]}])])],
    )
    if height is not None:
        fig.update_layout(height=height)
    return fig


@pytest.fixture
def bundle_of(monkeypatch):
    """``bundle_of(fig)``: the mimebundle that a notebook displays for ``fig`` after ``display.setup()``."""
    monkeypatch.setattr(pio.renderers, "default", pio.renderers.default)
    monkeypatch.setattr(pio.templates, "default", pio.templates.default)
    display.setup()
    return lambda fig: fig._repr_mimebundle_(include=None, exclude=None)


def test_setup_selects_the_book_renderer(bundle_of) -> None:
    assert pio.renderers.default == "yatlib"
    assert set(bundle_of(_slider_figure())) == {PLOTLY, "text/html"}


def test_jupyterlab_figure_is_not_responsive_and_keeps_its_height(bundle_of) -> None:
    lab = bundle_of(_slider_figure(480))[PLOTLY]
    assert "responsive" not in lab["config"], "a responsive figure collapses in JupyterLab on its first slider step"
    assert lab["config"]["displaylogo"] is False
    assert lab["layout"]["height"] == 480
    assert lab["layout"]["sliders"][0]["steps"][2]["args"][1] == {"title.text": "k = 2"}
    assert lab["layout"]["updatemenus"][0]["buttons"][0]["label"] == "flat"
    assert lab["data"][0]["y"] == [0, 1, 0] and lab["frames"] == []
    json.dumps(lab)  # what the kernel sends must be JSON


def test_figure_without_height_gets_the_default_height(bundle_of) -> None:
    fig = _slider_figure(None)
    b = bundle_of(fig)
    assert b[PLOTLY]["layout"]["height"] == display.DEFAULT_HEIGHT
    assert f"height:{display.DEFAULT_HEIGHT}px" in b["text/html"]
    assert fig.layout.height is None, "the figure itself is not changed"


def test_html_for_the_book_has_a_fixed_height_and_no_plotly_js(bundle_of) -> None:
    html = bundle_of(_slider_figure(520))["text/html"]
    # The outer div fixes the height, so the responsive plot (100 % of it) cannot collapse.
    assert re.match(r'<div style="height:520px; width:100%;">', html)
    assert '"responsive": true' in html
    assert "Plotly.newPlot" in html
    assert len(html) < 20_000, "plotly.js must not be inlined (the book serves it from _static)"


def test_frames_are_kept(bundle_of) -> None:
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1])], frames=[go.Frame(name="f1", data=[go.Scatter(y=[1, 0])])])
    b = bundle_of(fig)
    assert [f["name"] for f in b[PLOTLY]["frames"]] == ["f1"]
    assert "Plotly.addFrames" in b["text/html"]


def test_table_is_html_in_a_notebook_and_aligned_text_when_printed():
    t = display.Table(["what", "how", "n"], [["a <b>", "row", "1.5"], ["cc", "slot", "22.25"]], caption="Drops", left=2)
    html = t._repr_html_()
    assert html.count("<tr>") == 3 and '<th scope="col" style="text-align:left">what</th>' in html
    assert '<td style="text-align:right">22.25</td>' in html and "color:inherit" in html
    assert "a &lt;b&gt;" in html and ">Drops</caption>" in html  # cells are escaped
    lines = str(t).split("\n")
    assert lines == ["Drops", "what   how       n", "------------------", "a <b>  row     1.5", "cc     slot  22.25"]
    with pytest.raises(ValueError, match=r"rows \[1\].*one cell per column \(3\)"):
        display.Table(["a", "b", "c"], [["1", "2", "3"], ["1", "2"]])


def test_settings_of_a_configuration_object_are_a_readable_table():
    from yatlib import recipes, warmstart

    t = display.settings(recipes.COMPANION)
    assert t.caption == "Recipe: every setting of one training run (the data are passed to train)"
    rows = dict(t.rows)
    assert (
        rows["learning_rate"] == "0.004"
        and rows["train_size"] == "20,000"
        and rows["prototype_learning_rate"] == "none"
    )
    assert "Recipe(" not in str(t) and "Recipe(" not in t._repr_html_()
    assert dict(display.settings(warmstart.LITTLE_DATA, caption="x").rows)["rest_per_class"] == "none"
    with pytest.raises(ValueError, match="dataclass instance"):
        display.settings({"a": 1})


def test_glue_does_nothing_outside_a_kernel(capsys):
    display.glue(a=1.0, b="text")
    assert capsys.readouterr().out == ""
