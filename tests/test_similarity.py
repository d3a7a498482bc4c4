"""Similar existing work and likely duplicate ideas."""

from __future__ import annotations

import pytest

from portfolio.models import Activity
from strategy import similarity

pytestmark = pytest.mark.django_db

TEXT = (
    "Pilot of adaptive street lighting with motion sensors in a residential area, to save "
    "energy and improve safety at night."
)


def activity(slug: str, description: str) -> Activity:
    return Activity.objects.create(
        slug=slug,
        title_en=slug,
        title_fi=slug,
        description_en=description,
        kind="other",
        status="planned",
    )


def test_the_most_similar_item_comes_first_and_the_item_itself_is_left_out() -> None:
    lighting = activity("lighting", TEXT)
    near = activity("lighting-2", TEXT + " Also in schools.")
    activity("schools", "Teacher exchange between upper secondary schools in Espoo and Tartu.")
    found = similarity.related(lighting, k=3)
    assert found[0].item == near
    assert found[0].likely_duplicate
    assert lighting not in [r.item for r in found]
    assert all(not r.likely_duplicate for r in found[1:])


def test_the_index_follows_changes() -> None:
    first = activity("first", TEXT)
    assert not [r for r in similarity.related(first) if r.item.slug == "second"]
    activity("second", TEXT)
    assert [r for r in similarity.related(first) if r.item.slug == "second"]
