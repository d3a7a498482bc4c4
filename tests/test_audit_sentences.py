"""The audit trail shows each change as a sentence in the reader's language, not raw data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from portfolio.models import Activity, FundingLine
from tests.personas import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def funding() -> FundingLine:
    activity = Activity.objects.create(
        slug="audit-lighting", title_fi="Valaistus", title_en="Lighting", kind="eu_project",
        status="planned", public=True,
    )  # fmt: skip
    line = FundingLine.objects.create(activity=activity, programme="LIFE")
    line.city_share = Decimal("750000.00")
    line.save()
    activity.status = "ongoing"
    activity.public = False
    activity.save()
    return line


@pytest.mark.parametrize(
    ("lang", "share", "status", "public"),
    [
        ("en", "City's share: – → 750,000.00 €", "Status: planned → ongoing", "Public: yes → no"),
        (
            "fi",
            "Kaupungin osuus: – → 750\xa0000,00 €",
            "Tila: suunniteltu → käynnissä",
            "Julkinen: kyllä → ei",
        ),
        (
            "sv",
            "Stadens andel: – → 750\xa0000,00 €",
            "Status: planerad → pågående",
            "Offentlig: ja → nej",
        ),
    ],
)
def test_changes_read_as_sentences(
    client: Client, ada: Any, funding: FundingLine, lang: str, share: str, status: str, public: str
) -> None:
    login(client, ada)
    html = client.get(f"/{lang}/staff/audit/").content.decode()
    assert f"<li>{share}</li>" in html.replace("&#x27;", "'")
    assert f"<li>{status}</li>" in html
    assert f"<li>{public}</li>" in html
    assert "{&#x27;" not in html and "[None" not in html


def test_many_to_many_changes_name_the_ids(client: Client, ada: Any) -> None:
    event = AuditEvent.objects.create(
        actor_label="ada", action="update", model="registry.partnership", object_id="1",
        object_repr="Tallinn", changes={"themes": {"add": [3, 5]}},
    )  # fmt: skip
    login(client, ada)
    html = client.get("/en/staff/audit/?q=Tallinn").content.decode()
    assert event.changes == {"themes": {"add": [3, 5]}}  # the record keeps the raw values
    assert "<li>Themes: added #3, #5</li>" in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_date_or_a_time_reads_in_the_readers_short_style(language: str) -> None:
    import datetime

    from django.utils import formats, translation

    from audit.describe import format_value

    day, at = Activity._meta.get_field("start_date"), AuditEvent._meta.get_field("at")
    with translation.override(language):
        short_day = formats.date_format(datetime.date(2026, 3, 1), "SHORT_DATE_FORMAT")
        moment = datetime.datetime(2026, 3, 1, 14, 5)
        short_time = formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        assert format_value(day, "2026-03-01") == short_day
        assert format_value(at, "2026-03-01T14:05:00") == short_time != short_day
        assert format_value(day, "not a date") == "not a date"  # shown as stored
        assert format_value(at, "2026-13-01") == "2026-13-01"
