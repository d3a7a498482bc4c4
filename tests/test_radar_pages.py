"""Staff pages of the radar: access, filters, languages, iCalendar, XLSX, upload,
watch list, digest."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ideas.models import OutboxMessage
from radar import digest, matching
from radar.fileimport import import_file
from radar.models import Call, CallAlignment, DigestSent, FetchRun, Subscription, WatchRule
from strategy.models import Goal, SDGGoal, current_goal_period
from tests.personas import login
from tests.radar_fixtures.fake_portal import fixture
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls() -> FetchRun:
    make_idea(
        title="Coastal cities adapt to climate change",
        description="Nature-based storm water management in Espoo's coastal districts.",
    )
    run = import_file("calls_good.csv", fixture("calls_good.csv"))
    import_file("calls.json", fixture("calls.json"))
    return run


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


@pytest.mark.parametrize(
    "path",
    [
        "/en/staff/radar/",
        "/en/staff/radar/pipeline/",
        "/en/staff/radar/watch/",
        "/en/staff/radar/import/",
        "/en/staff/radar/deadlines.ics",
        "/en/staff/radar/calls.xlsx",
    ],
)
def test_anonymous_visitors_are_sent_to_the_login(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["pekka", "ulla"])
def test_staff_without_a_role_and_outsiders_are_refused(
    client: Client, persona: str, request: Any, calls: FetchRun
) -> None:
    login(client, request.getfixturevalue(persona))
    call = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    for path in ["/en/staff/radar/", f"/en/staff/radar/calls/{call.pk}/", "/en/staff/radar/watch/"]:
        assert client.get(path).status_code == 403


def test_a_viewer_reads_but_cannot_import_or_fetch(client: Client, vera: User) -> None:
    login(client, vera)
    assert client.get("/en/staff/radar/").status_code == 200
    assert client.get("/en/staff/radar/import/").status_code == 403
    upload = SimpleUploadedFile("calls.csv", fixture("calls_good.csv"))
    assert client.post("/en/staff/radar/import/", {"file": upload}).status_code == 403
    assert client.post("/en/staff/radar/fetch/").status_code == 403
    assert not Call.objects.exists()


def test_the_list_is_empty_with_a_hint_before_any_fetch(client: Client, vera: User) -> None:
    login(client, vera)
    assert "There are no calls yet" in client.get("/en/staff/radar/").content.decode()


def test_the_list_filters_and_sorts(client: Client, vera: User, calls: FetchRun) -> None:
    login(client, vera)
    page = client.get("/en/staff/radar/").content.decode()
    assert "Baltic Sea Region: climate adaptation" in page and "Youth cooperation" in page
    assert "3 days left" in page
    page = client.get("/en/staff/radar/?programme=Erasmus%2B").content.decode()
    assert "Youth cooperation" in page and "Baltic Sea Region: climate" not in page
    page = client.get("/en/staff/radar/?deadline=7").content.decode()
    assert "Baltic Sea Region: climate" in page and "Youth cooperation" not in page
    page = client.get("/en/staff/radar/?q=smart+city").content.decode()
    assert "Smart city pilots" in page and "Baltic Sea Region: climate" not in page
    page = client.get("/en/staff/radar/?q=nothing-like-this").content.decode()
    assert "No calls match these filters" in page
    baltic = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    CallAlignment.objects.create(call=baltic, sdg=SDGGoal.objects.get(number=13), probability=0.9)
    goal = Goal.objects.filter(period=current_goal_period()).order_by("pk")[0]
    CallAlignment.objects.create(call=baltic, goal=goal, probability=0.8)
    page = client.get("/en/staff/radar/?sdg=13").content.decode()
    assert "Baltic Sea Region: climate" in page and "Youth cooperation" not in page
    page = client.get(f"/en/staff/radar/?goal={goal.pk}").content.decode()
    assert "Baltic Sea Region: climate" in page and "Smart city pilots" not in page
    Call.objects.filter(pk=baltic.pk).update(fit=0.6)
    page = client.get("/en/staff/radar/?fit=good").content.decode()
    assert "Baltic Sea Region: climate" in page and "Smart city pilots" not in page
    page = client.get("/en/staff/radar/?sort=title").content.decode()
    assert (
        page.index("Baltic Sea Region: climate")
        < page.index("Smart city pilots")
        < page.index("Youth cooperation")
    )
    assert client.get("/en/staff/radar/?sdg=99").status_code == 200  # a bad filter is ignored


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", ["Rahoitustutka", "päivää jäljellä"]), ("sv", ["Finansieringsradar", "dagar kvar"])],
)
def test_pages_are_in_finnish_and_swedish(
    client: Client, vera: User, calls: FetchRun, lang: str, words: list[str]
) -> None:
    login(client, vera)
    call = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    page = client.get(f"/{lang}/staff/radar/").content.decode()
    detail = client.get(f"/{lang}/staff/radar/calls/{call.pk}/").content.decode()
    assert words[0] in page
    assert words[1] in detail


def test_the_call_page_shows_countdown_matches_and_explanations(
    client: Client, vera: User, calls: FetchRun
) -> None:
    login(client, vera)
    call = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    page = client.get(f"/en/staff/radar/calls/{call.pk}/").content.decode()
    assert "3 days left" in page
    assert "Coastal cities adapt to climate change" in page  # the matching idea
    assert "shared words" in page.lower()
    assert "Suggested partners" in page and "What comparable projects received" in page


def test_ical_of_one_call_and_of_the_list_is_valid(
    client: Client, vera: User, calls: FetchRun
) -> None:
    login(client, vera)
    call = Call.objects.get(call_id="ERASMUS-KA2-2026-YOUTH")
    response = client.get(f"/en/staff/radar/calls/{call.pk}/deadlines.ics")
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    assert raw.endswith("\r\n")
    for line in raw.split("\r\n"):
        assert len(line.encode()) <= 75
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events = [i for i, x in enumerate(lines) if x == "BEGIN:VEVENT"]
    assert len(events) == 2  # two stages
    stack = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert not stack
    for start in events:
        block = lines[start : lines.index("END:VEVENT", start)]
        keys = {x.split(":", 1)[0].split(";")[0] for x in block}
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= keys
    uids = [x for x in lines if x.startswith("UID:")]
    assert len(set(uids)) == 2
    whole = unfold(
        client.get("/en/staff/radar/deadlines.ics?programme=Erasmus%2B").content.decode()
    )
    assert sum(x == "BEGIN:VEVENT" for x in whole) == 2
    everything = unfold(client.get("/en/staff/radar/deadlines.ics").content.decode())
    assert sum(x == "BEGIN:VEVENT" for x in everything) == 4


def test_xlsx_of_the_list_neutralises_formulas(client: Client, vera: User) -> None:
    from openpyxl import load_workbook

    import_file("calls.csv", b'call_id,title,programme\nF-1,=HYPERLINK("http://x"),Regional fund\n')
    login(client, vera)
    response = client.get("/en/staff/radar/calls.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Call identifier" and len(rows) == 2
    assert rows[1][4] == '\'=HYPERLINK("http://x")'


def test_an_editor_uploads_a_file_and_sees_the_report(client: Client, eddie: User) -> None:
    login(client, eddie)
    upload = SimpleUploadedFile("calls.csv", fixture("calls_bad.csv"))
    response = client.post("/en/staff/radar/import/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "1 new" in page and "Line 3: call_id or topic_id is required" in page
    assert FetchRun.objects.get().actor_label == "eddie"


def test_a_bad_upload_shows_the_error_and_changes_nothing(client: Client, eddie: User) -> None:
    login(client, eddie)
    upload = SimpleUploadedFile("calls.json", b"[{")
    response = client.post("/fi/staff/radar/import/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-summary"' in page and "JSON" in page
    assert not Call.objects.exists() and not FetchRun.objects.exists()


def test_watch_list_follow_unfollow_and_language(client: Client, vera: User) -> None:
    login(client, vera)
    goal = Goal.objects.filter(period=current_goal_period()).order_by("pk")[0]
    client.post(
        "/en/staff/radar/watch/", {"action": "follow", "rule-kind": "goal", "rule-goal": goal.pk}
    )
    client.post(
        "/en/staff/radar/watch/",
        {"action": "follow", "rule-kind": "keyword", "rule-value": "climate"},
    )
    assert WatchRule.objects.filter(user=vera).count() == 2
    bad = client.post(
        "/en/staff/radar/watch/", {"action": "follow", "rule-kind": "keyword", "rule-value": ""}
    )
    assert bad.status_code == 400 and "at least 2 characters" in bad.content.decode()
    client.post("/en/staff/radar/watch/", {"action": "language", "lang-language": "sv"})
    assert Subscription.objects.get(user=vera).language == "sv"
    rule = WatchRule.objects.get(user=vera, kind="keyword")
    client.post("/en/staff/radar/watch/", {"action": "unfollow", "rule": rule.pk})
    assert WatchRule.objects.filter(user=vera).count() == 1


def test_nobody_removes_another_persons_rule(client: Client, vera: User, eddie: User) -> None:
    rule = WatchRule.objects.create(user=eddie, kind="keyword", value="climate")
    login(client, vera)
    client.post("/en/staff/radar/watch/", {"action": "unfollow", "rule": rule.pk})
    assert WatchRule.objects.filter(pk=rule.pk).exists()


def test_the_digest_goes_once_per_run_in_the_readers_language(vera: User, eddie: User) -> None:
    WatchRule.objects.create(user=vera, kind="keyword", value="climate")
    Subscription.objects.create(user=vera, language="fi")
    WatchRule.objects.create(user=eddie, kind="programme", value="Erasmus")
    Subscription.objects.create(user=eddie, language="sv")
    run = import_file("calls_good.csv", fixture("calls_good.csv"))
    assert digest.send_digests() == 1  # nothing for eddie yet: no Erasmus call
    mail = OutboxMessage.objects.get(to=vera.email)
    assert mail.language == "fi"
    assert "Baltic Sea Region: climate adaptation" in mail.body
    assert "Smart city" not in mail.body  # not relevant to her
    assert "päivää jäljellä" in mail.body or "päivä jäljellä" in mail.body
    assert DigestSent.objects.filter(user=vera, run=run).exists()
    assert digest.send_digests() == 0  # never twice for the same run
    import_file("calls.json", fixture("calls.json"))
    assert digest.send_digests() == 1  # eddie's Erasmus call; nothing new for vera
    swedish = OutboxMessage.objects.get(to=eddie.email)
    assert swedish.language == "sv" and "Youth cooperation" in swedish.body
    assert OutboxMessage.objects.filter(to=vera.email).count() == 1


def test_a_deadline_coming_within_30_days_is_news(vera: User) -> None:
    WatchRule.objects.create(user=vera, kind="keyword", value="smart")
    import_file("calls_good.csv", fixture("calls_good.csv"))
    later = timezone.now() + timedelta(days=1)
    Subscription.objects.create(user=vera, language="en", last_digest_at=later)
    assert digest.send_digests(now=later) == 0  # the smart-city deadline is 60 days away
    import_file("calls.json", fixture("calls.json"))
    soon = timezone.now() + timedelta(days=35)
    assert digest.send_digests(now=soon) == 1
    mail = OutboxMessage.objects.get(to=vera.email)
    assert "Deadlines within 30 days" in mail.body and "Smart city pilots" in mail.body


def test_match_command_recomputes(calls: FetchRun) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("match_calls", "--realign", stdout=out)
    assert "Matches stored" in out.getvalue()
    assert matching.match_all() >= 1


def test_following_and_importing_are_in_the_audit_trail(client: Client, eddie: User) -> None:
    from audit.models import AuditEvent

    login(client, eddie)
    client.post(
        "/en/staff/radar/watch/",
        {"action": "follow", "rule-kind": "programme", "rule-value": "Interreg"},
    )
    upload = SimpleUploadedFile("calls.csv", fixture("calls_good.csv"))
    client.post("/en/staff/radar/import/", {"file": upload})
    events = AuditEvent.objects.filter(actor=eddie)
    assert events.filter(model="radar.watchrule", action="create").exists()
    assert events.filter(model="radar.fetchrun", action="create").exists()
    assert not AuditEvent.objects.filter(model="radar.call").exists()  # bulk, public data
