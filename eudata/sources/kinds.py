"""An organisation kind from what a source says about it, when it has no CORDIS activity type."""

from __future__ import annotations

import re

_RULES = [
    ("city", r"local public authority|municipal|kaupunki|kunta|\bstad\b|\bcity\b|kommun"),
    ("university", r"higher education|universit|yliopisto|korkeakoulu|högskola|hochschule"),
    ("research_institute", r"research|tutkimus|forskning"),
    ("government", r"public authority|ministry|agency|virasto"),
    ("school", r"\bschool\b|koulu|skola|education and training"),
    ("ngo", r"\bngo\b|non-profit|association|yhdistys|förening|interest group|foundation|säätiö"),
    ("company", r"enterprise|\bsme\b|\boy\b|\boyj\b|\bab\b|\bltd\b|\bgmbh\b|company|business"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _RULES]


def kind_from_text(*texts: str) -> str:
    for text in texts:
        for kind, pattern in _COMPILED:
            if text and pattern.search(text):
                return kind
    return "other"
