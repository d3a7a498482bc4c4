"""The staff pages: an editor uploads a CORDIS zip and sees Espoo's projects and partners."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from eudata.importer import run_import
from eudata.models import EUParticipation, EUProject, ImportRun
from registry.models import Organisation
from tests import eudata_support as s
from tests.personas import login

pytestmark = pytest.mark.django_db
PAGES = ["eudata:overview", "eudata:upload", "eudata:run_list", "eudata:candidates"]


@pytest.fixture
def editor(pekka: User) -> User:
    """Pekka, given the editor role of the international team (which carries the EU-data
    permissions): the one staff gate asks for a workspace role as well as the permission."""
    from accounts.roles import EDITOR, setup_roles

    setup_roles()
    pekka.groups.add(Group.objects.get(name=EDITOR))
    return User.objects.get(pk=pekka.pk)


def sample_zip(tmp_path: Path) -> SimpleUploadedFile:
    projects, orgs = s.sample()
    path = s.cordis_zip(tmp_path / "cordis-HORIZONprojects-csv.zip", projects, orgs)
    return SimpleUploadedFile(path.name, path.read_bytes(), "application/zip")


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_login(client: Client, page: str) -> None:
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_users_without_a_role_are_refused(client: Client, ulla: User, page: str) -> None:
    assert login(client, ulla).get(reverse(page)).status_code == 403


def test_the_workspace_roles_reach_eu_data(client: Client) -> None:
    """A viewer reads the EU data pages; an editor also imports files."""
    from tests.personas import person

    vera, eddie = person("vera"), person("eddie")
    login(client, vera)
    assert client.get(reverse("eudata:overview")).status_code == 200
    assert client.get(reverse("eudata:candidates")).status_code == 200
    assert client.get(reverse("eudata:upload")).status_code == 403
    login(client, eddie)
    assert client.get(reverse("eudata:upload")).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_staff_without_the_permission_are_refused(client: Client, pekka: User, page: str) -> None:
    assert login(client, pekka).get(reverse(page)).status_code == 403


def test_an_editor_uploads_a_cordis_zip_and_sees_the_espoo_projects(
    client: Client, editor: User, tmp_path: Path
) -> None:
    login(client, editor)
    response = client.post(
        reverse("eudata:upload"), {"source": "cordis", "file": sample_zip(tmp_path)}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file was imported." in html
    assert "cordis-HORIZONprojects-csv.zip" in html
    run = ImportRun.objects.get()
    assert (run.user, run.actor_label, run.status) == (editor, "pekka", "succeeded")

    overview = client.get(reverse("eudata:overview")).content.decode()
    assert "OTASOLAR" in overview
    assert "OTANIEMEN AURINKO OY" in overview
    assert "UNIVERSIDAD INVENTADA" in overview  # a partner abroad
    assert "Spain" in overview and "Greece" in overview
    assert "Horizon Europe" in overview
    assert "TURKUWIND" not in overview
    assert "1 participant looks like the City of Espoo" in overview


def test_a_broken_upload_shows_the_reason_and_changes_nothing(client: Client, editor: User) -> None:
    login(client, editor)
    broken = SimpleUploadedFile("cordis.zip", b"PK\x03\x04broken", "application/zip")
    response = client.post(
        reverse("eudata:upload"), {"source": "cordis", "file": broken}, follow=True
    )
    html = response.content.decode()
    assert "could not be imported; nothing was changed" in html
    assert "cannot be read" in html
    assert not EUProject.objects.exists()


@override_settings(EUDATA_UPLOAD_MAX_MB=1)
def test_a_file_over_the_size_limit_is_refused_with_the_command_to_use(
    client: Client, editor: User
) -> None:
    login(client, editor)
    big = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + 1), "text/csv")
    response = client.post(reverse("eudata:upload"), {"source": "kohesio", "file": big})
    assert response.status_code == 200
    assert "manage.py import_kohesio" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused(client: Client, editor: User) -> None:
    login(client, editor)
    wrong = SimpleUploadedFile("projects.csv", b"a,b\n", "text/csv")
    response = client.post(reverse("eudata:upload"), {"source": "keepeu", "file": wrong})
    assert "must end in .xlsx" in response.content.decode()


def test_the_history_shows_who_imported_which_file_and_the_rejections(
    client: Client, editor: User, tmp_path: Path
) -> None:
    projects, orgs = s.sample()
    orgs[1]["ecContribution"] = "twelve"
    run = run_import("cordis", [s.cordis_zip(tmp_path / "bad-number.zip", projects, orgs)])
    login(client, editor)
    listing = client.get(reverse("eudata:run_list")).content.decode()
    assert "bad-number.zip" in listing
    detail = client.get(reverse("eudata:run_detail", args=[run.pk])).content.decode()
    assert "ecContribution is not a number: twelve" in detail
    assert "1 rejected row" in detail


def test_a_candidate_is_confirmed_with_a_post(client: Client, editor: User, tmp_path: Path) -> None:
    projects, orgs = s.sample()
    run_import("cordis", [s.cordis_zip(tmp_path / "a.zip", projects, orgs)])
    candidate = EUParticipation.objects.get(city_match="candidate")
    login(client, editor)
    page = client.get(reverse("eudata:candidates")).content.decode()
    assert "ESPOON KAUPUNKI" in page
    assert client.get(reverse("eudata:decide", args=[candidate.pk])).status_code == 405
    response = client.post(reverse("eudata:decide", args=[candidate.pk]), {"decision": "confirm"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.city_match == "confirmed"
    assert candidate.organisation == Organisation.objects.get(slug="espoo")


def test_deciding_needs_the_csrf_token(editor: User, tmp_path: Path) -> None:
    projects, orgs = s.sample()
    run_import("cordis", [s.cordis_zip(tmp_path / "a.zip", projects, orgs)])
    candidate = EUParticipation.objects.get(city_match="candidate")
    client = login(Client(enforce_csrf_checks=True), editor)
    response = client.post(reverse("eudata:decide", args=[candidate.pk]), {"decision": "confirm"})
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.city_match == "candidate"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pages_open_in_three_languages(client: Client, sune: User, language: str) -> None:
    login(client, sune)
    for page in PAGES:
        response = client.get(
            f"/{language}/staff/eu-data/" + reverse(page).split("/eu-data/", 1)[1]
        )
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.content.decode()
