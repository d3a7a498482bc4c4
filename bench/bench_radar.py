"""Funding radar: align and match 5,000 generated calls against 1,000 ideas and activities,
then time the call page (p95). Runs in-process against a temporary SQLite database.

Generated records are marked BENCHMARK; nothing is downloaded.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, percentile, sqlite_url  # noqa: E402

CALLS, ITEMS, PAGES = 5000, 1000, 200
TOPICS = [
    "climate-neutral district heating and renewable energy for cities",
    "digital skills, artificial intelligence and schools",
    "circular economy, waste and recycling in urban areas",
    "sustainable urban mobility, cycling and public transport",
    "talent attraction, international students and researchers",
    "youth exchanges, culture and creative industries",
    "smart city data platforms and open data",
    "biodiversity, nature-based solutions and storm water",
    "health, ageing and welfare technology",
    "innovation ecosystems, start-ups and investment",
]
WORDS = [
    "pilot",
    "network",
    "partners",
    "cities",
    "regions",
    "research",
    "innovation",
    "citizens",
    "pilots",
]


def text(rng: random.Random) -> str:
    a, b = rng.sample(TOPICS, 2)
    return f"{a.capitalize()} with {b}. " + " ".join(rng.choices(WORDS, k=20))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-radar-"))
    # DEBUG on: the in-process client serves pages without a collected static manifest.
    os.environ.update(bench_env(sqlite_url(folder), DEBUG="true"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from eudata.models import EUParticipation, EUProject
    from ideas.models import Idea
    from portfolio.models import Activity
    from radar import matching
    from radar.models import Call, FetchRun
    from radar.parse import CallData
    from radar.store import save_calls

    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_espoo", verbosity=0)
    rng = random.Random(9)
    now = timezone.now()
    run = FetchRun.objects.create(source="portal", actor_label="BENCHMARK")
    calls = [
        CallData(
            source="portal",
            call_id=f"BENCH-{n // 3}",
            topic_id=f"BENCH-{n // 3}-{n}",
            title=f"BENCHMARK call {n}: " + rng.choice(TOPICS),
            programme=rng.choice(["Horizon Europe", "LIFE", "Digital Europe", "Erasmus+"]),
            description=text(rng),
            deadlines=[now + timedelta(days=rng.randint(5, 300))],
            total_budget=Decimal(rng.randint(1, 50) * 1_000_000),
        )
        for n in range(CALLS)
    ]
    save_calls(calls, run)
    Activity.objects.bulk_create(
        Activity(
            slug=f"bench-{n}",
            title=f"BENCHMARK activity {n}",
            description=text(rng),
            kind="other",
            status="planned",
        )
        for n in range(ITEMS // 2)
    )
    Idea.objects.bulk_create(
        Idea(
            reference=f"BENCH-{n}",
            title=f"BENCHMARK idea {n}",
            description=text(rng),
            offer="Know-how.",
            hopes="Partners.",
            organisation_name="Benchmark Oy",
            organisation_kind="company",
            organisation_country="FI",
            contact_name="Bench Mark",
            contact_email=f"bench{n}@example.org",
            language="en",
            consent_at=now,
            submission_token=f"bench-{n}",
            status_token_hash=f"bench-hash-{n}",
        )
        for n in range(ITEMS - ITEMS // 2)
    )
    projects = EUProject.objects.bulk_create(
        EUProject(
            source="cordis",
            source_id=f"BENCH{n}",
            acronym=f"BENCH{n}",
            title="BENCHMARK project: " + rng.choice(TOPICS),
            objective=text(rng),
            programme=rng.choice(["H2020-EU.3.3.", "H2020-EU.3.5.", "HORIZON.2.5"]),
            eu_contribution=Decimal(rng.randint(200, 9000) * 1000),
            fingerprint="bench",
        )
        for n in range(3000)
    )
    EUParticipation.objects.bulk_create(
        EUParticipation(
            project=p,
            name=f"BENCHMARK organisation {rng.randint(1, 800)}",
            country=rng.choice(["DE", "SE", "NL", "ES", "EE"]),
            role=rng.choice(["coordinator", "participant", "participant"]),
        )
        for p in projects
        for _ in range(4)
    )

    ids = list(Call.objects.values_list("pk", flat=True))
    # Wall-clock time is the figure; CPU time of this process is printed too, since on a
    # shared machine the wall clock also measures everybody else's load.
    start, cpu = time.perf_counter(), time.process_time()
    links = matching.align_calls(ids)
    aligned, aligned_cpu = time.perf_counter() - start, time.process_time() - cpu
    stored = matching.match_all()
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"aligned {len(ids)} calls ({links} goal/SDG links) in {aligned:.1f} s "
        f"(CPU {aligned_cpu:.1f} s)"
    )
    print(
        f"matched against {ITEMS} items: {stored} matches stored in "
        f"{total - aligned:.1f} s (CPU {total_cpu - aligned_cpu:.1f} s); total {total:.1f} s"
    )

    user = User.objects.create_superuser("bench", "bench@example.org", "bench-pass-123456789")
    client = Client()
    client.force_login(user)
    sample = rng.sample(ids, PAGES)
    # Warm the caches (the past projects' matrix) once, as a running server would have.
    client.get(f"/en/staff/radar/calls/{sample[0]}/", HTTP_HOST="127.0.0.1")
    times = []
    cpu_times = []
    for pk in sample:
        c0 = time.process_time()
        t0 = time.perf_counter()
        response = client.get(f"/en/staff/radar/calls/{pk}/", HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - t0) * 1000)
        cpu_times.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, response.status_code
    p95 = percentile(times, 95)
    print(
        f"call page: median {sorted(times)[len(times) // 2]:.0f} ms, p95 {p95:.0f} ms "
        f"(CPU p95 {percentile(cpu_times, 95):.0f} ms)"
    )
    print(
        f"radar: {CALLS} calls x {ITEMS} items matched in {total:.1f} s; call page p95 {p95:.0f} ms"
    )


if __name__ == "__main__":
    main()
