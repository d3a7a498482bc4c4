from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from strategy.models import Commitment, Goal, Pillar, current_goal_period


def home(request: HttpRequest) -> HttpResponse:
    """What International Espoo is: the pillars and the goals of the current period."""
    period = current_goal_period()
    goals = Goal.objects.filter(period=period).prefetch_related("pillars") if period else []
    return render(
        request,
        "core/home.html",
        {
            "pillars": Pillar.objects.all(),
            "period": period,
            "goals": goals,
            "commitments": Commitment.objects.select_related("goal").all(),
        },
    )


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmarks' baseline: a Django view that does no work (only with BENCH_VIEWS)."""
    return HttpResponse("ok", content_type="text/plain")
