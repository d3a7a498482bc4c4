"""A model change without its migration fails the suite."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations() -> None:
    try:
        call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    except SystemExit as exc:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"A model change lacks its migration (exit {exc.code}): run makemigrations.")
