"""What the uncached catalogue's shortcuts must keep: the header and footer rendered once per
language and page kind (portal/fragments.py), the language links worked out once per request,
the title sort as one raw expression and the list rows read as values (portal/catalogue.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from portfolio.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings: Any) -> None:
    settings.PORTAL_CACHE_SECONDS = 0


def current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_header_marks_the_page_shown_not_the_page_rendered_first(client: Client) -> None:
    client.get("/en/activities/")
    goals = client.get("/en/goals/").content.decode()
    assert current_links(goals) == ["/en/goals/"]
    again = client.get("/en/activities/").content.decode()
    assert "/en/activities/" in current_links(again)
    assert "/en/goals/" not in current_links(again)


def test_the_header_and_footer_follow_the_language(client: Client) -> None:
    finnish = client.get("/fi/activities/").content.decode()
    swedish = client.get("/sv/activities/").content.decode()
    assert ">Tietosuojaseloste<" in finnish and ">Dataskyddsbeskrivning<" in swedish
    assert 'href="/sv/goals/"' in swedish and 'href="/sv/goals/"' not in finnish


def test_language_links_keep_the_page_and_its_query(client: Client) -> None:
    html = client.get("/en/activities/?kind=eu_project&sort=title").content.decode()
    switch = dict(re.findall(r'<a href="([^"]*)" lang="(\w\w)"', html)[i][::-1] for i in range(3))
    assert switch == {
        "fi": "/fi/activities/?kind=eu_project&amp;sort=title",
        "sv": "/sv/activities/?kind=eu_project&amp;sort=title",
        "en": "/en/activities/?kind=eu_project&amp;sort=title",
    }
    assert (
        '<link rel="alternate" hreflang="sv" '
        'href="http://testserver/sv/activities/?kind=eu_project&amp;sort=title">'
    ) in html


def test_language_links_on_an_unknown_page_stay_on_the_path(client: Client) -> None:
    html = client.get("/en/no-such-page/").content.decode()
    assert 'href="/en/no-such-page/" lang="en"' in html


def test_title_sort_and_rows_fall_back_like_the_activity_page(client: Client) -> None:
    """A title missing in Swedish sorts and shows by its Finnish one, as the model reads it."""
    for slug, title_fi, title_sv in [("b-sv", "Öljy", "Aaaa"), ("a-fi", "Aaab", "")]:
        Activity.objects.create(
            slug=slug, title_fi=title_fi, title_sv=title_sv, summary_fi=f"Tiivistelmä {slug}",
            kind=Activity.Kind.OTHER, status=Activity.Status.ONGOING, public=True,
        )  # fmt: skip
    html = client.get("/sv/activities/?kind=other&sort=title").content.decode()
    slugs = re.findall(r'<h3><a href="/sv/activities/([\w-]+)/">([^<]+)</a>', html)
    assert slugs[:2] == [("b-sv", "Aaaa"), ("a-fi", "Aaab")]
    assert "Tiivistelmä a-fi" in html  # the summary falls back too
    assert "annat · pågående" in html.lower()  # kind · status in the page language


def test_filter_options_follow_a_change_and_a_cleared_cache(client: Client) -> None:
    """The options kept per process (portal/catalogue.py) are dropped with a new generation,
    and a cleared cache never brings back an older generation (portal/cache.py)."""
    from django.core.cache import cache

    from portal.cache import generation
    from portfolio.models import Participant
    from registry.models import Organisation

    before = generation()
    assert '<option value="NZ">' not in client.get("/en/activities/").content.decode()
    activity = Activity.objects.filter(public=True).first()
    assert activity is not None
    kiwi = Organisation.objects.create(name="Kiwi Lab", slug="kiwi-lab", country="NZ")
    Participant.objects.create(activity=activity, organisation=kiwi, role="partner")
    html = client.get("/en/activities/?country=NZ").content.decode()
    assert '<option value="NZ" selected>New Zealand</option>' in html
    cache.clear()
    assert generation() > before


def test_filter_selects_and_text_box_keep_djangos_markup() -> None:
    """The selects and inputs written in Python (portal/catalogue.py, core/forms.py) give
    the markup Django's widget templates and QuickSelect give."""
    from django import forms

    from core.widgets import QuickSelect
    from portal.catalogue import FacetSelect, Options

    pairs = [("", "All"), ("a", "A & <b>"), ("b", 'B "quoted"'), ("a", "A again")]
    for value in (None, "", "a", "b", "nope", 'x"<'):
        quick = QuickSelect(choices=pairs).render("kind", value, {"id": "id_kind"})
        facet = FacetSelect(choices=Options(pairs)).render("kind", value, {"id": "id_kind"})
        assert facet == quick
    widgets = [
        forms.TextInput(attrs={"maxlength": 200}), forms.EmailInput(), forms.NumberInput(),
        forms.DateInput(), forms.CheckboxInput(), forms.HiddenInput(), forms.URLInput(),
    ]  # fmt: skip
    engine = forms.renderers.DjangoTemplates()
    for widget in widgets:
        for shown in (None, "", 'a "b" <c>', 5, True):
            attrs = {"id": "x", "required": True, "disabled": False, "aria-invalid": "true"}
            ours = widget.render("name", shown, attrs)
            assert ours == widget.render("name", shown, attrs, renderer=engine)
