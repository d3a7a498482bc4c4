"""Who is acting right now: set per request by middleware, or by a command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class Actor:
    user: User | None = None  # None for a command or an anonymous visitor
    label: str = "system"
    ip_address: str | None = None


_SYSTEM = Actor()
_current: ContextVar[Actor] = ContextVar("audit_actor", default=_SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def act_for_rest_of_request(actor: Actor) -> None:
    """Make ``actor`` the actor until the request ends: for authentication that happens
    inside the view (API tokens), after AuditActorMiddleware chose the anonymous actor.
    The middleware's ``acting_as`` restores the earlier actor when the request ends."""
    _current.set(actor)


def actor_for_user(user: User | AnonymousUser | None, ip_address: str | None = None) -> Actor:
    if user is not None and user.is_authenticated:
        return Actor(user=user, label=user.get_username(), ip_address=ip_address)
    return Actor(user=None, label="anonymous", ip_address=ip_address)
