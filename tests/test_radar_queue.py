"""Staff "fetch now" is queued for the radar worker (``run_radar_queue``), not run in the
request; the worker fetches from a local fake of the portal."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from radar import queue
from radar.models import Call, FetchRun
from tests.personas import login
from tests.radar_fixtures.fake_portal import FakePortal, quick, serve, two_pages

pytestmark = pytest.mark.django_db
Status = FetchRun.Status


@pytest.fixture
def portal(settings: Any) -> Any:
    """The fake portal with two pages of three calls; RADAR_API_URL points at it."""
    quick(settings, retries=1)
    fake = two_pages()
    with serve(fake) as url:
        settings.RADAR_API_URL = url
        yield fake


def work() -> str:
    """One pass of the radar worker."""
    out = StringIO()
    call_command("run_radar_queue", stdout=out)
    return out.getvalue()


def test_fetch_now_queues_and_answers_without_touching_the_portal(
    client: Client, eddie: User, portal: FakePortal
) -> None:
    login(client, eddie)
    response = client.post("/en/staff/radar/fetch/")
    run = FetchRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/radar/runs/{run.pk}/"
    assert portal.requests == []  # nothing was fetched in the request
    assert run.status == Status.QUEUED and run.actor_label == "eddie" and run.language == "en"
    assert not Call.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "The fetch is queued." in page and "radar worker" in page
    assert "reloads itself every 5 seconds" in page
    assert 'data-reload-seconds="5"' in page and "radar/reload.js" in page
    assert "<script>" not in page  # no inline script (CSP)
    script = client.get("/static/radar/reload.js")
    assert script.status_code == 200 and b"location.reload()" in b"".join(script)


def test_the_worker_runs_the_queued_fetch_and_the_page_shows_the_counts(
    client: Client, eddie: User, portal: FakePortal
) -> None:
    login(client, eddie)
    location = client.post("/en/staff/radar/fetch/")["Location"]
    assert "Fetch" in work()
    run = FetchRun.objects.get()
    assert run.status == Status.SUCCEEDED and run.attempts == 1
    assert run.counts["new"] == 3 and run.counts["pages"] == 2
    assert run.finished_at is not None and len(portal.requests) == 2
    assert Call.objects.count() == 3
    page = client.get(location).content.decode()
    assert "succeeded" in page and "reload.js" not in page and "The fetch is queued" not in page
    assert Call.objects.get(topic_id="HORIZON-MISS-2026-CIT-01-01").title in page
    assert "No fetch is queued." in work()  # the queue is empty now


def test_a_failed_fetch_ends_failed_with_the_error_in_the_askers_language(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.RADAR_API_URL = "http://127.0.0.1:9/search"  # nothing listens on the discard port
    settings.RADAR_RETRIES = 0
    login(client, eddie)
    location = client.post("/fi/staff/radar/fetch/")["Location"]
    work()
    run = FetchRun.objects.get()
    assert run.status == Status.FAILED and run.language == "fi"
    assert "portaali" in run.error and "http://127.0.0.1:9/search" in run.error
    page = client.get(location).content.decode()
    assert escape(run.error) in page and 'role="alert"' in page and "reload.js" not in page
    assert not Call.objects.exists()


def test_an_unexpected_error_ends_the_run_failed_with_the_reason(
    client: Client, eddie: User, portal: FakePortal, monkeypatch: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("no such thing")

    monkeypatch.setattr("radar.queue.run_fetch", broken)
    login(client, eddie)
    client.post("/en/staff/radar/fetch/")
    work()
    run = FetchRun.objects.get()
    assert run.status == Status.FAILED
    assert "unexpected error" in run.error and "no such thing" in run.error
    assert queue.active_run() is None  # a new fetch can be queued


def test_a_second_click_shows_the_queued_or_running_fetch(
    client: Client, eddie: User, portal: FakePortal
) -> None:
    login(client, eddie)
    first = client.post("/en/staff/radar/fetch/")
    second = client.post("/en/staff/radar/fetch/", follow=True)
    assert FetchRun.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "A fetch is already queued or running" in second.content.decode()
    assert queue.claim_next() is not None  # a worker has it: running
    third = client.post("/en/staff/radar/fetch/")
    assert third["Location"] == first["Location"] and FetchRun.objects.count() == 1
    page = client.get("/en/staff/radar/import/").content.decode()
    assert (
        "A fetch is running: see its page." in page
        and 'action="/en/staff/radar/fetch/"' not in page
    )


def test_the_database_refuses_a_second_queued_fetch() -> None:
    FetchRun.objects.create(source="portal", status=Status.QUEUED)
    with pytest.raises(IntegrityError), transaction.atomic():
        FetchRun.objects.create(source="portal", status=Status.QUEUED)


def test_the_click_that_loses_the_race_shows_the_winners_run(monkeypatch: Any) -> None:
    winner = FetchRun.objects.create(source="portal", status=Status.QUEUED, actor_label="ada")
    looked: list[int] = []
    real = queue.active_run

    def racing() -> FetchRun | None:
        looked.append(1)  # the first look happens before the other click has queued
        return None if len(looked) == 1 else real()

    monkeypatch.setattr(queue, "active_run", racing)
    run, created = queue.enqueue("eddie", "en")
    assert (run, created) == (winner, False)
    assert FetchRun.objects.count() == 1


def test_a_scheduled_fetch_does_not_block_fetch_now(
    client: Client, eddie: User, portal: FakePortal
) -> None:
    FetchRun.objects.create(source="portal", actor_label="command:fetch_calls")  # running
    login(client, eddie)
    client.post("/en/staff/radar/fetch/")
    assert FetchRun.objects.filter(status=Status.QUEUED).count() == 1


def test_a_run_left_running_by_a_dead_worker_is_taken_up_again(
    eddie: User, portal: FakePortal, settings: Any
) -> None:
    settings.RADAR_QUEUE_CLAIM_TIMEOUT = 600
    queue.enqueue("eddie", "en")
    run = queue.claim_next()  # ... and the worker dies
    assert run is not None
    FetchRun.objects.filter(pk=run.pk).update(claimed_at=timezone.now() - timedelta(seconds=60))
    assert "No fetch is queued." in work()  # a recent claim is left alone
    assert FetchRun.objects.get().status == Status.RUNNING
    FetchRun.objects.filter(pk=run.pk).update(claimed_at=timezone.now() - timedelta(seconds=601))
    work()
    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED and run.attempts == 2 and run.counts["new"] == 3


def test_a_fetch_whose_worker_died_three_times_is_given_up(settings: Any) -> None:
    settings.RADAR_QUEUE_CLAIM_TIMEOUT = 600
    run = FetchRun.objects.create(
        source="portal",
        status=Status.RUNNING,
        claimed_at=timezone.now() - timedelta(hours=1),
        attempts=queue.MAX_ATTEMPTS,
        language="sv",
    )
    work()
    run.refresh_from_db()
    assert (
        run.status == Status.FAILED
        and "3" in run.error
        and "bakgrundsprocessen" in run.error.lower()
    )
    assert queue.active_run() is None


def test_a_worker_whose_run_was_taken_over_stores_nothing(eddie: User, portal: FakePortal) -> None:
    queue.enqueue("eddie", "en")
    run = queue.claim_next()
    assert run is not None
    # Meanwhile the run was thought dead and another worker claimed it.
    FetchRun.objects.filter(pk=run.pk).update(claimed_at=timezone.now() + timedelta(seconds=1))
    with pytest.raises(queue.ClaimLost):
        queue.execute(run)
    assert not Call.objects.exists()
    assert FetchRun.objects.get().status == Status.RUNNING  # the other worker's


def test_the_page_says_when_the_worker_does_not_seem_to_run(client: Client, vera: User) -> None:
    run = FetchRun.objects.create(source="portal", status=Status.QUEUED)
    login(client, vera)  # viewers may follow a run
    url = f"/en/staff/radar/runs/{run.pk}/"
    assert "does not seem to be running" not in client.get(url).content.decode()
    FetchRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=2))
    page = client.get(url).content.decode()
    assert "The fetch is queued." in page and "does not seem to be running" in page


def test_the_reloading_can_be_stopped(client: Client, vera: User) -> None:
    run = FetchRun.objects.create(source="portal", status=Status.QUEUED)
    login(client, vera)
    page = client.get(f"/en/staff/radar/runs/{run.pk}/?reload=off").content.decode()
    assert "reload.js" not in page and "data-reload-seconds" not in page
    assert "does not reload itself" in page and "Reload automatically" in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", ["Nouto on jonossa", "päivittyy"]), ("sv", ["Hämtningen står i kö", "laddas om"])],
)
def test_the_queued_page_is_in_finnish_and_swedish(
    client: Client, vera: User, lang: str, words: list[str]
) -> None:
    run = FetchRun.objects.create(source="portal", status=Status.QUEUED)
    login(client, vera)
    page = client.get(f"/{lang}/staff/radar/runs/{run.pk}/").content.decode()
    for word in words:
        assert word in page


def test_roles_viewers_follow_runs_but_only_editors_queue_them(
    client: Client, vera: User, portal: FakePortal
) -> None:
    run = FetchRun.objects.create(source="portal", status=Status.QUEUED)
    assert "/staff/login/" in client.post("/en/staff/radar/fetch/")["Location"]
    assert "/staff/login/" in client.get(f"/en/staff/radar/runs/{run.pk}/")["Location"]
    login(client, vera)
    assert client.post("/en/staff/radar/fetch/").status_code == 403
    assert client.get(f"/en/staff/radar/runs/{run.pk}/").status_code == 200
    assert FetchRun.objects.count() == 1 and portal.requests == []


def test_the_worker_loop_outlives_a_database_outage(
    client: Client, eddie: User, portal: FakePortal, monkeypatch: Any
) -> None:
    from django.db import OperationalError

    from core import worker
    from radar.management.commands import run_radar_queue

    login(client, eddie)
    client.post("/en/staff/radar/fetch/")
    real = queue.run_next
    passes: list[str] = []

    def flaky() -> FetchRun | None:
        passes.append("pass")
        if len(passes) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        if len(passes) == 3:
            raise KeyboardInterrupt  # stop the loop after the recovered pass
        return real()

    monkeypatch.setattr(run_radar_queue.queue, "run_next", flaky)
    # Keep the test's database connection: closing it inside the test's transaction
    # would end the test itself on PostgreSQL.
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    err = StringIO()
    with pytest.raises(KeyboardInterrupt):
        call_command("run_radar_queue", loop=True, stdout=StringIO(), stderr=err)
    assert "database is unavailable" in err.getvalue()
    assert FetchRun.objects.get().status == Status.SUCCEEDED


def test_a_running_fetch_shows_how_many_calls_arrived(client: Client, vera: User) -> None:
    queue.enqueue("eddie", "en")
    run = queue.claim_next()
    assert run is not None
    queue._Heartbeat(run)(2, 3)  # the worker received the first page
    login(client, vera)
    page = client.get(f"/en/staff/radar/runs/{run.pk}/").content.decode()
    assert "The fetch is running." in page and "Calls received so far: 2 of 3." in page
    assert "reload.js" in page and "The fetch is queued" not in page
