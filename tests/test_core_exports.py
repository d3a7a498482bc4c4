"""core.exports is the one writer of CSV/XLSX/JSON files, and it always applies the
spreadsheet formula-injection guard; no other module of the project writes CSV or XLSX."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from django.utils.translation import gettext_lazy

from core import exports
from core.csvsafe import FORMULA_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["name", "amount", "day"]
ROWS = [[prefix + "SUM(A1:A9)", -5, date(2026, 1, 2)] for prefix in FORMULA_PREFIXES] + [
    ["Espoo, Tapiola", 12.5, None]
]


def test_every_formula_prefix_is_neutralised_in_csv() -> None:
    text = exports.to_csv(HEADER, ROWS)
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read[0] == HEADER
    names = [row[0] for row in read[1:]]
    assert names[:-1] == ["'" + prefix + "SUM(A1:A9)" for prefix in FORMULA_PREFIXES]
    assert names[-1] == "Espoo, Tapiola"
    assert [row[1] for row in read[1:]] == ["-5"] * len(FORMULA_PREFIXES) + ["12.5"]
    assert text.startswith("name,amount,day\r\n")


def test_a_header_cell_is_guarded_too_and_lazy_text_is_written_as_text() -> None:
    text = exports.to_csv(["=cmd", gettext_lazy("Title")], [])
    assert text == "'=cmd,Title\r\n"


def test_every_formula_prefix_is_neutralised_in_xlsx() -> None:
    from openpyxl import load_workbook

    content = exports.to_xlsx(HEADER, ROWS, "A sheet title longer than Excel allows")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["A sheet title longer than Excel"]
    values = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert values[0] == HEADER
    guarded = [row[0] for row in values[1:-1]]
    assert len(guarded) == len(FORMULA_PREFIXES)
    assert all(name.startswith("'") for name in guarded)  # XLSX stores \r as \n
    assert guarded[0] == "'=SUM(A1:A9)"
    assert values[1][1] == -5  # a negative number stays a number
    assert values[1][2].date() == date(2026, 1, 2)
    assert not any(
        isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)
        for row in values
        for cell in row
    )


def test_json_is_an_array_of_objects_in_header_order() -> None:
    rows = [{"day": date(2026, 1, 2), "name": "Ääni", "extra": "left out", "amount": 3}]
    text = exports.to_json(HEADER, rows)
    assert json.loads(text) == [{"name": "Ääni", "amount": 3, "day": "2026-01-02"}]
    assert list(json.loads(text)[0]) == HEADER
    assert "Ääni" in text  # not escaped


WRITERS = re.compile(r"\bcsv\.(?:writer|DictWriter)\(|\bWorkbook\(|xlsxwriter")
SKIPPED = {".venv", "node_modules", ".git", "tests", "var", "static"}


def test_no_module_but_core_exports_writes_csv_or_xlsx() -> None:
    """A new export has to go through core.exports, so it cannot skip the guard.
    (Tests may build input files for the importers; they are not exports.)"""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED or relative == Path("core/exports.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITERS.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_scan_would_find_a_writer() -> None:
    assert WRITERS.search("    writer = csv.writer(response)")
    assert WRITERS.search("book = Workbook(write_only=True)")
    assert not WRITERS.search("book = load_workbook(path, read_only=True)")
