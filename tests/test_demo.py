"""Demo data is generated on request only, clearly marked, and removable."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from portfolio.models import Activity
from strategy.models import AlignmentLink

pytestmark = pytest.mark.django_db


def test_no_demo_data_is_loaded_by_default() -> None:
    assert not Activity.objects.filter(slug__startswith="demo-").exists()


def test_generate_and_remove_demo_activities() -> None:
    real = Activity.objects.count()
    call_command("generate_demo_data", "--activities", "120")
    demo = Activity.objects.filter(slug__startswith="demo-")
    assert demo.count() == 120
    assert demo.filter(public=True).count() == 120
    assert AlignmentLink.objects.filter(object_id__in=demo.values("pk")).count() >= 120
    call_command("generate_demo_data", "--remove")
    assert Activity.objects.count() == real
