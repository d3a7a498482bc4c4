"""The project-wide access matrix: every URL pattern of the whole URL configuration ×
every persona, generated from the resolver, so a new view is checked the day it appears.

What each pattern expects comes from the view itself (``workspace_role``, set by
``accounts.roles.staff_view``) or from the registries below (public pages, capability
links, other protections). A pattern the test cannot classify, or whose URL parameter it
cannot fill, FAILS and names the pattern: add the view to ``PUBLIC``/``PROTECTED`` or the
parameter to ``SAMPLES``. Django's admin (``admin:``) is skipped: Django protects it with
its own staff login and permissions, tested upstream.

Long because the registries of public, protected and sample URL values are the test:
every URL pattern must be classified here, in one place.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from accounts.roles import ADMIN, EDITOR, ROLES, VIEWER
from ideas import actions
from tests.accounts_support import enrol
from tests.ideas_support import pdf
from tests.personas import PASSWORD, person
from tests.workspace_support import IDEA_DATA

pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"admin"}
# Open to everyone (namespace, or "namespace:name"; "" is the root namespace).
PUBLIC = {
    "set_language",
    "robots_txt",
    "portal",
    "insights_public",
    "opendata",
    "api",  # the open-data REST API reads without a token; writes need one (api tests)
    "ideas:submit",
    "ops:live",
    "ops:ready",
    "workspace:login",
    "workspace:logout",
    "accounts:sso_start",
    "accounts:sso_callback",
    # The e-mailed staff invitation: its token is the key, but the link answers with a
    # redirect (the token moves into the session; the page is .../invitation/set-password/).
    "accounts:invitation_accept",
}
# Private links: whoever holds the token in the URL (the proposer) may open them.
CAPABILITY = {"ideas:submitted", "ideas:status", "ideas:withdraw", "ideas:reply"}
# Protected otherwise than by staff_view: what protects them.
PROTECTED = {
    "ops:metrics": "viewer-or-metrics-token",
}
# Unnamed patterns cannot be reversed: their URL, by the view's dotted path.
UNNAMED = {
    "django.contrib.sitemaps.views.sitemap": ("/sitemap.xml", "public"),
    "api.errors.not_found": ("/api/v1/no-such-resource/", "public"),
    "core.views.favicon": ("/favicon.ico", "public"),
}


@dataclass
class Sample:
    """Objects the URL parameters are filled from; made on first use."""

    made: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.made:
            self.made[key] = make()
        return self.made[key]

    # -- the objects ---------------------------------------------------------------------
    def submission(self) -> Any:
        def make() -> Any:
            token = secrets.token_urlsafe(32)
            idea = actions.submit_idea(
                data=IDEA_DATA, token="matrix", attachments=[(pdf(), "pdf")]
            ).idea
            from ideas.models import Idea

            Idea.objects.filter(pk=idea.pk).update(status_token_hash=actions.hash_token(token))
            from django.core import signing

            from ideas.views import SUBMITTED_SALT

            signed = signing.dumps(idea.reference, salt=SUBMITTED_SALT)
            return {"idea": idea, "token": token, "signed": signed}

        return self.get("submission", make)

    def first(self, label: str, create: Callable[[], Any] | None = None) -> Any:
        def make() -> Any:
            model = apps.get_model(label)
            found = model.objects.order_by("pk").first()
            if found is None and create is not None:
                found = create()
            assert found is not None, f"no {label} to fill a URL with: add a creator"
            return found

        return self.get(label, make)

    def activity(self) -> Any:
        return self.first("portfolio.Activity")

    def link(self) -> Any:
        def make() -> Any:
            from strategy.models import AlignmentLink, SDGGoal

            idea = self.submission()["idea"]
            return AlignmentLink.objects.create(
                item=idea, sdg=SDGGoal.objects.get(number=11), source="engine", confidence=0.7
            )

        return self.get("link", make)

    def invitation(self) -> Any:
        """A pending staff invitation and its token (accounts.invitations)."""

        def make() -> Any:
            from accounts import invitations

            inviter = User.objects.create_superuser("matrix-inviter", "inviter@espoo.example")
            return invitations.invite(
                inviter, email="invitee@espoo.example", role="viewer", language="en"
            )

        return self.get("invitation", make)

    def child(self, label: str, **values: Any) -> Any:
        """A part of ``activity()`` (the seed gives some activities parts of their own)."""
        model = apps.get_model(label)

        def make() -> Any:
            mine = model.objects.filter(activity=self.activity()).order_by("pk").first()
            return mine or model.objects.create(activity=self.activity(), **values)

        return self.get(f"child:{label}", make)


# Parameter name -> its value (a pattern-specific "namespace:name:param" key wins).
SAMPLES: dict[str, Callable[[Sample], Any]] = {
    "idea_id": lambda s: s.submission()["idea"].pk,
    "suffix": lambda s: "ttl",  # api:catalog_file
    "attachment_id": lambda s: s.submission()["idea"].attachments.get().pk,
    "token": lambda s: s.submission()["token"],
    "signed": lambda s: s.submission()["signed"],
    "link_id": lambda s: s.link().pk,
    "activity_id": lambda s: s.activity().pk,
    "participant_id": lambda s: (
        s.child(
            "portfolio.Participant",
            organisation=s.first("registry.Organisation"),
            role="partner",
        ).pk
    ),
    "funding_id": lambda s: s.child("portfolio.FundingLine", programme="Horizon Europe").pk,
    "milestone_id": lambda s: s.child("portfolio.Milestone", title="Kick-off").pk,
    "outcome_id": lambda s: s.child("portfolio.Outcome", description="A pilot").pk,
    "weblink_id": lambda s: (
        s.child("portfolio.ActivityLink", title="Site", url="https://example.org/").pk
    ),
    "organisation_id": lambda s: s.first("registry.Organisation").pk,
    "membership_id": lambda s: s.first("registry.NetworkMembership").pk,
    "partnership_id": lambda s: s.first("registry.Partnership").pk,
    "contact_id": lambda s: (
        s.get(
            "contact",
            lambda: apps.get_model("registry.Contact").objects.create(
                organisation=s.first("registry.Organisation"),
                name="Matrix Contact",
                purpose="Access matrix",
                review_on=timezone.localdate(),
            ),
        ).pk
    ),
    "theme_id": lambda s: (
        s.first(
            "registry.Theme",
            lambda: apps.get_model("registry.Theme").objects.create(
                slug="matrix-theme", name_fi="Matriisi"
            ),
        ).pk
    ),
    "market_id": lambda s: (
        s.first(
            "registry.TargetMarket",
            lambda: apps.get_model("registry.TargetMarket").objects.create(country="JP"),
        ).pk
    ),
    "unit_id": lambda s: (
        s.first(
            "registry.CityUnit",
            lambda: apps.get_model("registry.CityUnit").objects.create(
                slug="matrix-unit", name_fi="Matriisiyksikkö"
            ),
        ).pk
    ),
    "user_id": lambda s: User.objects.get(username="eddie").pk,
    "invitation_id": lambda s: s.invitation()[0].pk,
    "accounts:invitation_accept:token": lambda s: s.invitation()[1],
    "call_id": lambda s: (
        s.first(
            "radar.Call",
            lambda: apps.get_model("radar.Call").objects.create(
                source="manual",
                key="matrix-call",
                title="Matrix call",
                status="open",
                first_seen=timezone.now(),
                last_changed=timezone.now(),
            ),
        ).pk
    ),
    "run_id": lambda s: (
        s.first(
            "radar.FetchRun", lambda: apps.get_model("radar.FetchRun").objects.create(source="file")
        ).pk
    ),
    "eudata:run_detail:pk": lambda s: (
        s.first(
            "eudata.ImportRun",
            lambda: apps.get_model("eudata.ImportRun").objects.create(
                source="cordis", file_name="x.zip", actor_label="matrix"
            ),
        ).pk
    ),
    "eudata:decide:pk": lambda s: 1,  # POST only; refused before the lookup
    "period_id": lambda s: (
        apps.get_model("strategy.StrategyPeriod").objects.get(slug="2025-2029").pk
    ),
    "goal_id": lambda s: s.first("strategy.Goal").pk,
    "commitment_id": lambda s: s.first("strategy.Commitment").pk,
    "workspace:realign_run:run_id": lambda s: (
        s.first(
            "strategy.RealignRun",
            lambda: apps.get_model("strategy.RealignRun").objects.create(status="succeeded"),
        ).pk
    ),
    "pk": lambda s: s.first("strategy.Goal").pk,
    "period": lambda s: s.first("strategy.Goal").period.slug,
    "number": lambda s: 11,
    "code": lambda s: "11.1",
    "key": lambda s: "espoo",
    "slug": lambda s: s.activity().slug,
    "portal:organisation_detail:slug": lambda s: s.first("registry.Organisation").slug,
    "api:dataset:slug": lambda s: "activities",
    "fmt": lambda s: "csv",
    "format": lambda s: "json",
    "path": lambda s: "no-such-resource",
}


@dataclass
class Route:
    view_name: str  # "namespace:name"
    namespace: str
    pattern: URLPattern
    params: list[str]


def routes() -> Iterator[Route]:
    """Every URL pattern, with the namespace path Django reverses it by."""

    def walk(resolver: URLResolver, namespaces: tuple[str, ...]) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                yield from walk(entry, inner)
            else:
                namespace = ":".join(namespaces)
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name or "")
                params = list(entry.pattern.regex.groupindex)
                yield Route(name, namespace, entry, params)

    yield from walk(get_resolver(), ())


def kind_of(route: Route) -> str | None:
    role = getattr(route.pattern.callback, "workspace_role", None)
    if role in ROLES:
        return f"staff:{role}"
    if route.pattern.name is None:
        unnamed = UNNAMED.get(_dotted(route.pattern))
        return unnamed[1] if unnamed else None
    for key in (route.view_name, route.namespace):
        if key in CAPABILITY:
            return "capability"
        if key in PROTECTED:
            return PROTECTED[key]
        if key in PUBLIC:
            return "public"
    return None


def _dotted(pattern: URLPattern) -> str:
    callback = pattern.callback
    return f"{callback.__module__}.{getattr(callback, '__name__', '')}"


def url_of(route: Route, sample: Sample) -> str:
    if route.pattern.name is None:
        return UNNAMED[_dotted(route.pattern)][0]
    kwargs = {}
    for param in route.params:
        maker = SAMPLES.get(f"{route.view_name}:{param}") or SAMPLES[param]
        kwargs[param] = maker(sample)
    return reverse(route.view_name, kwargs=kwargs)


@pytest.fixture
def matrix(settings: Any, tmp_path: Any, eddie: User) -> list[tuple[Route, str, str]]:
    """``(route, url, kind)`` for every pattern; fails naming what it cannot handle."""
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    sample = Sample()
    found, unknown, unfilled = [], [], []
    with translation.override("en"):
        for route in routes():
            kind = kind_of(route)
            if kind is None:
                unknown.append(
                    f"{route.view_name or _dotted(route.pattern)} ({route.pattern.pattern})"
                )
                continue
            missing = [
                p
                for p in route.params
                if f"{route.view_name}:{p}" not in SAMPLES and p not in SAMPLES
            ]
            if missing:
                unfilled.append(f"{route.view_name}: {', '.join(missing)}")
                continue
            found.append((route, url_of(route, sample), kind))
    assert unknown == [], "classify these views (PUBLIC, CAPABILITY, PROTECTED or staff_view)"
    assert unfilled == [], "add these URL parameters to SAMPLES"
    return found


# -- personas -----------------------------------------------------------------------------

PERSONAS = ["anonymous", "proposer", "api_token", "vera", "eddie", "ada", "otto", "nina"]
ROLE_OF = {"vera": VIEWER, "eddie": EDITOR, "ada": ADMIN}
# Signed in with the password but owing the second factor: Otto (an editor) has enrolled
# and not yet given this session's code; Nina (an admin) must enrol and has not.
OWES_SECOND_FACTOR = {"otto": "/two-factor/", "nina": "/two-factor/setup/"}
OWING_ROLE = {"otto": EDITOR, "nina": ADMIN}


def persona_client(persona: str, request: Any) -> Client:
    client = Client()
    if persona == "otto":
        otto = person("otto")
        enrol(otto)
        client.force_login(otto)
    elif persona == "nina":
        request.getfixturevalue("settings").STAFF_REQUIRE_TOTP_FOR = "admin"
        client.force_login(person("nina"))
    elif persona in ROLE_OF:
        client.force_login(request.getfixturevalue(persona))
    elif persona == "api_token":
        editor = request.getfixturevalue("eddie")
        try:
            from api.actions import create_token

            _token, secret = create_token(owner=editor, name="matrix", scopes=["activities:write"])
        except Exception:  # (the API app's token API may differ or be missing)
            secret = secrets.token_urlsafe(32)
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def _to_login(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and "/login/" in location


def _refused(response: Any) -> bool:
    return response.status_code in (401, 403, 404) or _to_login(response)


def _allowed(response: Any) -> bool:
    return response.status_code < 500 and not _refused(response)


def check(route: Route, url: str, kind: str, persona: str, client: Client) -> str | None:
    """None when the persona gets what ``kind`` promises, else what went wrong."""
    got = client.get(url)
    role = ROLE_OF.get(persona)
    if got.status_code >= 500:
        return f"GET {got.status_code}"
    if persona in OWES_SECOND_FACTOR and kind.startswith("staff:"):
        return _second_factor_first(route, got, client.post(url), persona)
    if kind in ("public", "capability"):
        ok = got.status_code not in (401, 403) and not _to_login(got)
        if kind == "capability":
            ok = ok and got.status_code == 200
        return None if ok else f"GET {got.status_code} for a {kind} page"
    if kind.startswith("staff:"):
        needed = kind.split(":", 1)[1]
        posted = client.post(url)
        if role is None:
            ok = _to_login(got) and _to_login(posted)
        elif ROLES.index(role) >= ROLES.index(needed):
            methods = route.pattern.callback.workspace_methods
            ok = (_allowed(got) if "GET" in methods else got.status_code == 405) and (
                posted.status_code not in (401, 403) and not _to_login(posted)
            )
            ok = ok and (got.status_code != 404 or "GET" not in methods)
        else:
            ok = got.status_code == 403 and posted.status_code == 403
        return None if ok else f"GET {got.status_code} POST {posted.status_code} for {kind}"
    if kind == "django-permission":  # our personas are not Django staff: all refused
        posted = client.post(url)
        ok = _refused(got) or got.status_code == 405
        ok = ok and (_refused(posted) or posted.status_code == 405)
        return None if ok else f"GET {got.status_code} POST {posted.status_code}"
    if kind == "viewer-or-metrics-token":
        expected = 200 if role else (403 if persona == "api_token" else 404)
        if persona in OWES_SECOND_FACTOR:
            expected = 302  # to the second-factor step first
        return None if got.status_code == expected else f"GET {got.status_code} != {expected}"
    return f"unknown kind {kind}"


def _second_factor_first(route: Route, got: Any, posted: Any, persona: str) -> str | None:
    """Every staff page within the persona's role sends a user who owes the second factor
    to it (but the two-factor pages themselves, which must open); pages above the role
    refuse (403)."""
    step = OWES_SECOND_FACTOR[persona]
    callback = route.pattern.callback
    if not getattr(callback, "workspace_mfa", True):
        return None if got.status_code < 500 else f"GET {got.status_code}"
    if ROLES.index(callback.workspace_role) > ROLES.index(OWING_ROLE[persona]):
        ok = got.status_code == 403 and posted.status_code == 403
    else:
        ok = all(r.status_code == 302 and step in r["Location"] for r in (got, posted))
    return None if ok else f"GET {got.status_code} POST {posted.status_code}: not {step}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_pattern_answers_each_persona_as_declared(
    matrix: list[tuple[Route, str, str]], persona: str, request: Any
) -> None:
    client = persona_client(persona, request)
    failures = []
    for route, url, kind in matrix:
        problem = check(route, url, kind, persona, client)
        if problem:
            failures.append(f"{route.view_name} {url}: {problem}")
    assert not failures, "\n".join(failures)


def test_the_matrix_covers_the_whole_project(matrix: list[tuple[Route, str, str]]) -> None:
    names = {route.view_name for route, _url, _kind in matrix}
    assert {"portal:home", "ideas:status", "workspace:idea_detail", "ops:metrics"} <= names
    assert {kind for _r, _u, kind in matrix} >= {"public", "capability", "staff:viewer"}


def test_a_superuser_reaches_the_eu_data_pages_through_the_one_gate(
    matrix: list[tuple[Route, str, str]], sune: User
) -> None:
    client = Client()
    client.force_login(sune)
    pages = [(route, url) for route, url, _kind in matrix if route.namespace == "eudata"]
    assert len(pages) >= 4  # overview, upload, runs, candidates …
    for route, url in pages:
        assert route.pattern.callback.workspace_role in ROLES  # staff_view, not a copy
        if "GET" in _methods(route):
            assert _allowed(client.get(url)), route.view_name


def _methods(route: Route) -> set[str]:
    return set(getattr(route.pattern.callback, "workspace_methods", ("GET",)))


def test_guessed_status_tokens_find_nothing(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    actions.submit_idea(data=IDEA_DATA, token="guess")
    for _ in range(20):
        guess = secrets.token_urlsafe(32)
        assert client.get(f"/en/ideas/status/{guess}/").status_code == 404
    for short in ["a", "1", "x" * 19, "../../etc/passwd"]:
        assert client.get(f"/en/ideas/status/{short}/").status_code == 404
    assert client.get("/en/ideas/status/%00/").status_code == 400  # NUL: refused as unreadable


def test_personas_log_in_with_the_real_password(client: Client, eddie: User) -> None:
    """The personas are real accounts, not only forced sessions."""
    response = client.post("/en/staff/login/", {"username": "eddie", "password": PASSWORD})
    assert response.status_code == 302
