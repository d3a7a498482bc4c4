"""The one writer of tabular export files: CSV, XLSX and JSON from a header and rows.

Every CSV and XLSX file the project produces is written here, and every cell (the header
row too) passes through :func:`core.csvsafe.safe_cell`, so no caller can forget the
spreadsheet formula-injection guard. Callers turn their records into plain cell values
(text, numbers, dates, ``None``) first; this module only lays them out.

* CSV: RFC 4180 quoting, comma-separated, ``\\r\\n`` line endings, the header as the first
  row; returned as text (callers choose the encoding, e.g. ``utf-8-sig`` for a BOM).
* XLSX: one write-only sheet (title cut to Excel's 31 characters), the header as row 1.
* JSON: an array of objects holding the header's keys in header order (JSON is not opened
  by spreadsheets, so it keeps values as they are).

tests/test_core_exports.py fails when ``csv.writer(`` or ``Workbook(`` appears anywhere
else in the project's code (eudata's readers only read files).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import Promise

from core.csvsafe import safe_row

__all__ = ["XLSX_CONTENT_TYPE", "to_csv", "to_json", "to_xlsx"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel refuses longer sheet names


def _safe(row: Iterable[Any]) -> list[Any]:
    """A row with lazy translations made text, then guarded against formulas."""
    return safe_row(str(value) if isinstance(value, Promise) else value for value in row)


def to_csv(header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> str:
    """The rows as CSV text under ``header``, every cell made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_safe(header))
    for row in rows:
        writer.writerow(_safe(row))
    return out.getvalue()


def to_xlsx(header: Sequence[Any], rows: Iterable[Iterable[Any]], sheet_title: str) -> bytes:
    """The rows as an XLSX workbook of one sheet, every cell made formula-safe."""
    from openpyxl import Workbook  # imported late: only the export views need it

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=str(sheet_title)[:SHEET_TITLE_MAX])
    sheet.append(_safe(header))
    for row in rows:
        sheet.append(_safe(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """The rows as a JSON array of objects with the header's keys, in header order."""
    ordered = [{name: row[name] for name in header} for row in rows]
    return json.dumps(ordered, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
