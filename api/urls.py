"""/api/v1/: the REST API, its schema and the open-data files (outside the language prefixes)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import errors, pages, views

app_name = "api"

router = DefaultRouter()
router.register("periods", views.StrategyPeriodViewSet, basename="period")
router.register("goals", views.GoalViewSet, basename="goal")
router.register("sdgs", views.SDGViewSet, basename="sdg")
router.register("sdg-targets", views.SDGTargetViewSet, basename="sdg-target")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("activities", views.ActivityViewSet, basename="activity")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", pages.docs_redirect, name="docs"),
    path("catalog", pages.catalog, name="catalog"),
    re_path(r"^catalog\.(?P<suffix>jsonld|ttl|rdf)$", pages.catalog, name="catalog_file"),
    path("open-data.zip", pages.archive, name="archive"),
    path("open-data/<slug:slug>.<str:fmt>", pages.dataset, name="dataset"),
    path("", include(router.urls)),
    # [\s\S], not ".": an encoded newline (%0A) in the path is a JSON 404 too.
    re_path(r"^(?P<path>[\s\S]*)$", errors.not_found),
]
