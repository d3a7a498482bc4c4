"""Shared pieces of the benchmarks: serving the app with gunicorn, load, percentiles.

Benchmarks print figures; they are never part of the test run. Every server they
start listens on 127.0.0.1 only and is stopped when the benchmark ends.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARED_DATA = ROOT.parent / "shared" / "data"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def bench_env(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 30,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "SECURE_COOKIES": "false",
            "BENCH_VIEWS": "true",
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    env.update(extra)
    return env


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'bench.sqlite3'}"


def postgres_url(name: str) -> str | None:
    """Create a fresh PostgreSQL database, or None when no server answers."""
    try:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True, connect_timeout=3
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"PostgreSQL unavailable, skipped: {exc}")
        return None
    return f"postgres://postgres@127.0.0.1:5432/{name}"


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 3) -> Iterator[str]:
    """Serve the app with gunicorn on a free loopback port; yields the base URL."""
    port = free_port()
    manage(env, "collectstatic", "--no-input", "-v0")
    log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-" if env.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a loaded machine boots four workers slowly
        while True:
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log.name}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


_WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %f %f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
"""


def measure(url: str, concurrency: int = 20, seconds: int = 10) -> Load:
    """Closed-loop load with ``concurrency`` connections for ``seconds`` (wrk)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT)
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(concurrency), "-d", f"{seconds}s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    _tag, requests, duration_us, p50_us, p95_us, errors = line.split()
    return Load(
        requests_per_second=int(requests) / (int(duration_us) / 1e6),
        p50_ms=float(p50_us) / 1000,
        p95_ms=float(p95_us) / 1000,
        errors=int(errors),
    )


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser() -> urllib.request.OpenerDirector:
    """A visitor's client: keeps its cookies and reports redirects instead of following them."""
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)


def idea_form(opener: urllib.request.OpenerDirector, base: str) -> dict[str, str] | None:
    """The hidden fields of the idea form (CSRF token and form key), loaded like a browser;
    None when the form does not answer or lacks them."""
    try:
        html = opener.open(base + "/en/ideas/", timeout=60).read().decode()
    except (urllib.error.URLError, OSError):
        return None
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    key = re.search(r'name="form_key" value="([^"]+)"', html)
    return {"csrfmiddlewaretoken": csrf[1], "form_key": key[1]} if csrf and key else None


def send_idea(
    opener: urllib.request.OpenerDirector, base: str, data: dict[str, str]
) -> tuple[int, str]:
    """Post the idea form; the status and the redirect's Location (a refused post included).
    A failed connection raises ``urllib.error.URLError`` or ``OSError``."""
    request = urllib.request.Request(
        base + "/en/ideas/",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Referer": base + "/en/ideas/"},
    )
    try:
        response = opener.open(request, timeout=60)
        return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


def acknowledged(status: int, location: str) -> bool:
    """Whether the idea form accepted the post (it redirects to the confirmation page)."""
    return status == 302 and "/ideas/submitted/" in location
