"""Refusals of the people, themes and board use-cases (each message says what to do instead)."""
from __future__ import annotations

from boardapp.domain.rules import ValidationError
from boardapp.services.transaction import ConflictError

__all__ = ["ConflictError", "InUseError", "NotFoundError"]


class NotFoundError(LookupError):
    """The person, theme or board named is not in the workspace (any more)."""


class InUseError(ValidationError):
    """A person or theme cannot be deleted while something still refers to it.

    ``open_actions``: how many open actions still hang on it (the UI offers to move them);
    ``references``: what else refers to it, by kind, for the message.
    """

    def __init__(self, field: str, message: str, *, open_actions: int = 0, live_actions: int = 0,
                 references: dict[str, int] | None = None) -> None:
        super().__init__(field, message)
        self.open_actions = open_actions
        self.live_actions = live_actions
        self.references = dict(references or {})
