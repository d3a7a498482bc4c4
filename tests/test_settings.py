"""Settings refuse bad values at start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent


def test_env_bool_accepts_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG") is expected


def test_env_bool_refuses_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe' is not a boolean"):
        env_bool("X_FLAG")


def test_env_int_refuses_words_and_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "70000")
    with pytest.raises(ImproperlyConfigured, match="above the maximum"):
        env_int("X_NUM", 1, 1, 65535)


def test_env_list_and_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_LIST", " a.fi, ,b.fi ")
    assert env_list("X_LIST", []) == ["a.fi", "b.fi"]
    monkeypatch.setenv("X_LANG", "de")
    with pytest.raises(ImproperlyConfigured, match="must be one of: fi, sv, en"):
        env_choice("X_LANG", "fi", ["fi", "sv", "en"])


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "TESTING"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_start_without_secret_key_is_refused() -> None:
    result = _start(DEBUG="false", ALLOWED_HOSTS="example.org")
    assert result.returncode == 2
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_database_url_is_refused() -> None:
    result = _start(DEBUG="true", DATABASE_URL="mysql://x@localhost/y")
    assert result.returncode == 2
    assert "DATABASE_URL must point at SQLite" in result.stderr


def test_bad_default_language_is_refused() -> None:
    result = _start(DEBUG="true", LANGUAGE_CODE="de")
    assert result.returncode == 2
    assert "LANGUAGE_CODE='de' must be one of" in result.stderr


def test_production_settings_start() -> None:
    result = _start(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


def test_a_command_in_a_bare_environment_names_the_missing_setting() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" not in result.stderr
