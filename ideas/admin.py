"""Read-only admin of ideas and the outbox; triage happens in the staff workspace
(docs/workspace.md). Admins edit answer templates here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from audit.admin import PersonalDataAdmin
from ideas import outbox, uploads
from ideas.models import (
    Answer,
    AnswerTemplate,
    Idea,
    IdeaAttachment,
    OutboxMessage,
    StatusChange,
)


class ReadOnlyMixin:
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        model = self.model  # type: ignore[attr-defined]
        fields = [f.name for f in model._meta.fields + model._meta.many_to_many]
        return [*fields, *getattr(self, "extra_readonly", [])]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = IdeaAttachment
    fields = ["download", "kind", "size", "sha256"]
    extra_readonly = ["download"]
    extra = 0
    can_delete = False

    @admin.display(description=_("file"))
    def download(self, obj: IdeaAttachment) -> str:
        url = reverse("admin:ideas_idea_attachment", args=[obj.idea_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


class StatusChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = StatusChange
    fields = ["status", "at", "by"]
    extra = 0
    can_delete = False


class AnswerInline(ReadOnlyMixin, admin.StackedInline):
    model = Answer
    fields = ["body", "author", "created_at", "sent_at"]
    extra = 0
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(ReadOnlyMixin, PersonalDataAdmin):
    list_display = ["reference", "title", "organisation_name", "status", "submitted_at"]
    list_filter = ["status", "organisation_kind", "language"]
    search_fields = ["reference", "title", "organisation_name", "contact_name", "contact_email"]
    date_hierarchy = "submitted_at"
    exclude = ["submission_token", "status_token_hash"]
    inlines = [AttachmentInline, StatusChangeInline, AnswerInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        hidden = {"submission_token", "status_token_hash"}
        return [f for f in super().get_readonly_fields(request, obj) if f not in hidden]

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.attachment_view)
        own = [path("<int:idea_id>/attachment/<int:pk>/", view, name="ideas_idea_attachment")]
        return own + super().get_urls()

    def attachment_view(self, request: HttpRequest, idea_id: int, pk: int) -> FileResponse:
        """Staff download of an attachment: never served publicly, and the read is audited."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        attachment = IdeaAttachment.objects.filter(idea_id=idea_id, pk=pk).first()
        if attachment is None:
            raise Http404
        return uploads.download(attachment)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(TranslationAdmin):
    """Ready answers staff pick in the workspace; each in Finnish, Swedish and English."""

    list_display = ["name", "status", "order"]
    list_filter = ["status"]
    search_fields = ["slug", "name_fi", "name_sv", "name_en"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject"]
    actions = ["retry"]

    @admin.action(description=_("Send the selected failed mails again"), permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = outbox.retry(queryset)
        self.message_user(
            request, _("%(count)d mails queued again.") % {"count": count}, messages.SUCCESS
        )
