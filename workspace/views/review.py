"""The alignment review queue: confirm or reject links of any item to goals and SDGs
(thin: ``strategy.review`` lists and decides)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accounts.roles import EDITOR, VIEWER, staff_user, staff_view
from strategy import review
from strategy.models import AlignmentLink, current_goal_period, newer_incomplete_period
from workspace.forms import ReviewForm
from workspace.views.common import page, paginate, safe_back

# Items with a page of their own in the workspace; others open in the Django admin.
WORKSPACE_PAGES = {
    "ideas.idea": "idea_detail",
    "portfolio.activity": "activity_detail",
    "registry.organisation": "organisation_detail",
    "registry.networkmembership": "membership_detail",
    "registry.partnership": "partnership_detail",
}


def item_url(link: AlignmentLink) -> str | None:
    """Where staff open the linked item: its workspace page, else the admin."""
    ct = link.content_type
    if name := WORKSPACE_PAGES.get(f"{ct.app_label}.{ct.model}"):
        return reverse(f"workspace:{name}", args=[link.object_id])
    try:
        return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[link.object_id])
    except NoReverseMatch:
        return None


def kind_label(link: AlignmentLink) -> str:
    model = link.content_type.model_class()
    return str(model._meta.verbose_name) if model else link.content_type.model


@staff_view(VIEWER)
def alignment_queue(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "pending")
    state = state if state in review.STATES else "pending"
    kind = request.GET.get("kind", "")
    source = request.GET.get("source", "")
    current, numbers = paginate(request, review.queue(state, kind, source))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(link, item_url(link), kind_label(link)) for link in current]
    context = {
        "state": state,
        "kind": kind,
        "source": source,
        "states": [
            ("pending", _("Pending")),
            ("confirmed", _("Confirmed")),
            ("rejected", _("Rejected")),
            ("all", _("All")),
        ],
        "kinds": review.kinds(),
        "sources": AlignmentLink.Source.choices,
        "page": current,
        "page_numbers": numbers,
        "query": query,
        "rows": rows,
        "back": request.get_full_path(),
        "goal_period": current_goal_period(),
        "newer_period": newer_incomplete_period(),
    }
    return page(request, "alignment_queue", _("Alignment review"), context)


@staff_view(EDITOR, methods=("POST",))
def alignment_review(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(AlignmentLink, pk=link_id)
    form = ReviewForm(request.POST)
    back = safe_back(request, request.POST.get("back"), reverse("workspace:alignment_queue"))
    if not form.is_valid():
        messages.error(request, _("Choose confirm or reject."))
        return redirect(back)
    review.review_link(link, form.cleaned_data["decision"], staff_user(request))
    if link.review_state == AlignmentLink.Review.CONFIRMED:
        messages.success(request, _("Confirmed: %(link)s") % {"link": str(link)})
    else:
        messages.success(request, _("Rejected: %(link)s") % {"link": str(link)})
    return redirect(back)
