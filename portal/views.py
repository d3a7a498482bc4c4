"""Public pages. Views only pick the data (see queries.py, catalogue.py) and render."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import queries
from portal.ai_register import measured
from portal.cache import cached_page
from portal.catalogue import CatalogueForm, catalogue_page
from portal.fragments import reverse_in
from portal.templatetags.portal import activity_meta
from registry.models import CityUnit, TargetMarket
from strategy.models import (
    Commitment,
    Goal,
    Pillar,
    SDGGoal,
    current_goal_period,
    newer_incomplete_period,
)

# When the accessibility statement was last reviewed against the service; update with it.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 27)


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """What International Espoo is: pillars, current goals, commitments, a call to action."""
    period = current_goal_period()
    goals = Goal.objects.filter(period=period).select_related("period").prefetch_related("pillars")
    return render(
        request,
        "portal/home.html",
        {
            "pillars": Pillar.objects.all(),
            "period": period,
            "newer_period": newer_incomplete_period(),
            "goals": goals,
            "commitments": Commitment.objects.select_related("goal__period").prefetch_related(
                "reports"
            ),
        },
    )


@cached_page
def goal_list(request: HttpRequest) -> HttpResponse:
    coming = newer_incomplete_period()
    context = {
        # A coming period has a section of its own (with the goals entered so far).
        "periods": [period for period in queries.goal_periods() if period != coming],
        "current": current_goal_period(),
        "coming": coming,
    }
    return render(request, "portal/goal_list.html", context)


@cached_page
def goal_detail(request: HttpRequest, period: str, number: int) -> HttpResponse:
    goal: Goal = get_object_or_404(
        Goal.objects.select_related("period").prefetch_related("pillars"),
        period__slug=period,
        number=number,
    )
    return render(
        request,
        "portal/goal_detail.html",
        {
            "goal": goal,
            "commitments": goal.commitments.prefetch_related("reports"),
            "aligned": queries.aligned_items(Q(goal=goal)),
        },
    )


@cached_page
def sdg_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sdg_list.html", {"sdgs": SDGGoal.objects.all()})


@cached_page
def sdg_detail(request: HttpRequest, number: int) -> HttpResponse:
    sdg: SDGGoal = get_object_or_404(SDGGoal.objects.prefetch_related("targets"), number=number)
    return render(
        request,
        "portal/sdg_detail.html",
        {"sdg": sdg, "aligned": queries.aligned_items(queries.sdg_condition(sdg))},
    )


@cached_page
def activity_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueForm(request.GET)
    form.is_valid()  # a bad value is reported on the form and left out of cleaned_data
    data = form.cleaned_data
    page, rows = catalogue_page(data, request.GET.get("page"))
    for row in rows:
        row["meta"] = activity_meta(row)  # kind · status · dates, in the page language
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/activity_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "query": query,
            "filtered": any(value for name, value in data.items() if name != "sort"),
            # This page's address: the form's action and, + slug + "/", an activity's page
            # (portal/urls.py); one reverse() kept per process instead of one per row.
            "activities_url": reverse_in(
                "portal:activity_list", (), {}, get_language() or settings.LANGUAGE_CODE
            ),
        },
    )


@cached_page
def activity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    activity = queries.activity_detail(slug)
    if activity is None:
        raise Http404
    goals, sdgs = queries.item_alignment(activity)
    return render(
        request,
        "portal/activity_detail.html",
        {"activity": activity, "goals": goals, "sdgs": sdgs},
    )


@cached_page
def networks(request: HttpRequest) -> HttpResponse:
    partnerships = list(queries.public_partnerships())
    return render(
        request,
        "portal/networks.html",
        {
            "title": _("Networks and partners"),
            "description": _(
                "The networks Espoo is a member of, its partner cities and Enter Espoo's target "
                "markets."
            ),
            "memberships": queries.public_memberships(),
            "friendships": [p for p in partnerships if p.kind != p.Kind.SISTER_CITY],
            "twin_towns": [p for p in partnerships if p.kind == p.Kind.SISTER_CITY],
            "markets": TargetMarket.objects.select_related("responsible_unit"),
        },
    )


@cached_page
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(queries.public_organisations(), slug=slug)
    return render(
        request,
        "portal/organisation_detail.html",
        {
            "organisation": organisation,
            "participations": queries.organisation_activities(organisation),
            "memberships": queries.public_memberships().filter(network=organisation),
            "partnerships": queries.public_partnerships().filter(partner=organisation),
        },
    )


def ai_register(request: HttpRequest) -> HttpResponse:
    """The public AI register entry of the alignment engine."""
    context = {
        "title": _("Use of artificial intelligence: the alignment engine"),
        "description": _(
            "What the alignment engine of International Espoo does, what data it reads, how well "
            "it works and who oversees it."
        ),
        "figures": measured(),
        "embeddings": settings.ALIGNMENT_EMBEDDINGS,
    }
    return render(request, "portal/ai_register.html", context)


def contact(request: HttpRequest) -> HttpResponse:
    units = CityUnit.objects.order_by("slug")
    context = {
        "title": _("Contact"),
        "description": _("How to contact the City of Espoo about international cooperation."),
        "units": units,
    }
    return render(request, "portal/contact.html", context)
