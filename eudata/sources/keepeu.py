"""keep.eu search exports (Interreg and other territorial cooperation): one XLSX workbook.

Sheets "Search results, projects" and "Search results, partners" (found by the words
"project" and "partner" in the sheet names), read with openpyxl in read-only mode, row by
row. A project is known by its Project ID (2021–2027) or else by programme and acronym.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from eudata.rows import (
    ImportFailed,
    ParticipantRow,
    ProjectRow,
    RowError,
    clean,
    country_code,
    parse_date,
    parse_decimal,
    pic_of,
    require,
)
from eudata.sources.base import Record
from eudata.sources.kinds import kind_from_text

PROJECT_SHEET = "Search results, projects"
PARTNER_SHEET = "Search results, partners"
PROJECT_COLUMNS = ("Programme", "Project acronym", "Project name in English")
PARTNER_COLUMNS = ("Programme", "Project acronym", "Organisation in English", "Country code")
HEADER_SEARCH_ROWS = 10  # title lines above the header row are skipped


def _key(row: dict[str, Any]) -> str:
    project_id = clean(row.get("project id (2021-2027 only)"))
    if project_id:
        return project_id.removesuffix(".0")
    acronym = clean(row.get("project acronym"))
    if not acronym:
        raise RowError("missing_value", column="Project acronym")
    return f"{clean(row.get('programme'))} | {acronym}"[:200]


class KeepEuSource:
    kind = "keepeu"
    rows_repeat_projects = False

    def __init__(self, paths: list[Path]) -> None:
        if len(paths) != 1:
            raise ImportFailed("missing_file", file=", ".join(p.name for p in paths), role="XLSX")
        self.path = paths[0]
        self.project_file = PROJECT_SHEET
        self._sheet_names = self._open_names()

    def _open_names(self) -> list[str]:
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (BadZipFile, OSError, KeyError, ValueError) as exc:
            raise ImportFailed("unreadable", file=self.path.name, detail=str(exc)[:200]) from None
        try:
            return list(book.sheetnames)
        finally:
            book.close()

    def _sheet(self, word: str, label: str) -> str:
        for name in self._sheet_names:
            if word in name.lower():
                return name
        raise ImportFailed("missing_sheet", file=self.path.name, sheet=label)

    def _records(self, word: str, label: str, required: tuple[str, ...]) -> Iterator[Record]:
        from openpyxl import load_workbook

        sheet_name = self._sheet(word, label)
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (BadZipFile, OSError, KeyError, ValueError) as exc:
            raise ImportFailed("unreadable", file=self.path.name, detail=str(exc)[:200]) from None
        try:
            rows = book[sheet_name].iter_rows(values_only=True)
            header: list[str] | None = None
            wanted = {c.lower() for c in required}
            for number, values in enumerate(rows, start=1):
                if header is None:
                    names = [clean(v).lower().replace("’", "'") for v in values]
                    if wanted <= set(names):
                        header = names
                    elif number >= HEADER_SEARCH_ROWS:
                        break
                    continue
                if all(v is None or clean(v) == "" for v in values):
                    continue
                yield Record(sheet_name, number, dict(zip(header, values, strict=False)))
            if header is None:
                raise ImportFailed(
                    "missing_columns",
                    file=f"{self.path.name} / {sheet_name}",
                    columns=", ".join(required),
                )
        except (BadZipFile, OSError, KeyError) as exc:
            raise ImportFailed("unreadable", file=self.path.name, detail=str(exc)[:200]) from None
        finally:
            book.close()

    # -- partners ------------------------------------------------------------------------
    def participant_records(self) -> Iterator[Record]:
        return self._records("partner", PARTNER_SHEET, PARTNER_COLUMNS)

    def participant_key(self, record: Record) -> str:
        return _key(record.data)

    def identity(self, record: Record) -> dict[str, str]:
        row = record.data
        return {
            "project_key": _key(row),
            "name": clean(row.get("organisation in english"))
            or clean(row.get("organisation in language 2")),
            "city": clean(row.get("town")),
            "postcode": "",
            "country": country_code(row.get("country code")),
            "pic": pic_of(row.get("participant identification code")),
        }

    def participant(self, record: Record) -> ParticipantRow:
        row = record.data
        who = self.identity(record)
        if not who["name"]:
            require(row, "organisation in english")
        lead = clean(row.get("lead partner")).lower() in ("yes", "true", "1", "x")
        contribution = parse_decimal(
            row.get("erdf contribution (2014-2020 only)"), "ERDF contribution (2014-2020 only)"
        )
        if contribution is None:
            contribution = parse_decimal(
                row.get("partner's programme co-financing (eur) (2021-2027 only)"),
                "Partner's programme co-financing (EUR) (2021-2027 only)",
            )
        return ParticipantRow(
            project_key=who["project_key"],
            name=who["name"],
            pic=who["pic"],
            local_id=clean(row.get("partner's id if not pic")),
            kind=kind_from_text(clean(row.get("type of organisation")), who["name"]),
            role="coordinator" if lead else "partner",
            city=who["city"],
            country=who["country"],
            website=clean(row.get("website")),
            eu_contribution=contribution,
            total_cost=parse_decimal(
                row.get("partner's total eligible budget / expenditure"),
                "Partner's total eligible budget / expenditure",
            ),
        )

    # -- projects ------------------------------------------------------------------------
    def project_records(self) -> Iterator[Record]:
        return self._records("project", PROJECT_SHEET, PROJECT_COLUMNS)

    def project_key(self, record: Record) -> str:
        return _key(record.data)

    def project(self, record: Record) -> ProjectRow:
        row = record.data
        website = clean(row.get("website"))
        if website and "://" not in website:
            website = "https://" + website
        return ProjectRow(
            key=_key(row),
            acronym=clean(row.get("project acronym")),
            title=clean(row.get("project name in english")) or require(row, "project acronym"),
            objective=clean(row.get("description in english")),
            start=parse_date(row.get("project start"), "Project start"),
            end=parse_date(row.get("project end"), "Project end"),
            total_cost=parse_decimal(
                row.get("project's total budget / expenditure"),
                "Project's total budget / expenditure",
            ),
            eu_contribution=parse_decimal(row.get("project's eu funding"), "Project's EU funding"),
            programme=clean(row.get("programme")),
            call=clean(row.get("period")),
            topics=[
                clean(row.get(f"theme {n}")) for n in (1, 2, 3) if clean(row.get(f"theme {n}"))
            ],
            url=website,
        )

    def extras(self, keep: set[str]) -> dict[str, list[str]]:
        return {}
