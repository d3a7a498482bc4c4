"""Benchmark of the CORDIS importer; prints figures, never part of the test run.

    python bench/bench_import.py            (from the repository root; `make bench-import`)

1. Generates a CORDIS-format dump of full Horizon 2020 size (35,000 projects, 180,000
   organisation rows) in the official dialect (';', every field quoted, BOM, decimal
   commas, objectives that open with a doubled quote). Every row is invented and marked
   BENCHMARK; nothing is written to the project's database.
2. Imports it into a temporary SQLite database (migrated, with the Espoo seed): wall time
   and the peak memory (RSS) of the importing process.
3. Imports the same dump again: every project should be unchanged.
4. When ../shared/data/cordis/ exists, imports those real rows and reports how many
   Espoo participations were found.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, SHARED_DATA, bench_env, manage, sqlite_url
from tests.eudata_support import ORGANISATION_COLUMNS, PROJECT_COLUMNS  # the CORDIS dialect

PROJECTS = 35_000
ORGANISATION_ROWS = 180_000
ESPOO_SHARE = 0.05  # about the share of H2020 projects with an Espoo participant
SEED = 20260101

COUNTRIES = [
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "BE",
    "EL",
    "UK",
    "SE",
    "AT",
    "PT",
    "PL",
    "DK",
    "FI",
    "IE",
]
WORDS = [
    "urban",
    "energy",
    "climate",
    "data",
    "learning",
    "health",
    "water",
    "mobility",
    "materials",
    "quantum",
    "ocean",
    "food",
    "circular",
    "digital",
    "smart",
    "city",
    "citizens",
    "resilience",
    "battery",
    "hydrogen",
    "forest",
    "soil",
]


def _line(cells: list[str]) -> str:
    return ";".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"


def _money(rng: random.Random) -> str:
    return f"{rng.randint(10_000, 5_000_000)},{rng.randint(0, 99):02d}"


def generate(path: Path) -> None:
    rng = random.Random(SEED)
    espoo = [
        (str(800_000_000 + i), f"BENCHMARK ESPOO ORG {i} OY", f"021{i % 10}0") for i in range(60)
    ]
    others = [
        (str(810_000_000 + i), f"BENCHMARK ORGANISATION {i}", rng.choice(COUNTRIES))
        for i in range(30_000)
    ]
    ids = [str(900_000_000 + i) for i in range(PROJECTS)]
    rows_left = ORGANISATION_ROWS
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("organization.csv", "w") as raw:
            raw.write(b"\xef\xbb\xbf" + _line(ORGANISATION_COLUMNS).encode())
            for n, pid in enumerate(ids):
                count = rows_left // (PROJECTS - n)
                if n < rows_left % (PROJECTS - n):
                    count += 1
                rows_left -= count
                has_espoo = rng.random() < ESPOO_SHARE
                buffer = []
                for order in range(count):
                    if has_espoo and order == 0:
                        pic, name, postcode = rng.choice(espoo)
                        city, country = rng.choice(["Espoo", "ESPOO", "Esbo"]), "FI"
                    else:
                        pic, name, country = rng.choice(others)
                        city, postcode = f"Town {int(pic) % 500}", f"{rng.randint(1000, 99999)}"
                    cost = _money(rng)
                    buffer.append(
                        _line(
                            [
                                pid,
                                f"B{n}",
                                pic,
                                f"XX{pic}",
                                name,
                                "",
                                rng.choice(["true", "false"]),
                                rng.choice(["HES", "REC", "PRC", "PUB", "OTH"]),
                                "Street 1",
                                postcode,
                                city,
                                country,
                                "",
                                "60.1,24.8",
                                "www.example.org",
                                f"https://example.org/contact/{pic}/{pid}",
                                "2024-03-01 10:00:00",
                                str(rng.randint(1, 9_999_999)),
                                str(order + 1),
                                "coordinator" if order == 0 else "participant",
                                cost.replace(",", "."),
                                cost.replace(",", "."),
                                cost,
                                "false",
                                "true",
                            ]
                        )
                    )
                raw.write("".join(buffer).encode())
        with archive.open("project.csv", "w") as raw:
            raw.write(b"\xef\xbb\xbf" + _line(PROJECT_COLUMNS).encode())
            for n, pid in enumerate(ids):
                words = " ".join(rng.choice(WORDS) for _ in range(220))
                objective = ('"Benchmark" ' if n % 50 == 0 else "") + f"BENCHMARK {words}."
                line = _line([
                    pid, f"B{n}", rng.choice(["SIGNED", "CLOSED", "TERMINATED"]),
                    f"Benchmark project {n} on {rng.choice(WORDS)}", "2016-01-01", "2019-12-31",
                    _money(rng), "900000", "H2020-EU.3.5.2", "SC5-01-2016", "2015-12-01",
                    "H2020", "H2020-SC5-2016", "H2020-SC5-2016-OneStage", "RIA", "", objective,
                    "2022-08-01 10:00:00", str(n), "",
                ])  # fmt: skip
                if n % 50 == 0:  # CORDIS's quirk: an objective opening with a doubled quote
                    line = line.replace('"""Benchmark""', '""Benchmark"', 1)
                raw.write(line.encode())


def timed_import(env: dict[str, str], *paths: Path) -> tuple[float, float]:
    """Run import_cordis in a child process; (wall seconds, peak RSS of that child in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, "manage.py", "import_cordis", "--no-progress", "-v0", *map(str, paths)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"import_cordis failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def last_run(database: Path) -> dict[str, dict[str, int]]:
    with sqlite3.connect(database) as conn:
        (counts,) = conn.execute("SELECT counts FROM eudata_importrun ORDER BY id DESC").fetchone()
    return json.loads(counts)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        env = bench_env(sqlite_url(folder), BENCH_VIEWS="false")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_espoo", "-v0")
        dump = folder / "cordis-h2020projects-csv.zip"
        start = time.perf_counter()
        generate(dump)
        size = dump.stat().st_size / 1e6
        took = time.perf_counter() - start
        print(
            f"generated {PROJECTS} projects, {ORGANISATION_ROWS} organisation rows "
            f"({size:.0f} MB zip) in {took:.1f} s"
        )

        seconds, peak = timed_import(env, dump)
        first = last_run(folder / "bench.sqlite3")
        print(f"first import: {seconds:.1f} s, peak {peak:.0f} MB (goal ≤ 60 s, ≤ 1024 MB)")
        print(f"  projects {first.get('projects')}, activities {first.get('activities')}")
        print(f"  organisations {first.get('organisations')}, rows {first.get('rows')}")

        again, again_peak = timed_import(env, dump)
        second = last_run(folder / "bench.sqlite3")
        changed = {k: v for k, v in second.get("projects", {}).items() if k != "unchanged"}
        flag = "  CHANGES!" if changed else ""
        print(
            f"second import: {again:.1f} s, peak {again_peak:.0f} MB (goal ≤ 30 s, no changes): "
            f"projects {second.get('projects')}{flag}"
        )

        cordis = SHARED_DATA / "cordis"
        real = "n/a"
        if cordis.is_dir():
            files = [
                cordis / "h2020_project_subset.csv",
                cordis / "h2020_organization_subset.csv",
                cordis / "h2020_topics.csv",
            ]
            real_seconds, _peak = timed_import(env, *[f for f in files if f.exists()])
            counts = last_run(folder / "bench.sqlite3")
            real = str(counts.get("participations", {}).get("espoo", 0))
            print(f"real CORDIS rows ({cordis}): {real} Espoo participations in "
                  f"{real_seconds:.1f} s; rows {counts.get('rows')}")  # fmt: skip
        else:
            print(f"{cordis} does not exist: the real-rows check was skipped.")
        print(
            f"import: {PROJECTS} projects, {ORGANISATION_ROWS} organisation rows in "
            f"{seconds:.1f} s, peak {peak:.0f} MB; real espoo rows {real}"
        )


if __name__ == "__main__":
    main()
