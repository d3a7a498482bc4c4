from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from eudata.models import EUProject, ImportRun, WatchedOrganisation


class ReadOnly(admin.ModelAdmin):
    """Imported data and the import history are written by imports only."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnly):
    list_display = ["started_at", "source", "file_name", "actor_label", "status", "rejected_total"]
    list_filter = ["source", "status"]
    search_fields = ["file_name", "actor_label"]


@admin.register(EUProject)
class EUProjectAdmin(ReadOnly):
    list_display = ["source_id", "acronym", "programme", "start_date", "counts_for_espoo"]
    list_filter = ["source", "counts_for_espoo", "programme"]
    search_fields = ["source_id", "acronym", "title"]


@admin.register(WatchedOrganisation)
class WatchedOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "pic", "vat_number", "business_id", "note"]
    search_fields = ["name", "pic", "vat_number", "business_id"]
