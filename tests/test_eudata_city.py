"""The city's own participation: certain by identifier, or a candidate that staff decide."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from audit.models import AuditEvent
from eudata.actions import decide_city_candidate
from eudata.importer import run_import
from eudata.models import EUParticipation, EUProject, WatchedOrganisation
from portfolio.models import Participant
from registry.models import Organisation
from tests import eudata_support as s

pytestmark = pytest.mark.django_db


def import_sample(tmp_path: Path, name: str = "a.zip") -> EUProject:
    projects, orgs = s.sample()
    run_import("cordis", [s.cordis_zip(tmp_path / name, projects, orgs)])
    return EUProject.objects.get(source_id="101000003")


def test_a_name_only_candidate_counts_nowhere(tmp_path: Path) -> None:
    project = import_sample(tmp_path)
    candidate = project.participations.get(pic="900000006")
    assert candidate.city_match == "candidate"
    assert candidate.organisation is None
    assert project.counts_for_espoo is False
    assert project.activity is None
    assert not Organisation.objects.filter(pic="900000006").exists()


def test_confirming_a_candidate_makes_it_the_citys_participation(
    tmp_path: Path, sune: User
) -> None:
    project = import_sample(tmp_path)
    candidate = project.participations.get(pic="900000006")
    decide_city_candidate(sune, candidate, confirm=True)
    project.refresh_from_db()
    espoo = Organisation.objects.get(slug="espoo")
    assert project.counts_for_espoo
    activity = s.activity_of("101000003")
    assert activity.participants.filter(organisation=espoo, role="partner").exists()
    assert AuditEvent.objects.filter(model="eudata.euparticipation", actor=sune).exists()


def test_a_decision_is_kept_when_the_project_is_imported_again(tmp_path: Path, sune: User) -> None:
    project = import_sample(tmp_path)
    decide_city_candidate(sune, project.participations.get(pic="900000006"), confirm=True)
    projects, orgs = s.sample()
    projects[2]["title"] = "Changed, so the project is written again"
    run_import("cordis", [s.cordis_zip(tmp_path / "b.zip", projects, orgs)])
    again = EUParticipation.objects.get(pic="900000006")
    assert (again.city_match, again.decided_by) == ("confirmed", sune)
    assert again.organisation == Organisation.objects.get(slug="espoo")


def test_rejecting_a_candidate_makes_it_an_ordinary_organisation(
    tmp_path: Path, sune: User
) -> None:
    project = import_sample(tmp_path)
    decide_city_candidate(sune, project.participations.get(pic="900000006"), confirm=False)
    rejected = EUParticipation.objects.get(pic="900000006")
    assert rejected.city_match == "rejected"
    assert rejected.organisation is not None
    assert rejected.organisation.pic == "900000006"
    project.refresh_from_db()
    assert project.counts_for_espoo is False


def test_only_staff_with_the_permission_decide(tmp_path: Path, pekka: User) -> None:
    project = import_sample(tmp_path)
    with pytest.raises(PermissionDenied):
        decide_city_candidate(pekka, project.participations.get(pic="900000006"), confirm=True)


@override_settings(EUDATA_CITY_PICS=["900000006"])
def test_the_citys_pic_makes_it_certain_and_links_the_city_record(tmp_path: Path) -> None:
    project = import_sample(tmp_path)
    city = project.participations.get(pic="900000006")
    assert city.city_match == "certain"
    assert city.organisation == Organisation.objects.get(slug="espoo")
    assert project.counts_for_espoo
    line = project.funding_line
    assert line is not None and line.city_share == city.eu_contribution
    assert not Organisation.objects.filter(pic="900000006").exists()


def test_a_watched_organisation_brings_its_projects_in(tmp_path: Path) -> None:
    WatchedOrganisation.objects.create(name="Turun Tuuli", pic="900000005")
    projects, orgs = s.sample()
    run_import("cordis", [s.cordis_zip(tmp_path / "w.zip", projects, orgs)])
    project = EUProject.objects.get(source_id="101000002")
    assert project.counts_for_espoo
    assert Participant.objects.filter(
        activity=project.activity, organisation__pic="900000005"
    ).exists()


def test_a_decision_on_an_edited_activity_adds_only_that_participant(
    tmp_path: Path, sune: User
) -> None:
    projects, orgs = s.sample()
    orgs.append(s.org("101000003", "900000011", "OTANIEMEN TESTI OY", "Espoo", "FI"))
    run_import("cordis", [s.cordis_zip(tmp_path / "a.zip", projects, orgs)])
    activity = s.activity_of("101000003")
    activity.title_fi = "Staff's own title"
    activity.save()
    candidate = EUParticipation.objects.get(pic="900000006")
    decide_city_candidate(sune, candidate, confirm=True)
    activity.refresh_from_db()
    assert activity.title_fi == "Staff's own title"
    espoo = Organisation.objects.get(slug="espoo")
    assert activity.participants.filter(organisation=espoo).exists()
