"""sitemap.xml: every public page in fi, sv and en, each with its language alternates;
robots.txt names it. tests/test_portal_sitemap.py checks it against the public URLs."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from portal.queries import public_organisations
from portfolio.models import Activity
from strategy.models import Goal, SDGGoal

PAGES = [
    "portal:home",
    "portal:goal_list",
    "portal:activity_list",
    "portal:networks",
    "portal:sdg_list",
    "portal:contact",
    "portal:privacy",
    "portal:accessibility",
    "portal:ai_register",
    "ideas:submit",
    "insights_public:dashboard",
    "opendata:index",
    "opendata:api_docs",
]


def _resolves(name: str) -> bool:
    """A page of an app that is switched off (e.g. the idea form) is left out."""
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(_I18nSitemap):
    def items(self) -> list[str]:
        return [name for name in PAGES if _resolves(name)]

    def location(self, item: str) -> str:
        return reverse(item)


class GoalSitemap(_I18nSitemap):
    def items(self) -> QuerySet[Goal]:
        return Goal.objects.select_related("period").order_by("period__start_year", "number")

    def location(self, item: Goal) -> str:
        return reverse("portal:goal_detail", args=[item.period.slug, item.number])


class SDGSitemap(_I18nSitemap):
    def items(self) -> QuerySet[SDGGoal]:
        return SDGGoal.objects.order_by("number")

    def location(self, item: SDGGoal) -> str:
        return reverse("portal:sdg_detail", args=[item.number])


class _SlugSitemap(_I18nSitemap):
    url_name = ""

    def location(self, item: Any) -> str:
        return reverse(self.url_name, args=[item.slug])


class ActivitySitemap(_SlugSitemap):
    url_name = "portal:activity_detail"

    def items(self) -> QuerySet[Model]:
        return Activity.objects.public().order_by("slug")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class OrganisationSitemap(_SlugSitemap):
    url_name = "portal:organisation_detail"

    def items(self) -> QuerySet[Model]:
        return public_organisations().order_by("slug")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "goals": GoalSitemap,
    "sdgs": SDGSitemap,
    "activities": ActivitySitemap,
    "organisations": OrganisationSitemap,
}


ROBOTS_DISALLOW = (
    "/fi/staff/",
    "/sv/staff/",
    "/en/staff/",
    "/fi/admin/",
    "/sv/admin/",
    "/en/admin/",
)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt: everything public may be crawled; the staff pages not; the sitemap."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
