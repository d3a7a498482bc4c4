from modeltranslation.translator import TranslationOptions, register

from ideas.models import AnswerTemplate


@register(AnswerTemplate)
class AnswerTemplateTranslation(TranslationOptions):
    fields = ("name", "body")
    required_languages = ("fi", "sv", "en")
