"""Activities in the workspace: the list, the activity page with everything linked to it,
and the forms for the activity and its parts (thin: ``portfolio.actions`` saves)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import EDITOR, VIEWER, staff_view
from core.translated import shown_order
from portfolio import actions
from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from registry.models import NetworkMembership, Partnership
from workspace.forms_portfolio import (
    ActivityForm,
    ActivityLinkForm,
    FundingLineForm,
    MilestoneForm,
    OutcomeForm,
    PartForm,
    ParticipantForm,
)
from workspace.portfolio import ActivityFilter, links_of
from workspace.views.common import is_filtered, page, paged
from workspace.views.editing import delete_page, edit_page, posted

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

SECTION = {"section": "activities"}


@staff_view(VIEWER)
def activity_list(request: HttpRequest) -> HttpResponse:
    filters = ActivityFilter(request.GET)
    context = {
        **SECTION,
        "filters": filters.form,
        "counts": filters.counts(),
        **paged(request, filters.results()),
        "filtered": is_filtered(request),
    }
    return page(request, "activity_list", _("Activities"), context)


def _url(activity: Activity) -> str:
    return reverse("workspace:activity_detail", args=[activity.pk])


@staff_view(VIEWER)
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity: Activity = get_object_or_404(
        Activity.objects.select_related("responsible_unit"), pk=activity_id
    )
    participants = activity.participants.select_related("organisation")
    org_ids = [p.organisation_id for p in participants]
    funding = activity.funding.all()
    totals = funding.aggregate(
        total=Sum("total_budget"), eu=Sum("eu_contribution"), city=Sum("city_share")
    )
    milestones = list(activity.milestones.all())
    average = round(sum(m.progress for m in milestones) / len(milestones)) if milestones else None
    context = {
        **SECTION,
        "activity": activity,
        "participants": participants,
        "funding": funding,
        "totals": totals if len(funding) > 1 else None,
        "milestones": milestones,
        "average_progress": average,
        "outcomes": activity.outcomes.all(),
        "web_links": activity.links.all(),
        "links": [(link, None, None) for link in links_of(activity)],
        "idea": getattr(activity, "source_idea", None),
        "memberships": NetworkMembership.objects.filter(network__in=org_ids)
        .select_related("network")
        .order_by(shown_order("network__name"), "pk"),
        "partnerships": Partnership.objects.filter(partner__in=org_ids)
        .select_related("partner")
        .order_by(shown_order("partner__name"), "pk"),
    }
    return page(request, "activity_detail", str(activity), context)


@staff_view(EDITOR, methods=("GET", "POST"))
def activity_create(request: HttpRequest) -> HttpResponse:
    return _activity_form(request, None)


@staff_view(EDITOR, methods=("GET", "POST"))
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    return _activity_form(request, get_object_or_404(Activity, pk=activity_id))


def _activity_form(request: HttpRequest, activity: Activity | None) -> HttpResponse:
    """The form of a new activity (``None``) or of ``activity``; the activity's page once saved."""
    if activity is None:
        title, back = _("New activity"), reverse("workspace:activity_list")
        saved = _("The activity “%(record)s” was created.")
    else:
        title = _("Edit the activity “%(activity)s”") % {"activity": activity}
        back, saved = _url(activity), _("The activity “%(record)s” was saved.")
    return edit_page(
        request,
        ActivityForm(posted(request), instance=activity),
        title=title,
        back=back,
        save=actions.save_activity,
        done=_url,
        saved_message=saved,
        context=SECTION,
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def activity_delete(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=activity_id)
    return delete_page(
        request,
        activity,
        title=_("Remove the activity “%(activity)s”?") % {"activity": activity},
        back=_url(activity),
        done=reverse("workspace:activity_list"),
        context=SECTION,
    )


@dataclass(frozen=True)
class Part:
    """One kind of part of an activity, edited on its own small pages. The titles are
    whole sentences (no noun pasted into a sentence): fi and sv inflect them."""

    name: str  # URL names: activity_<name>_add, _edit, _delete
    model: type[Model]
    form: type[PartForm]
    anchor: str  # the section of the activity page, also the URL segment
    add_title: Any  # "%(activity)s"
    edit_title: Any  # "%(item)s"
    remove_title: Any  # "%(item)s"


PARTS = {
    part.name: part
    for part in (
        Part(
            "participant",
            Participant,
            ParticipantForm,
            "participants",
            gettext_lazy("Add a participant to “%(activity)s”"),
            gettext_lazy("Edit the participant “%(item)s”"),
            gettext_lazy("Remove the participant “%(item)s”?"),
        ),
        Part(
            "funding",
            FundingLine,
            FundingLineForm,
            "funding",
            gettext_lazy("Add a funding line to “%(activity)s”"),
            gettext_lazy("Edit the funding line “%(item)s”"),
            gettext_lazy("Remove the funding line “%(item)s”?"),
        ),
        Part(
            "milestone",
            Milestone,
            MilestoneForm,
            "milestones",
            gettext_lazy("Add a milestone to “%(activity)s”"),
            gettext_lazy("Edit the milestone “%(item)s”"),
            gettext_lazy("Remove the milestone “%(item)s”?"),
        ),
        Part(
            "outcome",
            Outcome,
            OutcomeForm,
            "outcomes",
            gettext_lazy("Add an outcome to “%(activity)s”"),
            gettext_lazy("Edit the outcome “%(item)s”"),
            gettext_lazy("Remove the outcome “%(item)s”?"),
        ),
        Part(
            "weblink",
            ActivityLink,
            ActivityLinkForm,
            "links",
            gettext_lazy("Add a link to “%(activity)s”"),
            gettext_lazy("Edit the link “%(item)s”"),
            gettext_lazy("Remove the link “%(item)s”?"),
        ),
    )
}


def _part_page(
    request: HttpRequest, part: Part, activity_id: int, item_id: int | None = None
) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=activity_id)
    item = get_object_or_404(part.model, pk=item_id, activity=activity) if item_id else None
    back = f"{_url(activity)}#{part.anchor}"

    def save(
        form: PartForm, actor: User | AnonymousUser, *, expected_version: str | None = None
    ) -> Any:
        return actions.save_part(form, activity, actor, expected_version=expected_version)

    if item is None:
        title = str(part.add_title) % {"activity": activity}
    else:
        title = str(part.edit_title) % {"item": item}
    return edit_page(
        request,
        part.form(posted(request), instance=item, activity=activity),
        title=title,
        back=back,
        save=save,
        done=lambda _record: back,
        saved_message=_("Saved: %(record)s"),
        context={**SECTION, "activity": activity},
    )


def _delete_part(request: HttpRequest, part: Part, activity_id: int, item_id: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=activity_id)
    item = get_object_or_404(part.model, pk=item_id, activity=activity)
    back = f"{_url(activity)}#{part.anchor}"
    return delete_page(
        request,
        item,
        title=str(part.remove_title) % {"item": item},
        back=back,
        done=back,
        context={**SECTION, "activity": activity},
    )


def part_views(name: str) -> tuple[Any, Any, Any]:
    """The add, edit and remove views of one kind of part."""
    part = PARTS[name]

    @staff_view(EDITOR, methods=("GET", "POST"))
    def add(request: HttpRequest, activity_id: int) -> HttpResponse:
        return _part_page(request, part, activity_id)

    @staff_view(EDITOR, methods=("GET", "POST"))
    def edit(request: HttpRequest, activity_id: int, **ids: int) -> HttpResponse:
        return _part_page(request, part, activity_id, ids[f"{name}_id"])

    @staff_view(EDITOR, methods=("GET", "POST"))
    def delete(request: HttpRequest, activity_id: int, **ids: int) -> HttpResponse:
        return _delete_part(request, part, activity_id, ids[f"{name}_id"])

    return add, edit, delete
