"""Template helpers of the radar: the deadline countdown and match explanations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from radar.models import CallMatch
from radar.parse import DEADLINE_ZONE
from strategy.models import Goal

register = template.Library()


@register.simple_tag
def brussels_time(deadline: datetime | None) -> str:
    """The deadline's time in Brussels, e.g. "17:00 Brussels time" (EU deadlines are set so)."""
    if deadline is None:
        return ""
    local = deadline.astimezone(DEADLINE_ZONE)
    return _("%(time)s Brussels time") % {"time": local.strftime("%H:%M")}


@register.simple_tag
def countdown(deadline: datetime | None, now: datetime | None = None) -> str:
    """ "23 days left", "today", "closed 3 days ago"."""
    if deadline is None:
        return _("no deadline given")
    now = now or timezone.now()
    today = timezone.localdate(now)
    day = timezone.localdate(deadline)
    days = (day - today).days
    if deadline < now:
        passed = max((today - day).days, 0)
        if passed == 0:
            return _("closed today")
        return ngettext("closed %(n)d day ago", "closed %(n)d days ago", passed) % {"n": passed}
    if days == 0:
        return _("closes today")
    return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}


@register.filter
def percent(value: float | None) -> str:
    return f"{round((value or 0) * 100)} %"


@register.simple_tag
def explain(match: CallMatch, goals: dict[int, Goal] | None = None) -> str:
    """A plain-language reason for a match, in the current language."""
    parts = []
    if match.goals:
        names = [str(goals[g]) if goals and g in goals else str(g) for g in match.goals]
        parts.append(_("both serve the goals %(goals)s") % {"goals": "; ".join(names)})
    if match.sdgs:
        parts.append(
            _("both serve SDGs %(sdgs)s") % {"sdgs": ", ".join(str(n) for n in match.sdgs)}
        )
    if match.phrases:
        quoted = ", ".join(f"“{p}”" for p in match.phrases)
        parts.append(_("shared words: %(phrases)s") % {"phrases": quoted})
    if not parts:
        return _("Similar wording, no shared goal or SDG.")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
