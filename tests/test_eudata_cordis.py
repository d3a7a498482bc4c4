"""Importing CORDIS exports: what is kept, how it is stored, and what a re-import does."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from eudata.importer import run_import
from eudata.models import EUParticipation, EUProject, ImportRun
from portfolio.models import Activity, FundingLine, Participant
from registry.models import Organisation
from tests import eudata_support as s

pytestmark = pytest.mark.django_db


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    projects, orgs = s.sample()
    topics = [{"projectID": "101000001", "topic": "HORIZON-CL5-2099-01", "title": "Windows"}]
    return s.cordis_zip(tmp_path / "cordis.zip", projects, orgs, topics)


def imported(path: Path | list[Path]) -> ImportRun:
    run = run_import("cordis", path if isinstance(path, list) else [path])
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    return run


def test_project_with_an_espoo_company_becomes_a_private_eu_activity(dump: Path) -> None:
    imported(dump)
    project = EUProject.objects.get(source_id="101000001")
    activity = project.activity
    assert activity is not None
    assert activity.kind == Activity.Kind.EU_PROJECT
    assert activity.public is False
    assert activity.title_en == "OTASOLAR – Solar windows in Otaniemi"
    assert activity.status == Activity.Status.ONGOING
    assert str(activity.start_date) == "2023-01-01"
    assert activity.website == "https://cordis.europa.eu/project/id/101000001"
    assert project.programme == "Horizon Europe"
    assert project.call == "HORIZON-CL5-2099-01"
    assert project.funding_scheme == "HORIZON-RIA"


def test_project_without_espoo_participant_is_not_kept(dump: Path) -> None:
    run = imported(dump)
    assert not EUProject.objects.filter(source_id="101000002").exists()
    assert run.counts["rows"]["skipped"] >= 3  # two organisation rows and the project row


def test_decimal_commas_and_the_bom_are_read(dump: Path) -> None:
    imported(dump)
    project = EUProject.objects.get(source_id="101000001")
    assert project.total_cost == Decimal("1000000.50")
    line = FundingLine.objects.get(activity=project.activity)
    assert line.total_budget == Decimal("1000000.50")
    assert line.eu_contribution == Decimal("900000")
    assert line.grant_number == "101000001"
    espoo = project.participations.get(pic="900000001")
    assert espoo.eu_contribution == Decimal("500000.25")
    assert espoo.total_cost == Decimal("2000.75")


def test_participants_become_organisations_by_pic_with_iso_countries(dump: Path) -> None:
    imported(dump)
    greek = Organisation.objects.get(pic="900000003")
    assert (str(greek.country), greek.kind) == ("GR", "research_institute")
    assert str(Organisation.objects.get(pic="900000004").country) == "GB"
    assert Organisation.objects.get(pic="900000002").kind == "university"
    espoo_company = Organisation.objects.get(pic="900000001")
    assert (espoo_company.kind, espoo_company.city, espoo_company.vat_number) == (
        "company",
        "Espoo",
        "FI12345671",
    )
    roles = set(
        Participant.objects.filter(activity__eu_source__source_id="101000001").values_list(
            "organisation__pic", "role"
        )
    )
    assert ("900000001", "coordinator") in roles
    assert ("900000002", "partner") in roles


def test_topic_titles_come_from_the_topics_file(dump: Path) -> None:
    imported(dump)
    assert EUProject.objects.get(source_id="101000001").topics == [
        "HORIZON-CL5-2099-01",
        "HORIZON-CL5-2099-01 – Windows",
    ]


def test_reimport_of_the_same_file_changes_nothing(dump: Path) -> None:
    imported(dump)
    counts = (Activity.objects.count(), Organisation.objects.count(), Participant.objects.count())
    events = AuditEvent.objects.count()
    run = imported(dump)
    assert run.counts["projects"] == {"unchanged": 2}
    assert (
        Activity.objects.count(),
        Organisation.objects.count(),
        Participant.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events


def test_reimport_updates_what_changed_in_the_source(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    projects[0]["title"] = "Solar windows everywhere"
    projects[0]["status"] = "CLOSED"
    orgs.append(s.org("101000001", "900000008", "NEW PARTNER SRL", "Roma", "IT"))
    run = imported(s.cordis_zip(tmp_path / "b.zip", projects, orgs))
    assert run.counts["projects"] == {"updated": 1, "unchanged": 1}
    activity = s.activity_of("101000001")
    assert activity.title_en == "OTASOLAR – Solar windows everywhere"
    assert activity.status == Activity.Status.COMPLETED
    assert activity.participants.filter(organisation__pic="900000008").exists()
    assert Activity.objects.filter(eu_source__isnull=False).count() == 1


def test_staff_edits_survive_a_reimport(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    activity = s.activity_of("101000001")
    activity.title_fi = "Aurinkoikkunat Otaniemessä"
    activity.public = True
    activity.save()
    projects[0]["title"] = "Changed in the source"
    run = imported(s.cordis_zip(tmp_path / "b.zip", projects, orgs))
    activity.refresh_from_db()
    assert activity.title_fi == "Aurinkoikkunat Otaniemessä"
    assert activity.public is True
    assert run.counts["activities"] == {"kept_edited": 1}
    assert EUProject.objects.get(source_id="101000001").title == "Changed in the source"


def test_publishing_alone_does_not_stop_updates(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    Activity.objects.filter(eu_source__source_id="101000001").update(public=True)
    projects[0]["endDate"] = "2027-06-30"
    imported(s.cordis_zip(tmp_path / "b.zip", projects, orgs))
    activity = s.activity_of("101000001")
    assert (str(activity.end_date), activity.public) == ("2027-06-30", True)


def test_an_activity_staff_deleted_is_not_brought_back(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    s.activity_of("101000001").delete()
    projects[0]["title"] = "Changed"
    run = imported(s.cordis_zip(tmp_path / "b.zip", projects, orgs))
    assert run.counts["activities"] == {"kept_deleted": 1}
    assert EUProject.objects.get(source_id="101000001").activity is None


def test_a_seeded_activity_with_the_same_grant_number_is_adopted_not_overwritten(
    tmp_path: Path,
) -> None:
    seeded = Activity.objects.get(slug="sparcs")
    title = seeded.title_en
    projects = [s.project("864242", acronym="SEEDED")]
    orgs = [s.org("864242", "900000001", "OTANIEMEN AURINKO OY", "Espoo", "FI")]
    run = imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    assert run.counts["activities"] == {"kept_staff": 1}
    assert s.activity_of("864242") == seeded
    seeded.refresh_from_db()
    assert seeded.title_en == title


def test_an_organisation_in_the_registry_is_found_by_name_and_left_alone(tmp_path: Path) -> None:
    vtt = Organisation.objects.get(slug="vtt")
    name = vtt.name_fi
    projects = [s.project("101000009")]
    orgs = [s.org("101000009", "900000009", name.upper(), "ESPOO", "FI", activityType="REC")]
    imported(s.cordis_zip(tmp_path / "a.zip", projects, orgs))
    vtt.refresh_from_db()
    assert vtt.name_fi == name
    assert s.activity_of("101000009").participants.get().organisation == vtt


def test_an_objective_opening_with_a_doubled_quote_keeps_the_file_in_step(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    text = s.quoted_csv(s.PROJECT_COLUMNS, projects)
    text = text.replace(
        '"An invented objective for the tests."',
        '""Smart" windows; they say\nmore light, "and more"."',
        1,
    )
    imported(s.cordis_zip(tmp_path / "q.zip", projects, orgs, project_text=text))
    project = EUProject.objects.get(source_id="101000001")
    assert project.objective == '"Smart" windows; they say\nmore light, "and more".'
    assert project.acronym == "OTASOLAR"
    assert EUProject.objects.get(source_id="101000003").acronym == "CITYLOOK"


def test_a_bad_number_rejects_only_that_row(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    orgs[1]["ecContribution"] = "twelve"
    run = imported(s.cordis_zip(tmp_path / "n.zip", projects, orgs))
    assert run.rejected_total == 1
    assert run.rejections[0]["code"] == "bad_number"
    assert run.rejections[0]["line"] == 3
    project = EUProject.objects.get(source_id="101000001")
    assert project.participations.count() == 3
    assert not project.participations.filter(pic="900000002").exists()


def test_a_bad_date_rejects_that_project_and_keeps_the_others(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    projects[0]["startDate"] = "2023-13-45"
    orgs.append(s.org("101000002", "900000010", "ESBO TEST AB", "Esbo", "FI"))
    run = imported(s.cordis_zip(tmp_path / "d.zip", projects, orgs))
    assert [r["code"] for r in run.rejections] == ["bad_date"]
    assert run.rejections[0]["params"] == {"column": "startDate", "value": "2023-13-45"}
    assert not EUProject.objects.filter(source_id="101000001").exists()
    assert EUProject.objects.filter(source_id="101000002").exists()


def test_a_truncated_zip_fails_and_writes_nothing(dump: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(dump.read_bytes()[:-200])
    before = Activity.objects.count()
    run = run_import("cordis", [broken])
    assert run.status == ImportRun.Status.FAILED
    assert run.error["code"] == "unreadable"
    assert Activity.objects.count() == before
    assert not EUProject.objects.exists()


def test_a_corrupt_member_fails_and_writes_nothing(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    path = s.cordis_zip(tmp_path / "c.zip", projects, orgs)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("project.csv")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 20] = b"\x00" * 20
    path.write_bytes(bytes(data))
    run = run_import("cordis", [path])
    assert run.status == ImportRun.Status.FAILED
    assert not EUProject.objects.exists()


def test_a_file_in_the_wrong_encoding_fails_cleanly(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    orgs[0]["name"] = "ÄÄNEKOSKEN TESTI OY"
    latin = tmp_path / "organization.csv"
    latin.write_bytes(s.quoted_csv(s.ORGANISATION_COLUMNS, orgs).encode("latin-1"))
    project_file = tmp_path / "project.csv"
    project_file.write_text(s.quoted_csv(s.PROJECT_COLUMNS, projects), encoding="utf-8")
    run = run_import("cordis", [project_file, latin])
    assert run.status == ImportRun.Status.FAILED
    assert run.error == {"code": "encoding", "params": {"file": "organization.csv"}}
    assert not EUProject.objects.exists()


def test_missing_columns_fail_cleanly(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    columns = [c for c in s.ORGANISATION_COLUMNS if c not in ("city", "country")]
    path = s.cordis_zip(tmp_path / "m.zip", projects, orgs, org_text=s.quoted_csv(columns, orgs))
    run = run_import("cordis", [path])
    assert run.status == ImportRun.Status.FAILED
    assert run.error["params"]["columns"] == "city, country"


def test_a_file_that_ends_inside_a_row_fails_cleanly(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    text = s.quoted_csv(s.PROJECT_COLUMNS, projects)[:-60]
    run = run_import(
        "cordis", [s.cordis_zip(tmp_path / "t.zip", projects, orgs, project_text=text)]
    )
    assert run.status == ImportRun.Status.FAILED
    assert run.error["code"] == "truncated"


def test_comma_separated_reexports_with_pandas_booleans_are_read(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    for row in orgs:
        row["SME"], row["active"] = "False", "True"
    orgs[0]["postCode"] = "2150"  # the re-export lost the leading zero
    project_file = tmp_path / "h2020_project_subset.csv"
    org_file = tmp_path / "h2020_organization_subset.csv"
    project_file.write_text(s.quoted_csv(s.PROJECT_COLUMNS, projects, ","), encoding="utf-8")
    org_file.write_text(s.quoted_csv(s.ORGANISATION_COLUMNS, orgs, ","), encoding="utf-8")
    run = imported([project_file, org_file])
    assert run.counts["participations"]["espoo"] == 1
    assert s.activity_of("101000001") is not None


def test_minimally_quoted_csv_with_crlf_is_read(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    project_file = tmp_path / "project.csv"
    org_file = tmp_path / "organization.csv"
    project_file.write_text(s.plain_csv(s.PROJECT_COLUMNS, projects, ";"), encoding="utf-8-sig")
    org_file.write_text(s.plain_csv(s.ORGANISATION_COLUMNS, orgs, ";"), encoding="utf-8-sig")
    imported([project_file, org_file])
    assert EUProject.objects.get(source_id="101000001").total_cost == Decimal("1000000.50")


def test_the_json_zip_is_read_like_the_csv(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    for row in orgs:
        row["ecContribution"] = float(row["ecContribution"])  # type: ignore[assignment]
        row["SME"] = False  # type: ignore[assignment]
    imported(s.cordis_json_zip(tmp_path / "cordis-json.zip", projects, orgs))
    project = EUProject.objects.get(source_id="101000001")
    assert project.activity is not None
    assert project.participations.get(pic="900000001").eu_contribution == Decimal("500000.25")


def test_a_truncated_json_file_fails_cleanly(tmp_path: Path) -> None:
    projects, _orgs = s.sample()
    path = tmp_path / "j.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.json", json.dumps(projects)[:-30])
        archive.writestr("organization.json", "[]")
    run = run_import("cordis", [path])
    assert run.status == ImportRun.Status.FAILED
    assert run.error["code"] == "unreadable"


def test_organisation_rows_of_a_missing_project_are_reported(tmp_path: Path) -> None:
    projects, orgs = s.sample()
    run = imported(s.cordis_zip(tmp_path / "p.zip", projects[1:], orgs))
    assert {"file": "project.csv", "line": 0, "code": "unknown_project",
            "params": {"project": "101000001"}} in run.rejections  # fmt: skip


def test_the_command_prints_the_report(dump: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_cordis", str(dump), "--no-progress")
    out = capsys.readouterr().out
    assert "projects: 2 created" in out
    run = ImportRun.objects.get()
    assert run.actor_label == "command:import_cordis"
    assert run.file_name == "cordis.zip"
    assert AuditEvent.objects.filter(actor_label="command:import_cordis").exists()


def test_the_command_fails_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "x.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_cordis", str(broken), "--no-progress")
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_participations_remember_how_they_matched(dump: Path) -> None:
    imported(dump)
    espoo = EUParticipation.objects.get(pic="900000001")
    assert (espoo.espoo_based, espoo.city_match) == (True, "")
    assert (
        EUParticipation.objects.get(pic="900000002", project__source_id="101000001").country == "ES"
    )


def test_a_run_whose_process_died_is_closed_by_the_next_import(dump: Path) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from eudata.report import reason

    killed = ImportRun.objects.create(source="cordis", file_name="big.zip", actor_label="cron")
    ImportRun.objects.filter(pk=killed.pk).update(started_at=timezone.now() - timedelta(hours=3))
    recent = ImportRun.objects.create(source="cordis", file_name="now.zip", actor_label="cron")
    imported(dump)
    killed.refresh_from_db()
    recent.refresh_from_db()
    assert killed.status == ImportRun.Status.FAILED and killed.finished_at is not None
    assert "Run it again" in reason(killed.error["code"], killed.error["params"])
    assert recent.status == ImportRun.Status.RUNNING  # may still be working in another process
