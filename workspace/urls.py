"""The staff workspace under /<lang>/staff/ (docs/workspace.md). Every view but login and
logout is wrapped in ``accounts.roles.staff_view``; tests/test_workspace_access.py checks
each pattern against every persona."""

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from django.urls import URLPattern, path

from workspace.views import (
    activities,
    admin,
    auth,
    home,
    ideas,
    reference,
    registry,
    review,
    strategy,
)

app_name = "workspace"


def child_patterns(
    base: str, name: str, views: tuple[Any, Any, Any], prefix: str = ""
) -> list[URLPattern]:
    """Add, edit and remove pages of the records kept under another at ``base``, e.g. for
    ``("organisations/<int:organisation_id>/contacts", "contact")``: ``contact_add`` at
    ``base/add/``, ``contact_edit`` and ``contact_delete`` on ``base/<int:contact_id>/``."""
    add, edit, delete = views
    item = f"{base}/<int:{name}_id>"
    return [
        path(f"{base}/add/", add, name=f"{prefix}{name}_add"),
        path(f"{item}/edit/", edit, name=f"{prefix}{name}_edit"),
        path(f"{item}/remove/", delete, name=f"{prefix}{name}_delete"),
    ]


def part_patterns() -> list[URLPattern]:
    """Add, edit and remove pages of each part of an activity, e.g. ``activity_milestone_add``,
    ``activity_milestone_edit`` (``milestone_id``) and ``activity_milestone_delete``."""
    found = []
    for name in activities.PARTS:
        base = f"activities/<int:activity_id>/{activities.PARTS[name].anchor}"
        found += child_patterns(base, name, activities.part_views(name), prefix="activity_")
    return found


# The pages of one kind of record, by view suffix: where each sits below the record's segment.
RECORD_PAGES = {
    "list": "",
    "create": "new/",
    "detail": "{item}/",
    "edit": "{item}/edit/",
    "delete": "{item}/remove/",
}


def record_patterns(segment: str, name: str, views: Mapping[str, Any]) -> list[URLPattern]:
    """The pages of one kind of record that ``views`` has, e.g. for ``("networks",
    "membership")``: ``membership_list`` at ``networks/``, ``membership_create`` at
    ``networks/new/`` and ``membership_detail``, ``_edit`` and ``_delete`` on
    ``networks/<int:membership_id>/``."""
    item = f"<int:{name}_id>"
    return [
        path(f"{segment}/{route.format(item=item)}", views[page], name=f"{name}_{page}")
        for page, route in RECORD_PAGES.items()
        if page in views
    ]


def views_of(module: ModuleType, name: str) -> dict[str, Any]:
    """The record views ``module`` defines for ``name`` (``organisation_list`` …)."""
    found = {page: getattr(module, f"{name}_{page}", None) for page in RECORD_PAGES}
    return {page: view for page, view in found.items() if view is not None}


def reference_patterns() -> list[URLPattern]:
    """List, create, edit and remove pages of themes (``theme_list``, ``theme_create``,
    ``theme_edit`` and ``theme_delete`` with ``theme_id``), target markets (``market_``)
    and city units (``unit_``)."""
    found = []
    for name, segment in (("theme", "themes"), ("market", "markets"), ("unit", "units")):
        found += record_patterns(segment, name, reference.reference_views(name))
    return found


urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("ideas/", ideas.idea_list, name="idea_list"),
    path("ideas/bulk/", ideas.idea_bulk, name="idea_bulk"),
    path("ideas/<int:idea_id>/", ideas.idea_detail, name="idea_detail"),
    path("ideas/<int:idea_id>/state/", ideas.idea_state, name="idea_state"),
    path("ideas/<int:idea_id>/assign/", ideas.idea_assign, name="idea_assign"),
    path("ideas/<int:idea_id>/answer/", ideas.idea_answer, name="idea_answer"),
    path("ideas/<int:idea_id>/notes/", ideas.idea_note, name="idea_note"),
    path(
        "ideas/<int:idea_id>/attachments/<int:attachment_id>/",
        ideas.idea_attachment,
        name="idea_attachment",
    ),
    path("alignment/", review.alignment_queue, name="alignment_queue"),
    path("alignment/<int:link_id>/review/", review.alignment_review, name="alignment_review"),
    *record_patterns("activities", "activity", views_of(activities, "activity")),
    *part_patterns(),
    *record_patterns("organisations", "organisation", views_of(registry, "organisation")),
    *child_patterns(
        "organisations/<int:organisation_id>/contacts",
        "contact",
        (registry.contact_add, registry.contact_edit, registry.contact_delete),
    ),
    *record_patterns("networks", "membership", views_of(registry, "membership")),
    *record_patterns("partnerships", "partnership", views_of(registry, "partnership")),
    *reference_patterns(),
    path("strategy/", strategy.overview, name="strategy"),
    path("strategy/periods/new/", strategy.period_create, name="period_create"),
    path("strategy/periods/<int:period_id>/edit/", strategy.period_edit, name="period_edit"),
    path(
        "strategy/periods/<int:period_id>/make-current/",
        strategy.period_make_current,
        name="period_make_current",
    ),
    path("strategy/periods/<int:period_id>/goals/new/", strategy.goal_create, name="goal_create"),
    path("strategy/goals/<int:goal_id>/edit/", strategy.goal_edit, name="goal_edit"),
    path(
        "strategy/commitments/<int:commitment_id>/reports/new/",
        strategy.report_create,
        name="report_create",
    ),
    path("strategy/realign/<int:run_id>/", strategy.realign_run, name="realign_run"),
    path("audit/", admin.audit_list, name="audit_list"),
    path("audit/export.csv", admin.audit_export, name="audit_export"),
    path("people/", admin.person, name="person"),
    path("people/export/", admin.person_export, name="person_export"),
    path("people/erase/", admin.person_erase, name="person_erase"),
]
