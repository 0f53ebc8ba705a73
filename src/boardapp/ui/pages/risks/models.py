"""The register's table model: risks as frozen rows, the rating as a chip, overdue reviews flagged."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from boardapp.domain.enums import RiskStatus
from boardapp.services.risks.queries import RiskRow
from boardapp.ui.common.colours import BRAG_COLOURS
from boardapp.ui.common.row_table_model import Column, Index, RowTableModel

OVERDUE_INK = QColor("#b3261e")


def _status(r: RiskRow) -> str:
    return RiskStatus(r.status).label if r.status in RiskStatus.__members__ else r.status


def _scores(likelihood: int, impact: int) -> str:
    return f"{likelihood} × {impact} = {likelihood * impact}"


def risk_columns(today: Callable[[], date]) -> list[Column[RiskRow]]:
    """The register's columns; ``today`` is asked when a review date is shown."""

    def review(r: RiskRow) -> str:
        if r.review_date is None:
            return ""
        text = f"{r.review_date:%d/%m/%Y}"
        return f"{text} — overdue" if r.review_overdue(today()) else text

    def review_tip(r: RiskRow) -> str:
        if r.review_date is None:
            return "No review date set"
        if r.review_overdue(today()):
            days = (today() - r.review_date).days
            return f"Review overdue by {days} day{'s' if days != 1 else ''} (due {r.review_date:%d/%m/%Y})"
        return f"Next review {r.review_date:%d/%m/%Y}"

    return [
        Column("Ref", lambda r: r.ref),
        Column("Risk", lambda r: r.title, tooltip=lambda r: r.description or r.title),
        Column("Residual", lambda r: _scores(r.likelihood, r.impact), sort_key=lambda r: (r.score, r.likelihood),
               tooltip=lambda r: f"With controls: likelihood {r.likelihood} × impact {r.impact} = {r.score}"),
        Column("Rating", lambda r: r.rating.label, sort_key=lambda r: r.score,
               tooltip=lambda r: f"{r.rating.label}: residual score {r.score} (Red 15–25, Amber 8–14, Green 1–7)"),
        Column("Review", review, sort_key=lambda r: r.review_date, tooltip=review_tip),
        Column("Status", _status),
        Column("Inherent", lambda r: _scores(r.inherent_likelihood, r.inherent_impact),
               sort_key=lambda r: (r.inherent_score, r.inherent_likelihood),
               tooltip=lambda r: (f"Before controls: likelihood {r.inherent_likelihood} × impact {r.inherent_impact} = "
                                  f"{r.inherent_score}, {r.inherent_rating.label}")),
        Column("Owner", lambda r: r.owner_name),
        Column("Theme", lambda r: r.theme_code, tooltip=lambda r: f"{r.theme_code} {r.theme_title}".strip()),
        Column("Cause", lambda r: r.cause, tooltip=lambda r: r.cause),
        Column("Effect", lambda r: r.effect, tooltip=lambda r: r.effect),
        Column("Controls", lambda r: r.controls, tooltip=lambda r: r.controls),
        Column("Mitigation", lambda r: r.mitigation, tooltip=lambda r: r.mitigation),
    ]


class RiskTableModel(RowTableModel[RiskRow]):
    """RowTableModel plus the rating's colours (for the chip delegate) and overdue reviews in red bold."""

    RATING_COLUMN = 3
    REVIEW_COLUMN = 4

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(risk_columns(today), parent)
        self._today = today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            row = self.row_at(index.row())
            if column == self.RATING_COLUMN and role != Qt.ItemDataRole.FontRole:
                fill, ink = BRAG_COLOURS[row.rating.value]
                return QColor(fill if role == Qt.ItemDataRole.BackgroundRole else ink)
            if column == self.REVIEW_COLUMN and row.review_overdue(self._today()):
                if role == Qt.ItemDataRole.ForegroundRole:
                    return OVERDUE_INK
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
            if row.closed and role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#5f5f5f")
            return None
        return super().data(index, role)

    def row_of(self, risk_id: int) -> int:
        """The model row showing the risk, or -1."""
        for i, r in enumerate(self._rows):
            if r.id == risk_id:
                return i
        return -1


def matches(row: RiskRow, words: Iterable[str]) -> bool:
    """Every word appears in the risk's ref, title, owner, theme, cause, effect, controls or mitigation."""
    text = " ".join((row.ref, row.title, row.description, row.owner_name, row.theme_code, row.theme_title, row.cause,
                     row.effect, row.controls, row.mitigation)).casefold()
    return all(w in text for w in words)
