"""The role checks shared by the per-namespace access tests (tests/test_workspace_access.py,
tests/test_accounts_access.py): every URL pattern of a namespace against the personas."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.test import Client
from django.urls import get_resolver, reverse

from workspace.roles import ADMIN, EDITOR, ROLES, VIEWER

Url = tuple[str, str, Any]  # (pattern name, URL, pattern)


def namespace_patterns(namespace: str) -> list[Any]:
    """Every URL pattern of ``namespace``, straight from the project's URL resolver."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return list(resolver.url_patterns)


def namespace_urls(namespace: str, objects: dict[str, Any]) -> list[Url]:
    """``(name, url, pattern)`` for every pattern; a new URL parameter must be in ``objects``."""
    found = []
    for pattern in namespace_patterns(namespace):
        params = {name: objects[name] for name in pattern.pattern.converters}
        found.append((pattern.name, reverse(f"{namespace}:{pattern.name}", kwargs=params), pattern))
    return found


def assert_each_view_declares_its_role(urls: list[Url], skip: Collection[str]) -> None:
    for name, _url, pattern in urls:
        if name in skip:
            continue
        assert getattr(pattern.callback, "workspace_role", None) in ROLES, name


def assert_anonymous_sent_to_login(client: Client, urls: list[Url], skip: Collection[str]) -> None:
    for name, url, _pattern in urls:
        if name in skip:
            continue
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith("/en/staff/login/?next="), name


def assert_refused_everywhere(client: Client, urls: list[Url], skip: Collection[str]) -> None:
    for name, url, _pattern in urls:
        if name in skip:
            continue
        assert client.get(url).status_code == 403, name
        assert client.post(url).status_code == 403, name


def assert_role_reaches_exactly_its_views(
    client: Client, persona: str, urls: list[Url], skip: Collection[str]
) -> None:
    """``persona`` (signed in on ``client``) opens the views of its role and below, GET and
    POST as each declares, and is refused the others."""
    role = {"vera": VIEWER, "eddie": EDITOR}.get(persona, ADMIN)
    for name, url, pattern in urls:
        if name in skip:
            continue
        needed = pattern.callback.workspace_role
        methods = pattern.callback.workspace_methods
        allowed = ROLES.index(role) >= ROLES.index(needed)
        got = client.get(url).status_code
        posted = client.post(url).status_code
        if not allowed:
            assert (got, posted) == (403, 403), (persona, name)
            continue
        assert got == (200 if "GET" in methods else 405), (persona, name, got)
        assert posted not in (403, 405) if "POST" in methods else posted == 405, (persona, name)
