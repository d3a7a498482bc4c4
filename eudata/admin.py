from __future__ import annotations

from django.contrib import admin

from audit.admin import ReadOnlyAdmin
from eudata.models import EUProject, ImportRun, WatchedOrganisation


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "source", "file_name", "actor_label", "status", "rejected_total"]
    list_filter = ["source", "status"]
    search_fields = ["file_name", "actor_label"]


@admin.register(EUProject)
class EUProjectAdmin(ReadOnlyAdmin):
    list_display = ["source_id", "acronym", "programme", "start_date", "counts_for_espoo"]
    list_filter = ["source", "counts_for_espoo", "programme"]
    search_fields = ["source_id", "acronym", "title"]


@admin.register(WatchedOrganisation)
class WatchedOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "pic", "vat_number", "business_id", "note"]
    search_fields = ["name", "pic", "vat_number", "business_id"]
