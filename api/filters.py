"""Query filters of the list endpoints. A value that is not valid answers 400."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import Model, Q, QuerySet
from rest_framework.filters import OrderingFilter

from api.alignment import linked_ids, sdg_condition
from core.filters import IntegerFilter, SearchFilter, TextFilter
from portfolio.filters import search_filter, year_filter
from portfolio.models import Activity
from registry.models import NetworkMembership, Organisation, Partnership
from strategy.models import Goal, SDGTarget


class StableOrderingFilter(OrderingFilter):
    """``?ordering=-start_date``; the id breaks ties so pages never overlap."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        ordering = self.get_ordering(request, queryset, view)
        if ordering:
            return queryset.order_by(*ordering, "pk")
        return queryset


def _translated(*fields: str) -> list[str]:
    return [f"{field}_{lang}" for field in fields for lang in ("fi", "sv", "en")]


class AlignedFilterSet(filters.FilterSet):
    """``?goal=`` and ``?sdg=`` select items with a confirmed link to them."""

    goal = filters.ModelChoiceFilter(
        queryset=Goal.objects.all(),
        method="filter_goal",
        label="Id of a goal the item is confirmed to serve.",
    )
    sdg = IntegerFilter(
        method="filter_sdg",
        min_value=1,
        max_value=17,
        label="Number of an SDG (1–17) the item is confirmed to serve, directly or by a target.",
    )
    target = filters.ModelChoiceFilter(
        queryset=SDGTarget.objects.all(),
        to_field_name="code",
        method="filter_target",
        label="Code of an SDG target the item is confirmed to serve, e.g. 11.6.",
    )

    def _model(self) -> type[Model]:
        return self._meta.model

    def filter_goal(self, queryset: QuerySet[Any], name: str, value: Goal) -> QuerySet[Any]:
        return queryset.filter(pk__in=linked_ids(self._model(), Q(goal=value)))

    def filter_sdg(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return queryset.filter(pk__in=linked_ids(self._model(), sdg_condition(int(value))))

    def filter_target(self, queryset: QuerySet[Any], name: str, value: SDGTarget) -> QuerySet[Any]:
        return queryset.filter(pk__in=linked_ids(self._model(), Q(target=value)))


class CountryFilter(TextFilter):
    """``?country=DE`` (ISO 3166-1 alpha-2, any case)."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        return qs.filter(**{self.field_name: str(value).upper()})


class ActivityFilter(AlignedFilterSet):
    kind = filters.ChoiceFilter(choices=Activity.Kind.choices)
    status = filters.ChoiceFilter(choices=Activity.Status.choices)
    year = year_filter(
        "Activities running in this year: started by its end and not ended before it; "
        "without an end date, ongoing ones run on, others count in their start year."
    )
    organisation = TextFilter(
        method="filter_organisation", label="Slug of a participating organisation."
    )
    unit = TextFilter(
        field_name="responsible_unit__slug", label="Slug of the responsible city unit."
    )
    q = search_filter(
        "Words in the title or summary (in any language), the slug, a grant number or a "
        "participant's name."
    )

    class Meta:
        model = Activity
        fields = ["kind", "status", "goal", "sdg", "target", "year", "organisation", "unit", "q"]

    def filter_organisation(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            pk__in=Activity.objects.filter(participants__organisation__slug=value).values("pk")
        )


class OrganisationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Organisation.Kind.choices)
    country = CountryFilter(field_name="country", label="ISO 3166-1 alpha-2 code, e.g. DE.")
    q = SearchFilter(fields=[*_translated("name"), "city"], label="Words in the name or city.")

    class Meta:
        model = Organisation
        fields = ["kind", "country", "q"]


class NetworkFilter(AlignedFilterSet):
    status = filters.ChoiceFilter(choices=NetworkMembership.Status.choices)
    country = CountryFilter(field_name="network__country", label="Country of the network.")
    q = SearchFilter(
        fields=[*_translated("network__name"), *_translated("role")],
        label="Words in the network's name or Espoo's role.",
    )

    class Meta:
        model = NetworkMembership
        fields = ["status", "country", "goal", "sdg", "target", "q"]


class PartnershipFilter(AlignedFilterSet):
    kind = filters.ChoiceFilter(choices=Partnership.Kind.choices)
    status = filters.ChoiceFilter(choices=Partnership.Status.choices)
    country = CountryFilter(field_name="partner__country", label="Country of the partner.")
    theme = TextFilter(field_name="themes__slug", label="Slug of a theme.", distinct=True)
    q = SearchFilter(
        fields=_translated("partner__name", "description"), label="Words in the partner's name."
    )

    class Meta:
        model = Partnership
        fields = ["kind", "status", "country", "theme", "goal", "sdg", "target", "q"]


class GoalFilter(filters.FilterSet):
    period = TextFilter(field_name="period__slug", label="Slug of the strategy period.")
    sdg = IntegerFilter(
        field_name="sdgs__number",
        min_value=1,
        max_value=17,
        distinct=True,
        label="Number of a related SDG.",
    )
    pillar = TextFilter(field_name="pillars__slug", distinct=True, label="Slug of a pillar.")

    class Meta:
        model = Goal
        fields = ["period", "sdg", "pillar"]


class SDGTargetFilter(filters.FilterSet):
    sdg = IntegerFilter(
        field_name="goal__number", min_value=1, max_value=17, label="Number of the SDG."
    )

    class Meta:
        model = SDGTarget
        fields = ["sdg"]
