"""The public activity catalogue: filters, search and sorting, all from GET parameters."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import F, Max, Min, Q, QuerySet
from django.db.models.expressions import OrderBy, RawSQL
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core.widgets import QuickSelect
from portal.cache import generation
from portal.queries import linked_ids
from portal.search import search
from portfolio.models import Activity, Participant, public_condition
from strategy.models import Goal, SDGGoal

PAGE_SIZE = 20
SORTS = {
    "newest": _("newest first"),
    "start": _("start date, oldest first"),
    "title": _("title A–Z"),
}


class CatalogueForm(forms.Form):
    """Every field is optional; a value that is not offered is reported and ignored."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    goal = forms.TypedChoiceField(
        label=_("Strategy goal"), required=False, coerce=int, widget=QuickSelect
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, widget=QuickSelect
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    country = forms.ChoiceField(
        label=_("Country of a participant"), required=False, widget=QuickSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    year = forms.TypedChoiceField(
        label=_("Running in year"), required=False, coerce=int, widget=QuickSelect
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORTS.items(), widget=QuickSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in facet_choices().items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


def facet_choices() -> dict[str, list[tuple[Any, str]]]:
    """The options of each filter in the active language, with an "all" option first.

    Building them (two queries, a few hundred translated names) cost more than the page's
    own query, so each process keeps them per language until the portfolio or strategy
    changes (a new page-cache generation) or FACETS_CACHE_SECONDS pass.
    """
    language = get_language() or "fi"
    key = f"portal:facets:{generation()}:{language}"
    choices = cache.get(key)
    if choices is None:
        goals = Goal.objects.current().order_by("number")
        sdgs = SDGGoal.objects.order_by("number")
        offered: dict[str, tuple[Any, list[tuple[Any, Any]]]] = {
            "goal": (_("All goals"), [(g.pk, str(g)) for g in goals]),
            "sdg": (_("All SDGs"), [(s.number, _sdg_name(s)) for s in sdgs]),
            "kind": (_("All kinds"), Activity.Kind.choices),
            "status": (_("Any status"), Activity.Status.choices),
            "country": (_("All countries"), participant_countries()),
            "year": (_("Any year"), [(y, str(y)) for y in activity_years()]),
        }
        choices = {
            name: [("", str(everything)), *((value, str(label)) for value, label in options)]
            for name, (everything, options) in offered.items()
        }
        cache.set(key, choices, FACETS_CACHE_SECONDS)
    return choices


def _sdg_name(sdg: SDGGoal) -> str:
    return _("SDG %(number)s: %(title)s") % {"number": sdg.number, "title": sdg.title}


# The filter options scan every public activity; they change only when the portfolio
# does, so each process keeps them for a short while (and forgets them on a change).
FACETS_CACHE_SECONDS = 60


def participant_countries() -> list[tuple[str, str]]:
    codes = cache.get("portal:countries")
    if codes is None:
        codes = sorted(
            set(
                Participant.objects.filter(public_condition("activity__"))
                .order_by()
                .values_list("organisation__country", flat=True)
                .distinct()
            )
            - {""}
        )
        cache.set("portal:countries", codes, FACETS_CACHE_SECONDS)
    return sorted(((c, countries.name(c)) for c in codes), key=lambda pair: pair[1])


def activity_years() -> list[int]:
    span = cache.get("portal:years")
    if span is None:
        span = Activity.objects.public().aggregate(first=Min("start_date"), last=Max("end_date"))
        cache.set("portal:years", span, FACETS_CACHE_SECONDS)
    if span["first"] is None:
        return []
    last = max(span["last"].year if span["last"] else 0, datetime.date.today().year)
    return list(range(last, span["first"].year - 1, -1))


def forget_facets(**kwargs: Any) -> None:
    cache.delete_many(["portal:countries", "portal:years"])


def localized_sql(field: str, language: str) -> str:
    """SQL for ``field`` as modeltranslation shows it in ``language``: the first non-empty
    of its translations in the fallback order (settings.MODELTRANSLATION_FALLBACK_LANGUAGES)."""
    table = Activity._meta.db_table
    order = resolution_order(language, mt_settings.FALLBACK_LANGUAGES)
    names = (build_localized_fieldname(field, code) for code in order)
    return "COALESCE({}, '')".format(", ".join(f'NULLIF("{table}"."{n}", \'\')' for n in names))


@functools.cache
def _title_order(language: str) -> OrderBy:
    """The title sort as one raw expression: the same SQL as Lower(Coalesce(NullIf(…), …))
    built from six expressions, which cost ~0.6 ms of query building per request.
    Fixed text: field names from the model and languages from the settings, no input."""
    return OrderBy(RawSQL(f"LOWER({localized_sql('title', language)})", ()))  # noqa: S611


def _sorted(queryset: QuerySet[Activity], sort: str) -> QuerySet[Activity]:
    if sort == "title":
        return queryset.order_by(_title_order(get_language() or "fi"), "slug")
    if sort == "start":
        return queryset.order_by(F("start_date").asc(nulls_last=True), "slug")
    return queryset.order_by(F("start_date").desc(nulls_last=True), "-created_at", "slug")


# What a catalogue row shows; modeltranslation's values() gives title and summary in the
# page language with its fallbacks, without building 20 model instances per page.
ROW_FIELDS = ("slug", "title", "summary", "kind", "status", "start_date", "end_date")


class ActivityRow(dict[str, Any]):
    """One catalogue row: a ``values()`` dict that also reads like an Activity
    (``row.kind``, ``row._meta``) for choice_label and the date tags."""

    _meta = Activity._meta

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def catalogue_rows(data: dict[str, Any]) -> QuerySet[Activity, dict[str, Any]]:
    """``catalogue(data)`` as the values a list row needs."""
    return catalogue(data).values(*ROW_FIELDS)


def catalogue(data: dict[str, Any]) -> QuerySet[Activity]:
    """Public activities that meet the cleaned filters in ``data``, in the chosen order."""
    queryset = Activity.objects.public()
    if data.get("q"):
        queryset = search(queryset, data["q"])
    if data.get("goal"):
        queryset = queryset.filter(pk__in=linked_ids(Activity, Q(goal_id=data["goal"])))
    if data.get("sdg"):
        number = data["sdg"]
        condition = Q(sdg__number=number) | Q(target__goal__number=number)
        queryset = queryset.filter(pk__in=linked_ids(Activity, condition))
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("country"):
        with_country = Participant.objects.filter(organisation__country=data["country"])
        queryset = queryset.filter(pk__in=with_country.values("activity_id"))
    if data.get("year"):
        queryset = queryset.running_in(data["year"])
    return _sorted(queryset, data.get("sort") or "newest")
