from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("International Espoo — staff administration")
admin.site.site_title = _("International Espoo")
admin.site.index_title = _("Strategy, registry and portfolio")
