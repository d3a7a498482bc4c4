from modeltranslation.translator import TranslationOptions, register

from strategy.models import (
    Commitment,
    Goal,
    Pillar,
    ProgressReport,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
)


@register(StrategyPeriod)
class StrategyPeriodTranslation(TranslationOptions):
    fields = ("title", "description", "values", "outline")
    required_languages = ("fi",)


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description", "keywords")
    required_languages = ("fi",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "description", "target")
    required_languages = ("fi",)


@register(SDGGoal)
class SDGGoalTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi", "sv", "en")


@register(SDGTarget)
class SDGTargetTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi", "sv", "en")


@register(ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    fields = ("narrative",)
    required_languages = ("fi",)
