from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from strategy.admin import AlignmentLinkInline


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["organisation"]


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0


class MilestoneInline(TranslationTabularInline):
    model = Milestone
    extra = 0


class OutcomeInline(TranslationTabularInline):
    model = Outcome
    extra = 0


class ActivityLinkInline(TranslationTabularInline):
    model = ActivityLink
    extra = 0


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "public"]
    list_filter = ["kind", "status", "public", "responsible_unit"]
    search_fields = [
        "title_fi",
        "title_sv",
        "title_en",
        "summary_fi",
        "summary_en",
        "slug",
        "funding__grant_number",
    ]
    date_hierarchy = "start_date"
    inlines = [
        ParticipantInline,
        FundingLineInline,
        MilestoneInline,
        OutcomeInline,
        ActivityLinkInline,
        AlignmentLinkInline,
    ]
