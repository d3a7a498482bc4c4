"""The role checks shared by the per-namespace access tests (tests/test_workspace_access.py,
tests/test_accounts_access.py): every URL pattern of a namespace against the personas."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.roles import ADMIN, EDITOR, ROLES, VIEWER

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


class RoleMatrix:
    """The role tests of one namespace: subclass it as ``Test…`` in the namespace's test
    module, set ``skip`` (the patterns outside the roles) and give a ``matrix_urls`` fixture
    (its ``namespace_urls``)."""

    skip: Collection[str] = ()

    def test_every_view_declares_its_role(self, matrix_urls: list[Url]) -> None:
        for name, _url, pattern in matrix_urls:
            if name not in self.skip:
                assert getattr(pattern.callback, "workspace_role", None) in ROLES, name

    def test_anonymous_visitors_are_sent_to_the_staff_login(
        self, client: Client, matrix_urls: list[Url]
    ) -> None:
        for name, url, _pattern in self.checked(matrix_urls):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 302, (name, method)
                assert response["Location"].startswith("/en/staff/login/?next="), name

    @pytest.mark.parametrize("persona", ["ulla", "pekka"])
    def test_users_without_a_role_are_refused_everywhere(
        self, client: Client, matrix_urls: list[Url], persona: str, request: Any
    ) -> None:
        client.force_login(request.getfixturevalue(persona))
        for name, url, _pattern in self.checked(matrix_urls):
            assert client.get(url).status_code == 403, name
            assert client.post(url).status_code == 403, name

    @pytest.mark.parametrize("persona", ["vera", "eddie", "ada", "sune"])
    def test_each_role_reaches_exactly_its_views(
        self, client: Client, matrix_urls: list[Url], persona: str, request: Any
    ) -> None:
        """The persona opens the views of its role and below, GET and POST as each
        declares, and is refused the others."""
        user = request.getfixturevalue(persona)
        client.force_login(user)
        role = {"vera": VIEWER, "eddie": EDITOR}.get(persona, ADMIN)
        for name, url, pattern in self.checked(matrix_urls):
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
        assert User.objects.get(pk=user.pk).is_active  # nothing above locked the persona out

    def checked(self, urls: list[Url]) -> list[Url]:
        return [url for url in urls if url[0] not in self.skip]
