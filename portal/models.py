"""The portal's own data: a search index of activities (derived, rebuilt at will)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import link
from portfolio.models import Activity


class SearchEntry(models.Model):
    """Stemmed words of one activity's title, summary and description in fi, sv and en.

    ``tokens`` is a space-separated string that starts and ends with a space, so
    a whole stem is found with ``contains=" stem "`` and a prefix with ``" stem"``.
    Derived data: ``manage.py rebuild_search_index`` recreates it from the activities.
    """

    activity = link(Activity, _("activity"), "search_entry", one_to_one=True)
    tokens = models.TextField(_("search words"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return str(self.activity_id)
