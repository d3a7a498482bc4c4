"""Knowing when not to align: set-aside texts get a reason and no suggestions."""

from __future__ import annotations

import pytest

from alignment import Engine
from alignment.abstain import REASONS
from alignment.tests.conftest import ESPOO
from alignment.tools.abstain_eval import evaluate


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Energy-saving LED lamps for street lighting: our lamps use 60 % less power. "
            "Price 180 € per luminaire, 10 % discount when you order 500 or more. "
            "Book a free demo with our sales team.",
            "sales offer",
        ),
        (
            "We noticed your site is not on the first page of Google. Our SEO agency sells "
            "backlinks that push you to the top. Click here: www.seo-now.example",
            "spam",
        ),
        ("We are interested in sustainability and innovation, contact us.", "too vague"),
        (
            "Hei, haen kesätyötä kirjastosta. Ansioluetteloni on liitteenä.",
            "off-topic",
        ),
        (
            "Jag vill klaga: gatan har inte plogats på en vecka och det är oacceptabelt.",
            "off-topic",
        ),
    ],
)
def test_a_text_that_is_no_idea_is_set_aside_with_its_reason(
    static: Engine, text: str, reason: str
) -> None:
    result = static.align(text, [ESPOO], genre="idea")
    assert result.abstain == reason
    assert result.goals == () and result.sdgs == () and result.targets == ()
    assert "Set aside" in result.note


def test_a_real_idea_with_a_price_in_it_is_still_aligned(static: Engine) -> None:
    text = (
        "Espoo and Tallinn plan a joint project on school energy use: pupils measure "
        "electricity in their schools and compare. The budget is 40 000 € from Erasmus+."
    )
    result = static.align(text, [ESPOO], genre="idea")
    assert result.abstain == ""
    assert result.sdgs[0].probability >= 0.5


def test_a_short_concrete_idea_is_not_too_vague(static: Engine) -> None:
    result = static.align("Pupil exchange with a school in Tartu next spring?", genre="idea")
    assert result.abstain == ""


def test_the_reasons_are_the_documented_ones() -> None:
    assert REASONS == ("sales offer", "spam", "off-topic", "too vague")


def test_negatives_are_recognised_and_real_ideas_are_kept(static: Engine) -> None:
    figures = evaluate(static)
    assert sum(n for _, n in figures.negatives.values()) >= 50
    assert figures.rate(figures.negatives) >= 90.0, figures.misses
    assert figures.rate(figures.ideas) <= 5.0, figures.misses
