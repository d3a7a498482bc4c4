"""Model rules: bad data is refused with a clear, translated message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from portfolio.models import Activity, FundingLine
from registry.models import NetworkMembership, Organisation
from strategy.models import (
    AlignmentLink,
    Goal,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
    current_goal_period,
)

pytestmark = pytest.mark.django_db


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(str(m) for m in exc.value.messages)


def test_period_years_in_wrong_order_are_refused() -> None:
    period = StrategyPeriod(slug="x", title_fi="X", start_year=2030, end_year=2026)
    with pytest.raises(ValidationError) as exc:
        period.full_clean()
    assert "The last year cannot be before the first year." in messages(exc)


def test_goal_number_used_twice_in_a_period_is_refused_in_finnish() -> None:
    period = StrategyPeriod.objects.get(slug="2021-2025")
    duplicate = Goal(period=period, number=1, title_fi="Toinen ykkönen")
    with translation.override("fi"):
        with pytest.raises(ValidationError) as exc:
            duplicate.full_clean()
        assert "Tällä kaudella on jo tavoite tällä numerolla." in messages(exc)


def test_same_goal_number_in_another_period_is_fine() -> None:
    other = StrategyPeriod.objects.get(slug="2025-2029")
    Goal(period=other, number=1, title_fi="Uusi tavoite").full_clean()


def test_database_also_refuses_duplicate_goal_numbers() -> None:
    period = StrategyPeriod.objects.get(slug="2021-2025")
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(period=period, number=1, title_fi="Kaksoiskappale")


@pytest.mark.parametrize("code", ["18.1", "1.", "1.1.1", "0.3", "11.A", "x", "11.6 "])
def test_malformed_sdg_target_code_is_refused(code: str) -> None:
    target = SDGTarget(
        goal=SDGGoal.objects.get(number=11), code=code, title_fi="t", title_sv="t", title_en="t"
    )
    with translation.override("sv"):
        with pytest.raises(ValidationError) as exc:
            target.full_clean(exclude=["goal"])
        assert "är inte en kod för ett FN-delmål" in messages(exc)


def test_target_code_must_match_its_sdg() -> None:
    target = SDGTarget(
        goal=SDGGoal.objects.get(number=3), code="11.9", title_fi="t", title_sv="t", title_en="t"
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        target.full_clean()
    assert "Target 11.9 does not belong to SDG 3." in messages(exc)


def test_unknown_country_code_is_refused() -> None:
    org = Organisation(slug="atlantis", name_fi="Atlantis", kind="city", country="QQ")
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "country" in exc.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pic", "12345"),
        ("business_id", "0101263-7"),
        ("business_id", "123"),
        ("vat_number", "1234"),
    ],
)
def test_malformed_identifiers_are_refused(field: str, value: str) -> None:
    org = Organisation(slug="o", name_fi="O", kind="company", country="FI", **{field: value})
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert field in exc.value.message_dict


def test_valid_business_id_passes() -> None:
    Organisation(
        slug="o",
        name_fi="O",
        kind="company",
        country="FI",
        business_id="0101263-6",
        pic="999999999",
        vat_number="FI01012636",
    ).full_clean()


def test_membership_dates_in_wrong_order_are_refused() -> None:
    membership = NetworkMembership.objects.first()
    assert membership is not None
    membership.since, membership.until = date(2024, 1, 1), date(2020, 1, 1)
    with pytest.raises(ValidationError) as exc:
        membership.full_clean()
    assert "until" in exc.value.message_dict


def test_activity_dates_in_wrong_order_are_refused() -> None:
    activity = Activity(
        slug="a",
        title_fi="A",
        kind="event",
        status="planned",
        start_date=date(2026, 5, 2),
        end_date=date(2026, 5, 1),
    )
    with translation.override("fi"):
        with pytest.raises(ValidationError) as exc:
            activity.full_clean()
        assert "Päättymispäivä ei voi olla ennen alkamispäivää." in messages(exc)


def test_eu_contribution_cannot_exceed_total_budget() -> None:
    activity = Activity.objects.get(slug="sparcs")
    line = FundingLine(
        activity=activity,
        programme="Horizon 2020",
        total_budget=Decimal("100"),
        eu_contribution=Decimal("101"),
    )
    with pytest.raises(ValidationError) as exc:
        line.full_clean()
    assert "eu_contribution" in exc.value.message_dict


def test_alignment_link_needs_exactly_one_framework() -> None:
    activity = Activity.objects.get(slug="sparcs")
    link = AlignmentLink(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=activity.pk,
        goal=Goal.objects.current().get(number=6),
        sdg=SDGGoal.objects.get(number=13),
        source="staff",
    )
    with pytest.raises(ValidationError) as exc:
        link.full_clean()
    assert "exactly one of" in messages(exc)


def test_alignment_link_records_source_confidence_and_review() -> None:
    activity = Activity.objects.get(slug="sparcs")
    link = AlignmentLink.objects.create(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=activity.pk,
        target=SDGTarget.objects.get(code="11.6"),
        source="engine",
        confidence=0.8,
        evidence="air quality",
    )
    assert link.review_state == "pending"
    assert link.item == activity


def test_current_goal_period_skips_a_period_without_goals() -> None:
    assert StrategyPeriod.objects.filter(slug="2025-2029", goals__isnull=True).exists()
    period = current_goal_period()
    assert period is not None and period.slug == "2021-2025"
    assert Goal.objects.current().count() == 7


def test_translated_fields_fall_back_to_finnish() -> None:
    org = Organisation.objects.create(slug="kylä", name_fi="Pieni kylä", kind="city", country="FI")
    with translation.override("sv"):
        assert Organisation.objects.get(pk=org.pk).name == "Pieni kylä"
