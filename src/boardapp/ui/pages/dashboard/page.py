"""The dashboard: the plan at a glance, every figure a way into the register.

Figures come from ``services.plan_summary.summarise`` (the pack uses the same
function, so screen and paper agree). Each figure is a button: clicking it, or
pressing Enter/Space on it, emits ``filter_requested`` with the matching
ActionFilter and the window shows the Actions page filtered to it.
"""
from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from boardapp.domain.dates import days_in_words
from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.common.colours import BRAG_WORDS
from boardapp.ui.common.brag_chart import ORDER, BragChart, ChartRow
from boardapp.ui.common.elided_link import ElidedLink
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.figure_card import FigureCard

if TYPE_CHECKING:
    from boardapp.services.plan.summary import PlanSummary
    from boardapp.services.plan.snapshot import RegisterSnapshot
    from boardapp.services.rows import ActionRow, WorkspaceSummary
    from boardapp.ui.common.context import AppContext

LIST_LIMIT = 5


def _card(caption: str, accessible: str) -> FigureCard:
    """The dashboard's cards stand a little taller round their figure than the Readiness page's."""
    return FigureCard(caption, accessible, margins=(10, 8))


def _by_id(rows: list["ActionRow"]) -> dict[int, "ActionRow"]:
    return dict(zip(map(attrgetter("id"), rows), rows))  # C loops: ~3 ms for 50,000 rows


def link(text: str, accessible: str) -> QPushButton:
    """A flat, underlined button that reads like a link and works from the keyboard."""
    button = QPushButton(text)
    button.setProperty("link", True)
    button.setAccessibleName(accessible)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFlat(True)
    return button


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    return label


class DashboardPage(QWidget):
    """Days to the visit, BRAG overall and by theme, overdue, due soon, movers, oldest reds."""

    filter_requested = Signal(object)  # ActionFilter
    action_requested = Signal(object, int)  # ActionFilter that includes it, action id
    new_action_requested = Signal()  # the empty plan's "Add your first action"
    page_requested = Signal(str)  # the empty plan's way to the People page
    import_requested = Signal()  # the empty plan's "Import your tracker…" (File › Import)
    readiness_requested = Signal()  # the readiness card: open the Readiness page

    def write_controls(self) -> list[Any]:
        """The empty plan's "Add your first action" and "Import your tracker…" (they write; "People and
        themes" only goes to a page)."""
        return self.empty.write_buttons()

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: dict[int, ActionRow] | None = None
        self._pending: set[int] | None = set()  # ids changed while hidden; None = reload all
        self.summary: PlanSummary | None = None
        #: True when the window feeds the rows the register read (``use_rows``) instead of a second read.
        self.shares_register_rows = False
        self.workspace: WorkspaceSummary | None = None
        self.readiness: Any = None  # services.inspections.readiness.Readiness, read off the UI thread
        self._build()
        ctx.actions_changed.connect(self._on_actions_changed)
        ctx.workspace_changed.connect(lambda: self._on_actions_changed([]))  # also refreshes the visit header
        ctx.changed.connect(lambda kind: self.load_readiness() if kind in ("inspections", "performance") else None)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)

        title = QLabel("Dashboard")
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        self.empty = EmptyState(
            "Nothing in the plan yet",
            "Add the improvement plan's actions — what is to be done, who owns it, its theme and when it is due — "
            "or import the tracker you keep in a spreadsheet. The figures, the BRAG chart and the meeting pack's "
            "summary fill in from them. Members, owners and themes are on the People page.",
            [("Add your first action", self.new_action_requested.emit),
             ("Import your tracker…", self.import_requested.emit),
             ("People and themes", lambda: self.page_requested.emit("People"))], name="The plan is empty",
            reads=("People and themes",))
        figures = QWidget()
        page_layout = layout
        layout = QVBoxLayout(figures)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.switch = EmptySwitch(figures, self.empty)
        self.switch.setAccessibleName("Dashboard figures")
        page_layout.addWidget(self.switch, 1)

        cards = QHBoxLayout()
        cards.setSpacing(8)  # with the page's vertical scroll bar showing, six cards still fit 1366 pixels unwrapped
        self.visit_card = _card("Next monitoring visit", "Next monitoring visit: actions due before it")
        self.overdue_card = _card("Overdue", "Overdue actions")
        self.due_card = _card("Due in 30 days", "Actions due in the next 30 days")
        self.better_card = _card("Better", "Actions better since the last meeting")
        self.worse_card = _card("Worse", "Actions worse since the last meeting")
        cards.addWidget(self.visit_card)
        self.readiness_card = _card("Readiness for the next visit", "Readiness for the next visit: open it")
        self.readiness_card.clicked.connect(self.readiness_requested)
        self._readiness_task: object | None = None
        cards.addWidget(self.readiness_card)
        for c in (self.overdue_card, self.due_card, self.better_card, self.worse_card):
            cards.addWidget(c)  # no stretch: each card its natural width first, all give way alike
        layout.addLayout(cards)
        self.visit_card.clicked.connect(lambda: self._request(ActionFilter(before_next_visit=True)))
        self.overdue_card.clicked.connect(lambda: self._request(ActionFilter(overdue_only=True)))
        self.due_card.clicked.connect(lambda: self._request(ActionFilter(due_within_days=30)))
        self.better_card.clicked.connect(lambda: self._request(ActionFilter(directions=frozenset({"BETTER"}))))
        self.worse_card.clicked.connect(lambda: self._request(ActionFilter(directions=frozenset({"WORSE"}))))

        chips = QHBoxLayout()
        chips.addWidget(QLabel("All actions by BRAG:"))
        self.brag_buttons: dict[str, QPushButton] = {}
        for brag in ORDER:
            button = QPushButton("")
            button.setProperty("brag", brag)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, b=brag: self._request(ActionFilter(brags=frozenset({b}))))
            self.brag_buttons[brag] = button
            chips.addWidget(button)
        self.total_link = link("", "All actions")
        self.total_link.clicked.connect(lambda: self._request(ActionFilter()))
        chips.addWidget(self.total_link)
        chips.addStretch(1)
        layout.addLayout(chips)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        left = QVBoxLayout()
        left.addWidget(section("BRAG by theme"))
        self.chart = BragChart()
        self.chart.activated.connect(self._on_chart)
        left.addWidget(self.chart)
        hint = QLabel("Click a bar, or use the arrow keys and Enter, to list those actions.")
        hint.setObjectName("muted")
        left.addWidget(hint)
        left.addStretch(1)
        columns.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(4)
        self.oldest_red_box = self._list_box(right, "Oldest red actions")
        self.worse_box = self._list_box(right, "Worse since the last meeting")
        self.better_box = self._list_box(right, "Better since the last meeting")
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout.addLayout(columns)
        layout.addStretch(1)

    def _list_box(self, parent: QVBoxLayout, title: str) -> QVBoxLayout:
        parent.addWidget(section(title))
        box = QVBoxLayout()
        box.setSpacing(0)
        parent.addLayout(box)
        return box

    # -- data -----------------------------------------------------------------------------------
    def _on_actions_changed(self, ids: list[int]) -> None:
        if not ids and self.shares_register_rows:
            return  # the register reloads everything and hands its rows over (use_rows)
        if not ids or self._pending is None:
            self._pending = None
        else:
            self._pending.update(ids)
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._rows is None and self.shares_register_rows:
            self.subtitle.setText("Loading the plan…")
        elif self._rows is None or self._pending != set():
            self.refresh()

    def use_rows(self, rows: list["ActionRow"]) -> None:
        """Take the rows the register has just read (saves reading 50,000 actions twice)."""
        self._rows = _by_id(rows)
        self._pending = set()
        if self.isVisible():
            self.refresh()

    def use_snapshot(self, snapshot: "RegisterSnapshot") -> None:
        """Take the register's read; its figures, when worked out already (off the UI thread), are drawn as they are."""
        if snapshot.plan is None or snapshot.today != self.ctx.today():
            self.use_rows(snapshot.rows)
            return
        self._rows = _by_id(snapshot.rows)
        self._pending = set()
        self.workspace, self.summary = snapshot.workspace, snapshot.plan
        self._render(snapshot.plan, snapshot.workspace)

    def refresh(self) -> None:
        """Reload what changed (named ids only, or everything) and redraw the figures."""
        from boardapp.services.plan.register_read import list_action_rows
        from boardapp.services.plan.summary import summarise
        from boardapp.services.workspace import workspace_summary

        today = self.ctx.today()
        pending, self._pending = self._pending, set()
        with self.ctx.session() as session:
            self.workspace = workspace_summary(session=session, today=today)
            if self._rows is None or pending is None:
                self._rows = {r.id: r for r in list_action_rows(session=session, today=today)}
            elif pending:
                for row in list_action_rows(session=session, today=today, include_deleted=True, ids=sorted(pending)):
                    self._rows[row.id] = row
        visit = self.workspace.next_visit
        self.summary = summarise(list(self._rows.values()), today=today,
                                 next_visit_start=visit.start_date if visit else None)
        self._render(self.summary, self.workspace)

    def _render(self, plan: "PlanSummary", ws: "WorkspaceSummary") -> None:
        baseline = f"compared with the board meeting of {ws.last_meeting.meeting_date:%d/%m/%Y}" if ws.last_meeting else "no earlier board meeting to compare with"
        self.subtitle.setText(f"{ws.board_name} · as at {plan.today:%d/%m/%Y} · direction of travel {baseline}")
        self.switch.set_empty(plan.total == 0)
        if ws.next_visit is not None and ws.days_to_next_visit is not None:
            days = ws.days_to_next_visit
            when = "today" if days == 0 else ("on site now" if days < 0 else f"{days} day{'s' if days != 1 else ''}")
            self.visit_card.set_figure(
                when, f"{ws.next_visit.start_date:%d/%m/%Y} · {ws.next_visit.focus_area or 'focus not yet announced'}\n"
                f"{len(plan.due_before_visit)} open actions due before it",
            )
            self.visit_card.setEnabled(True)
        else:
            self.visit_card.set_figure("None planned", "No monitoring visit is planned.\n")
            self.visit_card.setEnabled(False)
        self.overdue_card.set_figure(str(len(plan.overdue)), "past their due date")
        self.due_card.set_figure(str(len(plan.due_within_30)), "open, not overdue")
        self.better_card.set_figure(str(len(plan.moved_better)), "BRAG up since last meeting")
        self.worse_card.set_figure(str(len(plan.moved_worse)), "BRAG down since last meeting")
        for brag, button in self.brag_buttons.items():
            n = plan.brag.get(brag, 0)
            button.setText(f"{BRAG_WORDS[brag]} {n}")
            button.setAccessibleName(f"{BRAG_WORDS[brag]} actions: {n}")
        self.total_link.setText(f"All {plan.total} actions")
        self.chart.set_rows([
            ChartRow(t.theme_id, f"{t.code} {t.title}" if t.theme_id is not None else t.title, dict(t.brag))
            for t in plan.by_theme
        ])
        self._fill(self.oldest_red_box, plan.oldest_red, None, "No red actions.", ActionFilter(brags=frozenset({"RED"})))
        self._fill(self.worse_box, plan.moved_worse, ActionFilter(directions=frozenset({"WORSE"})), "None got worse.")
        self._fill(self.better_box, plan.moved_better, ActionFilter(directions=frozenset({"BETTER"})), "None got better.")
        self.load_readiness()

    # -- readiness card -------------------------------------------------------------------------
    def load_readiness(self) -> None:
        """Read readiness for the next visit off the UI thread (from the rows shown), then show it on its card."""
        from boardapp.services.readiness_read import read_readiness_file
        from boardapp.ui.common.tasks import Task

        rows = list(self._rows.values()) if self._rows is not None else None
        path, today = self.ctx.db_path, self.ctx.today()
        task = Task(lambda _control: read_readiness_file(path, today=today, rows=rows), self)
        task.finished.connect(lambda result, t=task: self._show_readiness(result) if t is self._readiness_task else None)
        task.failed.connect(lambda message: self.readiness_card.set_figure("—", f"Could not be read: {message}"))
        self._readiness_task = task.start()

    def _show_readiness(self, readiness: Any) -> None:
        self.readiness = readiness
        if readiness.next_visit is None:
            self.readiness_card.set_figure("No visit", "No visit is expected or scheduled.")
            return
        share = readiness.value_text("on_track_share")
        self.readiness_card.set_figure(
            f"{share} on track" if readiness.actions else "No actions",
            f"{readiness.count('findings_in_focus')} findings in focus, "
            f"{readiness.count('findings_without_action')} with no action\n"
            f"{readiness.count('linked_actions')} actions: {readiness.count('red')} red, "
            f"{readiness.count('overdue')} overdue",
        )

    def _fill(
        self, box: QVBoxLayout, rows: list["ActionRow"], all_filter: ActionFilter | None, empty: str,
        item_filter: ActionFilter | None = None,
    ) -> None:
        """One link per action (opens the register on it), and 'All N →' when the list is cut short."""
        item_filter = item_filter or all_filter or ActionFilter()
        while box.count():
            item = box.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        if not rows:
            label = QLabel(empty)
            label.setObjectName("muted")
            box.addWidget(label)
            return
        for row in rows[:LIST_LIMIT]:
            text = f"{row.ref}  {row.title}"
            if all_filter is None:  # oldest reds: how late they are
                late = -row.days_left
                detail = f"{days_in_words(late)} overdue" if late > 0 else f"due {row.effective_due:%d/%m/%Y}"
            else:
                detail = f"{_word(row.previous_brag)} → {_word(row.brag)}"
            button = ElidedLink(text, detail, f"Action {row.ref}: {row.title}, {detail}", keep=len(row.ref) + 2)
            late = f"\n{-row.days_left:,} days overdue (due {row.effective_due:%d/%m/%Y})" if row.days_left < 0 else ""
            button.setToolTip(f"{row.ref} {row.title}\nOwner: {row.owner_name or '—'}{late}")
            button.clicked.connect(
                lambda _=False, f=item_filter, i=row.id: self.action_requested.emit(f, i))
            box.addWidget(button)
        if all_filter is not None and len(rows) > LIST_LIMIT:
            more = link(f"All {len(rows)} →", f"List all {len(rows)} actions")
            more.clicked.connect(lambda _=False, f=all_filter: self._request(f))
            box.addWidget(more)

    # -- click-through --------------------------------------------------------------------------
    def _on_chart(self, theme_id: int | None, brag: str) -> None:
        themes = frozenset({theme_id}) if theme_id is not None else frozenset()
        self._request(ActionFilter(theme_ids=themes, brags=frozenset({brag}) if brag else frozenset()))

    def _request(self, action_filter: ActionFilter) -> None:
        self.filter_requested.emit(action_filter)


def _word(brag: str | None) -> str:
    return BRAG_WORDS.get(brag or "", "new")
