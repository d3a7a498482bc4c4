"""Mail goes through the outbox: rendered in the proposer's language, escaped, never lost."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from ideas import outbox
from ideas.models import Idea, OutboxMessage
from tests.ideas_support import SCRIPT, form_data

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


def submit(client: Client, language: str = "en", **fields: Any) -> Idea:
    response = client.post(f"/{language}/ideas/", form_data(language=language, **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Idea.objects.latest("id")


def deliver() -> str:
    out = StringIO()
    call_command("deliver_mail", stdout=out)
    return out.getvalue()


def test_a_submission_queues_two_mails_and_sends_none_itself(client: Client) -> None:
    idea = submit(client)
    assert len(mail.outbox) == 0
    queued = OutboxMessage.objects.order_by("id")
    assert [m.to for m in queued] == ["mari@example.org", "international@espoo.fi"]
    assert all(m.status == State.PENDING for m in queued)
    assert idea.reference in queued[0].subject


def test_deliver_mail_sends_the_confirmation_and_the_team_notice(client: Client) -> None:
    idea = submit(client)
    assert deliver().startswith("Sent 2 mail(s); 0 failed.")
    confirmation, notice = mail.outbox
    assert confirmation.to == ["mari@example.org"]
    assert confirmation.subject == f"Your cooperation idea {idea.reference} has been received"
    assert "Hello," in confirmation.body and "Mari" not in confirmation.body
    assert "621/1999" in confirmation.body
    assert notice.to == ["international@espoo.fi"]
    assert f"/fi/staff/ideas/{idea.pk}/" in notice.body
    assert "Mari Maasikas <mari@example.org>" in notice.body
    assert all(m.status == State.SENT and m.sent_at for m in OutboxMessage.objects.all())
    assert deliver().startswith("Sent 0 mail(s)")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_confirmation_is_in_the_chosen_language_with_a_working_status_link(
    client: Client, language: str
) -> None:
    idea = submit(client, language=language)
    deliver()
    confirmation = next(m for m in mail.outbox if idea.reference in m.subject)
    assert confirmation.extra_headers["Content-Language"] == language
    [link] = re.findall(r"http://\S+/ideas/status/\S+/", str(confirmation.body))
    assert f"/{language}/ideas/status/" in link
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes
    assert token not in (idea.status_token_hash, idea.submission_token)
    response = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert idea.reference in response.content.decode()


def test_markup_from_the_proposer_is_text_in_both_parts_of_the_mail(client: Client) -> None:
    submit(client, title=SCRIPT, contact_name=SCRIPT, organisation_name=SCRIPT)
    deliver()
    for message in mail.outbox:
        assert isinstance(message, EmailMultiAlternatives)
        html, mimetype = message.alternatives[0]
        assert isinstance(html, str)
        assert mimetype == "text/html"
        assert SCRIPT in message.body  # plain text shows the characters as typed
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;" in html


def test_an_smtp_outage_delays_mail_and_loses_none(client: Client, settings: Any) -> None:
    submit(client)
    settings.EMAIL_BACKEND = "tests.ideas_support.FailingBackend"
    before = timezone.now()
    assert deliver().startswith("Sent 0 mail(s); 2 failed.")
    for message in OutboxMessage.objects.all():
        assert message.status == State.PENDING
        assert message.attempts == 1
        assert message.next_attempt_at >= before + timedelta(seconds=60)
        assert "SMTPServerDisconnected" in message.last_error
    assert deliver().startswith("Sent 0 mail(s); 0 failed.")  # not due yet
    assert OutboxMessage.objects.filter(attempts=1).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert deliver().startswith("Sent 2 mail(s)")
    assert deliver().startswith("Sent 0 mail(s)")
    assert len(mail.outbox) == 2
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(State.SENT, 2)}


def test_retries_back_off_exponentially_and_stop_at_the_limit(settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.ideas_support.FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = outbox.enqueue("a@example.org", "team", {"idea": _idea(), "goals": []}, "en")
    waits = []
    for _attempt in range(3):
        OutboxMessage.objects.filter(id=message.id).update(next_attempt_at=timezone.now())
        start = timezone.now()
        outbox.deliver_due()
        message.refresh_from_db()
        waits.append(round((message.next_attempt_at - start).total_seconds() / 60))
    assert waits == [1, 2, 4]
    assert message.status == State.FAILED
    assert message.attempts == 3
    assert outbox.retry(OutboxMessage.objects.all()) == 1
    message.refresh_from_db()
    assert message.status == State.PENDING


def test_two_workers_cannot_claim_the_same_mail() -> None:
    message = outbox.enqueue("a@example.org", "team", {"idea": _idea(), "goals": []}, "en")
    assert outbox.claim(message.id) is True
    assert outbox.claim(message.id) is False
    assert outbox.deliver_due().sent == 0  # the other worker holds it
    assert len(mail.outbox) == 0


def test_a_mail_claimed_by_a_dead_worker_is_sent_later(settings: Any) -> None:
    message = outbox.enqueue("a@example.org", "team", {"idea": _idea(), "goals": []}, "en")
    outbox.claim(message.id)
    long_ago = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT + 1)
    OutboxMessage.objects.filter(id=message.id).update(claimed_at=long_ago)
    assert outbox.deliver_due().sent == 1
    assert len(mail.outbox) == 1


def test_the_command_refuses_bad_options() -> None:
    with pytest.raises(CommandError, match="must be positive"):
        call_command("deliver_mail", interval=0)


def test_the_worker_outlives_a_database_outage(monkeypatch: Any) -> None:
    """deliver_mail --loop waits out a lost database and then delivers what is due."""
    from django.db import OperationalError

    from core import worker
    from ideas.management.commands import deliver_mail

    outbox.enqueue("a@example.org", "team", {"idea": _idea(), "goals": []}, "en")
    real = outbox.deliver_due
    calls: list[str] = []

    def flaky(limit: int = 100) -> outbox.Result:
        calls.append("pass")
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        if len(calls) == 3:
            raise KeyboardInterrupt  # stop the loop after the recovered pass
        return real(limit=limit)

    monkeypatch.setattr(deliver_mail.outbox, "deliver_due", flaky)
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)  # keep the test DB
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    err = StringIO()
    with pytest.raises(KeyboardInterrupt):
        call_command("deliver_mail", loop=True, interval=0.01, stdout=StringIO(), stderr=err)
    assert "database is unavailable" in err.getvalue()
    assert len(mail.outbox) == 1


def test_one_pass_on_a_lost_database_fails_clearly(monkeypatch: Any) -> None:
    from django.db import OperationalError

    from ideas.management.commands import deliver_mail

    def lost(limit: int = 100) -> outbox.Result:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(deliver_mail.outbox, "deliver_due", lost)
    with pytest.raises(CommandError, match="database is unavailable"):
        call_command("deliver_mail", stdout=StringIO())


def _idea() -> Idea:
    return Idea(reference="IDEA-2026-0001", title="T", organisation_name="O", language="en")
