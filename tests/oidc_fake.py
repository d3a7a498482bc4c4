"""A tiny OpenID Connect provider for the single sign-on tests (tests/test_accounts_sso.py).

It serves discovery, a JWKS and a token endpoint over real HTTP on 127.0.0.1 from a
thread; RSA keys are made here with ``cryptography``. The authorization step, which a
browser would do at the provider, is ``FakeProvider.authorize``: it reads the request
the app sent the browser to, and returns the code the provider would send back. Each
test can change what the ID token says (``claims``), sign it with another key, or have
the token endpoint answer oddly, publish a discovery document naming another issuer,
sign with another algorithm, or rotate its key (``rotate``). It signs with PyJWT, an
implementation independent of the relying party's (Authlib and joserfc).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "international-espoo"
CLIENT_SECRET = "fake-client-secret"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Grant:
    params: dict[str, str]
    claims: dict[str, Any]


@dataclass
class FakeProvider:
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "key-1"
    server: ThreadingHTTPServer | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    signing_key: rsa.RSAPrivateKey | None = None  # sign with another key than published
    token_status: int = 200
    algorithm: str = "RS256"  # "HS256": signed with the client secret instead of the key
    discovery_issuer: str | None = None  # what discovery says the issuer is, if not itself
    discovery_omits: tuple[str, ...] = ()  # endpoints left out of the discovery document
    discovery_requests: int = 0
    jwks_requests: int = 0

    @property
    def issuer(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def rotate(self) -> None:
        """A new signing key under a new key id; only the new one is published."""
        self.key = new_key()
        self.kid = f"key-{int(self.kid.rsplit('-', 1)[1]) + 1}"

    def discovery(self) -> dict[str, Any]:
        document = {
            "issuer": self.discovery_issuer or self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }
        return {k: v for k, v in document.items() if k not in self.discovery_omits}

    def authorize(self, location: str, **claims: Any) -> tuple[str, str]:
        """Sign the person in at the "provider": returns (code, state) for the callback.

        ``claims`` override or add ID token claims; a value None removes the claim.
        """
        url = urllib.parse.urlsplit(location)
        assert location.startswith(self.issuer + "/authorize?"), location
        params = dict(urllib.parse.parse_qsl(url.query))
        now = int(time.time())
        token_claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": params["client_id"],
            "sub": "subject-0001",
            "iat": now,
            "exp": now + 300,
            "nonce": params["nonce"],
            "email": "eeva.esimerkki@espoo.example",
            "email_verified": True,
            "given_name": "Eeva",
            "family_name": "Esimerkki",
            "roles": ["IE.Editor"],
        }
        for name, value in claims.items():
            if value is None:
                token_claims.pop(name, None)
            else:
                token_claims[name] = value
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(params=params, claims=token_claims)
        return code, params["state"]

    def token(self, form: dict[str, str], headers: Any) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        if self.token_status != 200:
            return self.token_status, {"error": "server_error"}
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None:
            return 400, {"error": "invalid_grant"}
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if not client_id and headers.get("Authorization", "").startswith("Basic "):
            raw = base64.b64decode(headers["Authorization"][6:]).decode()
            client_id, secret = (urllib.parse.unquote(p) for p in raw.split(":", 1))
        if (client_id, secret) != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        if form.get("redirect_uri") != grant.params["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if grant.params.get("code_challenge_method") != "S256" or (
            challenge != grant.params.get("code_challenge")
        ):
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        key: Any = self.signing_key or self.key
        if self.algorithm == "HS256":
            key = CLIENT_SECRET.encode() * 2  # long enough for PyJWT's HMAC key check
        id_token = jwt.encode(
            grant.claims, key, algorithm=self.algorithm, headers={"kid": self.kid}
        )
        return 200, {"access_token": "at", "token_type": "Bearer", "id_token": id_token}

    def start(self) -> FakeProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    provider.discovery_requests += 1
                    self._send(200, provider.discovery())
                elif self.path == "/jwks":
                    provider.jwks_requests += 1
                    self._send(200, provider.jwks())
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                if self.path == "/token":
                    self._send(*provider.token(form, self.headers))
                else:
                    self._send(404, {"error": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
