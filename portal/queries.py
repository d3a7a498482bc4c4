"""What the portal reads. Only public items and confirmed alignment links leave here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q, QuerySet

from core.translated import shown_order
from portfolio.models import Activity, FundingLine, Participant, public_condition
from registry.models import NetworkMembership, Organisation, Partnership
from strategy.models import AlignmentLink, Goal, SDGGoal, SDGTarget, StrategyPeriod

CONFIRMED = AlignmentLink.Review.CONFIRMED
Role = Participant.Role
ROLE_ORDER = [Role.COORDINATOR, Role.LEAD_CITY, Role.PARTNER, Role.FELLOW_CITY, Role.ASSOCIATED]


def public_memberships() -> QuerySet[NetworkMembership]:
    """By network name as the reader sees it (core.translated.shown_order)."""
    return (
        NetworkMembership.objects.filter(public=True)
        .select_related("network")
        .order_by(shown_order("network__name"), "pk")
    )


def public_partnerships() -> QuerySet[Partnership]:
    """By partner name as the reader sees it."""
    return (
        Partnership.objects.filter(public=True)
        .select_related("partner")
        .prefetch_related("themes")
        .order_by(shown_order("partner__name"), "pk")
    )


def linked_ids(model: type[Model], condition: Q) -> QuerySet[AlignmentLink, Any]:
    """Ids of ``model`` items with a confirmed link that meets ``condition`` (a subquery)."""
    return AlignmentLink.objects.filter(
        condition,
        review_state=CONFIRMED,
        content_type=ContentType.objects.get_for_model(model),
    ).values("object_id")


@dataclass
class AlignedItems:
    activities: list[Activity] = field(default_factory=list)
    memberships: list[NetworkMembership] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.activities or self.memberships or self.partnerships)


def aligned_items(condition: Q) -> AlignedItems:
    """The public activities, memberships and partnerships confirmed to serve something."""
    return AlignedItems(
        activities=list(Activity.objects.public().filter(pk__in=linked_ids(Activity, condition))),
        memberships=list(
            public_memberships().filter(pk__in=linked_ids(NetworkMembership, condition))
        ),
        partnerships=list(public_partnerships().filter(pk__in=linked_ids(Partnership, condition))),
    )


def sdg_condition(sdg: SDGGoal) -> Q:
    """Links to the SDG itself or to any of its targets."""
    return Q(sdg=sdg) | Q(target__goal=sdg)


def goal_periods() -> list[StrategyPeriod]:
    """Periods that have goals, latest first, each with its goals and their pillars."""
    goals = Goal.objects.prefetch_related("pillars").order_by("number")
    return list(
        StrategyPeriod.objects.filter(goals__isnull=False)
        .distinct()
        .order_by("-start_year")
        .prefetch_related(Prefetch("goals", queryset=goals))
    )


@dataclass
class SDGAlignment:
    sdg: SDGGoal
    targets: list[SDGTarget]


def item_alignment(item: Model) -> tuple[list[Goal], list[SDGAlignment]]:
    """Confirmed goals and SDGs (with the targets named) of one item."""
    links = (
        AlignmentLink.objects.for_item(item)
        .filter(review_state=CONFIRMED)
        .select_related("goal__period", "sdg", "target__goal")
    )
    goals: dict[int, Goal] = {}
    sdgs: dict[int, SDGAlignment] = {}
    for link in links:
        if link.goal:
            goals[link.goal.pk] = link.goal
        sdg = link.sdg or (link.target.goal if link.target else None)
        if sdg:
            entry = sdgs.setdefault(sdg.number, SDGAlignment(sdg, []))
            if link.target:
                entry.targets.append(link.target)
    for entry in sdgs.values():
        entry.targets.sort(key=lambda target: target.order)
    ordered_goals = sorted(goals.values(), key=lambda g: (-g.period.start_year, g.number))
    return ordered_goals, [sdgs[number] for number in sorted(sdgs)]


def activity_detail(slug: str) -> Activity | None:
    """One public activity with its funding and ``ordered_participants`` (coordinator first,
    then by ROLE_ORDER, each role by organisation name).

    The role order is applied in Python on a list already sorted by name in the database:
    as a SQL ``CASE`` it cost more query building than the rest of the page's queries."""
    participants = Participant.objects.select_related("organisation").order_by(
        shown_order("organisation__name"), "pk"
    )
    activity = (
        Activity.objects.public()
        .select_related("responsible_unit")
        .prefetch_related(
            Prefetch("participants", queryset=participants, to_attr="ordered_participants"),
            Prefetch("funding", queryset=FundingLine.objects.order_by("programme")),
        )
        .filter(slug=slug)
        .first()
    )
    if activity is not None:
        rank: dict[str, int] = {role: index for index, role in enumerate(ROLE_ORDER)}
        ordered: list[Participant] = activity.ordered_participants
        ordered.sort(key=lambda participant: rank.get(participant.role, len(ROLE_ORDER)))
    return activity


def public_organisations() -> QuerySet[Organisation]:
    """Organisations named on a public page: in a public activity, membership or partnership."""
    return Organisation.objects.filter(
        Q(
            pk__in=Participant.objects.filter(public_condition("activity__")).values(
                "organisation_id"
            )
        )
        | Q(pk__in=NetworkMembership.objects.filter(public=True).values("network_id"))
        | Q(pk__in=Partnership.objects.filter(public=True).values("partner_id"))
    )


def organisation_activities(organisation: Organisation) -> list[Participant]:
    return list(
        Participant.objects.filter(public_condition("activity__"), organisation=organisation)
        .select_related("activity")
        .order_by("-activity__start_date", "activity__slug")
    )
