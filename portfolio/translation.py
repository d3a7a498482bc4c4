from modeltranslation.translator import TranslationOptions, register

from portfolio.models import Activity, ActivityLink, Milestone, Outcome


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("fi",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("description", "indicator")
    required_languages = ("fi",)


@register(ActivityLink)
class ActivityLinkTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi",)
