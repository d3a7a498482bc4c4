"""What every named action (``<app>.actions``) raises when it does nothing.

One base, so a view can answer any action's refusal the same way: ``Refused`` carries a
message for the person, in their language; ``Stale`` is the refusal for an edit made from
a form that someone else's change has overtaken (the apps' own subclasses name the record).
"""

from __future__ import annotations


class Refused(Exception):
    """The action was not done and nothing was saved; ``message`` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Stale(Refused):
    """Someone else changed the record after the form was made from it."""
