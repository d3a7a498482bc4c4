"""The shared design: one field pattern for every form, the page frame, charts that keep
their labels and say "not recorded" (docs/design.md)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import Client

from insights import charts

pytestmark = pytest.mark.django_db


class Sample(forms.Form):
    postcode = forms.CharField(label="Postcode", max_length=5)
    name = forms.CharField(label="Name", max_length=200, help_text="As in your passport.")
    email = forms.EmailField(label="E-mail")
    story = forms.CharField(label="Story", widget=forms.Textarea)
    start = forms.DateField(label="Start date")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect
    )


def test_a_field_has_its_label_above_then_hint_then_error_then_control() -> None:
    html = Sample(data={"postcode": "123456"}).as_div()
    block = html[html.index('<label for="id_name"') :]
    label, hint, error, control = (
        block.index("<label"),
        block.index('class="hint"'),
        block.index('class="error-message"'),
        block.index("<input"),
    )
    assert label < hint < error < control
    assert 'class="field field-invalid"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_name_helptext', html)


def test_boxes_are_as_wide_as_their_answer() -> None:
    html = Sample().as_div()
    assert re.search(
        r'<input[^>]*name="postcode"[^>]*class="input--w10"|class="input--w10"[^>]*name="postcode"',
        html,
    )
    assert re.search(
        r'type="email"[^>]*class="input--w30"|class="input--w30"[^>]*type="email"', html
    )
    assert re.search(
        r'name="start"[^>]*class="input--w10"|class="input--w10"[^>]*name="start"', html
    )
    assert 'rows="6"' in html  # not Django's ten rows


def test_a_group_of_choices_is_a_fieldset_with_a_legend() -> None:
    html = Sample().as_div()
    assert re.search(r'<fieldset class="field"[^>]*>\s*<legend>Colour', html)


def test_the_error_summary_links_each_field(client: Client) -> None:
    html = client.post("/en/ideas/", {}).content.decode()
    summary = html[
        html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))
    ]
    assert '<a href="#id_title">Title of the idea: This field is required.</a>' in summary
    assert '<a href="#id_offer">What do you offer? This field is required.</a>' in summary
    # a group of radios links to its first box
    assert '<a href="#id_language_0">Language of correspondence: This field' in summary


def test_every_page_has_the_frame_and_the_favicon(client: Client) -> None:
    html = client.get("/fi/").content.decode()
    assert '<details class="menu">' in html and "<summary" in html
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert "Lähetä yhteistyöidea" in html  # the menu says "Send", as the page does
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.ico"


def test_a_long_label_wraps_and_keeps_its_full_text() -> None:
    long = "2. Espoo provides services with the strength of the whole Espoo community"
    chart = charts.bar_chart("g", "Goals", "D", [(long, 3)], "Goal", "Activities")
    svg = str(chart.svg)
    assert svg.count("<tspan") == 2  # two lines, nothing cut at the left edge
    assert ">2. Espoo provides services with</tspan>" in svg
    assert chart.rows == [[long, "3"]]


def test_an_unknown_figure_says_not_recorded() -> None:
    chart = charts.bar_chart("c", "C", "D", [("A", None), ("B", 40)], "Row", "Progress", " %")
    assert chart.rows == [["A", "not recorded"], ["B", "40 %"]]
    assert ">not recorded</text>" in str(chart.svg)
    assert str(chart.svg).count("<rect") == 1  # no bar for the unknown one
