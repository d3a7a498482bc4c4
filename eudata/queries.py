"""What the staff pages show: Espoo's EU projects, their partners abroad, funding by year."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django_countries import countries

from eudata.models import EUParticipation, EUProject

CITY = [EUParticipation.CityMatch.CERTAIN, EUParticipation.CityMatch.CONFIRMED]
ESPOO_SIDE = Q(espoo_based=True) | Q(watched=True) | Q(city_match__in=CITY)


def espoo_participations() -> QuerySet[EUParticipation]:
    """Participations of Espoo-based, watched or city participants in Espoo projects."""
    return EUParticipation.objects.filter(ESPOO_SIDE, project__counts_for_espoo=True)


def espoo_projects() -> QuerySet[EUProject]:
    return (
        EUProject.objects.filter(counts_for_espoo=True)
        .select_related("activity")
        .prefetch_related(
            Prefetch("participations", espoo_participations().order_by("name"), to_attr="espoo")
        )
        .order_by("-start_date", "source_id")
    )


def _partners_abroad() -> QuerySet[EUParticipation]:
    return (
        EUParticipation.objects.filter(project__counts_for_espoo=True)
        .exclude(country__in=["", "FI"])
        .exclude(city_match=EUParticipation.CityMatch.CANDIDATE)
    )


def top_partners(limit: int = 20) -> list[dict[str, Any]]:
    rows = (
        _partners_abroad()
        .values("organisation_id", "country")
        .annotate(name=Max("name"), projects=Count("project", distinct=True))
        .order_by("-projects", "name")[:limit]
    )
    return [{**row, "country_name": countries.name(row["country"])} for row in rows]


def top_countries(limit: int = 20) -> list[dict[str, Any]]:
    rows = (
        _partners_abroad()
        .values("country")
        .annotate(
            projects=Count("project", distinct=True),
            organisations=Count("organisation", distinct=True),
        )
        .order_by("-projects", "country")[:limit]
    )
    return [{**row, "country_name": countries.name(row["country"])} for row in rows]


def funding_by_programme_and_year() -> list[dict[str, Any]]:
    """EU contribution to the Espoo side per programme and start year."""
    return list(
        espoo_participations()
        .annotate(year=ExtractYear("project__start_date"))
        .values("project__programme", "year")
        .annotate(projects=Count("project", distinct=True), eu=Sum("eu_contribution"))
        .order_by("project__programme", "year")
    )


def totals() -> dict[str, Any]:
    side = espoo_participations()
    return {
        "projects": EUProject.objects.filter(counts_for_espoo=True).count(),
        "organisations": side.exclude(organisation=None).values("organisation").distinct().count(),
        "countries": _partners_abroad().values("country").distinct().count(),
        "eu": side.aggregate(total=Sum("eu_contribution"))["total"],
        "candidates": EUParticipation.objects.filter(
            city_match=EUParticipation.CityMatch.CANDIDATE
        ).count(),
    }
