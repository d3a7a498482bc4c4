"""Importing the keep.eu XLSX export (projects and partners sheets)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")

from eudata.importer import run_import
from eudata.models import EUProject, ImportRun
from registry.models import Organisation
from tests import eudata_support as s

pytestmark = pytest.mark.django_db


def projects() -> list[dict[str, object]]:
    return [
        {
            "Period": "2014-2020",
            "Programme": "Interreg Central Baltic",
            "Project acronym": "BALTTEST",
            "Project name in English": "Invented Baltic test project",
            "Project start": datetime(2018, 1, 1),
            "Project end": "30/06/2021",
            "Project's total budget / expenditure": 1500000.5,
            "Project's EU funding": "1 125 000,25",
            "Theme 1": "Innovation",
            "Website": "balttest.example.org",
        },
        {
            "Period": "2021-2027",
            "Programme": "Interreg Aurora",
            "Project ID (2021-2027 only)": 4242,
            "Project acronym": "NORTHTEST",
            "Project name in English": "Invented northern project",
            "Project start": datetime(2023, 5, 1),
            "Project end": datetime(2026, 4, 30),
        },
    ]


def partners() -> list[dict[str, object]]:
    return [
        {
            "Programme": "Interreg Central Baltic",
            "Project acronym": "BALTTEST",
            "Organisation in English": "Invented Espoo School",
            "Lead partner": "Yes",
            "Country code": "FI",
            "Town": "ESPOO",
            "Type of Organisation": "Education and training centre",
            "Partner’s ID if not PIC": "FI-1",
            "ERDF contribution (2014-2020 only)": 200000,
        },
        {
            "Programme": "Interreg Central Baltic",
            "Project acronym": "BALTTEST",
            "Organisation in English": "Invented Tallinn Agency",
            "Lead partner": "No",
            "Country code": "EE",
            "Town": "Tallinn",
            "Participant Identification Code": 911111111,
            "Type of Organisation": "National public authority",
        },
        {
            "Programme": "Interreg Aurora",
            "Project ID (2021-2027 only)": 4242,
            "Project acronym": "NORTHTEST",
            "Organisation in English": "Invented Luleå Company",
            "Lead partner": "Yes",
            "Country code": "SE",
            "Town": "Luleå",
        },
    ]


def test_projects_with_an_espoo_partner_are_imported(tmp_path: Path) -> None:
    run = run_import("keepeu", [s.keep_eu_xlsx(tmp_path / "keep.xlsx", projects(), partners())])
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    project = EUProject.objects.get()
    assert project.source_id == "Interreg Central Baltic | BALTTEST"
    assert (str(project.start_date), str(project.end_date)) == ("2018-01-01", "2021-06-30")
    assert project.eu_contribution == Decimal("1125000.25")
    assert project.url == "https://balttest.example.org"
    school = project.participations.get(country="FI")
    assert (school.espoo_based, school.role, school.eu_contribution) == (
        True,
        "coordinator",
        Decimal("200000"),
    )
    assert Organisation.objects.get(pic="911111111").kind == "government"
    roles = set(s.activity_of(project.source_id).participants.values_list("role", flat=True))
    assert roles == {"coordinator", "partner"}


def test_the_2021_2027_project_id_is_the_key(tmp_path: Path) -> None:
    rows = partners()
    rows[2]["Town"] = "Esbo"
    run_import(
        "keepeu", [s.keep_eu_xlsx(tmp_path / "keep.xlsx", projects(), rows, title_row=False)]
    )
    assert EUProject.objects.filter(source_id="4242", acronym="NORTHTEST").exists()


def test_reimport_is_unchanged(tmp_path: Path) -> None:
    path = s.keep_eu_xlsx(tmp_path / "keep.xlsx", projects(), partners())
    run_import("keepeu", [path])
    assert run_import("keepeu", [path]).counts["projects"] == {"unchanged": 1}


def test_a_bad_date_is_rejected(tmp_path: Path) -> None:
    rows = projects()
    rows[0]["Project end"] = "someday"
    run = run_import("keepeu", [s.keep_eu_xlsx(tmp_path / "keep.xlsx", rows, partners())])
    assert run.rejections[0]["code"] == "bad_date"
    assert not EUProject.objects.exists()


def test_a_file_that_is_not_a_workbook_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"this is not a workbook")
    run = run_import("keepeu", [path])
    assert (run.status, run.error["code"]) == (ImportRun.Status.FAILED, "unreadable")


def test_a_workbook_without_the_partner_sheet_fails_cleanly(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Search results, projects"
    book.save(tmp_path / "keep.xlsx")
    run = run_import("keepeu", [tmp_path / "keep.xlsx"])
    assert run.error["code"] == "missing_sheet"
