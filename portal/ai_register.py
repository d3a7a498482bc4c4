"""The alignment engine's public AI register entry: its figures come from the last benchmark run.

One source: ``alignment/measured.json``, written by ``make bench-alignment``
(bench/bench_alignment.py) — the own set per language with the trust figures
(evidence precision, non-ideas recognised, real ideas set aside), the evidence
audit overall (``trust``) and the other-language texts read by the transformer.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MEASURED = Path(settings.BASE_DIR) / "alignment" / "measured.json"

# Languages the team's other-language test texts are written in (the transformer path).
OTHER_LANGUAGES = {"de": _("German"), "et": _("Estonian"), "ru": _("Russian")}


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
    other = figures.get("other_languages") or {}
    figures["other_rows"] = [
        {"language": code, "name": OTHER_LANGUAGES.get(code, code), **other[code]}
        for code in sorted(other)
        if isinstance(other[code], dict)
    ]
    return figures
