"""Pages on templates/page.html: the view names the page once, and that one title is the
browser title, the social-media title and the h1, in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from tests.portal_support import LANGUAGES, page

pytestmark = pytest.mark.django_db

TITLED = {
    "/open-data/": ("Open data", "a DCAT-AP catalogue and a REST API."),
    "/open-data/api/": ("REST API", "through the REST API."),
    "/contact/": ("Contact", "about international cooperation."),
    "/privacy/": ("Privacy notice for cooperation ideas", "submit a cooperation idea."),
    "/networks/": ("Networks and partners", "Enter Espoo's target markets."),
    "/ai/": ("Use of artificial intelligence: the alignment engine", "who oversees it."),
    "/accessibility/": ("Accessibility statement", "how to give feedback."),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", sorted(TITLED))
def test_one_title_names_the_page_everywhere(client: Client, language: str, path: str) -> None:
    html = page(client, f"/{language}{path}")
    english, _ = TITLED[path]
    with translation.override(language):
        title = escape(translation.gettext(english))
    assert html.count(f"<h1>{title}</h1>") == 1
    assert f"<title>{title} | " in html
    assert f'<meta property="og:title" content="{title}">' in html


@pytest.mark.parametrize("path", sorted(TITLED))
def test_each_page_has_its_own_description(client: Client, path: str) -> None:
    html = page(client, f"/en{path}")
    _, ending = TITLED[path]
    description = html.split('<meta name="description" content="', 1)[1].split('">', 1)[0]
    assert description.endswith(escape(ending))


def test_a_finnish_title_is_translated() -> None:
    with translation.override("fi"):
        assert translation.gettext("Contact") != "Contact"
        assert translation.gettext("Networks and partners") != "Networks and partners"


def test_the_csrf_refusal_names_itself_once() -> None:
    from django.test import RequestFactory

    from core.views import csrf_failure

    with translation.override("sv"):
        response = csrf_failure(RequestFactory().post("/sv/contact/"))
        title = escape(translation.gettext("The form could not be sent"))
    html = response.content.decode()
    assert response.status_code == 403
    assert html.count(f"<h1>{title}</h1>") == 1 and f"<title>{title} | " in html
    assert "CSRF" in html
