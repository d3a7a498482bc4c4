"""The realign queue (strategy.realign): saves while a run waits share it; a run whose
worker died is taken up again; the command says when nothing waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from strategy import realign
from strategy.models import ProgressReport, RealignRun
from tests.personas import login

pytestmark = pytest.mark.django_db


def test_saves_while_a_run_waits_share_it() -> None:
    first = realign.enqueue("user:ada", "Goal saved: 1")
    second = realign.enqueue("user:ada", "Goal saved: 2")
    assert first.pk == second.pk and RealignRun.objects.count() == 1


def test_a_save_during_a_running_run_queues_another() -> None:
    running = realign.enqueue("user:ada", "first")
    RealignRun.objects.filter(pk=running.pk).update(status="running", claimed_at=timezone.now())
    queued = realign.enqueue("user:ada", "second")
    assert queued.pk != running.pk and queued.status == "queued"


def test_a_run_whose_worker_died_is_taken_up_again(capsys: pytest.CaptureFixture[str]) -> None:
    run = realign.enqueue("user:ada", "Made current")
    long_ago = timezone.now() - timedelta(seconds=realign.CLAIM_TIMEOUT + 1)
    RealignRun.objects.filter(pk=run.pk).update(
        status="running", claimed_at=long_ago, attempts=1, done=3
    )
    call_command("run_realign_queue")
    run.refresh_from_db()
    assert run.status == "succeeded" and run.attempts == 2 and run.done == run.total
    assert f"Re-alignment {run.pk}: succeeded" in capsys.readouterr().out


def test_a_run_that_keeps_dying_is_given_up() -> None:
    run = realign.enqueue("user:ada", "Made current")
    long_ago = timezone.now() - timedelta(seconds=realign.CLAIM_TIMEOUT + 1)
    RealignRun.objects.filter(pk=run.pk).update(
        status="running", claimed_at=long_ago, attempts=realign.MAX_ATTEMPTS, language="en"
    )
    assert realign.run_next() is None
    run.refresh_from_db()
    assert run.status == "failed" and "given up" in run.error


def test_the_command_says_when_nothing_waits(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("run_realign_queue")
    assert "No re-alignment is queued." in capsys.readouterr().out


def test_admins_read_the_queue_and_correct_reports_in_the_django_admin(
    client: Client, sune: User
) -> None:
    login(client, sune)
    realign.enqueue("user:ada", "Made current")
    report = ProgressReport.objects.first()
    assert report is not None
    assert client.get("/en/admin/strategy/realignrun/").status_code == 200
    assert client.get("/en/admin/strategy/realignrun/add/").status_code == 403
    assert client.get(f"/en/admin/strategy/progressreport/{report.pk}/change/").status_code == 200
