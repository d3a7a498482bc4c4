"""Neutralise spreadsheet formulas in exported cells (CSV/XLSX formula injection).

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some programs, a tab or carriage return) as a formula. Every export that may be opened in a
spreadsheet passes each cell through :func:`safe_cell`, which prefixes such text with a
single quote so it is shown as text. Numbers, dates and ``None`` pass through unchanged, so a
negative number stays a number.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["FORMULA_PREFIXES", "safe_cell", "safe_row"]


def safe_cell(value: object) -> object:
    """Return ``value``, prefixed with ``'`` when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """:func:`safe_cell` applied to every cell of a row."""
    return [safe_cell(value) for value in values]
