"""Importing Kohesio cohesion-policy exports (2014–2020 and 2021–2027)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from eudata.importer import run_import
from eudata.models import EUProject, ImportRun
from portfolio.models import Activity
from tests import eudata_support as s

pytestmark = pytest.mark.django_db


def rows() -> list[dict[str, str]]:
    return [
        s.operation("Q1001", "Otaniemen Testi Oy", "Espoo"),
        s.operation("Q1002", "Vantaan Testi Oy", "Vantaa", Postal_Code="01510"),
        s.operation("Q1003", "Esbo Testföretag Ab", "", Postal_Code="02600"),
        s.operation("Q1001", "Toinen Edunsaaja ry", "Espoo"),
    ]


def test_operations_located_in_espoo_become_activities(tmp_path: Path) -> None:
    run = run_import("kohesio", [s.kohesio_csv(tmp_path / "FI-pp14-20.csv", rows())])
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert set(EUProject.objects.values_list("source_id", flat=True)) == {"Q1001", "Q1003"}
    project = EUProject.objects.get(source_id="Q1001")
    assert project.source == "kohesio"
    assert project.programme == "European Regional Development Fund"
    assert project.url == "https://kohesio.ec.europa.eu/en/projects/Q1001"
    assert (str(project.start_date), str(project.end_date)) == ("2019-03-01", "2021-12-31")
    assert project.eu_contribution == Decimal("100000")
    assert project.participations.count() == 2
    activity = s.activity_of("Q1001")
    assert activity.kind == Activity.Kind.EU_PROJECT
    assert activity.status == Activity.Status.COMPLETED


def test_the_2021_2027_columns_are_read(tmp_path: Path) -> None:
    data = [
        s.operation(
            "Q2001",
            "Testi Oy",
            "Espoo",
            CountryCode="FI",
            Specific_Objective_Label="Smarter Europe",
            Programming_Period="2021-2027",
        )
    ]
    run = run_import("kohesio", [s.kohesio_csv(tmp_path / "FI-pp21-27.csv", data, s.KOHESIO_2021)])
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    project = EUProject.objects.get(source_id="Q2001")
    assert "Smarter Europe" in project.topics
    assert project.participations.get().country == "FI"


def test_a_bad_date_rejects_the_row_and_keeps_the_rest(tmp_path: Path) -> None:
    data = rows()
    data[2]["Operation_Start_Date"] = "31/02/2019"
    run = run_import("kohesio", [s.kohesio_csv(tmp_path / "k.csv", data)])
    assert [r["code"] for r in run.rejections] == ["bad_date"]
    assert run.rejections[0]["line"] == 4
    assert EUProject.objects.filter(source_id="Q1001").exists()
    assert not EUProject.objects.filter(source_id="Q1003").exists()


def test_a_bad_amount_is_rejected_with_its_column(tmp_path: Path) -> None:
    data = rows()
    data[0]["Project_EU_Budget"] = "lots"
    run = run_import("kohesio", [s.kohesio_csv(tmp_path / "k.csv", data)])
    assert run.rejections[0]["params"] == {"column": "Project_EU_Budget", "value": "lots"}
    # the operation's next row carries the same operation and is used instead
    assert EUProject.objects.get(source_id="Q1001").eu_contribution == Decimal("100000")


def test_reimport_is_unchanged(tmp_path: Path) -> None:
    path = s.kohesio_csv(tmp_path / "k.csv", rows())
    run_import("kohesio", [path])
    again = run_import("kohesio", [path])
    assert again.counts["projects"] == {"unchanged": 2}


def test_missing_columns_fail_cleanly(tmp_path: Path) -> None:
    columns = [c for c in s.KOHESIO_2014 if c != "Project_EU_Budget"]
    run = run_import("kohesio", [s.kohesio_csv(tmp_path / "k.csv", rows(), columns)])
    assert run.status == ImportRun.Status.FAILED
    assert run.error["params"]["columns"] == "project_eu_budget"
    assert not EUProject.objects.exists()


def test_a_file_in_the_wrong_encoding_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes(
        s.plain_csv(s.KOHESIO_2014, [s.operation("Q1", "Äänekosken Oy", "Espoo")]).encode("cp1252")
    )
    run = run_import("kohesio", [path])
    assert run.error["code"] == "encoding"
    assert not EUProject.objects.exists()
