from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EudataConfig(AppConfig):
    name = "eudata"
    verbose_name = _("EU open data")
