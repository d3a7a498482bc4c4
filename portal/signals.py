"""Keep each activity's search entry current when the activity is saved.

Deleting an activity deletes its entry through the foreign key's CASCADE.
Bulk ``QuerySet.update()`` bypasses signals: run ``manage.py rebuild_search_index``
after one.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from portal.cache import forget_pages
from portal.catalogue import forget_facets
from portal.search import index_activity
from portfolio.models import Activity, Participant


@receiver(post_save, sender=Activity, dispatch_uid="portal_index_activity")
def _index_activity(sender: type[Activity], instance: Activity, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        index_activity(instance)


@receiver(post_save, sender=Activity, dispatch_uid="portal_facets_activity")
@receiver(post_delete, sender=Activity, dispatch_uid="portal_facets_activity_deleted")
@receiver(post_save, sender=Participant, dispatch_uid="portal_facets_participant")
@receiver(post_delete, sender=Participant, dispatch_uid="portal_facets_participant_deleted")
def _forget_facets(sender: type, **kwargs: Any) -> None:
    forget_facets()


def _forget_pages(sender: type, **kwargs: Any) -> None:
    forget_pages()


def connect_page_cache() -> None:
    """Any change to what the public pages show starts a new page-cache generation."""
    from django.apps import apps

    for app in ("strategy", "registry", "portfolio"):
        for model in apps.get_app_config(app).get_models():
            uid = f"portal_pages_{model._meta.label_lower}"
            post_save.connect(_forget_pages, sender=model, dispatch_uid=uid + "_saved")
            post_delete.connect(_forget_pages, sender=model, dispatch_uid=uid + "_deleted")
    m2m_changed.connect(_forget_pages, dispatch_uid="portal_pages_m2m")
