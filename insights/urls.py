"""Staff insights under /<lang>/staff/insights/ (viewer role and up)."""

from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.staff_dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("export/", views.export, name="export"),
]
