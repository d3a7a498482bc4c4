"""CORDIS Horizon 2020 / Horizon Europe exports: the CSV zip, the JSON zip, loose CSV re-exports.

``project.csv`` and ``organization.csv`` are required; ``topics.csv`` and
``euroSciVoc.csv`` add topic titles and subjects when present. Column names are matched
without regard to case, so re-exports that changed the case still read.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eudata.rows import (
    ImportFailed,
    ParticipantRow,
    ProjectRow,
    RowError,
    clean,
    country_code,
    parse_date,
    parse_decimal,
    parse_int,
    pic_of,
    require,
    vat_of,
)
from eudata.sources.base import Record
from eudata.sources.jsonstream import iter_array
from eudata.sources.tabular import UNREADABLE, read_delimited, text_stream

ROLES = ("projects", "organisations", "topics", "subjects")
REQUIRED = {
    "projects": (
        "id",
        "acronym",
        "title",
        "startDate",
        "endDate",
        "totalCost",
        "ecMaxContribution",
        "frameworkProgramme",
        "fundingScheme",
        "status",
    ),
    "organisations": (
        "projectID",
        "organisationID",
        "name",
        "city",
        "country",
        "role",
        "ecContribution",
    ),
    "topics": ("projectID", "topic"),
    "subjects": ("projectID", "euroSciVocTitle"),
}
PROGRAMMES = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe", "FP7": "FP7"}
KINDS = {"HES": "university", "REC": "research_institute", "PRC": "company", "OTH": "other"}
_CITY_WORDS = re.compile(
    r"\b(city|kaupunki|kaupungin|stad|staden|kommun|kommune|municipality|municipal|municipio|"
    r"comune|gemeente|stadt|ville|ayuntamiento|concello|miasto|gmina|mesto|město|dimos|"
    r"δήμος|savivaldybe|savivaldybė|pasvaldiba|pašvaldība|linn|vald)\b",
    re.IGNORECASE,
)


def member_role(name: str) -> str | None:
    """Which CORDIS file a (zip member or file) name is, by the words in it."""
    lower = Path(name).name.lower()
    if not lower.endswith((".csv", ".json")):
        return None
    if "scivoc" in lower:
        return "subjects"
    if "topic" in lower:
        return "topics"
    if "organi" in lower:
        return "organisations"
    if "project" in lower:
        return "projects"
    return None


def organisation_kind(activity_type: str, name: str) -> str:
    code = activity_type.upper()
    if code == "PUB":
        return "city" if _CITY_WORDS.search(name) else "government"
    return KINDS.get(code, "other")


class CordisSource:
    kind = "cordis"
    rows_repeat_projects = False

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.members: dict[str, tuple[Path, str | None]] = {}  # role -> (file, zip member)
        for path in paths:
            if zipfile.is_zipfile(path):
                self._add_zip(path)
            elif member_role(path.name):
                self.members.setdefault(member_role(path.name) or "", (path, None))
            elif path.suffix.lower() == ".zip":
                raise ImportFailed("unreadable", file=path.name, detail="not a zip archive")
        for role in ("projects", "organisations"):
            if role not in self.members:
                raise ImportFailed("missing_file", file=", ".join(p.name for p in paths), role=role)
        path, member = self.members["projects"]
        self.project_file = Path(member).name if member else path.name

    def _add_zip(self, path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except UNREADABLE as exc:
            raise ImportFailed("unreadable", file=path.name, detail=str(exc)[:200]) from None
        for name in names:
            role = member_role(name)
            if role:
                self.members.setdefault(role, (path, name))

    @contextmanager
    def _open(self, role: str) -> Iterator[tuple[IO[bytes], str]]:
        path, member = self.members[role]
        try:
            if member is None:
                with path.open("rb") as handle:
                    yield handle, path.name
            else:
                with zipfile.ZipFile(path) as archive, archive.open(member) as handle:
                    yield handle, Path(member).name
        except UNREADABLE as exc:
            raise ImportFailed("unreadable", file=path.name, detail=str(exc)[:200]) from None

    def _records(self, role: str) -> Iterator[Record]:
        if role not in self.members:
            return
        with self._open(role) as (handle, name):
            if name.lower().endswith(".json"):
                yield from _json_records(handle, name, REQUIRED[role])
            else:
                yield from read_delimited(handle, name, REQUIRED[role])

    # -- participants -------------------------------------------------------------------
    def participant_records(self) -> Iterator[Record]:
        return self._records("organisations")

    def participant_key(self, record: Record) -> str:
        return require(record.data, "projectid")

    def identity(self, record: Record) -> dict[str, str]:
        row = record.data
        return {
            "project_key": require(row, "projectid"),
            "name": clean(row.get("name")),
            "city": clean(row.get("city")),
            "postcode": clean(row.get("postcode")),
            "country": country_code(row.get("country")),
            "pic": pic_of(row.get("organisationid")),
            "vat": vat_of(row.get("vatnumber")),
        }

    def participant(self, record: Record) -> ParticipantRow:
        row = record.data
        name = require(row, "name")
        activity_type = clean(row.get("activitytype"))
        return ParticipantRow(
            project_key=require(row, "projectid"),
            name=name,
            pic=pic_of(row.get("organisationid")),
            vat=vat_of(row.get("vatnumber")),
            short_name=clean(row.get("shortname")),
            kind=organisation_kind(activity_type, name),
            role=clean(row.get("role")) or "participant",
            city=clean(row.get("city")),
            postcode=clean(row.get("postcode")),
            country=country_code(row.get("country")),
            website=clean(row.get("organizationurl")),
            eu_contribution=parse_decimal(row.get("eccontribution"), "ecContribution"),
            total_cost=parse_decimal(row.get("totalcost"), "totalCost"),
            order=parse_int(row.get("order"), "order"),
        )

    # -- projects ----------------------------------------------------------------------
    def project_records(self) -> Iterator[Record]:
        return self._records("projects")

    def project_key(self, record: Record) -> str:
        return require(record.data, "id")

    def project(self, record: Record) -> ProjectRow:
        row = record.data
        key = require(row, "id")
        framework = clean(row.get("frameworkprogramme"))
        topics = [t for t in re.split(r"[;,]\s*", clean(row.get("topics"))) if t]
        return ProjectRow(
            key=key,
            acronym=clean(row.get("acronym")),
            title=require(row, "title"),
            objective=clean(row.get("objective")),
            status=clean(row.get("status")).upper(),
            start=parse_date(row.get("startdate"), "startDate"),
            end=parse_date(row.get("enddate"), "endDate"),
            total_cost=parse_decimal(row.get("totalcost"), "totalCost"),
            eu_contribution=parse_decimal(row.get("ecmaxcontribution"), "ecMaxContribution"),
            programme=PROGRAMMES.get(framework.upper(), framework),
            call=clean(row.get("subcall")) or clean(row.get("mastercall")),
            funding_scheme=clean(row.get("fundingscheme")),
            topics=topics,
            url=f"https://cordis.europa.eu/project/id/{key}",
        )

    def extras(self, keep: set[str]) -> dict[str, list[str]]:
        """Topic titles ("CODE – title") and EuroSciVoc subjects of the kept projects."""
        found: dict[str, list[str]] = {}
        for role, title_column, code_column in (
            ("topics", "title", "topic"),
            ("subjects", "euroscivoctitle", ""),
        ):
            for record in self._records(role):
                key = clean(record.data.get("projectid"))
                if record.error or key not in keep:
                    continue
                code = clean(record.data.get(code_column)) if code_column else ""
                title = clean(record.data.get(title_column))
                label = " – ".join(part for part in (code, title) if part)
                if label and label not in found.setdefault(key, []):
                    found[key].append(label)
        return found


def _json_records(handle: IO[bytes], name: str, required: tuple[str, ...]) -> Iterator[Record]:
    text = text_stream(handle)
    wanted = {c.lower() for c in required}
    try:
        for index, item in enumerate(iter_array(text), start=1):
            data = {str(k).lower(): _cell(v) for k, v in item.items()}
            if index == 1 and (missing := sorted(wanted - data.keys())):
                raise ImportFailed("missing_columns", file=name, columns=", ".join(missing))
            yield Record(name, index, data)
    except UnicodeDecodeError:
        raise ImportFailed("encoding", file=name) from None
    except (ValueError, json.JSONDecodeError) as exc:
        raise ImportFailed("unreadable", file=name, detail=str(exc)[:200]) from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


__all__ = ["REQUIRED", "CordisSource", "RowError", "member_role", "organisation_kind"]
