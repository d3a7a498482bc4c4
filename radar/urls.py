"""The funding radar under /<lang>/staff/radar/ (docs/radar.md). Every view is wrapped in
``accounts.roles.staff_view``."""

from django.urls import path

from radar import views

app_name = "radar"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("calls/<int:call_id>/", views.call_detail, name="call_detail"),
    path("calls/<int:call_id>/deadlines.ics", views.call_ics, name="call_ics"),
    path("deadlines.ics", views.list_ics, name="list_ics"),
    path("calls.xlsx", views.list_xlsx, name="list_xlsx"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("import/", views.upload, name="upload"),
    path("fetch/", views.fetch, name="fetch"),
    path("runs/<int:run_id>/", views.run_detail, name="run_detail"),
    path("watch/", views.watch, name="watch"),
]
