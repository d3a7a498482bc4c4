"""Work every process would otherwise do on its first requests, done once at start-up.

Django fills its URL resolver's reverse table lazily, per language (~0.3 s each with
this project's routes), and compiles each template on first use. Left lazy, the first
visitors after every worker (re)start wait over a second, and a freshly started server
serves its first seconds of load at a fraction of its speed (make bench-portal showed
this as "uncached" pages). No database access: the database may not be up yet.
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

TEMPLATES = (
    "base.html",
    "portal/home.html",
    "portal/activity_list.html",
    "portal/activity_detail.html",
    "workspace/activity_list.html",
)


def warm_up() -> None:
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - fills the table for this language
            translation.gettext("Home")  # loads the language's catalogues
    for name in TEMPLATES:
        with contextlib.suppress(TemplateDoesNotExist):
            get_template(name)
