"""The two export records merged into one (audit/migrations/0003_one_disclosure_record.py):
every row of ``workspace.DataExport`` and ``insights.Disclosure`` is copied into
``audit.Disclosure`` with its time, author, count and criteria, and copied back when the
migration is reversed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("audit", "0002_login_actions"),
    ("workspace", "0002_throttle"),
    ("insights", "0001_initial"),
]
AFTER = [
    ("audit", "0003_one_disclosure_record"),
    ("workspace", "0003_delete_dataexport_moved_to_audit"),
    ("insights", "0002_delete_disclosure_moved_to_audit"),
]


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to ``targets``; the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def outside_transactions(django_db_blocker: Any) -> Any:
    """Migrations cannot run inside the per-test transaction (SQLite refuses), and a
    transactional test would flush the session's seeded data. So this test runs outside
    both, and puts everything back: the latest migrations, and none of its rows."""
    with django_db_blocker.unblock():
        from audit.models import AuditEvent

        first_event = (AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
        try:
            yield
        finally:
            executor = MigrationExecutor(connection)
            executor.migrate(executor.loader.graph.leaf_nodes())
            from django.contrib.auth.models import User

            from audit.models import Disclosure

            Disclosure.objects.filter(criteria__has_key="migrated_from").delete()
            User.objects.filter(username="mig-ada").delete()
            AuditEvent.objects.filter(pk__gt=first_event).delete()


def test_the_merge_copies_every_export_and_reverses(outside_transactions: Any) -> None:
    old = migrate(BEFORE)
    ada = old.get_model("auth", "User").objects.create(username="mig-ada")
    DataExport = old.get_model("workspace", "DataExport")
    OldDisclosure = old.get_model("insights", "Disclosure")
    at = [datetime(2026, 1, day, 12, tzinfo=UTC) for day in (1, 2, 3)]
    person = DataExport.objects.create(
        kind="person_json", criteria={"ideas": ["EI-1"], "contacts": [4]}, rows=3, by=ada, at=at[2]
    )
    trail = DataExport.objects.create(
        kind="audit_csv", criteria={"model": "ideas.idea"}, rows=40, by=None, at=at[0]
    )
    dataset = OldDisclosure.objects.create(dataset="ideas", file_format="xlsx", rows=7, by=ada)
    OldDisclosure.objects.filter(pk=dataset.pk).update(at=at[1])

    new = migrate(AFTER)
    Disclosure = new.get_model("audit", "Disclosure")
    rows = [
        (d.kind, d.file_format, d.rows, d.by_id, d.at, d.criteria)
        for d in Disclosure.objects.order_by("pk")
    ]
    assert rows == [  # oldest first, whichever table it came from
        (
            "audit_trail", "csv", 40, None, at[0],
            {"model": "ideas.idea", "migrated_from": f"workspace.dataexport:{trail.pk}"},
        ),
        (
            "dataset", "xlsx", 7, ada.pk, at[1],
            {"dataset": "ideas", "personal": True,
             "migrated_from": f"insights.disclosure:{dataset.pk}"},
        ),
        (
            "person", "json", 3, ada.pk, at[2],
            {"ideas": ["EI-1"], "contacts": [4],
             "migrated_from": f"workspace.dataexport:{person.pk}"},
        ),
    ]  # fmt: skip
    table_names = connection.introspection.table_names()
    assert "workspace_dataexport" not in table_names
    assert "insights_disclosure" not in table_names

    old = migrate(BEFORE)
    exports = old.get_model("workspace", "DataExport").objects.order_by("at")
    assert [(e.kind, e.rows, e.by_id, e.at, e.criteria) for e in exports] == [
        ("audit_csv", 40, None, at[0], {"model": "ideas.idea"}),
        ("person_json", 3, ada.pk, at[2], {"ideas": ["EI-1"], "contacts": [4]}),
    ]
    back = old.get_model("insights", "Disclosure").objects.get()
    assert (back.dataset, back.file_format, back.rows, back.by_id, back.at) == (
        "ideas", "xlsx", 7, ada.pk, at[1],
    )  # fmt: skip
