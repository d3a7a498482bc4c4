from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from audit.models import AuditEvent, Disclosure


class ReadOnlyAdmin(admin.ModelAdmin):
    """Searchable, never added to, edited or deleted here: rows come from ``audit.actions``."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        model: type[models.Model] = self.model
        return [f.name for f in model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
