"""The ideas inbox: filters, search, sorting and counts over cooperation ideas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters as filters
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.roles import ADMIN, EDITOR
from core.filters import ListFilterSet, SearchFilter, SortFilter
from ideas.models import OPEN_STATES, Idea, Status
from ideas.replies import waiting_too_long, with_answer_due
from strategy.models import AlignmentLink, Goal, SDGGoal

OPEN = "open"
AGES = [("7", _("waiting over 7 days")), ("14", _("over 14 days")), ("30", _("over 30 days"))]
SORTS = {
    value: (label, (value, "-id"))
    for value, label in [
        ("-submitted_at", _("newest first")),
        ("submitted_at", _("oldest first")),
        ("reference", _("reference")),
        ("status", _("state")),
        ("organisation_name", _("organisation")),
    ]
}
SEARCH_FIELDS = [
    "reference",
    "title",
    "description",
    "organisation_name",
    "contact_name",
    "contact_email",
]


def editors() -> QuerySet[User]:
    """Users who may work on ideas, i.e. can be assigned one."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[EDITOR, ADMIN]))
        .distinct()
        .order_by("username")
    )


class InboxFilter(ListFilterSet):
    """The ideas inbox's filters, sort and counts per state (the state "open" is every open
    one; "me" is the reader, from ``request``)."""

    listed = Idea

    q = SearchFilter(fields=SEARCH_FIELDS, label=_("Search"), max_length=200)
    status = filters.ChoiceFilter(label=_("State"), method="filter_status", empty_label=_("any"))
    assignee = filters.ChoiceFilter(
        label=_("Assigned to"), method="filter_assignee", empty_label=_("anyone")
    )
    goal = filters.ModelChoiceFilter(
        label=_("Goal"),
        queryset=Goal.objects.select_related("period"),
        method="filter_goal",
        empty_label=_("any"),
    )
    sdg = filters.ModelChoiceFilter(
        label=_("SDG"), queryset=SDGGoal.objects.all(), method="filter_sdg", empty_label=_("any")
    )
    language = filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("any")
    )
    country = filters.ChoiceFilter(
        label=_("Country"), field_name="organisation_country", empty_label=_("any")
    )
    age = filters.ChoiceFilter(
        label=_("Age"), choices=AGES, method="filter_age", empty_label=_("any")
    )
    sort = SortFilter(label=_("Sort by"), orders=SORTS, default="-submitted_at")

    def set_up(self) -> None:
        self.set_choices("status", [(OPEN, _("open")), *Status.choices])
        people = [(str(u.pk), u.get_full_name() or u.get_username()) for u in editors()]
        self.set_choices("assignee", [("me", _("me")), ("none", _("nobody")), *people])
        codes = Idea.objects.order_by().values_list("organisation_country", flat=True)
        present = sorted(((code, countries.name(code)) for code in set(codes)), key=lambda c: c[1])
        self.set_choices("country", present)

    def _links(self) -> QuerySet[AlignmentLink]:
        return AlignmentLink.objects.filter(
            content_type=ContentType.objects.get_for_model(Idea)
        ).exclude(review_state=AlignmentLink.Review.REJECTED)

    def filter_status(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        if value == OPEN:
            return queryset.filter(status__in=OPEN_STATES)
        return queryset.filter(status=value)

    def filter_assignee(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        if value == "me":
            user = getattr(self.request, "user", None)
            return queryset.filter(assignee=user if user and user.is_authenticated else None)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=int(value))

    def filter_goal(self, queryset: QuerySet[Idea], name: str, value: Goal) -> QuerySet[Idea]:
        linked = self._links().filter(goal=value).values("object_id")
        return queryset.filter(Q(goals=value) | Q(pk__in=linked))

    def filter_sdg(self, queryset: QuerySet[Idea], name: str, value: SDGGoal) -> QuerySet[Idea]:
        linked = self._links().filter(Q(sdg=value) | Q(target__goal=value)).values("object_id")
        return queryset.filter(pk__in=linked)

    def filter_age(self, queryset: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        return queryset.filter(submitted_at__lte=timezone.now() - timedelta(days=int(value)))

    def filtered(self, *leave_out: str) -> QuerySet[Idea]:
        # An idea may be chosen for a goal and linked to it too: listed once.
        return super().filtered(*leave_out).distinct()

    def results(self) -> QuerySet[Idea]:
        return (
            with_answer_due(self.filtered())
            .select_related("assignee")
            .annotate(last_change=Max("status_history__at"))
        )

    def counts(self) -> list[tuple[str, str, int]]:
        """``(state, label, count)`` for every state, under the other filters."""
        rows = self.filtered("status", "sort").order_by().values("status")
        found = {row["status"]: row["n"] for row in rows.annotate(n=Count("id", distinct=True))}
        return [(value, str(label), found.get(value, 0)) for value, label in Status.choices]


def is_overdue(idea: Idea, now: Any = None) -> bool:
    """The promised answer date is IDEAS_REMINDER_DAYS away or past, with no answer yet:
    the proposer deserves an answer soon (ideas.replies)."""
    return waiting_too_long(idea, now)
