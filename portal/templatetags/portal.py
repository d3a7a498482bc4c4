from __future__ import annotations

import datetime
import functools
from typing import Any

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from core.templatetags.choices import choice_label
from portal.links import optional_url as _optional_url
from portfolio.models import Activity

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """``{% optional_url "ideas:submit" as url %}{% if url %}…{% endif %}``"""
    return _optional_url(name, *args)


@register.simple_tag
def page_query(query: QueryDict, page: int) -> str:
    """The current query string with another page number, for pagination links."""
    params = query.copy()
    params["page"] = str(page)
    return params.urlencode()


@register.simple_tag(takes_context=True)
def hreflang_links(context: Any) -> list[dict[str, str]]:
    """This page's address in each language (absolute) and x-default (the default language)."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    links = [
        {"code": code, "url": request.build_absolute_uri(translate_url(path, code))}
        for code, _name in settings.LANGUAGES
    ]
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"code": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def language_links(context: Any) -> list[dict[str, Any]]:
    """This page in each language: plain links, so public pages carry no per-visitor token."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@functools.lru_cache(maxsize=8192)
def _date(day: datetime.date, language: str) -> str:
    """A date in the language's DATE_FORMAT (Django's formatter parses the format each time)."""
    return formats.date_format(day)


@register.simple_tag
def activity_dates(activity: Activity) -> str:
    """E.g. "1.1.2024–30.6.2025", "from …", "until …" or nothing (as in the page language)."""
    start, end = activity.start_date, activity.end_date
    language = get_language() or settings.LANGUAGE_CODE
    if start and end:
        return _("%(start)s–%(end)s") % {
            "start": _date(start, language),
            "end": _date(end, language),
        }
    if start:
        return _("from %(start)s") % {"start": _date(start, language)}
    if end:
        return _("until %(end)s") % {"end": _date(end, language)}
    return ""


@register.simple_tag
def activity_meta(activity: Activity) -> str:
    """The catalogue's line under a title: kind · status · dates."""
    parts = [capfirst(choice_label(activity, "kind")), choice_label(activity, "status")]
    if activity.start_date:
        parts.append(activity_dates(activity))
    return " · ".join(parts)
