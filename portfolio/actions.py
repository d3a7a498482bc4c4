"""Changes to activities and their parts (participants, funding lines, milestones,
outcomes, links) from staff forms. They go through the registry's save and remove
functions, which check the permission, lock the row and refuse a stale form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.forms import ModelForm
from django.utils.translation import gettext as _

from portfolio.models import Activity
from registry.actions import Refused, StaleRecord, delete_record, save_form, version_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

__all__ = [
    "Refused",
    "StaleRecord",
    "delete_record",
    "save_activity",
    "save_part",
    "version_of",
]


def save_activity(
    form: ModelForm[Activity], actor: User | AnonymousUser, *, expected_version: str | None = None
) -> Activity:
    return save_form(form, actor, expected_version=expected_version)


def save_part(
    form: ModelForm[Any],
    activity: Activity,
    actor: User | AnonymousUser,
    *,
    expected_version: str | None = None,
) -> Any:
    """Add or change one part of ``activity``; a part cannot move to another activity."""
    if form.instance.pk and form.instance.activity_id != activity.pk:
        raise Refused(_("This item belongs to another activity."))
    form.instance.activity = activity
    return save_form(form, actor, expected_version=expected_version)
