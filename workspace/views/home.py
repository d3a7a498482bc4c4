"""The workspace's front page: what needs attention."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import VIEWER, staff_view
from ideas.models import OPEN_STATES, Idea, Status
from strategy.models import AlignmentLink
from workspace.digest import waiting
from workspace.views.common import page


@staff_view(VIEWER)
def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Idea.objects.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    user = request.user if not isinstance(request.user, AnonymousUser) else None
    context = {
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "open": sum(counts.get(state, 0) for state in OPEN_STATES),
        "mine": Idea.objects.filter(assignee=user, status__in=OPEN_STATES).count(),
        "unassigned": Idea.objects.filter(status__in=OPEN_STATES, assignee__isnull=True).count(),
        "overdue": waiting(timezone.now()).count(),
        "pending_links": AlignmentLink.objects.filter(
            review_state=AlignmentLink.Review.PENDING
        ).count(),
    }
    return page(request, "home", _("Staff workspace"), context)
