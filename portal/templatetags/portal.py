from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

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
