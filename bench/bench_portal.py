"""make bench-portal: the public portal and the idea intake under load.

For SQLite and PostgreSQL (when a server answers on 127.0.0.1:5432): a fresh
database with the Espoo data and 10,000 generated public activities, served by
gunicorn; wrk measures requests/s and p50/p95 latency at concurrency 20 for the
home page, a filtered catalogue page and an activity page, next to a bare Django
view served the same way in the same run, then the catalogue and the activity
page again with the page cache off (each against a bare view in that run). Then
20 concurrent clients submit 2,000 ideas through the real form; every acknowledged
idea must be stored exactly once.
"""

from __future__ import annotations

import concurrent.futures
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    acknowledged,
    bench_env,
    browser,
    gunicorn,
    idea_form,
    manage,
    measure,
    postgres_url,
    send_idea,
    sqlite_url,
    wrk_available,
)

ACTIVITIES = 10_000
SUBMISSIONS = 2_000
CLIENTS = 20
SECONDS = 10
PAGES = {
    "bare view": "/bench/bare/",
    "home": "/fi/",
    "catalogue": "/fi/activities/?kind=eu_project&status=ongoing&sort=title",
    "activity": "/fi/activities/demo-4242/",
}


def prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_espoo")
    manage(env, "generate_demo_data", "--activities", str(ACTIVITIES))
    manage(env, "rebuild_search_index")


def submit_one(base: str, n: int) -> str | None:
    """Load the form and send it like a browser; the title if acknowledged, else None."""
    opener = browser()
    hidden = idea_form(opener, base)
    if hidden is None:
        return None
    title = f"Benchmark idea {n}"
    data = {
        **hidden,
        "title": title,
        "description": "A generated idea for the benchmark: a joint pilot on smart lighting.",
        "offer": "A research team.",
        "hopes": "A test street.",
        "organisation_name": f"Benchmark organisation {n}",
        "organisation_kind": "university",
        "organisation_country": "EE",
        "organisation_website": "",
        "contact_name": "Bench Mark",
        "contact_email": f"bench{n}@example.org",
        "contact_phone": "",
        "language": "en",
        "consent": "on",
        "homepage": "",
    }
    return title if acknowledged(*send_idea(opener, base, data)) else None


def stored_titles(env: dict[str, str]) -> list[str]:
    import subprocess

    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from ideas.models import Idea\n"
            "print('\\n'.join(Idea.objects.filter(title__startswith='Benchmark idea ')"
            ".values_list('title', flat=True)))",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line.startswith("Benchmark idea ")]


def run(label: str, database_url: str) -> dict[str, float]:
    # Connections kept for 60 s, as production runs (docs/operations.md).
    env = bench_env(
        database_url,
        IDEAS_RATE_LIMIT="1000000",
        IDEAS_MIN_FILL_SECONDS="0",
        DB_CONN_MAX_AGE="60",
    )
    print(f"\n== {label}: preparing {ACTIVITIES} activities ==", flush=True)
    prepare(env)
    figures: dict[str, float] = {}
    with gunicorn(env, workers=4) as base:
        for name, path in PAGES.items():
            measure(base + path, CLIENTS, 2)  # warm-up
            load = measure(base + path, CLIENTS, SECONDS)
            print(
                f"{label} {name:10s} {load.requests_per_second:8.1f} req/s  "
                f"p50 {load.p50_ms:6.1f} ms  p95 {load.p95_ms:6.1f} ms  errors {load.errors}",
                flush=True,
            )
            figures[name] = load.requests_per_second
        print(f"{label}: {SUBMISSIONS} idea submissions from {CLIENTS} clients …", flush=True)
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda n: submit_one(base, n), range(SUBMISSIONS)))
    # The same pages with the public page cache off: what every cache miss costs.
    uncached = {**env, "PORTAL_CACHE_SECONDS": "0"}
    with gunicorn(uncached, workers=4) as base:
        for name in ("bare view", "catalogue", "activity"):
            measure(base + PAGES[name], CLIENTS, 2)
            load = measure(base + PAGES[name], CLIENTS, SECONDS)
            print(
                f"{label} {name:10s} {load.requests_per_second:8.1f} req/s  "
                f"p50 {load.p50_ms:6.1f} ms  p95 {load.p95_ms:6.1f} ms  (page cache off)",
                flush=True,
            )
            figures[f"{name} uncached"] = load.requests_per_second
    acknowledged = [t for t in results if t]
    stored = stored_titles(env)
    lost = len(set(acknowledged) - set(stored))
    duplicated = len(stored) - len(set(stored))
    print(
        f"{label}: acknowledged={len(acknowledged)} stored={len(stored)} lost={lost} "
        f"duplicated={duplicated} refused={SUBMISSIONS - len(acknowledged)}",
        flush=True,
    )
    figures.update(acknowledged=len(acknowledged), stored=len(stored), lost=lost)
    return figures


def main() -> None:
    if not wrk_available():
        sys.exit("wrk is needed: apt-get install wrk (make bench-portal installs it)")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run("sqlite", sqlite_url(Path(folder)))
    pg = postgres_url("ie_bench_portal")
    if pg:
        results["postgresql"] = run("postgresql", pg)
    print()
    for label, f in results.items():
        print(
            f"{label}: catalogue {f['catalogue']:.0f} req/s = "
            f"{100 * f['catalogue'] / f['bare view']:.0f}% of bare view "
            f"(home {100 * f['home'] / f['bare view']:.0f}%, "
            f"activity {100 * f['activity'] / f['bare view']:.0f}%); page cache off: "
            f"catalogue {f['catalogue uncached']:.0f} req/s = "
            f"{100 * f['catalogue uncached'] / f['bare view uncached']:.0f}% of bare view"
        )
    first = results["sqlite"]
    acknowledged = sum(int(f["acknowledged"]) for f in results.values())
    stored = sum(int(f["stored"]) for f in results.values())
    lost = sum(int(f["lost"]) for f in results.values())
    print(
        f"portal: catalogue {first['catalogue']:.0f} req/s = "
        f"{100 * first['catalogue'] / first['bare view']:.0f}% of bare view; "
        f"uncached {100 * first['catalogue uncached'] / first['bare view uncached']:.0f}% "
        f"of bare view; "
        f"submissions acknowledged={acknowledged} stored={stored} lost={lost}"
    )


if __name__ == "__main__":
    main()
