"""The project's URLs with the development mailbox, whatever DEV_MAILBOX was at start."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from config import urls as base

urlpatterns: list[URLPattern | URLResolver] = [
    pattern
    for pattern in base.urlpatterns
    if not (isinstance(pattern, URLResolver) and getattr(pattern, "namespace", None) == "devmail")
]
urlpatterns += i18n_patterns(path("staff/dev/", include("ideas.dev_urls")))
handler500 = base.handler500
