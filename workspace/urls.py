"""The staff workspace under /<lang>/staff/ (docs/workspace.md). Every view but login and
logout is wrapped in ``accounts.roles.staff_view``; tests/test_workspace_access.py checks
each pattern against every persona."""

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


def part_patterns() -> list[URLPattern]:
    """Add, edit and remove pages of each part of an activity, e.g. ``activity_milestone_add``,
    ``activity_milestone_edit`` (``milestone_id``) and ``activity_milestone_delete``."""
    found = []
    for name in activities.PARTS:
        add, edit, delete = activities.part_views(name)
        base = f"activities/<int:activity_id>/{activities.PARTS[name].anchor}"
        item = f"{base}/<int:{name}_id>"
        found += [
            path(f"{base}/add/", add, name=f"activity_{name}_add"),
            path(f"{item}/edit/", edit, name=f"activity_{name}_edit"),
            path(f"{item}/remove/", delete, name=f"activity_{name}_delete"),
        ]
    return found


def reference_patterns() -> list[URLPattern]:
    """List, create, edit and remove pages of themes (``theme_list``, ``theme_create``,
    ``theme_edit`` and ``theme_delete`` with ``theme_id``), target markets (``market_``)
    and city units (``unit_``)."""
    found = []
    for name, segment in (("theme", "themes"), ("market", "markets"), ("unit", "units")):
        views = reference.reference_views(name)
        item = f"{segment}/<int:{name}_id>"
        found += [
            path(f"{segment}/", views["list"], name=f"{name}_list"),
            path(f"{segment}/new/", views["create"], name=f"{name}_create"),
            path(f"{item}/edit/", views["edit"], name=f"{name}_edit"),
            path(f"{item}/remove/", views["delete"], name=f"{name}_delete"),
        ]
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
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:activity_id>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:activity_id>/edit/", activities.activity_edit, name="activity_edit"),
    path(
        "activities/<int:activity_id>/remove/",
        activities.activity_delete,
        name="activity_delete",
    ),
    *part_patterns(),
    path("organisations/", registry.organisation_list, name="organisation_list"),
    path("organisations/new/", registry.organisation_create, name="organisation_create"),
    path(
        "organisations/<int:organisation_id>/",
        registry.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:organisation_id>/edit/",
        registry.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/remove/",
        registry.organisation_delete,
        name="organisation_delete",
    ),
    path(
        "organisations/<int:organisation_id>/contacts/add/",
        registry.contact_add,
        name="contact_add",
    ),
    path(
        "organisations/<int:organisation_id>/contacts/<int:contact_id>/edit/",
        registry.contact_edit,
        name="contact_edit",
    ),
    path(
        "organisations/<int:organisation_id>/contacts/<int:contact_id>/remove/",
        registry.contact_delete,
        name="contact_delete",
    ),
    path("networks/", registry.membership_list, name="membership_list"),
    path("networks/new/", registry.membership_create, name="membership_create"),
    path("networks/<int:membership_id>/", registry.membership_detail, name="membership_detail"),
    path("networks/<int:membership_id>/edit/", registry.membership_edit, name="membership_edit"),
    path(
        "networks/<int:membership_id>/remove/",
        registry.membership_delete,
        name="membership_delete",
    ),
    path("partnerships/", registry.partnership_list, name="partnership_list"),
    path("partnerships/new/", registry.partnership_create, name="partnership_create"),
    path(
        "partnerships/<int:partnership_id>/",
        registry.partnership_detail,
        name="partnership_detail",
    ),
    path(
        "partnerships/<int:partnership_id>/edit/",
        registry.partnership_edit,
        name="partnership_edit",
    ),
    path(
        "partnerships/<int:partnership_id>/remove/",
        registry.partnership_delete,
        name="partnership_delete",
    ),
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
