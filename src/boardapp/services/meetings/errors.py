"""Refusals of the meetings use-cases (a ValidationError names the field; these say what is gone)."""
from __future__ import annotations

from boardapp.services.transaction import ConflictError

__all__ = ["ConflictError", "NotFoundError"]


class NotFoundError(LookupError):
    """The meeting, agenda item or paper named is not in the workspace (any more)."""
