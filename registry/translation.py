from modeltranslation.translator import TranslationOptions, register

from registry.models import (
    CityUnit,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)


@register(CityUnit)
class CityUnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(NetworkMembership)
class NetworkMembershipTranslation(TranslationOptions):
    fields = ("role", "description")


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("description",)


@register(TargetMarket)
class TargetMarketTranslation(TranslationOptions):
    fields = ("description",)
