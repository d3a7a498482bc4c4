"""The Espoo seed: real data, safe to load again, never overwriting staff edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from core.seeding import DEFAULT_SEED_DIR, SeedError, load_seed
from portfolio.models import Activity
from registry.models import NetworkMembership, Organisation, Partnership, TargetMarket
from strategy.models import Commitment, Goal, Pillar, SDGGoal, SDGTarget, StrategyPeriod

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["strategy", "registry", "portfolio", "core"]


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_holds_the_real_strategy() -> None:
    assert StrategyPeriod.objects.count() == 2
    new_term = StrategyPeriod.objects.get(slug="2025-2029")
    assert str(new_term.adopted_on) == "2025-10-20"
    assert not new_term.goals.exists()
    assert Pillar.objects.count() == 3
    goals = Goal.objects.filter(period__slug="2021-2025")
    assert sorted(goals.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    for goal in goals:
        assert goal.title_fi and goal.title_sv and goal.title_en
        assert goal.description_fi and goal.description_sv and goal.description_en
    assert Commitment.objects.filter(deadline__year=2030).exists()
    assert Commitment.objects.filter(deadline__year=2025).count() >= 2


def test_seed_holds_all_sdgs_and_targets_in_three_languages() -> None:
    assert SDGGoal.objects.count() == 17
    assert SDGTarget.objects.count() == 169
    assert SDGTarget.objects.filter(code="17.19", goal__number=17).exists()
    assert not SDGTarget.objects.filter(title_sv="").exists()
    assert not SDGTarget.objects.filter(title_fi="").exists()


def test_seed_holds_networks_partners_markets_and_projects() -> None:
    assert NetworkMembership.objects.filter(network__slug="eurocities").exists()
    shanghai = Partnership.objects.get(partner__slug="shanghai")
    assert shanghai.kind == "friendship" and shanghai.agreement_year == 1998
    assert shanghai.themes.count() >= 5
    assert Partnership.objects.filter(status="ended").count() >= 2
    assert set(TargetMarket.objects.values_list("country", flat=True)) >= {"DE", "JP"}
    sparcs = Activity.objects.get(slug="sparcs")
    assert sparcs.funding.get().grant_number == "864242"
    assert sparcs.participants.filter(role="coordinator", organisation__slug="vtt").exists()
    for slug in ["6aika", "alliance", "fair"]:
        assert Activity.objects.filter(slug=slug, kind="eu_project").exists(), slug


def test_loading_twice_gives_the_same_counts() -> None:
    before = counts()
    report = load_seed()
    assert counts() == before
    outcomes = {o for counter in report.counts.values() for o in counter}
    assert outcomes == {"unchanged"}


def test_staff_edits_survive_a_repeat_load() -> None:
    goal = Goal.objects.get(period__slug="2021-2025", number=6)
    goal.title_en = "Carbon-neutral Espoo 2030 (edited by staff)"
    goal.save()
    load_seed()
    goal.refresh_from_db()
    assert goal.title_en == "Carbon-neutral Espoo 2030 (edited by staff)"


def test_deleted_records_are_not_brought_back() -> None:
    Partnership.objects.get(slug="sochi").delete()
    load_seed()
    assert not Partnership.objects.filter(slug="sochi").exists()


def test_changed_seed_updates_records_staff_left_alone(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    pillar = Pillar.objects.get(slug="learning")
    _replace(seed / "espoo.toml", f'en = "{pillar.title_en}"', 'en = "Learning (renamed)"')
    load_seed(seed)
    pillar.refresh_from_db()
    assert pillar.title_en == "Learning (renamed)"


def _copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, target)
    return target


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _goal_block(number: int) -> str:
    return f'[[goal]]\nperiod = "2021-2025"\nnumber = {number}\n'


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: _replace(d / "espoo.toml", "start_year = 2021", "start_year = 2029"),
            "The last year cannot be before the first year.",
        ),
        (
            lambda d: _replace(d / "espoo.toml", _goal_block(2), _goal_block(1)),
            r"the same record \(2021-2025/1\) appears twice",
        ),
        (
            lambda d: _replace(d / "sdg.toml", 'code = "11.6"', 'code = "11.66x"'),
            "11.66x is not an SDG target code",
        ),
        (lambda d: _replace(d / "espoo.toml", 'country = "CN"', 'country = "XX"'), "country"),
        (lambda d: (d / "espoo.toml").write_bytes(b"[[unit]\nkey = \xff"), "not valid TOML"),
        (
            lambda d: _replace(d / "espoo.toml", 'network = "eurocities"', 'network = "nowhere"'),
            "does not exist",
        ),
    ],
)
def test_bad_seed_is_refused_and_changes_nothing(tmp_path: Path, mutate, message: str) -> None:
    seed = _copy_seed(tmp_path)
    mutate(seed)
    Pillar.objects.filter(slug="learning").update(order=99)  # a staff edit to keep
    before = counts()
    with translation.override("en"), pytest.raises(SeedError, match=message):
        load_seed(seed)
    assert counts() == before
    assert Pillar.objects.get(slug="learning").order == 99


def test_command_reports_a_bad_seed_without_traceback(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    _replace(seed / "espoo.toml", _goal_block(2), _goal_block(1))
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("load_espoo", "--seed-dir", str(seed), "--language", "sv")


def test_command_says_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_espoo")
    out = capsys.readouterr().out
    assert "Espoo data loaded." in out
    assert Organisation.objects.filter(slug="espoo").exists()


def test_a_field_new_to_the_seed_reaches_records_staff_left_alone() -> None:
    from core.models import SeedRecord

    goal = Goal.objects.get(period__slug="2021-2025", number=6)
    record = SeedRecord.objects.get(model="strategy.goal", key="2021-2025/6")
    record.values.pop("sdgs")  # as if the record was seeded before goals had SDGs
    record.save()
    goal.sdgs.clear()
    load_seed()
    assert set(goal.sdgs.values_list("number", flat=True)) >= {13}
