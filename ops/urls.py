"""Outside the language prefixes: probes and scrapers ask for fixed paths."""

from django.urls import path

from ops import views

app_name = "ops"

urlpatterns = [
    path("health/live", views.live, name="live"),
    path("health/ready", views.ready, name="ready"),
    path("metrics", views.metrics_view, name="metrics"),
]
