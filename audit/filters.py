"""The audit trail's search (``/staff/audit/`` and its CSV export): the shared search of
``core.filters`` and the trail's own action, record type, user and date filters. A refused
value lists nothing, so an export never discloses more than was asked for."""

from __future__ import annotations

from datetime import date, datetime, time

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from core.filters import ListFilterSet, SearchFilter

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AuditFilter(ListFilterSet):
    listed = AuditEvent
    refused_lists_nothing = True

    q = SearchFilter(
        fields=["object_repr", "object_id__exact", "actor_label"],
        label=_("Search"),
        max_length=200,
    )
    action = filters.ChoiceFilter(
        label=_("Action"), choices=AuditEvent.Action.choices, empty_label=_("any")
    )
    model = filters.CharFilter(
        label=_("Record type"),
        method="filter_model",
        max_length=100,
        help_text=_("For example ideas.idea or registry.organisation."),
    )
    actor = filters.CharFilter(
        label=_("User"), field_name="actor_label", lookup_expr="iexact", max_length=150
    )
    date_from = filters.DateFilter(label=_("From"), method="filter_from", widget=DATE_INPUT)
    date_to = filters.DateFilter(label=_("To"), method="filter_to", widget=DATE_INPUT)

    def filter_model(
        self, queryset: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        return queryset.filter(model=value.strip().lower())

    def filter_from(
        self, queryset: QuerySet[AuditEvent], name: str, value: date
    ) -> QuerySet[AuditEvent]:
        zone = timezone.get_current_timezone()
        return queryset.filter(at__gte=datetime.combine(value, time.min, zone))

    def filter_to(
        self, queryset: QuerySet[AuditEvent], name: str, value: date
    ) -> QuerySet[AuditEvent]:
        zone = timezone.get_current_timezone()
        return queryset.filter(at__lte=datetime.combine(value, time.max, zone))
