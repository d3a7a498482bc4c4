from django.urls import path

from eudata import views

app_name = "eudata"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.upload, name="upload"),
    path("imports/", views.run_list, name="run_list"),
    path("imports/<int:pk>/", views.run_detail, name="run_detail"),
    path("city/", views.candidates, name="candidates"),
    path("city/<int:pk>/", views.decide, name="decide"),
]
