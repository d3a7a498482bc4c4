from modeltranslation.translator import TranslationOptions, register

from portfolio.models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("fi",)
