"""sitemap.xml: every public page in fi, sv and en, each with its language alternates."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.urls import reverse

from portal.queries import public_activities, public_organisations
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
]


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(_I18nSitemap):
    def items(self) -> list[str]:
        return PAGES

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
        return public_activities().order_by("slug")

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
