"""Filter pieces shared by every list: the API's query filters and the staff lists' GET forms.

One definition each of the year filter (``running_in(year)``, the rule of docs/portfolio.md
lives on the QuerySet), the text search, the bounded whole number and the sort, so the API
and the staff pages cannot drift apart. ``ListFilterSet`` is the staff lists' base: a value
it refuses is shown with the form's translated message and the list is shown unfiltered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import django_filters as filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.drainage import set_override

from core.translated import ShownOrder, resolve_orders

# The years a year filter accepts (a wider value is refused, never a 500).
FIRST_YEAR, LAST_YEAR = 1900, 2200
# Lookups a search field may name itself; any other field is searched with ``icontains``.
OWN_LOOKUPS = ("exact", "iexact")


class IntegerFilter(filters.NumberFilter):  # type: ignore[misc,unused-ignore]
    """A whole number within bounds (``?sdg=11``, ``?year=2025``); anything else is refused.

    Its OpenAPI schema is an integer with the same bounds and the label as description, so
    a schema-valid value is always accepted (drf-spectacular cannot see a ``method``
    filter's type or bounds by itself).
    """

    field_class = forms.IntegerField

    def __init__(self, *args: Any, min_value: int, max_value: int, label: Any, **kwargs: Any):
        super().__init__(*args, min_value=min_value, max_value=max_value, label=label, **kwargs)
        schema = {"type": "integer", "minimum": min_value, "maximum": max_value}
        set_override(self, "field", {**schema, "description": label})


class TextFilter(filters.CharFilter):  # type: ignore[misc,unused-ignore]
    """Text (``?q=``, slugs, ``?country=``); its schema says what the server refuses.

    Django's form field refuses a NUL character, so the schema's string excludes it (a
    schema-valid value is always accepted).
    """

    def __init__(self, *args: Any, label: Any, **kwargs: Any):
        super().__init__(*args, label=label, **kwargs)
        set_override(
            self, "field", {"type": "string", "pattern": "^[^\\u0000]*$", "description": label}
        )


class YearFilter(IntegerFilter):
    """``?year=2025``: the items running in that year, by their QuerySet's ``running_in``."""

    def __init__(self, *args: Any, label: Any, **kwargs: Any):
        super().__init__(*args, min_value=FIRST_YEAR, max_value=LAST_YEAR, label=label, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        running: QuerySet[Any] = qs.running_in(int(value))  # type: ignore[attr-defined]
        return running


def _spans_many(model: type[Model], path: str) -> bool:
    """Whether ``path`` (``funding__grant_number``) goes through a to-many relation."""
    options = model._meta
    for part in path.split("__"):
        try:
            field = options.get_field(part)
        except FieldDoesNotExist:
            return False  # a lookup
        if field.many_to_many or field.one_to_many:
            return True
        if field.related_model is None:
            return False
        options = field.related_model._meta  # type: ignore[union-attr]
    return False


class SearchFilter(TextFilter):
    """``?q=``: the items with the text in any of ``fields`` (``icontains``, or the lookup a
    field names, e.g. ``object_id__exact``). With ``words``, each of the first ``words``
    words must be found instead of the whole text. A match through a to-many relation
    (grant numbers, participants) is a subquery, so an item is listed once."""

    def __init__(self, *args: Any, fields: Iterable[str], words: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(fields)
        self.words = words

    def condition(self, text: str) -> Q:
        query = Q()
        for field in self.search_fields:
            own = field.rsplit("__", 1)[-1] in OWN_LOOKUPS
            query |= Q(**{field if own else f"{field}__icontains": text})
        return query

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        text = str(value or "").strip()
        if not text:
            return qs
        parts = text.split()[: self.words] if self.words else [text]
        if any(_spans_many(qs.model, field) for field in self.search_fields):
            matches = qs.model._default_manager.all()
            for part in parts:
                matches = matches.filter(self.condition(part))
            return qs.filter(pk__in=matches.values("pk"))
        for part in parts:
            qs = qs.filter(self.condition(part))
        return qs


class SortFilter(filters.ChoiceFilter):  # type: ignore[misc,unused-ignore]
    """``?sort=``: one of the named orders (``{value: (label, fields)}``, ties broken by the
    fields given); left out, the default one. It offers no empty choice. A field may be a
    ``ShownOrder`` (a translated name as the reader sees it), resolved when it filters."""

    def __init__(
        self,
        *args: Any,
        orders: Mapping[str, tuple[Any, tuple[str | ShownOrder, ...]]],
        default: str,
        **kwargs: Any,
    ):
        choices = [(value, label) for value, (label, _fields) in orders.items()]
        super().__init__(*args, choices=choices, empty_label=None, **kwargs)
        self.orders = dict(orders)
        self.default = default

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        _label, fields = self.orders.get(value or self.default, self.orders[self.default])
        return qs.order_by(*resolve_orders(fields))


class ListFilterSet(filters.FilterSet):  # type: ignore[misc,unused-ignore]
    """A staff list's GET form of filters (``filterset.form`` renders through the shared
    form templates).

    ``filtered()`` is the list: every filter applied, the sort included. When a value is
    refused the form carries the translated message and the list is shown as with no
    filters (the defaults still apply, e.g. the sort), never a 500; ``refused_lists_nothing``
    shows nothing instead (where a wider list would disclose more, as the audit export).
    """

    refused_lists_nothing = False
    listed: type[Model]  # what the list shows (no ``Meta``: every filter is declared)

    def __init__(self, data: Any = None, queryset: QuerySet[Any] | None = None, **kwargs: Any):
        queryset = self.listed._default_manager.all() if queryset is None else queryset
        super().__init__(data, queryset, **kwargs)
        self.set_up()

    def set_up(self) -> None:
        """Choices known only at run time go here (see ``set_choices``)."""

    def filtered(self, *leave_out: str) -> QuerySet[Any]:
        """The list under every filter but those named in ``leave_out``."""
        queryset: QuerySet[Any] = self.queryset.all()
        refused = self.is_bound and not self.form.is_valid()
        if refused and self.refused_lists_nothing:
            return queryset.none()
        data = self.form.cleaned_data if self.is_bound and not refused else {}
        for name, filter_ in self.filters.items():
            if name not in leave_out:
                queryset = filter_.filter(queryset, data.get(name))
        return queryset

    def set_choices(self, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
        """Choices known only at run time (the field keeps its empty choice)."""
        self.form.fields[name].choices = list(choices)
