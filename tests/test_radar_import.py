"""Calls from CSV and JSON files: good rows imported, bad rows reported by line,
bad files refused."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from radar.fileimport import ImportFailed, import_file, parse_file
from radar.models import Call
from tests.radar_fixtures.fake_portal import fixture

pytestmark = pytest.mark.django_db


def test_a_good_csv_is_imported_with_all_fields() -> None:
    run = import_file("calls_good.csv", fixture("calls_good.csv"))
    assert run.counts["new"] == 2 and run.counts["rejected"] == 0
    interreg = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    assert interreg.source == "file" and interreg.programme == "Interreg Baltic Sea Region"
    assert interreg.grant_min == 500_000 and interreg.grant_max == 3_000_000
    assert interreg.eligibility.startswith("Partners from at least three")
    assert interreg.deadlines.count() == 1 and interreg.status == "open"
    smart = Call.objects.get(call_id="BF-2026-SMART")
    assert smart.status == "open"  # from its dates
    assert smart.deadlines.get().at.strftime("%H:%M") == "16:15"


def test_a_json_file_with_two_deadlines_is_two_stage() -> None:
    import_file("calls.json", fixture("calls.json"))
    call = Call.objects.get(call_id="ERASMUS-KA2-2026-YOUTH")
    assert call.deadline_model == "two-stage" and call.deadlines.count() == 2
    assert call.total_budget == 800_000


def test_reimporting_the_same_file_changes_nothing() -> None:
    import_file("calls_good.csv", fixture("calls_good.csv"))
    run = import_file("calls_good.csv", fixture("calls_good.csv"))
    assert run.counts["unchanged"] == 2 and run.counts["new"] == 0
    assert Call.objects.count() == 2


def test_bad_rows_are_reported_with_their_lines_and_left_out() -> None:
    run = import_file("calls_bad.csv", fixture("calls_bad.csv"))
    assert list(Call.objects.values_list("call_id", flat=True)) == ["OK-1"]
    problems = "\n".join(run.problems)
    assert "Line 3: call_id or topic_id is required" in problems
    assert "Line 4: “31.12.2026” is not a date" in problems
    assert "Line 5: grant_min is larger than grant_max" in problems
    assert "Line 6: the url must start with https://" in problems
    assert "Line 7: status must be one of" in problems


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("calls.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("calls.json", b'[{"call_id": ', "not valid JSON"),
        ("calls.json", b'{"a": 1}', "must hold a list"),
        ("calls.csv", b"name;when\nx;y\n", "Required columns are missing"),
        ("calls.txt", b"call_id,title,programme\n", "Give a .csv or .json file"),
    ],
)
def test_an_unreadable_file_changes_nothing(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        import_file(name, content)
    assert not Call.objects.exists()


def test_a_fatal_error_after_good_rows_imports_none_of_them() -> None:
    content = fixture("calls_good.csv") + b'"unterminated;quote\n'
    parsed = parse_file("calls.csv", content)
    assert parsed.calls  # the good rows were read …
    broken = b"call_id,title,programme\n" + b"\x00" * 3
    with pytest.raises(ImportFailed):
        import_file("calls.csv", broken)
    assert not Call.objects.exists()


def test_the_command_reports_and_fails_on_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "calls.csv"
    good.write_bytes(fixture("calls_bad.csv"))
    out = StringIO()
    call_command("import_calls", str(good), stdout=out)
    assert "1 new" in out.getvalue() and "5 rows with errors" in out.getvalue()
    bad = tmp_path / "broken.json"
    bad.write_text("[", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_calls", str(bad), stdout=StringIO())


def test_formula_looking_titles_are_kept_as_text(settings: Any) -> None:
    content = b'call_id,title,programme\nF-1,=HYPERLINK("x"),Regional fund\n'
    import_file("calls.csv", content)
    assert Call.objects.get().title == '=HYPERLINK("x")'
