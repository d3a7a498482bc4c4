"""The alignment review queue: links of any item to goals, SDGs and targets, and the
staff decision on each (engine suggestions count nowhere until a person confirms them).
The workspace's review pages (workspace/views/review.py) call these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from strategy.models import AlignmentLink

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Review = AlignmentLink.Review
STATES = ("pending", "confirmed", "rejected", "all")


def queue(state: str = "pending", kind: str = "", source: str = "") -> QuerySet[AlignmentLink]:
    links = AlignmentLink.objects.select_related(
        "content_type", "goal", "sdg", "target", "reviewed_by"
    )
    if state in Review.values:
        links = links.filter(review_state=state)
    if kind.count(".") == 1:
        app, model = kind.split(".")
        links = links.filter(content_type__app_label=app, content_type__model=model)
    if source in AlignmentLink.Source.values:
        links = links.filter(source=source)
    return links.order_by("-created_at", "-id")


def kinds() -> list[tuple[str, str]]:
    """``(app.model, verbose name)`` of every kind of item that has links."""
    ids = AlignmentLink.objects.values_list("content_type", flat=True).distinct()
    types = ContentType.objects.filter(pk__in=set(ids))
    return sorted(
        (f"{ct.app_label}.{ct.model}", str(ct.model_class()._meta.verbose_name))  # type: ignore[union-attr]
        for ct in types
        if ct.model_class() is not None
    )


def review_link(link: AlignmentLink, decision: str, actor: User) -> AlignmentLink:
    """Confirm or reject a link; who and when are kept on the link and in the audit trail."""
    if actor is None or not actor.has_perm("strategy.change_alignmentlink"):
        raise PermissionDenied
    link.review_state = Review.CONFIRMED if decision == "confirm" else Review.REJECTED
    link.reviewed_by = actor
    link.reviewed_at = timezone.now()
    link.save(update_fields=["review_state", "reviewed_by", "reviewed_at"])
    return link
