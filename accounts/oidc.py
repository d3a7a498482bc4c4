"""OpenID Connect single sign-on: the authorization code flow with PKCE, state and nonce.

``start`` remembers a random state, nonce and PKCE verifier in the session and sends the
browser to the provider; ``finish`` checks the state, exchanges the code (with the
verifier) at the token endpoint and verifies the ID token: RS256 signature with a key of
the provider's JWKS, ``iss``, ``aud`` (and ``azp``), ``exp``, ``iat`` and the nonce.
Configuration: the OIDC_* settings (docs/accounts.md). Every failure is an ``SsoError``
carrying a translated message for the person and a short reason for the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import jwt
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts.roles import ADMIN, EDITOR, ROLES, VIEWER

SESSION_KEY = "accounts_oidc"
FLOW_MAX_AGE = 600  # seconds a sign-in may take at the provider
LEEWAY = 30  # seconds of clock difference allowed for exp/iat
ALGORITHMS = ["RS256"]


class SsoError(Exception):
    def __init__(self, message: str, reason: str, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.status = status


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    jwks_uri: str = ""
    name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


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


def _get_json(url: str) -> dict[str, Any]:
    if not url.startswith(("https://", "http://")):
        raise SsoError(_("Single sign-on is not configured correctly."), "bad url", 500)
    try:
        with urllib.request.urlopen(url, timeout=settings.OIDC_TIMEOUT) as answer:  # noqa: S310
            data = json.load(answer)
    except (OSError, ValueError) as exc:
        raise _unreachable(exc) from exc
    if not isinstance(data, dict):
        raise _unreachable(ValueError("not an object"))
    return data


def provider() -> Provider:
    """The configured provider, endpoints filled from discovery (cached for an hour)."""
    found = Provider(
        issuer=settings.OIDC_ISSUER,
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        scopes=settings.OIDC_SCOPES,
        authorization_endpoint=settings.OIDC_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.OIDC_TOKEN_ENDPOINT,
        jwks_uri=settings.OIDC_JWKS_URI,
        name=settings.OIDC_PROVIDER_NAME,
    )
    if found.authorization_endpoint and found.token_endpoint and found.jwks_uri:
        return found
    key = "accounts:oidc-discovery:" + hashlib.sha256(found.issuer.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        document = _get_json(found.issuer + "/.well-known/openid-configuration")
        if document.get("issuer", "").rstrip("/") != found.issuer:
            raise SsoError(
                _("Single sign-on is not configured correctly."), "discovery issuer mismatch", 500
            )
        cache.set(key, document, 3600)
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not getattr(found, name):
            setattr(found, name, str(document.get(name, "")))
    return found


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start(request: HttpRequest, redirect_uri: str, next_url: str) -> str:
    """The provider's authorization URL; state, nonce and verifier wait in the session."""
    found = provider()
    flow: dict[str, Any] = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "redirect_uri": redirect_uri,
        "next": next_url,
        "started": int(_now()),
    }
    request.session[SESSION_KEY] = flow
    query = {
        "response_type": "code",
        "client_id": found.client_id,
        "redirect_uri": redirect_uri,
        "scope": found.scopes,
        "state": flow["state"],
        "nonce": flow["nonce"],
        "code_challenge": _challenge(flow["verifier"]),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in found.authorization_endpoint else "?"
    return found.authorization_endpoint + separator + urllib.parse.urlencode(query)


def _now() -> float:
    return time.time()


def _refused(reason: str) -> SsoError:
    return SsoError(
        _("The sign-in could not be completed. Please try again from the login page."), reason
    )


def _exchange(found: Provider, code: str, flow: dict[str, Any]) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": flow["redirect_uri"],
        "code_verifier": flow["verifier"],
    }
    headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
    if settings.OIDC_TOKEN_AUTH_METHOD == "client_secret_basic":  # noqa: S105
        pair = f"{urllib.parse.quote(found.client_id)}:{urllib.parse.quote(found.client_secret)}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    else:
        form["client_id"] = found.client_id
        form["client_secret"] = found.client_secret
    request = urllib.request.Request(  # noqa: S310 (the configured https endpoint)
        found.token_endpoint, data=urllib.parse.urlencode(form).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.OIDC_TIMEOUT) as answer:  # noqa: S310
            tokens = json.load(answer)
    except urllib.error.HTTPError as exc:
        raise _refused(f"token endpoint answered {exc.code}") from exc
    except (OSError, ValueError) as exc:
        raise _unreachable(exc) from exc
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise _refused("no id_token")
    return tokens


_jwks_clients: dict[str, jwt.PyJWKClient] = {}


def _signing_key(found: Provider, token: str) -> Any:
    client = _jwks_clients.get(found.jwks_uri)
    if client is None:
        client = jwt.PyJWKClient(found.jwks_uri, lifespan=3600, timeout=settings.OIDC_TIMEOUT)
        _jwks_clients[found.jwks_uri] = client
    try:
        return client.get_signing_key_from_jwt(token).key
    except jwt.PyJWKClientConnectionError as exc:
        raise _unreachable(exc) from exc
    except jwt.PyJWKClientError as exc:
        raise _refused("no matching signing key") from exc
    except jwt.DecodeError as exc:
        raise _refused("malformed id_token") from exc


def verify_id_token(found: Provider, token: str, nonce: str) -> dict[str, Any]:
    key = _signing_key(found, token)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=ALGORITHMS,
            audience=found.client_id,
            issuer=found.issuer,
            leeway=LEEWAY,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise _refused("id_token expired") from exc
    except jwt.InvalidAudienceError as exc:
        raise _refused("id_token audience") from exc
    except jwt.InvalidIssuerError as exc:
        raise _refused("id_token issuer") from exc
    except jwt.InvalidSignatureError as exc:
        raise _refused("id_token signature") from exc
    except jwt.InvalidTokenError as exc:
        raise _refused(f"id_token invalid: {type(exc).__name__}") from exc
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != found.client_id:
        raise _refused("id_token azp")
    if not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise _refused("id_token nonce")
    return claims


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
    found = provider()
    tokens = _exchange(found, code, flow)
    claims = verify_id_token(found, tokens["id_token"], flow["nonce"])
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
