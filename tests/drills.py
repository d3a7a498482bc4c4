"""Tools for fault drills (tests/test_ops_faults.py, bench/bench_reliability.py): a tiny
SMTP server that can be stopped and started again on the same port, and a generated
CORDIS export of any size. Test and bench support: not part of any app, never imported
by the running site."""

from __future__ import annotations

import random
import socketserver
import threading
import zipfile
from pathlib import Path
from typing import Any


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 drill ESMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("EHLO"):
                self._say("250-drill")
                self._say("250 8BITMIME")
            elif command.startswith(("HELO", "MAIL", "RCPT", "RSET", "NOOP")):
                self._say("250 OK")
            elif command == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.received(b"".join(lines))
                self._say("250 OK queued")
            elif command == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address: tuple[str, int], sink: SmtpSink) -> None:
        super().__init__(address, _Session)
        self.sink = sink

    def received(self, message: bytes) -> None:
        with self.sink.lock:
            self.sink.messages.append(message)


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it receives in ``messages``."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.messages: list[bytes] = []
        self.lock = threading.Lock()
        self._server: _Server | None = None

    def start(self) -> SmtpSink:
        self._server = _Server(("127.0.0.1", self.port), self)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _line(cells: list[str]) -> str:
    return ";".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"


PROJECT_COLUMNS = [
    "id",
    "acronym",
    "status",
    "title",
    "startDate",
    "endDate",
    "totalCost",
    "ecMaxContribution",
    "frameworkProgramme",
    "fundingScheme",
    "objective",
    "topics",
]
ORGANISATION_COLUMNS = [
    "projectID",
    "organisationID",
    "vatNumber",
    "name",
    "activityType",
    "postCode",
    "city",
    "country",
    "order",
    "role",
    "ecContribution",
    "totalCost",
]


def write_cordis(path: Path, projects: int, espoo_every: int = 4, seed: int = 8) -> int:
    """A CORDIS-format zip of ``projects`` invented projects, every ``espoo_every``-th with
    an Espoo participant; returns how many projects concern Espoo."""
    rng = random.Random(seed)
    espoo = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("organization.csv", "w") as raw:
            raw.write(b"\xef\xbb\xbf" + _line(ORGANISATION_COLUMNS).encode())
            for n in range(projects):
                pid = str(950_000_000 + n)
                for order in range(1, 4):
                    if order == 1 and n % espoo_every == 0:
                        pic, name, city, country, postcode = (
                            str(880_000_000 + n % 40),
                            f"DRILL ESPOO ORG {n % 40} OY",
                            "Espoo",
                            "FI",
                            "02150",
                        )
                    else:
                        pic = str(890_000_000 + rng.randint(0, 5000))
                        name, city = f"DRILL ORGANISATION {pic}", f"Town {int(pic) % 300}"
                        country, postcode = rng.choice(["DE", "FR", "EE", "SE"]), "12345"
                    raw.write(
                        _line(
                            [
                                pid,
                                pic,
                                "",
                                name,
                                rng.choice(["HES", "REC", "PRC"]),
                                postcode,
                                city,
                                country,
                                str(order),
                                "coordinator" if order == 1 else "participant",
                                "1000,50",
                                "2000,00",
                            ]
                        ).encode()
                    )
                espoo += n % espoo_every == 0
        with archive.open("project.csv", "w") as raw:
            raw.write(b"\xef\xbb\xbf" + _line(PROJECT_COLUMNS).encode())
            for n in range(projects):
                raw.write(
                    _line(
                        [
                            str(950_000_000 + n),
                            f"DRILL{n}",
                            "SIGNED",
                            f"Drill project {n}",
                            "2021-01-01",
                            "2024-12-31",
                            "100000,00",
                            "90000,00",
                            "H2020",
                            "RIA",
                            "DRILL generated project for the fault drill.",
                            "SC5-01-2016",
                        ]
                    ).encode()
                )
    return espoo


def wait_for_write(
    proc: Any, sqlite_path: Path | None = None, pg_name: str = "", timeout: float = 120
) -> bool:
    """Wait until ``proc`` is inside a write transaction on the database (True), or has
    ended / the time is up (False): the moment to kill it "half-way"."""
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if sqlite_path is not None:
            conn = sqlite3.connect(sqlite_path, timeout=0, isolation_level=None)
            started = 0
            try:
                started = (
                    conn.execute(
                        "SELECT count(*) FROM sqlite_master WHERE name = 'eudata_importrun'"
                    ).fetchone()[0]
                    and conn.execute("SELECT count(*) FROM eudata_importrun").fetchone()[0]
                )
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            except sqlite3.OperationalError:
                if started:
                    return True  # someone holds the write lock: the import's transaction
            finally:
                conn.close()
        else:
            import psycopg

            with psycopg.connect(
                host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
            ) as server:
                row = server.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND backend_xid IS NOT NULL",
                    (pg_name,),
                ).fetchone()
            if row and row[0]:
                return True
        time.sleep(0.02)
    return False
