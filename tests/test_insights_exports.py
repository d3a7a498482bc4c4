"""Exports: who gets personal data, the disclosure record, and formula injection."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from audit.models import AuditEvent, Disclosure
from portfolio.models import Activity
from registry.models import Contact, Organisation
from tests.personas import login
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def data(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    organisation = Organisation.objects.create(
        slug="export-org", name_fi="+Evil org", kind="company", country="SE"
    )
    Contact.objects.create(
        organisation=organisation,
        name="Pia Persson",
        email="pia@example.se",
        purpose="Project contact",
        review_on="2030-01-01",
    )
    Activity.objects.create(
        slug="export-a1", title_fi=EVIL, kind="event", status="planned", public=False
    )
    idea = make_idea(title="@SUM(1+1)", contact_name="-Mallory", contact_email="mal@example.org")
    return {"organisation": organisation, "idea": idea}


def get(client: Client, **params: str) -> Any:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(f"/en/staff/insights/export/?{query}")


def read_csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_viewer_gets_no_personal_data(client: Client, vera: Any, data: dict[str, Any]) -> None:
    login(client, vera)
    response = get(client, dataset="ideas", format="csv")
    assert response.status_code == 200
    rows = read_csv(response)
    assert "contact_email" not in rows[0]
    assert "mal@example.org" not in response.content.decode("utf-8-sig")
    organisations = get(client, dataset="organisations", format="csv").content.decode("utf-8-sig")
    assert "pia@example.se" not in organisations and "Pia Persson" not in organisations
    assert not Disclosure.objects.exists()


def test_viewer_asking_for_personal_data_is_refused(
    client: Client, vera: Any, data: dict[str, Any]
) -> None:
    login(client, vera)
    response = get(client, dataset="ideas", format="csv", personal="on")
    assert response.status_code == 403
    assert not Disclosure.objects.exists()


def test_admin_gets_personal_data_and_a_disclosure_is_recorded(
    client: Client, ada: Any, data: dict[str, Any]
) -> None:
    login(client, ada)
    before = AuditEvent.objects.filter(action="disclose").count()
    response = get(client, dataset="ideas", format="csv", personal="on")
    assert response.status_code == 200
    assert "mal@example.org" in response.content.decode("utf-8-sig")
    disclosure = Disclosure.objects.get()
    assert (disclosure.kind, disclosure.file_format, disclosure.by) == ("dataset", "csv", ada)
    assert disclosure.criteria == {"dataset": "ideas", "personal": True}
    assert disclosure.rows == len(read_csv(response)) - 1
    event = AuditEvent.objects.filter(action="disclose").latest("id")
    assert AuditEvent.objects.filter(action="disclose").count() == before + 1
    assert event.actor == ada and event.model == "audit.disclosure"
    criteria = event.changes["criteria"]
    assert criteria["dataset"] == "ideas" and criteria["personal"] is True
    organisations = get(client, dataset="organisations", format="xlsx", personal="on")
    sheet = load_workbook(io.BytesIO(organisations.content)).active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row]
    assert any("pia@example.se" in value for value in values)
    assert Disclosure.objects.count() == 2


def test_admin_without_personal_data_records_nothing(
    client: Client, ada: Any, data: dict[str, Any]
) -> None:
    login(client, ada)
    response = get(client, dataset="memberships", format="csv")
    assert response.status_code == 200 and read_csv(response)[0][0] == "id"
    assert not Disclosure.objects.exists()


def test_formulas_are_neutralised_in_csv(client: Client, ada: Any, data: dict[str, Any]) -> None:
    login(client, ada)
    activities = read_csv(get(client, dataset="activities", format="csv"))
    row = next(r for r in activities if r[1] == "export-a1")
    assert row[2] == "'" + EVIL
    organisations = read_csv(get(client, dataset="organisations", format="csv"))
    assert next(r for r in organisations if r[1] == "export-org")[2] == "'+Evil org"
    ideas = read_csv(get(client, dataset="ideas", format="csv", personal="on"))
    header = ideas[0]
    row = next(r for r in ideas if r[0] == data["idea"].reference)
    assert row[header.index("title")] == "'@SUM(1+1)"
    assert row[header.index("contact_name")] == "'-Mallory"


def test_formulas_are_neutralised_in_xlsx(client: Client, ada: Any, data: dict[str, Any]) -> None:
    login(client, ada)
    response = get(client, dataset="activities", format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    row = next(r for r in rows if r[1] == "export-a1")
    assert row[2] == "'" + EVIL
    cell = next(c for r in sheet.iter_rows() for c in r if c.value == "'" + EVIL)
    assert cell.data_type == "s"  # text, not a formula
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)


def test_bad_export_choices_get_an_error(client: Client, vera: Any) -> None:
    login(client, vera)
    response = get(client, dataset="passwords", format="csv")
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
