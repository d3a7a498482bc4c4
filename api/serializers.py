"""The API's representations. Field names here are the stable, documented contract."""

from __future__ import annotations

from typing import Any

from django.db import models
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.alignment import empty_alignment
from api.fields import SlugLinkField, TranslatedField, TranslatedInputField, WebsiteField
from portfolio.models import Activity, FundingLine, Participant
from registry.models import CityUnit, NetworkMembership, Organisation, Partnership, Theme
from strategy.models import Goal, SDGGoal, SDGTarget, StrategyPeriod


class ModelSerializer(serializers.ModelSerializer):
    """The project's model serializer: a model's URLField becomes a :class:`WebsiteField`."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: WebsiteField,
    }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the request's language.")
    code = serializers.CharField(help_text="Stable code, e.g. not_found, throttled.")


class GoalRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField(help_text="Slug of the strategy period.")
    number = serializers.IntegerField()


class AlignmentSerializer(serializers.Serializer):
    """Confirmed alignment only: engine suggestions that no person has confirmed are left out."""

    goals = GoalRefSerializer(many=True)
    sdgs = serializers.ListField(child=serializers.IntegerField(), help_text="SDG numbers.")
    targets = serializers.ListField(
        child=serializers.CharField(), help_text="SDG target codes, e.g. 11.6."
    )


class AlignedMixin(serializers.Serializer):
    alignment = serializers.SerializerMethodField()

    @extend_schema_field(AlignmentSerializer)
    def get_alignment(self, obj: Any) -> dict[str, Any]:
        return self.context.get("alignment", {}).get(obj.pk) or empty_alignment()


class UnitSerializer(ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = CityUnit
        fields = ["slug", "name"]


class OrganisationRefSerializer(ModelSerializer):
    name = TranslatedField()
    country = serializers.CharField(source="country.code", help_text="ISO 3166-1 alpha-2.")

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "country"]


class OrganisationSerializer(OrganisationRefSerializer):
    description = TranslatedField()

    class Meta(OrganisationRefSerializer.Meta):
        fields = [
            *OrganisationRefSerializer.Meta.fields,
            "city",
            "website",
            "description",
            "pic",
            "business_id",
            "vat_number",
            "updated_at",
        ]


class ParticipantSerializer(ModelSerializer):
    organisation = OrganisationRefSerializer()

    class Meta:
        model = Participant
        fields = ["organisation", "role"]


class FundingSerializer(ModelSerializer):
    class Meta:
        model = FundingLine
        fields = ["programme", "grant_number", "total_budget", "eu_contribution", "city_share"]


class ActivitySerializer(AlignedMixin, ModelSerializer):
    title = TranslatedField()
    summary = TranslatedField()
    responsible_unit = UnitSerializer(allow_null=True)
    participants = ParticipantSerializer(many=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "kind",
            "status",
            "start_date",
            "end_date",
            "website",
            "responsible_unit",
            "participants",
            "alignment",
            "updated_at",
        ]


class ActivityDetailSerializer(ActivitySerializer):
    description = TranslatedField()
    funding = FundingSerializer(many=True)

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "description", "funding"]


class ThemeSerializer(ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class NetworkMembershipSerializer(AlignedMixin, ModelSerializer):
    network = OrganisationRefSerializer()
    role = TranslatedField()
    description = TranslatedField()
    responsible_unit = UnitSerializer(allow_null=True)

    class Meta:
        model = NetworkMembership
        fields = [
            "id",
            "slug",
            "network",
            "role",
            "status",
            "since",
            "until",
            "responsible_unit",
            "description",
            "alignment",
        ]


class PartnershipSerializer(AlignedMixin, ModelSerializer):
    partner = OrganisationRefSerializer()
    themes = ThemeSerializer(many=True)
    description = TranslatedField()

    class Meta:
        model = Partnership
        fields = [
            "id",
            "slug",
            "partner",
            "kind",
            "status",
            "agreement_year",
            "themes",
            "description",
            "alignment",
        ]


class SDGTargetRefSerializer(ModelSerializer):
    title = TranslatedField()

    class Meta:
        model = SDGTarget
        fields = ["code", "title"]


class SDGTargetSerializer(SDGTargetRefSerializer):
    sdg = serializers.IntegerField(source="goal.number", help_text="Number of the SDG.")

    class Meta(SDGTargetRefSerializer.Meta):
        fields = ["code", "sdg", "title"]


class SDGSerializer(ModelSerializer):
    title = TranslatedField()
    description = TranslatedField()
    targets = SDGTargetRefSerializer(many=True)

    class Meta:
        model = SDGGoal
        fields = ["number", "title", "description", "colour", "targets"]


class GoalSerializer(ModelSerializer):
    period = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = TranslatedField()
    description = TranslatedField()
    pillars = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdgs = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True, help_text="Numbers of the related SDGs."
    )

    class Meta:
        model = Goal
        fields = ["id", "period", "number", "title", "description", "pillars", "sdgs"]


class GoalInPeriodSerializer(ModelSerializer):
    title = TranslatedField()

    class Meta:
        model = Goal
        fields = ["id", "number", "title"]


class StrategyPeriodSerializer(ModelSerializer):
    title = TranslatedField()
    description = TranslatedField()
    goals = GoalInPeriodSerializer(many=True)

    class Meta:
        model = StrategyPeriod
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "start_year",
            "end_year",
            "adopted_on",
            "goals",
        ]


# --- Writing -----------------------------------------------------------------------------


class TranslatedWriteMixin(serializers.Serializer):
    """Spreads ``{"title": {"title_fi": …}}`` into the model's own field names."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        values = super().to_internal_value(data)
        flat: dict[str, Any] = {}
        for key, value in values.items():
            if isinstance(self.fields[key], TranslatedField):
                flat.update(value)
            else:
                flat[key] = value
        return flat


class ActivityWriteSerializer(TranslatedWriteMixin, ModelSerializer):
    title = TranslatedInputField(help_text="Required in Finnish when an activity is created.")
    summary = TranslatedInputField(required=False)
    description = TranslatedInputField(required=False)
    responsible_unit = SlugLinkField(
        slug_field="slug",
        queryset=CityUnit.objects.all(),
        allow_null=True,
        required=False,
        help_text="Slug of the city unit.",
    )

    class Meta:
        model = Activity
        fields = [
            "slug",
            "title",
            "summary",
            "description",
            "kind",
            "status",
            "start_date",
            "end_date",
            "public",
            "website",
            "responsible_unit",
        ]


class OrganisationWriteSerializer(TranslatedWriteMixin, ModelSerializer):
    name = TranslatedInputField(help_text="Required in Finnish when an organisation is created.")
    description = TranslatedInputField(required=False)
    country = serializers.ChoiceField(
        choices=[code for code, _name in countries], help_text="ISO 3166-1 alpha-2 code, e.g. DE."
    )

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "kind",
            "country",
            "city",
            "website",
            "description",
            "pic",
            "business_id",
            "vat_number",
        ]
