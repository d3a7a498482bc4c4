"""Keep each activity's search entry current when the activity is saved.

Deleting an activity deletes its entry through the foreign key's CASCADE.
Bulk ``QuerySet.update()`` bypasses signals: run ``manage.py rebuild_search_index``
after one.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

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
