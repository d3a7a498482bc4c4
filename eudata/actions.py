"""Staff decisions on imported data: each checks permission, writes, and records the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit.actions import record
from audit.context import acting_as, actor_for_user, current_actor
from eudata.models import EUParticipation
from eudata.report import Report
from eudata.store import Organisations, sync_activity
from registry.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PERMISSION = "eudata.change_euparticipation"


def decide_city_candidate(user: User, participation: EUParticipation, confirm: bool) -> Report:
    """Confirm that a name-only candidate is the City of Espoo, or reject it.

    Confirmed: the participation becomes the city's (linked to the city organisation) and
    counts, so the project becomes an Espoo project with an activity. Rejected: the
    participant is an ordinary organisation of its own. The decision is kept across
    re-imports.
    """
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    report = Report()
    choice = EUParticipation.CityMatch
    actor = current_actor() if current_actor().user is not None else actor_for_user(user)
    with acting_as(actor), transaction.atomic():
        participation = EUParticipation.objects.select_for_update().get(pk=participation.pk)
        before = participation.city_match
        participation.city_match = choice.CONFIRMED if confirm else choice.REJECTED
        participation.decided_by = user
        participation.decided_at = timezone.now()
        if confirm:
            city = Organisation.objects.filter(slug=settings.EUDATA_CITY_ORGANISATION).first()
            participation.organisation = city
        else:
            participation.organisation_id = _own_organisation(participation, report)
        participation.save()
        project = participation.project
        parts = list(project.participations.all())
        project.counts_for_espoo = any(p.espoo_based or p.watched or p.is_city for p in parts)
        project.save(update_fields=["counts_for_espoo"])
        sync_activity(project, parts, report)
        if project.activity_id and report.get("activities", "kept_edited"):
            _add_to_edited_activity(project.activity, participation)
        record(
            "update",
            participation,
            {"city_match": [before, participation.city_match]},
        )
    return report


def _own_organisation(participation: EUParticipation, report: Report) -> int | None:
    from eudata.rows import ParticipantRow

    row = ParticipantRow(
        project_key=participation.project.source_id,
        name=participation.name,
        pic=participation.pic,
        vat=participation.vat_number,
        kind="other",
        city=participation.city,
        postcode=participation.postcode,
        country=participation.country,
    )
    organisations = Organisations(participation.project.source, report)
    organisations.ensure([row])
    return organisations.id_of(row)


def _add_to_edited_activity(activity: Any, participation: EUParticipation) -> None:
    """Staff edited the activity, so the import leaves it alone; a decision still adds the
    participant it is about (and nothing else)."""
    from eudata.store import role_of
    from portfolio.models import Participant

    if participation.organisation_id:
        Participant.objects.get_or_create(
            activity=activity,
            organisation_id=participation.organisation_id,
            role=role_of(participation.role),
        )
