"""The catalogue's two queries (the page's rows and their count), compiled once per shape.

Building and compiling the catalogue's query with the ORM cost ~1 ms of a ~3 ms uncached
page, yet its SQL depends only on the shape of the request: which filters are used, the
sort, the language. Each process compiles a shape once, with two sets of stand-in values,
and keeps the SQL and where each value goes; a request then only fills in its values.

Self-checking: a shape is kept only when both compilations give the same SQL and every
parameter that differs between them is one of the stand-ins (or the year's first or last
day); otherwise (and for a word search, whose SQL varies with the words) the page is
built by the ORM as before. Nothing from the database is kept, only SQL text.

A filter added to ``catalogue()`` must depend on the request's values alone: a condition
that read the clock (``date.today()``) would be compiled into a shape and kept.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import Func, IntegerField, QuerySet, Value

from portfolio.models import Activity

# The filters a shape may use (a word search never: its SQL depends on the words).
FILTERS = ("goal", "sdg", "kind", "status", "country", "year")
# In range for their fields (Django finds an out-of-range number matches nothing and
# leaves the condition out of the SQL) and unlike any constant in the SQL.
_STAND_INS: tuple[dict[str, Any], dict[str, Any]] = (
    {"goal": 2_100_000_001, "sdg": 30_001, "kind": "\x01kind-a", "status": "\x01status-a",
     "country": "\x01country-a", "year": 1001},
    {"goal": 2_100_000_002, "sdg": 30_002, "kind": "\x01kind-b", "status": "\x01status-b",
     "country": "\x01country-b", "year": 1002},
)  # fmt: skip

# A parameter: a constant, or worked out from the request's cleaned data.
Fill = Callable[[dict[str, Any]], Any]


class Statement:
    def __init__(self, sql: str, fills: list[Fill]) -> None:
        self.sql = sql
        self.fills = fills

    def params(self, data: dict[str, Any]) -> list[Any]:
        return [fill(data) for fill in self.fills]


class Shape:
    """The compiled rows (without LIMIT) and count statements of one shape."""

    def __init__(self, rows: Statement, count: Statement, alias: str, names: list[str]) -> None:
        self.rows = rows
        self.count = count
        self.alias = alias
        self.names = names  # the rows' columns


_shapes: dict[tuple[Any, ...], Shape | None] = {}
_lock = threading.Lock()


def forget(**kwargs: Any) -> None:
    with _lock:
        _shapes.clear()


setting_changed.connect(forget)


def shape_for(
    data: dict[str, Any],
    language: str,
    rows_of: Callable[[dict[str, Any]], QuerySet[Any, Any]],
) -> Shape | None:
    """The compiled statements for ``data``'s shape; ``rows_of(data)`` is the rows' values
    query the ORM builds (portal/catalogue.py). None: build this page with the ORM."""
    if data.get("q"):
        return None
    used = tuple(name for name in FILTERS if data.get(name))
    content_type = ContentType.objects.get_for_model(Activity).pk  # a constant in the SQL
    key = (language, data.get("sort") or "", used, content_type)
    if key in _shapes:
        return _shapes[key]
    shape = _compile(data, used, rows_of)
    with _lock:
        _shapes[key] = shape
    return shape


def _compile(
    data: dict[str, Any],
    used: tuple[str, ...],
    rows_of: Callable[[dict[str, Any]], QuerySet[Any, Any]],
) -> Shape | None:
    compiled = []
    for stand_in in _STAND_INS:
        values = {**{name: stand_in[name] for name in used}, "sort": data.get("sort")}
        rows = rows_of(values)
        count = rows.order_by().values(
            n=Func(Value(1), function="COUNT", output_field=IntegerField())
        )
        try:
            rows_sql, count_sql = rows.query.sql_with_params(), count.query.sql_with_params()
        except EmptyResultSet:  # a condition the ORM leaves out: not a shape to keep
            return None
        compiled.append((rows.db, rows_sql, count_sql))
        names = [*rows.query.values_select, *rows.query.annotation_select]
    (alias_a, rows_a, count_a), (alias_b, rows_b, count_b) = compiled
    if alias_a != alias_b:
        return None
    rows_statement = _statement(rows_a, rows_b, used, alias_a)
    count_statement = _statement(count_a, count_b, used, alias_a)
    if rows_statement is None or count_statement is None:
        return None
    return Shape(rows_statement, count_statement, alias_a, names)


def _statement(
    a: tuple[str, tuple[Any, ...]],
    b: tuple[str, tuple[Any, ...]],
    used: tuple[str, ...],
    alias: str,
) -> Statement | None:
    (sql, params_a), (sql_b, params_b) = a, b
    if sql != sql_b or len(params_a) != len(params_b):
        return None
    fills: list[Fill] = []
    for one, other in zip(params_a, params_b, strict=True):
        fill = _fill(one, other, used, alias)
        if fill is None:
            return None
        fills.append(fill)
    return Statement(sql, fills)


def _fill(one: Any, other: Any, used: tuple[str, ...], alias: str) -> Fill | None:
    """Where a parameter comes from: the same in both compilations, a constant; else the
    stand-in it equals in both; else None (not understood: the shape is not kept)."""
    if type(one) is type(other) and one == other:
        return _constant(one)
    for name in used:
        a, b = _STAND_INS[0][name], _STAND_INS[1][name]
        if (one, other) != (a, b) or type(one) is not type(other):
            continue
        if type(one) is type(a):
            return _value(name)
        if isinstance(a, int) and isinstance(one, int):
            # The backend wraps a small integer in its own type (psycopg's Int2 for a
            # PositiveSmallIntegerField on PostgreSQL): the request's value is wrapped alike.
            return _wrapped(name, type(one))
    if "year" in used:
        # The year's first and last day, as the database backend passes a date.
        adapt = connections[alias].ops.adapt_datefield_value
        for month, day in ((1, 1), (12, 31)):
            a, b = (adapt(datetime.date(year, month, day)) for year in (1001, 1002))
            if (one, other) == (a, b) and type(one) is type(a):
                return _day(adapt, month, day)
    return None


def _constant(value: Any) -> Fill:
    return lambda data: value


def _value(name: str) -> Fill:
    return lambda data: data[name]


def _wrapped(name: str, kind: type[int]) -> Fill:
    return lambda data: kind(data[name])


def _day(adapt: Callable[[Any], Any], month: int, day: int) -> Fill:
    return lambda data: adapt(datetime.date(data["year"], month, day))


def run_count(shape: Shape, data: dict[str, Any]) -> int:
    with connections[shape.alias].cursor() as cursor:
        cursor.execute(shape.count.sql, shape.count.params(data))
        return int(cursor.fetchone()[0])


def run_rows(shape: Shape, data: dict[str, Any], low: int, high: int) -> list[tuple[Any, ...]]:
    connection = connections[shape.alias]
    sql = f"{shape.rows.sql} {connection.ops.limit_offset_sql(low, high)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, shape.rows.params(data))
        return list(cursor.fetchall())
