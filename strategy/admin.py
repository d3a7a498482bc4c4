from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from strategy.models import (
    AlignmentLink,
    Commitment,
    Goal,
    Pillar,
    ProgressReport,
    RealignRun,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
)


class GoalInline(TranslationTabularInline):
    model = Goal
    fields = ["number", "title"]
    extra = 0
    show_change_link = True


@admin.register(StrategyPeriod)
class StrategyPeriodAdmin(TranslationAdmin):
    list_display = ["title", "start_year", "end_year", "adopted_on", "is_current"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    inlines = [GoalInline]


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ["title", "order", "slug"]
    search_fields = ["title_fi", "title_sv", "title_en"]


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
    list_display = ["number", "title", "period"]
    list_display_links = ["number", "title"]
    list_filter = ["period", "pillars"]
    search_fields = ["title_fi", "title_sv", "title_en", "description_fi", "description_en"]
    filter_horizontal = ["pillars", "sdgs"]


@admin.register(Commitment)
class CommitmentAdmin(TranslationAdmin):
    list_display = ["title", "deadline", "goal", "period", "progress"]
    list_filter = ["period", "goal"]
    search_fields = ["title_fi", "title_sv", "title_en", "target_fi", "target_en"]
    date_hierarchy = "deadline"


class SDGTargetInline(TranslationTabularInline):
    model = SDGTarget
    fields = ["code", "order", "title"]
    extra = 0


@admin.register(SDGGoal)
class SDGGoalAdmin(TranslationAdmin):
    list_display = ["number", "title"]
    list_display_links = ["number", "title"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    inlines = [SDGTargetInline]


@admin.register(SDGTarget)
class SDGTargetAdmin(TranslationAdmin):
    list_display = ["code", "title", "goal"]
    list_filter = ["goal"]
    search_fields = ["code", "title_fi", "title_sv", "title_en"]


@admin.register(AlignmentLink)
class AlignmentLinkAdmin(admin.ModelAdmin):
    list_display = [
        "content_type",
        "object_id",
        "goal",
        "sdg",
        "target",
        "source",
        "confidence",
        "review_state",
    ]
    list_filter = ["source", "review_state", "content_type", "sdg"]
    search_fields = ["evidence"]
    raw_id_fields = ["goal", "sdg", "target"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]


class AlignmentLinkInline(GenericTabularInline):
    """Alignment of an item, shown on the item's own admin page."""

    model = AlignmentLink
    fields = ["goal", "sdg", "target", "source", "confidence", "evidence", "review_state"]
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(TranslationAdmin):
    """Correcting or removing a report; staff add them in the workspace."""

    list_display = ["commitment", "reported_on", "status", "value"]
    list_filter = ["status"]
    raw_id_fields = ["created_by"]


@admin.register(RealignRun)
class RealignRunAdmin(admin.ModelAdmin):
    """The queue of re-alignments, read-only (the worker writes it)."""

    list_display = ["pk", "status", "queued_at", "actor_label", "done", "total", "suggestions"]
    list_filter = ["status"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
