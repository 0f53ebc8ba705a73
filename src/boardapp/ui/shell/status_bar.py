"""The main window's status bar (a mixin: the window stays under 500 lines).

Left to right: the workspace's own "today" when it has one ("Demo workspace — as at 11/09/2024"),
the board and the file, the next monitoring visit and its focus (elided, whole in the tooltip);
then, always shown, the register's counts and who is editing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

from boardapp.ui.common.elided_label import ElidedLabel

if TYPE_CHECKING:
    from boardapp.services.rows import WorkspaceSummary
    from boardapp.ui.common.context import AppContext


def as_at_text(summary: "WorkspaceSummary") -> str:
    """The status bar's note of a workspace dated "as at" a day of its own (empty for the real date)."""
    if summary.as_at is None:
        return ""
    when = f"as at {summary.as_at:%d/%m/%Y}"
    return f"Demo workspace — {when}" if summary.is_demo else when[0].upper() + when[1:]


class StatusBarMixin:
    """Mixed into MainWindow (uses its ctx, summary, counts, statusBar, open_preferences and _show_who)."""

    ctx: "AppContext | None"
    summary: "WorkspaceSummary | None"
    counts: tuple[int, int, int] | None
    statusBar: Any
    setWindowTitle: Any
    open_preferences: Any
    _show_who: Any
    _check_data_ready: Any

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.workspace_label = QLabel("No workspace open")
        self.workspace_label.setAccessibleName("Workspace")
        self.visit_label = ElidedLabel("")  # the focus area can be long: elided, whole in the tooltip
        self.visit_label.setAccessibleName("Next monitoring visit")
        self.counts_label = QLabel("")
        self.counts_label.setAccessibleName("Actions shown, total and overdue")
        from boardapp.ui.shell.who_is_editing import who_button

        self.who_label = who_button()
        self.who_label.clicked.connect(self.open_preferences)
        # "Demo workspace — as at 11/09/2024": the whole app counts days from that date, not the clock's.
        self.as_at_label = QLabel("")
        self.as_at_label.setObjectName("asAtLabel")
        self.as_at_label.setAccessibleName("Today's date for this workspace")
        self.as_at_label.setToolTip("Every date in this workspace is counted from this day, not the computer's "
                                    "date. Change it in Board settings.")
        self.as_at_label.setVisible(False)
        bar.addWidget(self.as_at_label)
        bar.addWidget(self.workspace_label)
        bar.addWidget(self.visit_label, 1)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.who_label)
        self._show_who()

    def refresh_status(self, summary: "WorkspaceSummary | None" = None) -> None:
        """Title and status bar from the workspace summary (one cheap query, unless it is given)."""
        if self.ctx is None:
            return
        if summary is None:
            from boardapp.services.workspace import workspace_summary

            with self.ctx.session() as session:
                summary = workspace_summary(session=session, today=self.ctx.today())
        self.summary = summary
        self.setWindowTitle(f"{summary.board_name} — {self.ctx.db_path.name}")
        self.workspace_label.setText(f"{summary.board_name} · {self.ctx.db_path.name}")
        self.workspace_label.setToolTip(str(self.ctx.db_path))
        self.as_at_label.setText(as_at_text(summary))
        self.as_at_label.setVisible(bool(self.as_at_label.text()))
        visit = summary.next_visit
        if visit is None or summary.days_to_next_visit is None:
            self.visit_label.setText("No monitoring visit planned")
            self.visit_label.set_tooltip_detail("")
        else:
            days = summary.days_to_next_visit
            when = "on site now" if days <= 0 else f"{days} day{'s' if days != 1 else ''} to the next monitoring visit"
            area = visit.focus_area
            self.visit_label.setText(f"{when} · {area}" if area else when)
            self.visit_label.set_tooltip_detail(
                f"{when} on {visit.start_date:%d/%m/%Y}: {area or 'focus not yet announced'}")
        self._show_counts()

    def _on_counts(self, shown: int, total: int, overdue: int) -> None:
        self.counts = (shown, total, overdue)
        self._show_counts()
        self._check_data_ready()

    def _show_counts(self) -> None:
        if self.counts is None:
            self.counts_label.setText(f"{self.summary.action_count} actions" if self.summary else "")
            return
        shown, total, overdue = self.counts
        self.counts_label.setText(f"Actions: {shown:,} shown of {total:,} · {overdue:,} overdue")
