from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from audit.admin import PersonalDataAdmin
from portfolio.models import Participant
from registry.models import (
    CityUnit,
    Contact,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.admin import AlignmentLinkInline


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participant
    fields = ["activity", "role"]
    extra = 0
    raw_id_fields = ["activity"]


@admin.register(Organisation)
class OrganisationAdmin(PersonalDataAdmin, TranslationAdmin):
    personal_self = False  # the organisation is not personal data; its contacts are
    personal_related = ("contacts",)
    list_display = ["name", "kind", "country", "city", "pic", "business_id"]
    list_filter = ["kind", "country"]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "city",
        "pic",
        "business_id",
        "vat_number",
        "slug",
    ]
    inlines = [ContactInline, ParticipationInline]


@admin.register(Contact)
class ContactAdmin(PersonalDataAdmin):
    personal_list_fields = ("name",)  # the list shows each contact's name
    list_display = ["name", "organisation", "purpose", "review_on"]
    list_filter = ["review_on"]
    search_fields = ["name", "email", "organisation__name_fi", "organisation__name_en"]
    raw_id_fields = ["organisation"]


@admin.register(CityUnit)
class CityUnitAdmin(TranslationAdmin):
    list_display = ["name", "slug", "email"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(TranslationAdmin):
    list_display = ["network", "status", "since", "until", "responsible_unit", "public"]
    list_filter = ["status", "responsible_unit", "public"]
    search_fields = ["network__name_fi", "network__name_en", "role_fi", "role_en"]
    autocomplete_fields = ["network"]
    inlines = [AlignmentLinkInline]


@admin.register(Partnership)
class PartnershipAdmin(TranslationAdmin):
    list_display = ["partner", "kind", "status", "agreement_year", "public"]
    list_filter = ["kind", "status", "themes"]
    search_fields = ["partner__name_fi", "partner__name_en", "partner__city"]
    autocomplete_fields = ["partner"]
    filter_horizontal = ["themes"]
    inlines = [AlignmentLinkInline]


@admin.register(TargetMarket)
class TargetMarketAdmin(TranslationAdmin):
    list_display = ["country", "responsible_unit"]
    search_fields = ["country"]
