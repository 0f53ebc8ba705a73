"""The board itself: the name on the title bar and on every page of the pack."""
from __future__ import annotations

from sqlmodel import Session, select

from boardapp.db.models import Board
from boardapp.domain.rules import ValidationError


def ensure_board(name: str, *, session: Session, council: str = "") -> None:
    """Give a new workspace its board (once)."""
    if not name.strip():
        raise ValidationError("name", "the board needs a name")
    if session.exec(select(Board)).first() is None:
        session.add(Board(name=name.strip(), council=council.strip()))
        session.commit()
