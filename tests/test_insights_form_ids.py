"""The staff insights page has three forms; each label must point at its own box."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.test import Client

from tests.personas import login

pytestmark = pytest.mark.django_db


def ids_and_labels(html: str) -> tuple[Counter[str], list[str]]:
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    return ids, re.findall(r'<label[^>]*\sfor="([^"]+)"', html)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_insights_page_has_no_duplicate_ids(client: Client, ada: Any, lang: str) -> None:
    login(client, ada)  # an admin sees every field, the personal-data box too
    html = client.get(f"/{lang}/staff/insights/").content.decode()
    ids, labels = ids_and_labels(html)
    assert [name for name, count in ids.items() if count > 1] == []
    assert {"id_year", "id_report_year", "id_report_format", "id_export_format"} <= set(ids)
    assert [label for label in labels if label not in ids] == []


def test_the_report_year_label_points_at_the_report_box(client: Client, vera: Any) -> None:
    login(client, vera)
    html = client.get("/en/staff/insights/").content.decode()
    report = html[html.index('id="reports-heading"') :]
    assert '<label for="id_report_year"' in report
    assert re.search(r'<input[^>]*name="year"[^>]*id="id_report_year"', report)


def test_a_bad_report_year_links_to_the_report_box(client: Client, vera: Any) -> None:
    login(client, vera)
    response = client.get("/sv/staff/insights/report/?kind=annual&year=abc&language=sv&format=pdf")
    assert response.status_code == 400
    assert 'href="#id_report_year"' in response.content.decode()
