"""The claim and lease rules of the table queues (core/queue.py), on the re-alignment
queue's table: one worker wins a claim, a worker thought dead loses its run, a dead
worker's run is queued again or given up in the language of the person who asked."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from core import queue
from strategy.models import RealignRun

pytestmark = pytest.mark.django_db


def _queued(**fields: object) -> RealignRun:
    return RealignRun.objects.create(actor_label="user:ada", reason="test", **fields)


def test_of_two_workers_only_one_claims_the_run() -> None:
    run = _queued()
    first = queue.claim_oldest(RealignRun)
    assert first is not None and first.pk == run.pk
    assert first.status == "running" and first.attempts == 1 and first.claimed_at is not None
    assert queue.claim_oldest(RealignRun) is None


def test_the_oldest_run_is_claimed_first_and_stamps_share_the_claim_time() -> None:
    older = _queued()
    RealignRun.objects.filter(pk=older.pk).update(status="failed")
    newer = _queued()
    claimed = queue.claim_oldest(RealignRun, stamp=("finished_at",))
    assert claimed is not None and claimed.pk == newer.pk
    assert claimed.finished_at == claimed.claimed_at


def test_a_worker_thought_dead_loses_its_run_and_stores_nothing() -> None:
    _queued()
    mine = queue.claim_oldest(RealignRun)
    assert mine is not None
    queue.renew(mine, done=1)
    later = timezone.now() + timedelta(seconds=1)
    RealignRun.objects.filter(pk=mine.pk).update(claimed_at=later, done=5)  # another worker
    with pytest.raises(queue.ClaimLost):
        queue.renew(mine, done=2)
    assert RealignRun.objects.get(pk=mine.pk).done == 5


def test_a_dead_workers_run_is_released_then_given_up_in_its_language() -> None:
    long_ago = timezone.now() - timedelta(seconds=61)
    again = _queued()
    RealignRun.objects.filter(pk=again.pk).update(status="running", claimed_at=long_ago, done=3)
    released = queue.release_stale(
        RealignRun, 60, 3, given_up=str, release=lambda mine: queue.requeue(mine, done=0)
    )
    again.refresh_from_db()
    assert released == 1 and again.status == "queued" and again.claimed_at is None
    assert again.done == 0

    RealignRun.objects.filter(pk=again.pk).update(
        status="running", claimed_at=long_ago, attempts=3, language="sv"
    )

    def given_up(attempts: int) -> str:
        from django.utils.translation import get_language

        return f"{get_language()}: {attempts}"

    assert queue.release_stale(RealignRun, 60, 3, given_up=given_up, release=queue.requeue) == 0
    again.refresh_from_db()
    assert again.status == "failed" and again.error == "sv: 3"


def test_a_fresh_claim_is_not_released() -> None:
    _queued()
    run = queue.claim_oldest(RealignRun)
    assert run is not None
    assert queue.release_stale(RealignRun, 60, 3, given_up=str, release=queue.requeue) == 0
    assert RealignRun.objects.get(pk=run.pk).status == "running"


def test_the_waiting_run_is_shared() -> None:
    first, new = queue.enqueue_once(lambda: None, _queued, "a test run")
    again, new_again = queue.enqueue_once(lambda: first, _queued, "a test run")
    assert new and not new_again and again.pk == first.pk


def test_a_pass_that_loses_its_claim_returns_nothing(caplog: pytest.LogCaptureFixture) -> None:
    run = _queued()

    def execute(claimed: RealignRun) -> RealignRun:
        raise queue.ClaimLost(claimed.pk)

    log = logging.getLogger("tests.queue")
    with caplog.at_level(logging.WARNING, logger="tests.queue"):
        assert queue.run_next(lambda: run, execute, log, "test run") is None
    assert f"test run {run.pk} was taken over by another worker" in caplog.text
