from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from portal.links import optional_url as _optional_url

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
