"""Lists of the portfolio and the registry in the workspace: search, filters, sorting and
counts, and what each record is linked to (so every link shows from both sides)."""

from __future__ import annotations

from typing import Any, cast

import django_filters as filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DateField, F, Func, Model, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import ListFilterSet, SearchFilter, SortFilter
from core.translated import ShownOrder, shown_order
from portfolio.filters import search_filter, year_filter
from portfolio.models import Activity, ActivityQuerySet, public_condition
from registry.models import (
    CityUnit,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.models import AlignmentLink, Goal


def links_of(item: Model) -> QuerySet[AlignmentLink]:
    """The item's links to goals, SDGs and targets, with their review state."""
    return AlignmentLink.objects.for_item(item).select_related(
        "goal", "sdg", "target", "reviewed_by"
    )


ACTIVITY_SORTS = {
    "-start_date": (_("newest start first"), ("-start_date", "slug")),
    "start_date": (_("oldest start first"), ("start_date", "slug")),
    "title": (_("title"), ("title", "slug")),
    "status": (_("status"), ("status", "slug")),
    "-updated_at": (_("latest changed first"), ("-updated_at", "slug")),
}
VISIBILITY = [("public", _("public")), ("internal", _("internal"))]


def date_span() -> tuple[Any, ...]:
    """The earliest and latest start and end dates of all activities (Nones when there are
    none). Each is its own subquery, read off an index (Activity.Meta.indexes) in one
    query; the four aggregates of one SELECT read every row (8 ms at 10,000 activities)."""
    plain = cast(Any, Activity.objects).rewrite(False).order_by()  # no translated fields

    def edge(function: str, field: str) -> Subquery:
        # A plain function, not Django's aggregate: that would group the subquery by row.
        value = Func(F(field), function=function, output_field=DateField())
        return Subquery(plain.values(edge=value))

    first = plain.values_list(
        edge("MIN", "start_date"),
        edge("MIN", "end_date"),
        edge("MAX", "start_date"),
        edge("MAX", "end_date"),
    ).first()
    return tuple(first) if first else (None, None, None, None)


class ActivityFilter(ListFilterSet):
    """The staff activity list: the API's year and search filters (portfolio.filters), the
    staff's own ones (goal links not rejected, visibility), a sort and counts per status."""

    listed = Activity

    q = search_filter(_("Search"), max_length=200)
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=Activity.Kind.choices, empty_label=_("any")
    )
    status = filters.ChoiceFilter(
        label=_("Status"), choices=Activity.Status.choices, empty_label=_("any")
    )
    unit = filters.ModelChoiceFilter(
        label=_("Responsible unit"),
        field_name="responsible_unit",
        # At request time: by the name in the reader's language, as shown.
        queryset=lambda request: CityUnit.objects.order_by(shown_order("name")),
        empty_label=_("any"),
    )
    goal = filters.ModelChoiceFilter(
        label=_("Goal"),
        queryset=Goal.objects.select_related("period"),
        method="filter_goal",
        empty_label=_("any"),
    )
    year = year_filter(_("Running in year"))
    visibility = filters.ChoiceFilter(
        label=_("Visibility"), choices=VISIBILITY, method="filter_visibility", empty_label=_("any")
    )
    sort = SortFilter(label=_("Sort by"), orders=ACTIVITY_SORTS, default="-start_date")

    def set_up(self) -> None:
        # The years offered: from the earliest date to the latest; the filter itself takes
        # any year in bounds.
        ends = [day.year for day in date_span() if day is not None]
        years = range(max(ends), min(ends) - 1, -1) if ends else range(0)
        self.form.fields["year"].widget = forms.Select(
            choices=[("", _("any")), *((y, str(y)) for y in years)]
        )

    def filter_goal(
        self, queryset: QuerySet[Activity], name: str, value: Goal
    ) -> QuerySet[Activity]:
        linked = (
            AlignmentLink.objects.filter(
                content_type=ContentType.objects.get_for_model(Activity), goal=value
            )
            .exclude(review_state=AlignmentLink.Review.REJECTED)
            .values("object_id")
        )
        return queryset.filter(pk__in=linked)

    def filter_visibility(
        self, queryset: ActivityQuerySet, name: str, value: str
    ) -> QuerySet[Activity]:
        return queryset.public() if value == "public" else queryset.exclude(public_condition())

    def results(self) -> QuerySet[Activity]:
        # The list shows neither text: three languages of each are most of a row's bytes.
        return self.filtered().select_related("responsible_unit").defer("summary", "description")

    def counts(self) -> list[tuple[str, str, int]]:
        """``(status, label, count)`` for every status, under the other filters."""
        rows = self.filtered("status", "sort").order_by().values("status")
        found = {row["status"]: row["n"] for row in rows.annotate(n=Count("id"))}
        return [
            (value, str(label), found.get(value, 0)) for value, label in Activity.Status.choices
        ]


# By name as the reader sees it (a name kept only in Finnish sorts by the Finnish name).
ORGANISATION_SORTS = {
    "name": (_("name"), (ShownOrder("name"), "pk")),
    "country": (_("country"), ("country", ShownOrder("name"), "pk")),
    "-updated_at": (_("latest changed first"), ("-updated_at", ShownOrder("name"), "pk")),
}


class OrganisationFilter(ListFilterSet):
    """The organisations: search, kind, the countries present and a sort; counts of
    activities and contacts per row."""

    listed = Organisation

    q = SearchFilter(
        fields=["name_fi", "name_sv", "name_en", "city", "pic", "business_id", "slug"],
        label=_("Search"),
        max_length=200,
    )
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("any")
    )
    country = filters.ChoiceFilter(label=_("Country"), empty_label=_("any"))
    sort = SortFilter(label=_("Sort by"), orders=ORGANISATION_SORTS, default="name")

    def set_up(self) -> None:
        codes = set(Organisation.objects.order_by().values_list("country", flat=True))
        present = sorted(((c, countries.name(c)) for c in codes if c), key=lambda c: str(c[1]))
        self.set_choices("country", present)

    def results(self) -> QuerySet[Organisation]:
        return self.filtered().annotate(
            n_activities=Count("participations__activity", distinct=True),
            n_contacts=Count("contacts", distinct=True),
        )


class MembershipFilter(ListFilterSet):
    """The network memberships by network name: search and status."""

    listed = NetworkMembership

    q = SearchFilter(
        fields=["network__name_fi", "network__name_sv", "network__name_en", "slug", "role"],
        label=_("Search"),
        max_length=200,
    )
    status = filters.ChoiceFilter(
        label=_("Status"), choices=NetworkMembership.Status.choices, empty_label=_("any")
    )

    def results(self) -> QuerySet[NetworkMembership]:
        items = self.filtered().select_related("network", "responsible_unit")
        return items.order_by(shown_order("network__name"), "pk")


class PartnershipFilter(ListFilterSet):
    """The city partnerships by partner name: search, kind and status."""

    listed = Partnership

    q = SearchFilter(
        fields=[
            "partner__name_fi",
            "partner__name_sv",
            "partner__name_en",
            "partner__city",
            "slug",
        ],
        label=_("Search"),
        max_length=200,
    )
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=Partnership.Kind.choices, empty_label=_("any")
    )
    status = filters.ChoiceFilter(
        label=_("Status"), choices=Partnership.Status.choices, empty_label=_("any")
    )

    def results(self) -> QuerySet[Partnership]:
        items = self.filtered().select_related("partner").prefetch_related("themes")
        return items.order_by(shown_order("partner__name"), "pk")


class ThemeFilter(ListFilterSet):
    """The themes by name: a search; the number of partnerships per row."""

    listed = Theme

    q = SearchFilter(
        fields=["name_fi", "name_sv", "name_en", "slug"], label=_("Search"), max_length=200
    )

    def results(self) -> QuerySet[Theme]:
        items = self.filtered().annotate(n_partnerships=Count("partnerships", distinct=True))
        return items.order_by(shown_order("name"), "pk")


class CityUnitFilter(ListFilterSet):
    """The city units by name: a search; what each is responsible for, counted."""

    listed = CityUnit

    q = SearchFilter(
        fields=["name_fi", "name_sv", "name_en", "slug", "email"],
        label=_("Search"),
        max_length=200,
    )

    def results(self) -> QuerySet[CityUnit]:
        items = self.filtered().annotate(
            n_activities=Count("activities", distinct=True),
            n_memberships=Count("memberships", distinct=True),
            n_markets=Count("markets", distinct=True),
        )
        return items.order_by(shown_order("name"), "pk")


class MarketSearchFilter(SearchFilter):
    """``?q=`` on target markets: the description, the country code, or the country's name
    in the reader's language (names are not stored)."""

    def condition(self, text: str) -> Q:
        codes = [code for code, name in countries if text.lower() in str(name).lower()]
        return super().condition(text) | Q(country__in=codes) | Q(country__iexact=text)


class TargetMarketFilter(ListFilterSet):
    """The target markets, by country name in the reader's language: a search."""

    listed = TargetMarket

    q = MarketSearchFilter(
        fields=["description_fi", "description_sv", "description_en"],
        label=_("Search"),
        max_length=200,
    )

    def results(self) -> list[TargetMarket]:
        items = self.filtered().select_related("responsible_unit")
        return sorted(items, key=lambda market: str(market.country.name))
