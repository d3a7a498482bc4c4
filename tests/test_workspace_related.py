"""The idea page shows similar work and likely duplicates, labelled as machine-made."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

TEXT = "Joint pilot of adaptive street lighting with motion sensors in residential streets."


def test_a_near_identical_idea_is_shown_as_a_possible_duplicate(
    client: Client,
    eddie: User,
) -> None:
    first = make_idea(title="Street lighting pilot", description=TEXT)
    second = make_idea(title="Street lighting pilot (sent again)", description=TEXT)
    make_idea(title="Teacher exchange", description="Upper secondary teachers visit Tartu.")
    client.force_login(eddie)
    html = client.get(f"/en/staff/ideas/{second.pk}/").content.decode()
    section = html[html.index('id="related-heading"') :]
    assert "machine-made" in section
    assert first.reference in section
    assert "possible duplicate" in section
    assert section.index(first.reference) < section.index("Teacher exchange")
