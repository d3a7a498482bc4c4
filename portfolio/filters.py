"""The activity filters the API (``api.filters.ActivityFilter``) and the staff activity list
(``workspace.portfolio.ActivityFilter``) share, so both list the same activities for the
same ``year`` and the same ``q``."""

from __future__ import annotations

from typing import Any

from core.filters import SearchFilter, YearFilter

# What ``q`` searches: titles and summaries in every language, the identifier, grant
# numbers and participants' names (all of them shown on a public activity's page too).
SEARCH_FIELDS = (
    *(f"{field}_{lang}" for field in ("title", "summary") for lang in ("fi", "sv", "en")),
    "slug",
    "funding__grant_number",
    *(f"organisations__name_{lang}" for lang in ("fi", "sv", "en")),
)


def year_filter(label: Any) -> YearFilter:
    """``?year=``: activities running in that year (``Activity.objects.running_in``)."""
    return YearFilter(label=label)


def search_filter(label: Any, **options: Any) -> SearchFilter:
    """``?q=``: words in an activity's titles, summaries, identifier, grants or participants."""
    return SearchFilter(fields=SEARCH_FIELDS, label=label, **options)
