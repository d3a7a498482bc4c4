"""A chart whose every figure is unknown ("not recorded") is said in words, not drawn as a
frame of bare labels; its data table stays. A chart with one known figure is drawn."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from insights import charts


def test_a_chart_of_unknown_figures_only_is_unrecorded() -> None:
    unknown = charts.bar_chart("u", "Unknown", "D", [("A", None), ("B", None)], "Row", "Value")
    known = charts.bar_chart("k", "Known", "D", [("A", None), ("B", 0)], "Row", "Value")
    assert unknown.unrecorded and not known.unrecorded
    assert not charts.bar_chart("e", "Empty", "D", [], "Row", "Value").unrecorded


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "No figures have been recorded for these yet."),
        ("fi", "Näille ei ole vielä kirjattu lukuja."),
        ("sv", "Inga siffror har ännu registrerats för dessa."),
    ],
)
def test_the_page_says_so_and_keeps_the_table(lang: str, sentence: str) -> None:
    with translation.override(lang):
        chart = charts.bar_chart("u", "Unknown", "D", [("A", None)], "Row", "Value")
        html = render_to_string("insights/_chart.html", {"chart": chart})
    assert sentence in html
    assert "<svg" not in html
    assert "<table" in html
