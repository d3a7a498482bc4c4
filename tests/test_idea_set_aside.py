"""An idea the alignment engine sets aside (a sales offer, spam, ...) is still received,
shown to staff with the reason, never dropped and never answered automatically."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ideas.models import Idea, Status
from strategy.models import AlignmentLink, AlignmentReading
from tests.ideas_support import form_data
from tests.personas import login

pytestmark = pytest.mark.django_db

PITCH = {
    "title": "Smart LED street lights at a special price",
    "description": (
        "Our LED street lights cut lighting energy costs by 60 %. Special price 249 € per "
        "light for municipal customers who order before May, with a 10 % discount on "
        "orders over 100 lights."
    ),
    "offer": "Free demo and a quote from our sales team.",
    "hopes": "Please place an order or book a demo.",
}


def submit(client: Client, django_capture_on_commit_callbacks: Any, **fields: Any) -> Idea:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/ideas/", form_data(**fields))
    return Idea.objects.latest("id")


def test_a_sales_pitch_is_received_set_aside_and_shown_to_staff_with_the_reason(
    client: Client, sune: Any, django_capture_on_commit_callbacks: Any
) -> None:
    idea = submit(client, django_capture_on_commit_callbacks, **PITCH)
    assert idea.status == Status.RECEIVED  # received like any other idea
    reading = AlignmentReading.objects.get(
        content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk
    )
    assert reading.abstain == "sales offer"
    assert not AlignmentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk
    ).exists()
    # Only the usual receipt went out: nothing answers the proposer about the set-aside.
    assert len(mail.outbox) <= 1
    assert not idea.answers.exists()

    page = login(Client(), sune).get(reverse("workspace:idea_detail", args=[idea.pk]))
    assert page.status_code == 200
    assert "set this idea aside as a sales offer" in page.content.decode()


def test_a_real_idea_is_aligned_and_not_set_aside(
    client: Client, sune: Any, django_capture_on_commit_callbacks: Any
) -> None:
    idea = submit(
        client,
        django_capture_on_commit_callbacks,
        title="School exchange on climate education",
        description=(
            "Our upper secondary school in Tartu would like a pupil exchange with an Espoo "
            "school: pupils measure their schools' energy use and emissions together."
        ),
    )
    reading = AlignmentReading.objects.get(
        content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk
    )
    assert reading.abstain == ""
    page = login(Client(), sune).get(reverse("workspace:idea_detail", args=[idea.pk]))
    assert "set this idea aside" not in page.content.decode()


def test_an_idea_in_german_is_read_by_the_worker_through_the_transformer(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    idea = submit(
        client,
        django_capture_on_commit_callbacks,
        title="Schüleraustausch zum Klimaschutz",
        description=(
            "Unser Gymnasium in Leipzig sucht eine Partnerschule in Espoo für einen "
            "Schüleraustausch. Die Schüler untersuchen gemeinsam, wie ihre Schulen Energie "
            "sparen und den CO2-Ausstoß senken können."
        ),
        offer="Lehrkräfte, die das Projekt begleiten, und eine Woche Unterkunft in Leipzig.",
        hopes="Eine Partnerklasse in Espoo und gemeinsame Unterrichtsstunden per Video.",
    )
    reading = AlignmentReading.objects.get(
        content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk
    )
    # Submission stays fast: the transformer is not run on the request.
    assert reading.other_language_pending and reading.method == "lexical+static"

    call_command("read_other_languages")

    reading.refresh_from_db()
    assert not reading.other_language_pending
    assert reading.method == "lexical+semantic" and reading.language == "und"
    goals = AlignmentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk, goal__isnull=False
    )
    assert goals.exists()
