"""The radar's call list filters (``/staff/radar/``, its iCalendar and XLSX exports): the
shared search and sort of ``core.filters`` and the radar's own status, deadline, goal, SDG,
fit and "new in the latest fetch" filters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet, SearchFilter, SortFilter
from radar.forms import current_goals
from radar.models import Call, CallAlignment, FetchRun
from strategy.models import Goal

SORTS = {
    "deadline": (_("deadline, soonest first"), ("next_deadline", "title")),
    "fit": (_("fit, best first"), ("-fit", "next_deadline")),
    "title": (_("title"), ("title",)),
    "new": (_("newest first"), ("-first_seen", "title")),
}
FITS = {"good": 0.5, "some": 0.3}
DAYS = [("7", _("7 days")), ("30", _("30 days")), ("90", _("90 days")), ("180", _("180 days"))]
SDGS = [(str(n), str(n)) for n in range(1, 18)]
# A search matches calls holding every one of its first words somewhere.
SEARCH_FIELDS = ["title", "description", "call_id", "topic_id", "programme", "funder"]
SEARCH_WORDS = 8


class CallStatusFilter(filters.ChoiceFilter):
    """``?status=``: left out, the open and forthcoming calls; ``all``, every call."""

    def filter(self, qs: QuerySet[Call], value: Any) -> QuerySet[Call]:
        if not value:
            return qs.exclude(status=Call.Status.CLOSED)
        return qs if value == "all" else qs.filter(status=value)


class CheckboxFilter(filters.Filter):
    """A checkbox (ticked or not; never refused)."""

    field_class = forms.BooleanField


class CallFilter(ListFilterSet):
    listed = Call
    q = SearchFilter(fields=SEARCH_FIELDS, words=SEARCH_WORDS, label=_("Search"), max_length=200)
    programme = filters.ChoiceFilter(label=_("Programme"), empty_label=_("any programme"))
    status = CallStatusFilter(
        label=_("Status"),
        empty_label=_("open or forthcoming"),
        choices=[
            ("open", _("open")),
            ("forthcoming", _("forthcoming")),
            ("closed", _("closed")),
            ("all", _("all")),
        ],
    )
    deadline = filters.ChoiceFilter(
        label=_("Deadline within"),
        method="filter_deadline",
        empty_label=_("any time"),
        choices=DAYS,
    )
    goal = filters.ModelChoiceFilter(
        label=_("Goal"),
        queryset=lambda request: current_goals(),
        method="filter_goal",
        empty_label=_("any goal"),
    )
    sdg = filters.ChoiceFilter(
        label=_("SDG"), method="filter_sdg", empty_label=_("any SDG"), choices=SDGS
    )
    fit = filters.ChoiceFilter(
        label=_("Fit with the pipeline"),
        method="filter_fit",
        empty_label=_("any fit"),
        choices=[("good", _("good (50 % or more)")), ("some", _("some (30 % or more)"))],
    )
    new = CheckboxFilter(label=_("Only calls new in the latest fetch"), method="filter_new")
    sort = SortFilter(label=_("Sort by"), orders=SORTS, default="deadline")

    def set_up(self) -> None:
        programmes = (
            Call.objects.exclude(programme="")
            .order_by("programme")
            .values_list("programme", flat=True)
            .distinct()
        )
        self.set_choices("programme", [(p, p) for p in programmes])

    def filter_deadline(self, queryset: QuerySet[Call], name: str, value: str) -> QuerySet[Call]:
        now = timezone.now()
        limit = now + timedelta(days=int(value))
        return queryset.filter(next_deadline__gte=now, next_deadline__lte=limit)

    def filter_goal(self, queryset: QuerySet[Call], name: str, value: Goal) -> QuerySet[Call]:
        return queryset.filter(pk__in=CallAlignment.objects.filter(goal=value).values("call_id"))

    def filter_sdg(self, queryset: QuerySet[Call], name: str, value: str) -> QuerySet[Call]:
        aligned = CallAlignment.objects.filter(sdg__number=int(value))
        return queryset.filter(pk__in=aligned.values("call_id"))

    def filter_fit(self, queryset: QuerySet[Call], name: str, value: str) -> QuerySet[Call]:
        return queryset.filter(fit__gte=FITS[value])

    def filter_new(self, queryset: QuerySet[Call], name: str, value: bool) -> QuerySet[Call]:
        if not value:
            return queryset
        run = FetchRun.objects.filter(status=FetchRun.Status.SUCCEEDED).order_by("-id").first()
        return queryset.filter(first_run=run) if run else queryset.none()
