"""Structure every public page needs for WCAG 2.1 AA; the accessibility statement cites these."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client

from portfolio.models import Activity

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/",
    "/{lang}/goals/",
    "/{lang}/goals/2021-2025/1/",
    "/{lang}/sdg/",
    "/{lang}/sdg/4/",
    "/{lang}/activities/",
    "/{lang}/activities/?kind=nonsense",
    "/{lang}/activities/sparcs/",
    "/{lang}/networks/",
    "/{lang}/organisations/shanghai/",
    "/{lang}/privacy/",
    "/{lang}/accessibility/",
    "/{lang}/contact/",
    "/{lang}/ai/",
    "/{lang}/no-such-page/",
]


class Structure(HTMLParser):
    """Collects what the checks need: headings, landmarks, controls and their labels."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "label" and attributes.get("for"):
            self.labels.add(str(attributes["for"]))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def structure(client: Client, url: str) -> Structure:
    parser = Structure()
    parser.feed(client.get(url).content.decode())
    return parser


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_page_has_the_accessible_structure(client: Client, url: str, language: str) -> None:
    page = structure(client, url.format(lang=language))
    assert page.all("html")[0]["lang"] == language
    assert len(page.all("h1")) == 1
    assert len(page.all("main")) == 1
    assert page.all("main")[0]["id"] == "main"
    assert page.all("a")[0]["href"] == "#main"  # skip link first
    assert all(nav.get("aria-label") for nav in page.all("nav"))
    assert not page.all("script")  # everything works without JavaScript
    for control in page.all("input") + page.all("select") + page.all("textarea"):
        if control.get("type") in {"hidden", "submit"}:
            continue
        assert control.get("id") in page.labels, control
    assert all(th.get("scope") in {"col", "row"} for th in page.all("th"))


def test_main_navigation_marks_the_current_page(client: Client) -> None:
    page = structure(client, "/en/activities/")
    current = [a for a in page.all("a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in current] == ["/en/activities/"]


def test_pagination_is_a_named_navigation_with_the_current_page(client: Client) -> None:
    for number in range(21):
        Activity.objects.create(
            slug=f"page-{number}",
            title_fi=f"Sivu {number}",
            kind="other",
            status="ongoing",
            public=True,
            start_date=datetime.date(2020, 1, 1),
        )
    page = structure(client, "/en/activities/?page=2")
    assert {"class": "pagination", "aria-label": "Pages of results"} in page.all("nav")
    current = [a for a in page.all("a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in current] == ["/en/activities/", "?page=2"]
