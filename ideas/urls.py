from django.urls import path

from ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("submitted/<str:signed>/", views.submitted, name="submitted"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("status/<str:token>/reply/", views.reply, name="reply"),
]
