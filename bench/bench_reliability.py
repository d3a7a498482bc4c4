"""make bench-reliability: idea submissions under load while faults are injected.

For SQLite and for PostgreSQL (a temporary database on 127.0.0.1:5432, when a server
answers), the app runs under gunicorn with the mail worker (`deliver_mail --loop`) beside
it. 50 clients submit ideas through the real form for RELIABILITY_SECONDS (60) seconds;
a client that gets the "try again" page (503) sends the same form again, as a visitor
would. Meanwhile:

1. database unavailable: SQLite is held under an exclusive write lock (SQLITE_TIMEOUT is
   2 s here, so writers give up); PostgreSQL refuses connections to the temporary
   database (ALTER DATABASE … ALLOW_CONNECTIONS false) and its backends are terminated.
   Survived: only 503 pages during it (no 500), submissions succeed afterwards, and no
   idea is half-written (each has its "received" step and both mails).
2. mail server down: the local SMTP server (tests/drills.py) is off for the first two
   thirds of the run. Survived: every mail is delivered exactly once after it returns.
3. import killed: `import_cordis` of a generated CORDIS file is SIGKILLed half-way, then
   run again. Survived: the re-run succeeds and every project is stored once.

Every acknowledged idea must be stored exactly once. The rate limit is raised for the
bench; 429 answers would be counted apart. The last line:
``reliability: acknowledged=<A> stored=<S> lost=<L> duplicated=<D>; faults survived <F>/<T>``.
RELIABILITY_SECONDS=15 gives a quick run.

Long because it drives three fault drills (database, mail, import) against a real
gunicorn on two databases and reports them together.
"""

from __future__ import annotations

import contextlib
import email
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    PYTHON,
    ROOT,
    acknowledged,
    bench_env,
    browser,
    gunicorn,
    idea_form,
    manage,
    postgres_url,
    send_idea,
    sqlite_url,
)
from tests.drills import SmtpSink, wait_for_write, write_cordis

SECONDS = int(os.environ.get("RELIABILITY_SECONDS", "60"))
CLIENTS = int(os.environ.get("RELIABILITY_CLIENTS", "50"))
OUTAGE_SECONDS = max(3, SECONDS // 10)
IMPORT_PROJECTS = int(os.environ.get("RELIABILITY_IMPORT_PROJECTS", "1500"))
PG_NAME = "ie_bench_reliability"


@dataclass
class Tally:
    acknowledged: list[str] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    during_outage: Counter[str] = field(default_factory=Counter)
    after_outage_ok: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, status: str, outage: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            if outage == "on":
                self.during_outage[status] += 1
            elif outage == "after" and status == "302":
                self.after_outage_ok += 1


class Outage:
    """'before', 'on' or 'after' the database outage, read by the clients."""

    state = "before"


def submit(base: str, title: str, n: int, deadline: float, tally: Tally) -> None:
    """One visitor with one idea: loads the form, sends it, and sends it again on 503."""
    opener = browser()
    hidden = None
    while time.monotonic() < deadline + 30:
        hidden = hidden or idea_form(opener, base)
        if hidden is None:
            tally.note("form-unavailable", Outage.state)
            time.sleep(0.5)
            continue
        data = {
            **hidden,
            "title": title,
            "description": "A generated idea for the reliability benchmark.",
            "offer": "A research team.",
            "hopes": "A test street.",
            "organisation_name": f"Reliability organisation {n}",
            "organisation_kind": "university",
            "organisation_country": "EE",
            "contact_name": "Bench Mark",
            "contact_email": f"reliability{n}@example.org",
            "language": "en",
            "consent": "on",
            "homepage": "",
        }
        outage = Outage.state
        try:
            status, location = send_idea(opener, base, data)
        except (urllib.error.URLError, OSError):
            status, location = 0, ""
        if Outage.state == "on":  # the answer came while the database was away
            outage = "on"
        tally.note(str(status), outage)
        if acknowledged(status, location):
            with tally.lock:
                tally.acknowledged.append(title)
            return
        if status in (0, 503):  # try again in a moment, with the same form
            time.sleep(0.5)
            continue
        return  # anything else is counted as an error


def load(base: str, label: str, seconds: int, tally: Tally) -> None:
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            n = next(counter)
            submit(base, f"Reliability {label} {n}", n, deadline, tally)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Supervised:
    """A process kept running like systemd's Restart=always does in production
    (docs/operations.md): the mail worker exits when the database goes away."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.command, self.env, self.restarts = command, env, -1
        self.stopped = threading.Event()
        self.proc: subprocess.Popen[bytes] | None = None
        self.thread = threading.Thread(target=self._keep, daemon=True)
        self.thread.start()

    def _keep(self) -> None:
        while not self.stopped.is_set():
            self.restarts += 1
            self.proc = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.proc.wait()
            self.stopped.wait(1.0)

    def stop(self) -> None:
        self.stopped.set()
        if self.proc:
            self.proc.terminate()
        self.thread.join(timeout=30)


# -- the database outage ------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_outage(path: Path) -> Iterator[None]:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def _pg_admin() -> Any:
    import psycopg

    return psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True)


@contextlib.contextmanager
def postgres_outage(name: str) -> Iterator[None]:
    """Only the bench's own temporary database: other databases on the server go on."""
    with _pg_admin() as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
    try:
        yield
    finally:
        with _pg_admin() as conn:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def inject_outage(label: str, database: str, seconds: int) -> None:
    time.sleep(seconds / 3)
    outage = sqlite_outage(Path(database)) if label == "sqlite" else postgres_outage(database)
    with outage:
        Outage.state = "on"
        time.sleep(OUTAGE_SECONDS)
    Outage.state = "after"


# -- what the database holds ------------------------------------------------------------

FACTS = r"""
import json
from django.db.models import Count, Q
from ideas.models import Idea, OutboxMessage
prefix = "Reliability LABEL "
ideas = Idea.objects.filter(title__startswith=prefix)
half = ideas.annotate(
    received=Count("status_history", filter=Q(status_history__status="received"), distinct=True),
).exclude(received=1).count()
refs = list(ideas.values_list("reference", flat=True))
mails = OutboxMessage.objects.filter(subject__regex=r"IDEA-")
per_idea = {}
for subject in mails.values_list("subject", flat=True):
    ref = "IDEA-" + subject.split("IDEA-", 1)[1].split()[0]
    per_idea[ref] = per_idea.get(ref, 0) + 1
print(json.dumps({
    "titles": list(ideas.values_list("title", flat=True)),
    "half_written": half + sum(1 for r in refs if per_idea.get(r, 0) != 2),
    "outbox": dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by()),
    "mails": list(mails.values_list("to", "subject")),
}))
"""


def facts(env: dict[str, str], label: str) -> dict[str, Any]:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", FACTS.replace("LABEL", label)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def wait_for_outbox(env: dict[str, str], label: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found = facts(env, label)
        waiting = sum(n for state, n in found["outbox"].items() if state != "sent")
        if not waiting or time.monotonic() > deadline:
            return found
        time.sleep(3)


def received_pairs(sink: SmtpSink) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    with sink.lock:
        raw = list(sink.messages)
    for message in raw:
        parsed = email.message_from_bytes(message)
        subject = str(email.header.make_header(email.header.decode_header(parsed["Subject"])))
        pairs[(str(parsed["To"]), " ".join(subject.split()))] += 1
    return pairs


# -- the killed import --------------------------------------------------------------------


def killed_import(env: dict[str, str], folder: Path, label: str, database: str) -> tuple[bool, str]:
    export = folder / "drill-cordis.zip"
    espoo = write_cordis(export, IMPORT_PROJECTS)
    command = [PYTHON, "manage.py", "import_cordis", "--no-progress", str(export)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    in_write = wait_for_write(
        proc, sqlite_path=Path(database) if label == "sqlite" else None, pg_name=database
    )
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    check = (
        "from eudata.models import EUProject; from django.db.models import Count; "
        "print(EUProject.objects.filter(acronym__startswith='DRILL').count(), "
        "EUProject.objects.values('source', 'source_id').annotate(n=Count('id'))"
        ".filter(n__gt=1).count())"
    )
    found = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", check],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    stored, duplicated = int(found[-2]), int(found[-1])
    ok = again.returncode == 0 and stored == espoo and duplicated == 0
    when = "while writing" if in_write and killed else "mid-run" if killed else "after the end"
    note = (
        f"killed {when}; re-run "
        f"{'succeeded' if again.returncode == 0 else 'FAILED'}; projects {stored}/{espoo}, "
        f"duplicated {duplicated}"
    )
    return ok, note


# -- one database -------------------------------------------------------------------------


def run(label: str, database_url: str, database: str, folder: Path) -> dict[str, Any]:
    sink = SmtpSink()
    sink.start()
    port = sink.port
    sink.stop()  # the mail server is down when the load begins
    env = bench_env(
        database_url,
        IDEAS_RATE_LIMIT="1000000",
        IDEAS_MIN_FILL_SECONDS="0",
        SQLITE_TIMEOUT="2",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        OUTBOX_BACKOFF_SECONDS="1",
        OUTBOX_MAX_ATTEMPTS="30",
        # A worker that dies with the database leaves its claimed mail "sending"; it is
        # sent again after this many seconds (the smallest allowed; 900 in production).
        OUTBOX_CLAIM_TIMEOUT="60",
        VAR_DIR=str(folder),
        IDEAS_ATTACHMENT_DIR=str(folder / "attachments"),
    )
    print(f"\n== {label}: preparing ==", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_espoo")
    tally = Tally()
    Outage.state = "before"
    worker = Supervised([PYTHON, "manage.py", "deliver_mail", "--loop", "--interval", "1"], env)
    try:
        with gunicorn(env, workers=4) as base:
            print(
                f"{label}: {CLIENTS} clients for {SECONDS} s; database away for "
                f"{OUTAGE_SECONDS} s at {SECONDS // 3} s; mail server away until "
                f"{2 * SECONDS // 3} s",
                flush=True,
            )
            outage = threading.Thread(target=inject_outage, args=(label, database, SECONDS))
            outage.start()
            revived: list[SmtpSink] = []

            def revive() -> None:
                revived.append(SmtpSink(port).start())

            mail_back = threading.Timer(2 * SECONDS / 3, revive)
            mail_back.start()
            load(base, label, SECONDS, tally)
            outage.join()
            mail_back.join()
        found = wait_for_outbox(env, label, timeout=300)
    finally:
        worker.stop()
    server = revived[0] if revived else SmtpSink(port)
    pairs = received_pairs(server)
    server.stop()

    stored = found["titles"]
    acknowledged = tally.acknowledged
    lost = len(set(acknowledged) - set(stored))
    duplicated = len(stored) - len(set(stored))
    errors = {
        s: n
        for s, n in tally.statuses.items()
        if s not in ("302", "503", "429", "0", "form-unavailable")
    }
    print(f"{label}: answers {dict(tally.statuses)}; during the outage {dict(tally.during_outage)}")
    db_ok = (
        tally.during_outage.get("500", 0) == 0
        and tally.after_outage_ok > 0
        and found["half_written"] == 0
        and not errors
    )
    expected_mails = {tuple(pair) for pair in found["mails"]}
    mail_ok = (
        set(found["outbox"]) == {"sent"}
        and set(pairs) == expected_mails
        and all(n == 1 for n in pairs.values())
    )
    twice = sum(1 for n in pairs.values() if n > 1)
    print(
        f"{label}: database outage: {'survived' if db_ok else 'NOT survived'} "
        f"(503 answers {tally.statuses.get('503', 0)}, unanswered form loads "
        f"{tally.statuses.get('form-unavailable', 0)}, "
        f"500 answers {tally.during_outage.get('500', 0)}, half-written ideas "
        f"{found['half_written']}, accepted after it {tally.after_outage_ok}, "
        f"other errors {errors or 0})",
        flush=True,
    )
    print(
        f"{label}: mail server down: {'survived' if mail_ok else 'NOT survived'} "
        f"(outbox {found['outbox']}, received {sum(pairs.values())} for "
        f"{len(expected_mails)} mails, delivered twice {twice}; worker restarted "
        f"{worker.restarts} times)",
        flush=True,
    )
    import_ok, note = killed_import(env, folder, label, database)
    print(
        f"{label}: import killed: {'survived' if import_ok else 'NOT survived'} ({note})",
        flush=True,
    )
    print(
        f"{label}: acknowledged={len(acknowledged)} stored={len(stored)} lost={lost} "
        f"duplicated={duplicated} rate-limited={tally.statuses.get('429', 0)}",
        flush=True,
    )
    return {
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "lost": lost,
        "duplicated": duplicated,
        "survived": sum([db_ok, mail_ok, import_ok]),
        "faults": 3,
    }


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        url = sqlite_url(Path(folder))
        results.append(run("sqlite", url, str(Path(folder) / "bench.sqlite3"), Path(folder)))
    pg = postgres_url(PG_NAME)
    if pg:
        try:
            with tempfile.TemporaryDirectory() as folder:
                results.append(run("postgresql", pg, PG_NAME, Path(folder)))
        finally:
            with _pg_admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
    total = {key: sum(r[key] for r in results) for key in results[0]}
    print(
        f"reliability: acknowledged={total['acknowledged']} stored={total['stored']} "
        f"lost={total['lost']} duplicated={total['duplicated']}; "
        f"faults survived {total['survived']}/{total['faults']}"
    )


if __name__ == "__main__":
    main()
