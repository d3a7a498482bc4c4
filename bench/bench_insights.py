"""make bench-insights: the public API list, the staff dashboard and the annual report PDF.

A fresh temporary SQLite database with the Espoo data and 10,000 generated activities
(``generate_demo_data``: participants, funding lines and confirmed goal and SDG links).
Requests are made in this process through Django's test client, one after another, so
the figures are the server's own time for each request (the whole middleware stack, no
network); p95 is over ``REQUESTS`` requests after a warm-up. The report is the annual
report of ``REPORT_YEAR`` in Finnish, rendered to PDF once after a warm-up.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, manage, median, percentile, sqlite_url

ACTIVITIES = 10_000
REQUESTS = 40
WARM_UP = 3
REPORT_YEAR = 2022
API_URL = "/api/v1/activities/"
DASHBOARDS = {
    "staff dashboard": "/fi/staff/insights/",
    "staff dashboard, one year": f"/fi/staff/insights/?year={REPORT_YEAR}",
    "public dashboard (cache off)": "/fi/insights/",
}


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_espoo")
    manage(env, "setup_roles")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "generate_demo_data", "--activities", str(ACTIVITIES))


def timed(client: object, path: str) -> list[float]:
    """Milliseconds of each of REQUESTS requests (after WARM_UP), all answered 200."""
    times = []
    for n in range(WARM_UP + REQUESTS):
        start = time.perf_counter()
        response = client.get(path)  # type: ignore[attr-defined]
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if n >= WARM_UP:
            times.append(elapsed)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = bench_env(
            sqlite_url(Path(folder)),
            ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
            PORTAL_CACHE_SECONDS="0",
            SECURE_SSL_REDIRECT="false",
        )
        print(f"== preparing {ACTIVITIES} activities ==", flush=True)
        prepare(env)
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.contrib.auth.models import Group, User
        from django.test import Client
        from django.urls import Resolver404, resolve

        from insights import reports
        from portfolio.models import Activity

        print(f"activities in the database: {Activity.objects.count()}", flush=True)
        viewer = User.objects.create_user("bench-viewer", "bench@example.org", "x" * 20)
        viewer.groups.add(Group.objects.get(name="viewer"))
        staff = Client()
        staff.force_login(viewer)
        anonymous = Client()

        api_p95: float | None = None
        try:
            resolve(API_URL)
        except Resolver404:
            print("api not available", flush=True)
        else:
            times = timed(anonymous, API_URL)
            api_p95 = percentile(times, 95)
            print(
                f"api list {API_URL}: p50 {median(times):.1f} ms  p95 {api_p95:.1f} ms",
                flush=True,
            )

        dashboard_p95 = 0.0
        for name, path in DASHBOARDS.items():
            client = anonymous if path.startswith("/fi/insights") else staff
            times = timed(client, path)
            p95 = percentile(times, 95)
            print(f"{name} {path}: p50 {median(times):.1f} ms  p95 {p95:.1f} ms", flush=True)
            if name == "staff dashboard":
                dashboard_p95 = p95

        reports.render_pdf("annual", REPORT_YEAR, "fi")  # warm-up: fonts, templates
        start = time.perf_counter()
        pdf = reports.render_pdf("annual", REPORT_YEAR, "fi")
        report_s = time.perf_counter() - start
        print(f"annual report {REPORT_YEAR} PDF (fi): {report_s:.2f} s, {len(pdf) / 1e6:.1f} MB")
        start = time.perf_counter()
        reports.render_html("sdg", REPORT_YEAR, "sv")
        print(f"SDG report HTML (sv): {time.perf_counter() - start:.2f} s", flush=True)

    api = f"{api_p95:.0f}" if api_p95 is not None else "n/a"
    print(
        f"insights: api list p95 {api} ms; dashboard p95 {dashboard_p95:.0f} ms; "
        f"report pdf {report_s:.1f} s"
    )


if __name__ == "__main__":
    main()
