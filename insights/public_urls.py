"""The public dashboard under /<lang>/insights/ (public data only)."""

from django.urls import path

from insights import views

app_name = "insights_public"

urlpatterns = [
    path("", views.public_dashboard, name="dashboard"),
]
