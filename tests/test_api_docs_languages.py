"""The API documentation page reads in the page's language, with its Markdown as HTML."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED = {
    "fi": ("Yksi julkinen toiminta", "Sanoja otsikossa tai tiivistelmässä", "EU-hanke"),
    "sv": ("En offentlig verksamhet", "Ord i titeln eller sammanfattningen", "EU-projekt"),
    "en": ("One public activity", "Words in the title or summary", "EU project"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_api_docs_page_is_in_the_page_language(client: Client, lang: str) -> None:
    html = client.get(f"/{lang}/open-data/api/").content.decode()
    summary, parameter, choice = EXPECTED[lang]
    assert f"<td>{summary}</td>" in html
    assert parameter in html
    assert f"<li><code>eu_project</code> - {choice}</li>" in html  # a Markdown list as HTML
    others = [text for code, texts in EXPECTED.items() if code != lang for text in texts[:2]]
    assert [text for text in others if text in html] == []


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_raw_markdown_is_left_on_the_api_docs_page(client: Client, lang: str) -> None:
    html = client.get(f"/{lang}/open-data/api/").content.decode()
    assert "* `" not in html and "`eu_project`" not in html
    assert "identifying this" not in html or lang == "en"  # Django REST framework's own text
