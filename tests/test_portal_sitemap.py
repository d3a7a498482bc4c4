"""The sitemap lists every public page in fi, sv and en; robots.txt names it; every page's
head links its language versions (hreflang)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")
# Public addresses that are not pages to index: sign-in and the like (kept out by robots.txt
# or useless to a search engine).
NOT_PAGES = ("staff/", "admin/", "i18n/")


def named_pages(patterns: Any = None, prefix: str = "", namespace: str = "") -> list[str]:
    """Every URL name of the project that takes no arguments."""
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += named_pages(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.name
            and not pattern.pattern.regex.groupindex
            and "<" not in str(pattern.pattern)
        ):
            names.append(f"{namespace}{pattern.name}")
    return names


def public_html_pages(client: Client) -> set[str]:
    """Argument-free pages an anonymous visitor gets as HTML, in English."""
    pages = set()
    with translation.override("en"):
        for name in named_pages():
            try:
                path = reverse(name)
            except Exception:  # noqa: S112 - a name that needs arguments after all
                continue
            if not path.startswith("/en/") or any(part in path for part in NOT_PAGES):
                continue
            response = client.get(path)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages.add(path[len("/en") :])
    return pages


def sitemap_locations(client: Client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return set(re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode()))


def test_every_public_page_is_in_the_sitemap_in_three_languages(client: Client) -> None:
    pages = public_html_pages(client)
    for must in ("/ideas/", "/insights/", "/open-data/", "/open-data/api/", "/ai/", "/"):
        assert must in pages, must  # the list itself finds the pages the issue named
    locations = sitemap_locations(client)
    missing = [
        f"/{lang}{page}"
        for page in sorted(pages)
        for lang in LANGUAGES
        if f"/{lang}{page}" not in locations
    ]
    assert not missing, missing


def test_every_sitemap_entry_is_a_public_page(client: Client) -> None:
    locations = sitemap_locations(client)
    assert len(locations) > 50
    for location in sorted(locations):
        response = client.get(location)
        assert response.status_code == 200, location
        assert response["Content-Type"].startswith("text/html"), location
        assert location.split("/")[1] in LANGUAGES


def test_robots_txt_names_the_sitemap(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /fi/staff/" in lines
    assert not any(line == "Disallow: /" for line in lines)


@pytest.mark.parametrize("path", ["/sv/", "/sv/open-data/", "/sv/activities/?kind=eu_project"])
def test_pages_link_their_language_versions_in_the_head(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    head = html[: html.index("</head>")]
    found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
    rest = path[len("/sv") :]
    assert found == {
        "fi": f"http://testserver/fi{rest}",
        "sv": f"http://testserver/sv{rest}",
        "en": f"http://testserver/en{rest}",
        "x-default": f"http://testserver/fi{rest}",
    }
