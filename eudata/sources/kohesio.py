"""Kohesio project exports (cohesion policy 2014–2020 and 2021–2027), one CSV per country.

Comma-separated, UTF-8 with a possible BOM and CRLF line ends, dates DD/MM/YYYY. Each
row is an operation with one beneficiary; rows that repeat an operation add beneficiaries.
Kohesio gives the operation's location (LAU, postcode), not the beneficiary's address, so
"in Espoo" means the operation is located in Espoo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from django_countries import countries

from eudata.rows import (
    ImportFailed,
    ParticipantRow,
    ProjectRow,
    business_id_of,
    clean,
    country_code,
    parse_date,
    parse_decimal,
    require,
)
from eudata.sources.base import Record
from eudata.sources.kinds import kind_from_text
from eudata.sources.tabular import UNREADABLE, read_delimited

REQUIRED = (
    "Operation_Unique_Identifier",
    "Operation_Start_Date",
    "Operation_End_Date",
    "Total_Eligible_Expenditure_amount",
    "Project_EU_Budget",
    "Beneficiary_Name",
    "Programme_Name",
)
_QID = re.compile(r"(Q\d+)\s*$")


def _key(uri: str) -> str:
    match = _QID.search(uri)
    return match.group(1) if match else uri


def _country(row: dict[str, str]) -> str:
    code = country_code(row.get("countrycode")) or country_code(row.get("country"))
    if code:
        return code
    name = clean(row.get("country"))
    return str(countries.by_name(name)) if name else ""


class KohesioSource:
    kind = "kohesio"
    rows_repeat_projects = True

    def __init__(self, paths: list[Path]) -> None:
        if len(paths) != 1:
            raise ImportFailed(
                "missing_file", file=", ".join(p.name for p in paths), role="Kohesio CSV"
            )
        self.path = paths[0]
        self.project_file = self.path.name

    def _records(self) -> Iterator[Record]:
        try:
            with self.path.open("rb") as handle:
                yield from read_delimited(handle, self.path.name, REQUIRED, delimiter=",")
        except UNREADABLE as exc:
            raise ImportFailed("unreadable", file=self.path.name, detail=str(exc)[:200]) from None

    def participant_records(self) -> Iterator[Record]:
        return self._records()

    def project_records(self) -> Iterator[Record]:
        return self._records()

    def participant_key(self, record: Record) -> str:
        return _key(require(record.data, "operation_unique_identifier"))

    def identity(self, record: Record) -> dict[str, str]:
        row = record.data
        return {
            "project_key": _key(require(row, "operation_unique_identifier")),
            "name": clean(row.get("beneficiary_name")),
            "city": clean(row.get("lau_labels")),
            "postcode": clean(row.get("postal_code")),
            "country": _country(row),
            "business_id": business_id_of(row.get("beneficiary_local_identifier")),
        }

    def participant(self, record: Record) -> ParticipantRow:
        row = record.data
        name = require(row, "beneficiary_name")
        who = self.identity(record)
        return ParticipantRow(
            project_key=who["project_key"],
            name=name,
            business_id=who["business_id"],
            vat=f"FI{who['business_id'].replace('-', '')}" if who["business_id"] else "",
            local_id=_key(clean(row.get("beneficiary_unique_identifier"))),
            kind=kind_from_text(name),
            role="beneficiary",
            city=who["city"],
            postcode=who["postcode"],
            country=who["country"],
        )

    def project_key(self, record: Record) -> str:
        return _key(require(record.data, "operation_unique_identifier"))

    def project(self, record: Record) -> ProjectRow:
        row = record.data
        key = self.project_key(record)
        title = clean(row.get("operation_name_english")) or clean(
            row.get("operation_name_programme_language")
        )
        if not title:
            require(row, "operation_name_english")
        topics = [
            clean(row.get(c))
            for c in (
                "thematic_objective_label",
                "policy_objective_label",
                "specific_objective_label",
                "category_label",
            )
            if clean(row.get(c))
        ]
        return ProjectRow(
            key=key,
            title=title,
            objective=clean(row.get("operation_summary_english"))
            or clean(row.get("operation_summary_programme_language")),
            start=parse_date(row.get("operation_start_date"), "Operation_Start_Date"),
            end=parse_date(row.get("operation_end_date"), "Operation_End_Date"),
            total_cost=parse_decimal(
                row.get("total_eligible_expenditure_amount"), "Total_Eligible_Expenditure_amount"
            ),
            eu_contribution=parse_decimal(row.get("project_eu_budget"), "Project_EU_Budget"),
            programme=clean(row.get("fund_name")) or clean(row.get("fund_code")),
            call=clean(row.get("programme_name")),
            funding_scheme=clean(row.get("programming_period")),
            topics=topics,
            url=f"https://kohesio.ec.europa.eu/en/projects/{key}" if key.startswith("Q") else "",
        )

    def extras(self, keep: set[str]) -> dict[str, list[str]]:
        return {}
