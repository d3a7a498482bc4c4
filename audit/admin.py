from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from audit import personal
from audit.models import AuditEvent, Disclosure


class ReadOnlyAdmin(admin.ModelAdmin):
    """Searchable, never added to, edited or deleted here: the rows are written by the
    application only (the audit trail by ``audit.actions``, EU data by its imports)."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        model: type[models.Model] = self.model
        return [f.name for f in model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PersonalDataAdmin(admin.ModelAdmin):
    """The Django admin page of a record with personal data: opening it records the read
    (``audit.personal``), of the record itself unless ``personal_self`` is off, and of the
    related records named in ``personal_related`` that its inlines show. Where the list
    shows personal fields (``personal_list_fields``), each row shown is a read of those."""

    personal_self = True
    personal_related: tuple[str, ...] = ()
    personal_list_fields: tuple[str, ...] = ()

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        if self.personal_list_fields:
            personal.read_each(changelist.result_list, self.personal_list_fields)
        return changelist

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is not None and request.method == "GET":
            if self.personal_self:
                personal.read(found)
            for name in self.personal_related:
                personal.read_each(getattr(found, name).all())
        return found


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "model", "object_repr", "ip_address"]
    list_filter = ["action", "model"]
    search_fields = ["actor_label", "object_repr", "object_id", "model"]
    date_hierarchy = "at"


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    """Every export that took data out of the system (audit trail, one person, data sets)."""

    list_display = ["at", "kind", "file_format", "rows", "by"]
    list_filter = ["kind", "file_format"]
    list_select_related = ["by"]
    date_hierarchy = "at"
