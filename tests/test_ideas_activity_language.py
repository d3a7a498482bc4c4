"""An activity made from an accepted idea reads in the page's language on the staff pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ideas import actions
from tests.personas import login
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": ("What the partner offers:", "Created from the cooperation idea"),
    "fi": ("Mitä kumppani tarjoaa:", "Luotu yhteistyöideasta"),
    "sv": ("Vad partnern erbjuder:", "Skapad utifrån samarbetsidén"),
}


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_the_activity_from_an_english_idea_has_headings_in_the_page_language(
    client: Client, eddie: Any, lang: str
) -> None:
    idea = make_idea(language="en", offer="A research team.")
    actions.change_state(idea, "in_review", eddie)
    activity = actions.change_state(idea, "accepted", eddie, activity_kind="event").activity
    assert activity is not None
    login(client, eddie)
    html = client.get(f"/{lang}/staff/activities/{activity.pk}/").content.decode()
    offers, created = HEADINGS[lang]
    assert f"{offers} A research team." in html and created in html
    others = [heading for code, pair in HEADINGS.items() if code != lang for heading in pair]
    assert [heading for heading in others if heading in html] == []
    assert idea.title in html  # the title stays as proposed
