"""The alignment engine's public AI register entry: its figures come from the last benchmark run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

MEASURED = Path(settings.BASE_DIR) / "alignment" / "measured.json"


def measured() -> dict[str, Any] | None:
    """What ``make bench-alignment`` wrote last, or None when it has not been run."""
    try:
        figures = json.loads(MEASURED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(figures, dict):
        return None
    try:
        figures["measured_on"] = date.fromisoformat(str(figures.get("measured_on")))
    except ValueError:
        figures["measured_on"] = None
    own = figures.get("own_set") or {}
    figures["own_rows"] = [
        {"language": code, **own[code]} for code in ("fi", "sv", "en") if code in own
    ]
    return figures
