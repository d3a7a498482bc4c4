"""State changes of the insights app: recording an export of personal data."""

from __future__ import annotations

from typing import Any

from audit.actions import record
from insights.models import Disclosure


def record_export(dataset: str, file_format: str, rows: int, user: Any) -> Disclosure:
    """Keep who exported which personal data, and write it to the audit trail as a disclosure."""
    disclosure = Disclosure.objects.create(
        dataset=dataset,
        file_format=file_format,
        rows=rows,
        by=user if getattr(user, "is_authenticated", False) else None,
    )
    record(
        "disclose",
        disclosure,
        {"dataset": dataset, "format": file_format, "rows": rows, "personal": True},
    )
    return disclosure
