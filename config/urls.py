from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from core.views import bare, favicon
from portal.sitemaps import SITEMAPS, robots_txt

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("favicon.ico", favicon),  # the page links static/img/favicon.svg; this for the rest
    path("", include("ops.urls")),  # /health/live, /health/ready, /metrics
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"}),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v1/", include("api.urls")),  # REST API, schema, open-data files (api/)
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("ideas/", include("ideas.urls")),
    path("staff/eu-data/", include("eudata.urls")),
    path("staff/radar/", include("radar.urls")),
    path("staff/insights/", include("insights.urls")),
    path("staff/accounts/", include("accounts.urls")),
    path("staff/", include("workspace.urls")),
    path("insights/", include("insights.public_urls")),
    path("open-data/", include("api.page_urls")),
    path("", include("portal.urls")),
    prefix_default_language=True,
)

if settings.DEV_MAILBOX:
    # Development only: the mail the system sent, for staff (ideas/devmail.py).
    urlpatterns += i18n_patterns(
        path("staff/dev/", include("ideas.dev_urls")), prefix_default_language=True
    )

if settings.BENCH_VIEWS:
    # The baseline of the benchmarks: the whole middleware stack, no work in the view.
    urlpatterns.append(path("bench/bare/", bare))

# A lost database answers with the "try again" page (503) instead of a 500 (ops/).
handler500 = "ops.views.server_error"
