"""The staff workspace under /<lang>/staff/ (docs/workspace.md). Every view but login and
logout is wrapped in ``workspace.roles.staff_view``; tests/test_workspace_access.py checks
each pattern against every persona."""

from django.urls import path

from workspace.views import admin, auth, home, ideas, review

app_name = "workspace"

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
    path("audit/", admin.audit_list, name="audit_list"),
    path("audit/export.csv", admin.audit_export, name="audit_export"),
    path("people/", admin.person, name="person"),
    path("people/export/", admin.person_export, name="person_export"),
    path("people/erase/", admin.person_erase, name="person_erase"),
]
