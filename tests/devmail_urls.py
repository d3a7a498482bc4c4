"""The project's URLs with the development mailbox, whatever DEV_MAILBOX was at start."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from config import urls as base


def _is_devmail(pattern: URLPattern | URLResolver) -> bool:
    """The language-prefixed resolver config/urls.py adds with DEV_MAILBOX on."""
    children = pattern.url_patterns if isinstance(pattern, URLResolver) else []
    return any(getattr(child, "namespace", None) == "devmail" for child in children)


urlpatterns: list[URLPattern | URLResolver] = [
    pattern for pattern in base.urlpatterns if not _is_devmail(pattern)
]
urlpatterns += i18n_patterns(path("staff/dev/", include("ideas.dev_urls")))
handler500 = base.handler500
