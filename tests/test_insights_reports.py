"""Reports (annual, term, SDG) as HTML and PDF, from the workspace and from the command."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from insights import reports
from portfolio.models import Activity, Participant
from registry.models import Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal
from tests.personas import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity() -> Activity:
    item = Activity.objects.create(
        slug="report-a1",
        title_fi="Raporttihanke",
        title_sv="Rapportprojekt",
        title_en="Report project",
        kind="eu_project",
        status="completed",
        start_date=date(2024, 2, 1),
        end_date=date(2024, 12, 31),
        public=True,
    )
    partner = Organisation.objects.create(
        slug="report-o1", name_fi="Tallinna", kind="city", country="EE"
    )
    Participant.objects.create(activity=item, organisation=partner, role="partner")
    goal = Goal.objects.current().get(number=1)
    AlignmentLink.objects.create(item=item, goal=goal, source="staff", review_state="confirmed")
    AlignmentLink.objects.create(
        item=item, sdg=SDGGoal.objects.get(number=4), source="staff", review_state="confirmed"
    )
    return item


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_annual_report_pdf_in_swedish(activity: Activity) -> None:
    content = reports.render_pdf("annual", 2024, "sv")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Rapportprojekt" in text
    assert "Internationell verksamhet 2024" in text or "Internationell verksamhet år 2024" in text
    reader = PdfReader(io.BytesIO(content))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged PDF
    assert root.get("/Lang") == "sv"


def test_annual_html_report_lists_the_year_and_goals(activity: Activity) -> None:
    html = reports.render_html("annual", 2024, "fi")
    assert '<html lang="fi">' in html
    assert "Raporttihanke" in html
    assert 'role="img"' in html and "<desc" in html
    assert "<style>" in html  # self-contained


def test_sdg_report_has_a_section_per_sdg(activity: Activity) -> None:
    html = reports.render_html("sdg", 2024, "en")
    for number in range(1, 18):
        assert f'id="sdg-{number}"' in html
    section = html[html.index('id="sdg-4"') : html.index('id="sdg-5"')]
    assert "Report project" in section and "Activities: 1 (completed 1)" in section


def test_term_report(activity: Activity) -> None:
    html = reports.render_html("term", 2024, "en")
    assert "council term 2021–2025" in html and "Report project" in html


def test_command_writes_html_and_pdf(tmp_path: Path, activity: Activity) -> None:
    out = io.StringIO()
    target = tmp_path / "r.pdf"
    call_command(
        "build_report", "--kind", "annual", "--year", "2024", "--language", "sv",
        "--format", "pdf", "--output", str(target), stdout=out,
    )  # fmt: skip
    assert target.read_bytes().startswith(b"%PDF") and "r.pdf" in out.getvalue()
    html = tmp_path / "r.html"
    call_command(
        "build_report", "--kind", "sdg", "--year", "2024", "--language", "en",
        "--format", "html", "--output", str(html), stdout=out,
    )  # fmt: skip
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "weekly", "--year", "2024"], "Unknown report kind weekly"),
        (["--kind", "annual", "--year", "soon"], "Give the year as a number"),
        (["--kind", "annual", "--year", "1800"], "Give the year as a number"),
        (["--kind", "annual", "--year", "2024", "--language", "de"], "Unknown language de"),
        (["--kind", "annual", "--year", "2024", "--format", "docx"], "Unknown format docx"),
    ],
)
def test_command_refuses_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "out"
    with pytest.raises(CommandError, match=message):
        call_command("build_report", "--language", "en", *args, "--output", str(target))
    assert not target.exists()


def test_command_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "build_report", "--kind", "annual", "--year", "2024", "--language", "en",
            "--output", str(tmp_path / "no" / "r.pdf"),
        )  # fmt: skip


def test_command_messages_are_translated(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Tuntematon raporttilaji"):
        call_command(
            "build_report", "--kind", "weekly", "--year", "2024", "--language", "fi",
            "--output", str(tmp_path / "r.pdf"),
        )  # fmt: skip


def test_viewer_downloads_the_swedish_pdf(client: Client, vera: Any, activity: Activity) -> None:
    login(client, vera)
    response = client.get("/sv/staff/insights/report/?kind=annual&year=2024&language=sv&format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "annual-2024-sv.pdf" in response["Content-Disposition"]
    assert "Rapportprojekt" in pdf_text(response.content)


def test_html_report_from_the_workspace_links_its_stylesheet(
    client: Client, vera: Any, activity: Activity
) -> None:
    login(client, vera)
    response = client.get("/en/staff/insights/report/?kind=term&year=2024&language=fi&format=html")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="fi">' in html
    assert "<style>" not in html and "css/insights" in html


def test_bad_report_choices_get_a_form_with_errors(client: Client, vera: Any) -> None:
    login(client, vera)
    response = client.get("/en/staff/insights/report/?kind=weekly&year=abc&language=fi&format=pdf")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Select a valid choice" in html
