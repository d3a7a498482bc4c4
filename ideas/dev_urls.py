from django.urls import path

from ideas import dev_views

app_name = "devmail"

urlpatterns = [path("mail/", dev_views.mailbox, name="mailbox")]
