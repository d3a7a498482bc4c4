from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadarConfig(AppConfig):
    name = "radar"
    verbose_name = _("EU funding radar")
    default_auto_field = "django.db.models.BigAutoField"
