"""A worker does its one-time work (URL tables per language, templates) before serving."""

from __future__ import annotations

from django.conf import settings
from django.urls import clear_url_caches, get_resolver

from core.warmup import warm_up


def test_warm_up_fills_the_url_table_of_every_language() -> None:
    clear_url_caches()
    try:
        warm_up()
        filled = set(get_resolver()._reverse_dict)
        assert {code for code, _name in settings.LANGUAGES} <= filled
    finally:
        clear_url_caches()


def test_the_wsgi_application_is_warmed_on_import() -> None:
    import config.wsgi

    assert config.wsgi.application is not None
    assert {code for code, _name in settings.LANGUAGES} <= set(get_resolver()._reverse_dict)
