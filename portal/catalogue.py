"""The public activity catalogue: filters, search and sorting, all from GET parameters."""

from __future__ import annotations

import datetime
import functools
import time
from collections.abc import Iterator
from html import escape
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.core.signals import setting_changed
from django.db.models import F, Max, Min, Q, QuerySet
from django.db.models.expressions import OrderBy, RawSQL
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from core.translated import fallback_languages
from core.widgets import QuickSelect
from portal import statements
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


class Options(BaseChoiceIterator):
    """A filter's options, built once per language and data version (facet_choices).

    Django takes a choice iterator as it is (a list would be normalised again, option by
    option, in every form), and the select writes their HTML once (FacetSelect)."""

    def __init__(self, pairs: list[tuple[Any, str]]) -> None:
        self.pairs = pairs
        # QuickSelect's markup for each option, none selected.
        self.html = "".join(
            f'<option value="{escape(_text(value))}">{escape(label)}</option>'
            for value, label in pairs
        )

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def options_html(self, chosen: set[str]) -> str:
        """The options with the first option of each chosen value selected (as QuickSelect)."""
        html = self.html
        for value in chosen:
            start = f'<option value="{escape(value)}"'
            html = html.replace(f"{start}>", f"{start} selected>", 1)
        return html


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class FacetSelect(QuickSelect):
    """QuickSelect that writes Options' HTML as it is, with the chosen one marked."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        options = self.choices
        if not isinstance(options, Options):
            return super().render(name, value, attrs, renderer)
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))  # escapes the values
        chosen = set(self.format_value(value))
        return mark_safe(  # noqa: S308 - the name, attributes and options are escaped
            f'<select name="{escape(name)}"{final_attrs}>{options.options_html(chosen)}</select>'
        )


class CatalogueForm(forms.Form):
    """Every field is optional; a value that is not offered is reported and ignored."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    goal = forms.TypedChoiceField(
        label=_("Strategy goal"), required=False, coerce=int, widget=FacetSelect
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, widget=FacetSelect
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FacetSelect)
    country = forms.ChoiceField(
        label=_("Country of a participant"), required=False, widget=FacetSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FacetSelect)
    year = forms.TypedChoiceField(
        label=_("Running in year"), required=False, coerce=int, widget=FacetSelect
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=FacetSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in facet_choices().items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


# The filter options scan every public activity and translate a few hundred names; they
# change only when the portfolio or strategy does, so each process keeps them per language
# until a new page-cache generation (a change; portal/cache.py) or FACETS_CACHE_SECONDS pass
# (a change made in another process, when the cache is not shared).
FACETS_CACHE_SECONDS = 60

_facets: dict[str, tuple[int, float, dict[str, Options]]] = {}


def facet_choices() -> dict[str, Options]:
    """The options of each filter in the active language, with an "all" option first."""
    language = get_language() or settings.LANGUAGE_CODE
    version = generation()
    held = _facets.get(language)
    if held is not None and held[0] == version and held[1] > time.monotonic():
        return held[2]
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
        name: Options([("", str(everything)), *((value, str(label)) for value, label in options)])
        for name, (everything, options) in offered.items()
    }
    choices["sort"] = Options([(value, str(label)) for value, label in SORTS.items()])
    _facets[language] = (version, time.monotonic() + FACETS_CACHE_SECONDS, choices)
    return choices


def _sdg_name(sdg: SDGGoal) -> str:
    return _("SDG %(number)s: %(title)s") % {"number": sdg.number, "title": sdg.title}


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
    _facets.clear()


setting_changed.connect(forget_facets)


def localized_sql(field: str, language: str) -> str:
    """SQL for ``field`` as modeltranslation shows it in ``language``: the first non-empty
    of its translations in the fallback order (core.translated.fallback_languages: the order
    of core.translated.shown, written as raw SQL for speed)."""
    table = Activity._meta.db_table
    names = (build_localized_fieldname(field, code) for code in fallback_languages(language))
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


# What a catalogue row shows. Title and summary come in the page language with the model's
# fallbacks worked out in SQL (localized_sql): modeltranslation's values() worked them out
# in Python, field by field and row by row (~1 ms a page).
ROW_FIELDS = ("slug", "kind", "status", "start_date", "end_date")


class ActivityRow(dict[str, Any]):
    """One catalogue row: a ``values()`` dict that also reads like an Activity
    (``row.kind``, ``row._meta``) for choice_label and the date tags."""

    _meta = Activity._meta

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


@functools.cache
def _shown(language: str) -> dict[str, RawSQL]:
    """Title and summary as the page shows them. Fixed text, as in _title_order."""
    return {
        "shown_title": RawSQL(localized_sql("title", language), ()),  # noqa: S611
        "shown_summary": RawSQL(localized_sql("summary", language), ()),  # noqa: S611
    }


class CataloguePaginator(Paginator):
    """Pages of rows, counted on the plain query (not on the rows' SQL expressions)."""

    def __init__(self, rows: Any, counted: QuerySet[Activity], per_page: int) -> None:
        super().__init__(rows, per_page)
        self.counted = counted

    @functools.cached_property
    def count(self) -> int:
        return self.counted.count()


class PreparedRows:
    """The rows of a catalogue shape compiled once (portal/statements.py), as Paginator
    reads a list: ``count()`` and a slice per page."""

    def __init__(self, shape: statements.Shape, data: dict[str, Any]) -> None:
        self.shape = shape
        self.data = data

    def count(self) -> int:
        return statements.run_count(self.shape, self.data)

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        names = self.shape.names
        rows = statements.run_rows(self.shape, self.data, window.start, window.stop)
        found = [dict(zip(names, row, strict=True)) for row in rows]
        for row in found:  # SQLite gives dates as text; the ORM would convert them
            for name in ("start_date", "end_date"):
                if isinstance(row[name], str):
                    row[name] = datetime.date.fromisoformat(row[name])
        return found


def _rows_of(data: dict[str, Any]) -> QuerySet[Activity, dict[str, Any]]:
    language = get_language() or settings.LANGUAGE_CODE
    return catalogue(data).values(*ROW_FIELDS, **_shown(language))


def catalogue_page(data: dict[str, Any], number: Any) -> tuple[Page[Any], list[ActivityRow]]:
    """The page ``number`` of ``catalogue(data)`` and its rows (ROW_FIELDS, title, summary):
    from the statements compiled for its shape, or (a word search) built by the ORM."""
    language = get_language() or settings.LANGUAGE_CODE
    shape = statements.shape_for(data, language, _rows_of)
    page: Page[Any]
    if shape is not None:
        page = Paginator(cast(Any, PreparedRows(shape, data)), PAGE_SIZE).get_page(number)
    else:
        page = CataloguePaginator(_rows_of(data), catalogue(data), PAGE_SIZE).get_page(number)
    shown = []
    for row in page.object_list:
        row["title"] = row.pop("shown_title")
        row["summary"] = row.pop("shown_summary")
        shown.append(ActivityRow(row))
    return page, shown


def catalogue(data: dict[str, Any]) -> QuerySet[Activity]:
    """Public activities that meet the cleaned filters in ``data``, in the chosen order.

    No filter here is on a translated field, so modeltranslation's rewriting of each lookup
    (and of values(): every translation and a fallback per row) is left out."""
    queryset = cast(Any, Activity.objects).rewrite(False).public()
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
