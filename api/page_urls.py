"""/<lang>/open-data/: the public open-data page and the API's documentation page."""

from django.urls import path

from api import pages

app_name = "opendata"

urlpatterns = [
    path("", pages.open_data_page, name="index"),
    path("api/", pages.api_docs, name="api_docs"),
]
