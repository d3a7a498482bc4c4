"""The REST endpoints under /api/v1/. Thin: queries here, changes in api.actions."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from api import actions, fastlist, filters, serializers
from api.alignment import alignment_map
from api.models import Scope
from core.clientip import client_ip
from core.translated import shown_order
from portal.queries import public_memberships, public_organisations, public_partnerships
from portfolio.models import Activity, FundingLine, Participant
from registry.models import NetworkMembership, Organisation, Partnership
from strategy.models import Goal, SDGGoal, SDGTarget, StrategyPeriod

KEY = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The item's numeric id or its slug.",
    pattern="^[-a-zA-Z0-9_]+$",
)


ERROR = OpenApiResponse(
    serializers.ErrorSerializer, description="{detail, code}, in the Accept-Language language."
)
INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid fields as {field: [messages]} (translated fields as "
    "{field: {lang: [messages]}}), or a malformed body as {detail, code}. Nothing is changed.",
)
WRITE_ERRORS = {400: INVALID, 401: ERROR, 403: ERROR, 429: ERROR}
READ_ERRORS = {404: ERROR}


class ApiViewSet(viewsets.GenericViewSet):
    """Every viewset of the API: a method the address does not serve is a 405.

    DRF authenticates and checks permissions before it looks for the method's handler, so
    ``DELETE /api/v1/activities/`` without a token answered 401; the method comes first.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        method = request.method.lower() if request.method else ""
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method or "")
        super().initial(request, *args, **kwargs)


class IdOrSlugMixin:
    """Detail addresses take the numeric id or the slug: /activities/12/ or /activities/x/."""

    lookup_field = "key"
    lookup_url_kwarg = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    kwargs: dict[str, Any]

    def lookup_queryset(self) -> QuerySet[Any]:
        return self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        key = self.kwargs["key"]
        field = "pk" if key.isascii() and key.isdigit() else "slug"
        obj = self.lookup_queryset().filter(**{field: key}).first()
        if obj is None:
            raise NotFound()
        self.check_object_permissions(self.request, obj)  # type: ignore[attr-defined]
        return obj


class AlignedReadMixin:
    """List and detail answers carry each item's confirmed alignment, read in one query."""

    aligned_model: type[Model]

    def alignment_context(self, items: list[Any]) -> dict[str, Any]:
        context = self.get_serializer_context()  # type: ignore[attr-defined]
        context["alignment"] = alignment_map(self.aligned_model, [item.pk for item in items])
        return context

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        items = list(page if page is not None else queryset)
        serializer = self.get_serializer_class()(  # type: ignore[attr-defined]
            items, many=True, context=self.alignment_context(items)
        )
        return self.get_paginated_response(serializer.data)  # type: ignore[attr-defined]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()  # type: ignore[attr-defined]
        serializer = self.get_serializer_class()(  # type: ignore[attr-defined]
            item, context=self.alignment_context([item])
        )
        return Response(serializer.data)


class ReadOnly(ApiViewSet):
    http_method_names = ["get", "head", "options"]


def activities_with_participants() -> QuerySet[Activity]:
    """Public activities (``Activity.objects.public()``) read with their unit and participants."""
    participants = Participant.objects.select_related("organisation").order_by(
        "role", shown_order("organisation__name")
    )
    return (
        Activity.objects.public()
        .select_related("responsible_unit")
        .prefetch_related(Prefetch("participants", queryset=participants))
    )


@extend_schema_view(
    list=extend_schema(summary="Public activities", responses=serializers.ActivitySerializer),
    retrieve=extend_schema(
        summary="One public activity",
        parameters=[KEY],
        responses=serializers.ActivityDetailSerializer,
    ),
    create=extend_schema(
        summary="Create an activity (scope activities:write)",
        request=serializers.ActivityWriteSerializer,
        responses={201: serializers.ActivityDetailSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change an activity (scope activities:write)",
        parameters=[KEY],
        request=serializers.ActivityWriteSerializer,
        responses={200: serializers.ActivityDetailSerializer, 404: ERROR, **WRITE_ERRORS},
    ),
)
class ActivityViewSet(
    IdOrSlugMixin,
    AlignedReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ApiViewSet,
):
    """International activities marked public; alignment lists confirmed links only."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    aligned_model = Activity
    write_scope = Scope.ACTIVITIES_WRITE.value
    filterset_class = filters.ActivityFilter
    filter_backends = [
        *viewsets.GenericViewSet.filter_backends,
        filters.StableOrderingFilter,
    ]
    ordering_fields = ["start_date", "end_date", "updated_at", "slug", "id"]

    def get_queryset(self) -> QuerySet[Activity]:
        if self.action == "list":
            return Activity.objects.public()  # read as values: see list()
        if self.action == "retrieve":
            return activities_with_participants().prefetch_related(
                Prefetch("funding", queryset=FundingLine.objects.order_by("programme"))
            )
        return activities_with_participants()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset()).values(*fastlist.ACTIVITY_VALUES)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(fastlist.activities(list(page or [])))

    def lookup_queryset(self) -> QuerySet[Any]:
        if self.action == "partial_update":
            # Integrations change internal activities too; reading stays public-only.
            return Activity.objects.all()
        return super().lookup_queryset()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action in ("create", "partial_update"):
            return serializers.ActivityWriteSerializer
        if self.action == "retrieve":
            return serializers.ActivityDetailSerializer
        return serializers.ActivitySerializer

    def _answer(self, activity: Activity, status_code: int) -> Response:
        activity = (
            Activity.objects.select_related("responsible_unit")
            .prefetch_related("participants__organisation", "funding")
            .get(pk=activity.pk)
        )
        serializer = serializers.ActivityDetailSerializer(
            activity, context=self.alignment_context([activity])
        )
        return Response(serializer.data, status=status_code)

    def create(self, request: Request) -> Response:
        serializer = serializers.ActivityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = actions.save_activity(
            serializer.validated_data, request.auth, ip=client_ip(request)
        )
        return self._answer(activity, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, key: str) -> Response:
        activity = self.get_object()
        serializer = serializers.ActivityWriteSerializer(activity, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        actions.save_activity(
            serializer.validated_data, request.auth, activity=activity, ip=client_ip(request)
        )
        return self._answer(activity, status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(
        summary="Organisations named in public activities, networks or partnerships",
        responses=serializers.OrganisationSerializer,
    ),
    retrieve=extend_schema(
        summary="One organisation",
        parameters=[KEY],
        responses={200: serializers.OrganisationSerializer, **READ_ERRORS},
    ),
    create=extend_schema(
        summary="Create an organisation (scope organisations:write)",
        request=serializers.OrganisationWriteSerializer,
        responses={201: serializers.OrganisationSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change an organisation (scope organisations:write)",
        parameters=[KEY],
        request=serializers.OrganisationWriteSerializer,
        responses={200: serializers.OrganisationSerializer, 404: ERROR, **WRITE_ERRORS},
    ),
)
class OrganisationViewSet(
    IdOrSlugMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet
):
    """Organisations that a public activity, network membership or partnership names."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    write_scope = Scope.ORGANISATIONS_WRITE.value
    filterset_class = filters.OrganisationFilter
    filter_backends = [*viewsets.GenericViewSet.filter_backends, filters.StableOrderingFilter]
    ordering_fields = ["name_fi", "slug", "updated_at", "id"]

    def get_queryset(self) -> QuerySet[Organisation]:
        return public_organisations().order_by(shown_order("name"), "pk")

    def lookup_queryset(self) -> QuerySet[Any]:
        if self.action == "partial_update":
            return Organisation.objects.all()
        return super().lookup_queryset()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action in ("create", "partial_update"):
            return serializers.OrganisationWriteSerializer
        return serializers.OrganisationSerializer

    def create(self, request: Request) -> Response:
        serializer = serializers.OrganisationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = actions.save_organisation(
            serializer.validated_data, request.auth, ip=client_ip(request)
        )
        return Response(
            serializers.OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request: Request, key: str) -> Response:
        organisation = self.get_object()
        serializer = serializers.OrganisationWriteSerializer(
            organisation, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        actions.save_organisation(
            serializer.validated_data,
            request.auth,
            organisation=organisation,
            ip=client_ip(request),
        )
        organisation.refresh_from_db()
        return Response(serializers.OrganisationSerializer(organisation).data)


@extend_schema_view(
    list=extend_schema(summary="The city's public network memberships"),
    retrieve=extend_schema(summary="One network membership", parameters=[KEY]),
)
class NetworkViewSet(
    IdOrSlugMixin,
    AlignedReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ReadOnly,
):
    """The city's memberships in networks marked public; alignment lists confirmed links only."""

    aligned_model = NetworkMembership
    serializer_class = serializers.NetworkMembershipSerializer
    filterset_class = filters.NetworkFilter

    def get_queryset(self) -> QuerySet[NetworkMembership]:
        return public_memberships().select_related("responsible_unit")


@extend_schema_view(
    list=extend_schema(summary="The city's public partnerships"),
    retrieve=extend_schema(summary="One partnership", parameters=[KEY]),
)
class PartnershipViewSet(
    IdOrSlugMixin,
    AlignedReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ReadOnly,
):
    """Friendship and sister cities and MoUs marked public; confirmed alignment only."""

    aligned_model = Partnership
    serializer_class = serializers.PartnershipSerializer
    filterset_class = filters.PartnershipFilter

    def get_queryset(self) -> QuerySet[Partnership]:
        return public_partnerships()


@extend_schema_view(
    list=extend_schema(summary="Strategy periods (council terms) and their goals"),
    retrieve=extend_schema(summary="One strategy period", parameters=[KEY]),
)
class StrategyPeriodViewSet(
    IdOrSlugMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ReadOnly
):
    """Council terms' strategies, latest first, with their goals."""

    serializer_class = serializers.StrategyPeriodSerializer
    queryset = StrategyPeriod.objects.all()
    pagination_class = None

    def get_queryset(self) -> QuerySet[StrategyPeriod]:
        return StrategyPeriod.objects.prefetch_related("goals")  # goals order by number


@extend_schema_view(
    list=extend_schema(summary="Council-term goals with their SDGs"),
    retrieve=extend_schema(summary="One goal"),
)
class GoalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ReadOnly):
    """Council-term goals that international work serves, with their related SDGs."""

    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    queryset = (
        Goal.objects.select_related("period")
        .prefetch_related("pillars", "sdgs")
        .order_by("-period__start_year", "number")
    )


@extend_schema_view(
    list=extend_schema(summary="The 17 Sustainable Development Goals with their targets"),
    retrieve=extend_schema(summary="One SDG"),
)
class SDGViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ReadOnly):
    """The UN Sustainable Development Goals, by number."""

    serializer_class = serializers.SDGSerializer
    queryset = SDGGoal.objects.all()
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    pagination_class = None

    def get_queryset(self) -> QuerySet[SDGGoal]:
        return SDGGoal.objects.prefetch_related("targets")  # targets order by "order"


@extend_schema_view(
    list=extend_schema(summary="The 169 SDG targets"),
    retrieve=extend_schema(summary="One SDG target"),
)
class SDGTargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ReadOnly):
    """The SDG targets, by code (e.g. 11.6)."""

    serializer_class = serializers.SDGTargetSerializer
    filterset_class = filters.SDGTargetFilter
    queryset = SDGTarget.objects.select_related("goal").order_by("goal__number", "order")
    lookup_field = "code"
    lookup_value_regex = "[0-9]{1,2}\\.[0-9a-z]{1,2}"
