"""OpenID Connect single sign-on: the authorization code flow with PKCE, state and nonce.

The relying party is Authlib's (``OAuth2Mixin`` + ``OpenIDMixin`` over its httpx client):
it reads the provider's discovery document, builds the authorization URL with a random
state, nonce and PKCE S256 challenge, exchanges the code (with the verifier and the client
secret, post or basic) and fetches and caches the JWKS (fetched again when a token names
an unknown key). Ours around it: the flow waits in the session under ``SESSION_KEY`` and is
used up by the first callback (state compared in constant time, at most ``FLOW_MAX_AGE``
old); the discovery document must name the configured issuer; the ID token must be RS256
(``ALGORITHMS``) and pass Authlib's ``CodeIDToken`` rules with ``iss`` and ``aud`` pinned
to the configured issuer and client id (Authlib checks neither by default: docs/security.md),
``exp``/``iat`` with ``LEEWAY``, ``azp`` and the nonce. Configuration: the OIDC_* settings
(docs/accounts.md). Every failure is an ``SsoError`` carrying a translated message for the
person and a short reason for the audit trail.
"""

from __future__ import annotations

import hmac
import ssl
import time
import warnings
from typing import Any

import authlib.deprecate  # noqa: F401 (its warning filter first, so ours below wins)
import httpx
from authlib.integrations.base_client import BaseApp, OAuth2Mixin, OAuthError, OpenIDMixin
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from joserfc import jwt as jose_jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from accounts.roles import ADMIN, EDITOR, ROLES, VIEWER

with warnings.catch_warnings():
    # Authlib 1.9 prefers the httpx2 fork and warns once that plain httpx is deprecated;
    # httpx is the project's client (pyproject.toml), and the API is the same.
    warnings.filterwarnings("ignore", "The httpx module is deprecated", DeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

SESSION_KEY = "accounts_oidc"
FLOW_MAX_AGE = 600  # seconds a sign-in may take at the provider
LEEWAY = 30  # seconds of clock difference allowed for exp/iat
ALGORITHMS = ["RS256"]
METADATA_MAX_AGE = 3600  # discovery and JWKS are read again after an hour
# The system's certificate store, as before httpx (whose default is certifi's bundle).
TLS = ssl.create_default_context()


class SsoError(Exception):
    def __init__(self, message: str, reason: str, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.status = status


def enabled() -> bool:
    return bool(settings.OIDC_CLIENT_ID and settings.OIDC_ISSUER)


def provider_name() -> str:
    return str(settings.OIDC_PROVIDER_NAME)


def _unreachable(exc: Exception) -> SsoError:
    return SsoError(
        _(
            "The single sign-on service cannot be reached right now. Try again in a moment, "
            "or log in with your user name and password."
        ),
        f"unreachable: {type(exc).__name__}",
        status=502,
    )


def _misconfigured(reason: str) -> SsoError:
    return SsoError(_("Single sign-on is not configured correctly."), reason, 500)


def _refused(reason: str) -> SsoError:
    return SsoError(
        _("The sign-in could not be completed. Please try again from the login page."), reason
    )


class RelyingParty(OAuth2Mixin, OpenIDMixin, BaseApp):
    """Authlib's OpenID Connect client over httpx, for the configured provider."""

    client_cls = OAuth2Client

    def __init__(self) -> None:
        self.issuer = str(settings.OIDC_ISSUER)
        self.jwks_uri = str(settings.OIDC_JWKS_URI)
        explicit = {
            "authorization_endpoint": settings.OIDC_AUTHORIZATION_ENDPOINT,
            "token_endpoint": settings.OIDC_TOKEN_ENDPOINT,
            "jwks_uri": settings.OIDC_JWKS_URI,
        }
        for address in [self.issuer, *filter(None, explicit.values())]:
            if not address.startswith(("https://", "http://")):
                raise _misconfigured("bad url")
        discover = not all(explicit.values())
        super().__init__(
            framework=None,
            name="sso",
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET,
            authorize_url=settings.OIDC_AUTHORIZATION_ENDPOINT or None,
            access_token_url=settings.OIDC_TOKEN_ENDPOINT or None,
            server_metadata_url=(
                self.issuer + "/.well-known/openid-configuration" if discover else None
            ),
            client_kwargs={
                "scope": settings.OIDC_SCOPES,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": settings.OIDC_TOKEN_AUTH_METHOD,
                "timeout": settings.OIDC_TIMEOUT,
                "verify": TLS,
            },
            **({} if discover else {k: v for k, v in explicit.items() if k != "jwks_uri"}),
        )
        self.created = time.monotonic()

    def load_server_metadata(self) -> dict[str, Any]:
        metadata: dict[str, Any] = super().load_server_metadata()
        if not metadata.get("_checked"):
            found = str(metadata.get("issuer", "")).rstrip("/")
            if self._server_metadata_url and found != self.issuer:
                raise _misconfigured("discovery issuer mismatch")
            if self.jwks_uri:  # a configured endpoint wins over the discovered one
                metadata["jwks_uri"] = self.jwks_uri
            metadata["_checked"] = True
        return metadata


_parties: dict[tuple[Any, ...], RelyingParty] = {}


def relying_party() -> RelyingParty:
    """The relying party of the current settings, its discovery and JWKS cached an hour."""
    key = tuple(
        getattr(settings, name)
        for name in (
            "OIDC_ISSUER",
            "OIDC_CLIENT_ID",
            "OIDC_CLIENT_SECRET",
            "OIDC_SCOPES",
            "OIDC_AUTHORIZATION_ENDPOINT",
            "OIDC_TOKEN_ENDPOINT",
            "OIDC_JWKS_URI",
            "OIDC_TOKEN_AUTH_METHOD",
            "OIDC_TIMEOUT",
        )
    )
    party = _parties.get(key)
    if party is None or time.monotonic() - party.created > METADATA_MAX_AGE:
        _parties.clear()  # one provider is configured at a time
        party = _parties[key] = RelyingParty()
    return party


def _calling_provider(call: Any, *args: Any, **kwargs: Any) -> Any:
    """One call to the provider, its network failures as the "cannot be reached" error."""
    try:
        return call(*args, **kwargs)
    except (httpx.TransportError, httpx.HTTPStatusError, ValueError) as exc:
        raise _unreachable(exc) from exc
    except RuntimeError as exc:  # Authlib: an endpoint is neither configured nor discovered
        raise _misconfigured("endpoint missing") from exc


def start(request: HttpRequest, redirect_uri: str, next_url: str) -> str:
    """The provider's authorization URL; state, nonce and verifier wait in the session."""
    party = relying_party()
    made = _calling_provider(party.create_authorization_url, redirect_uri)
    request.session[SESSION_KEY] = {
        "state": made["state"],
        "nonce": made["nonce"],
        "verifier": made["code_verifier"],
        "redirect_uri": redirect_uri,
        "next": next_url,
        "started": int(_now()),
    }
    return str(made["url"])


def _now() -> float:
    return time.time()


def _exchange(party: RelyingParty, code: str, flow: dict[str, Any]) -> dict[str, Any]:
    try:
        tokens = party.fetch_access_token(
            redirect_uri=flow["redirect_uri"], code=code, code_verifier=flow["verifier"]
        )
    except httpx.HTTPStatusError as exc:
        raise _refused(f"token endpoint answered {exc.response.status_code}") from exc
    except OAuthError as exc:
        raise _refused(f"token endpoint error: {str(exc.error)[:50]}") from exc
    except (httpx.TransportError, ValueError) as exc:
        raise _unreachable(exc) from exc
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise _refused("no id_token")
    return dict(tokens)


def _decode(party: RelyingParty, token: str) -> Any:
    registry = JWSRegistry(algorithms=ALGORITHMS)
    try:
        keys = KeySet.import_key_set(_calling_provider(party.fetch_jwk_set))
        try:
            return jose_jwt.decode(token, keys, registry=registry)
        except InvalidKeyIdError:  # the provider may have rotated its keys: read them again
            keys = KeySet.import_key_set(_calling_provider(party.fetch_jwk_set, force=True))
            return jose_jwt.decode(token, keys, registry=registry)
    except BadSignatureError as exc:
        raise _refused("id_token signature") from exc
    except InvalidKeyIdError as exc:
        raise _refused("no matching signing key") from exc
    except UnsupportedAlgorithmError as exc:
        raise _refused("id_token algorithm") from exc
    except (JoseError, ValueError) as exc:
        raise _refused("malformed id_token") from exc


_CLAIM_REASONS = {
    "aud": "id_token audience",
    "iss": "id_token issuer",
    "nonce": "id_token nonce",
    "azp": "id_token azp",
}


def verify_id_token(
    party: RelyingParty, token: str, nonce: str, access_token: str = ""
) -> dict[str, Any]:
    decoded = _decode(party, token)
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "value": party.issuer},
            "aud": {"essential": True, "value": party.client_id},
        },
        {"nonce": nonce, "client_id": party.client_id, "access_token": access_token or None},
    )
    try:
        claims.validate(leeway=LEEWAY)
    except ExpiredTokenError as exc:
        raise _refused("id_token expired") from exc
    except ClaimError as exc:
        reason = _CLAIM_REASONS.get(exc.claim, f"id_token invalid: {exc.claim}")
        raise _refused(reason) from exc
    return dict(claims)


def finish(request: HttpRequest) -> tuple[dict[str, Any], str]:
    """The verified ID token claims and the address to go on to."""
    flow = request.session.pop(SESSION_KEY, None)
    if not isinstance(flow, dict):
        raise _refused("no sign-in in progress")
    if request.GET.get("error"):
        raise SsoError(
            _("The single sign-on service did not sign you in. Please try again."),
            f"provider error: {request.GET['error'][:50]}",
        )
    state = request.GET.get("state", "")
    if not hmac.compare_digest(state.encode(), str(flow["state"]).encode()):
        raise _refused("state")
    if _now() - flow["started"] > FLOW_MAX_AGE:
        raise _refused("sign-in took too long")
    code = request.GET.get("code", "")
    if not code:
        raise _refused("no code")
    party = relying_party()
    tokens = _exchange(party, code, flow)
    access_token = tokens.get("access_token")
    claims = verify_id_token(
        party,
        tokens["id_token"],
        str(flow["nonce"]),
        access_token if isinstance(access_token, str) else "",
    )
    return claims, str(flow["next"])


# --- Mapping the claims to a person and a role --------------------------------------------


def claim(claims: dict[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def role_from(claims: dict[str, Any]) -> str | None:
    """The highest role whose configured values appear in the role claim."""
    raw = claim(claims, settings.OIDC_ROLE_CLAIM)
    values = {str(v) for v in raw} if isinstance(raw, list) else {str(raw)} if raw else set()
    mapping = {
        VIEWER: settings.OIDC_ROLES_VIEWER,
        EDITOR: settings.OIDC_ROLES_EDITOR,
        ADMIN: settings.OIDC_ROLES_ADMIN,
    }
    for role in reversed(ROLES):
        if values & set(mapping[role]):
            return role
    return None


def email_from(claims: dict[str, Any]) -> str:
    email = str(claims.get("email") or "").strip().lower()
    if claims.get("email_verified") is False:
        return ""
    return email


def domain_allowed(email: str) -> bool:
    allowed = settings.OIDC_ALLOWED_DOMAINS
    if not allowed:
        return True
    return "@" in email and email.rsplit("@", 1)[1] in allowed
