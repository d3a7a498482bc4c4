"""The request metrics are shared by every process of the app (prometheus_client's
multiprocess mode, ops/metrics.py): what other processes counted shows in any one's /metrics."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from ops import metrics
from tests.personas import login
from tests.test_ops_production import run_python

pytestmark = pytest.mark.django_db

OTHER_PROCESS = (
    "import os, django; django.setup(); from ops import metrics; "
    "[metrics.observe('GET', 200, 0.01) for _ in range(3)]; "
    "metrics.observe('POST', 302, 0.2); metrics.observe('BREW', 418, 20); print(os.getpid())"
)


def other_process() -> str:
    """Another process of the app counts five requests; returns its process id."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "TESTING": "true"}
    done = run_python(env, "-c", OTHER_PROCESS)  # the same PROMETHEUS_MULTIPROC_DIR
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_counts_of_every_process_are_summed(client: Client, vera: User) -> None:
    metrics.reset()
    first, second = other_process(), other_process()
    client.get("/en/")  # and this process one
    login(client, vera)
    text = client.get("/metrics").content.decode()
    assert 'ie_http_requests_total{method="GET",status="200"} 7.0' in text
    assert 'ie_http_requests_total{method="POST",status="302"} 2.0' in text
    assert 'ie_http_requests_total{method="OTHER",status="418"} 2.0' in text  # bounded labels
    assert "ie_http_request_duration_seconds_count 11.0" in text
    assert 'ie_http_request_duration_seconds_bucket{le="10.0"} 9.0' in text  # 20 s: +Inf only
    assert 'ie_http_request_duration_seconds_bucket{le="+Inf"} 11.0' in text
    # Ended processes leave their counts but not their start time.
    assert f'ie_process_start_time_seconds{{pid="{os.getpid()}"}}' in text
    assert f'pid="{first}"' not in text and f'pid="{second}"' not in text


def test_a_new_run_starts_from_zero(client: Client, vera: User) -> None:
    metrics.reset()
    other_process()
    metrics.start_run()  # what gunicorn's on_starting and run_all do
    login(client, vera)
    text = client.get("/metrics").content.decode()
    assert 'status="302"' not in text


def test_the_settings_put_the_directory_in_the_environment(settings: Any) -> None:
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == settings.PROMETHEUS_MULTIPROC_DIR
    assert metrics.directory() == Path(settings.PROMETHEUS_MULTIPROC_DIR)
    assert metrics.directory().is_dir()


def test_gunicorn_gives_its_workers_the_directory_and_empties_it_at_start(
    tmp_path: Path,
) -> None:
    stale = tmp_path / "prometheus" / "counter_1.db"
    stale.parent.mkdir()
    stale.write_bytes(b"old run")
    done = run_python(
        {"PROMETHEUS_MULTIPROC_DIR": "", "VAR_DIR": str(tmp_path)},
        "-c",
        "import os, runpy; c = runpy.run_path('config/gunicorn.conf.py'); "
        "c['on_starting'](None); print(os.environ['PROMETHEUS_MULTIPROC_DIR'])",
    )
    assert done.stdout.strip() == str(tmp_path / "prometheus"), done.stderr
    assert not stale.exists()


def test_run_all_starts_its_processes_from_zero_with_the_directory_inherited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ops import launcher

    stale = metrics.directory() / "counter_1.db"
    stale.write_bytes(b"an earlier run")
    seen: dict[str, str] = {}

    def supervise(commands: Any) -> int:
        seen["dir"] = os.environ["PROMETHEUS_MULTIPROC_DIR"]  # what the children inherit
        seen["stale"] = str(stale.exists())
        return 0

    monkeypatch.setattr(launcher, "supervise", supervise)
    monkeypatch.setenv("PORT", "8000")  # run_all sets it for its children: restored after
    call_command("run_all", "--workers-only", stdout=StringIO())
    assert seen == {"dir": str(metrics.directory()), "stale": "False"}
