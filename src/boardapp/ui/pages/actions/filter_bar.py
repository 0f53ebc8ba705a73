"""The register's filter bar: search, theme, owner, status, BRAG toggles and the plan's quick filters.

The bar holds one ``ActionFilter`` as the truth. Each widget changes only its own
field, so criteria that have no widget (e.g. "moved worse" from a dashboard click,
"red, overdue or moved worse" of a view) survive until the filter is replaced.

The page lays the controls out (``groups``), with its own, in one flow that wraps in a narrow
window; the bar itself shows only the line of other criteria in force.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

from boardapp.domain.enums import ActionStatus, Brag, IlacsArea
from boardapp.services.plan.filters import ANY_MEETING, ActionFilter, describe
from boardapp.services.rows import ActionRow, PersonRow, ThemeRow
from boardapp.ui.common.colours import BRAG_COLOURS
from boardapp.ui.common.fitted_fields import FittedCombo, SearchField

SEARCH_DEBOUNCE_MS = 100


def _dot(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour).darker(130))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pix)


def _toggle(text: str, name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class ActionFilterBar(QWidget):
    """Emits ``filter_changed(ActionFilter)``; typing in the search box is debounced (~100 ms)."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = ActionFilter()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._text_settled)

        self.search = SearchField()
        self.search.setObjectName("actionSearch")
        self.search.setAccessibleName("Search actions")
        # short enough to read whole in the narrowest box; the tooltip says what is searched
        self.search.setPlaceholderText("Search actions  (Ctrl+F)")
        self.search.setToolTip("Search the ref, title, description, owner and latest update (Ctrl+F; Esc clears)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        # Each combo is at least as wide as its fixed choices, and would like room for a longer one (its minimum
        # contents length, below); a theme's title or a person's name is elided where the line is short of room.
        self.theme_combo = FittedCombo(["All themes"])
        self.theme_combo.setAccessibleName("Filter by theme")
        self.theme_combo.setPlaceholderText("Several themes")
        self.owner_combo = FittedCombo(["All owners"])
        self.owner_combo.setAccessibleName("Filter by owner")
        self.owner_combo.setPlaceholderText("Several owners")
        self.raised_combo = FittedCombo(["Raised: any", "At a meeting", "At 00/00/0000", "Raised at…"])  # any date
        self.raised_combo.setAccessibleName("Filter by the meeting an action was raised at")
        self.raised_combo.setToolTip("Only actions raised at a board meeting (actions arising), or at one of them")
        self.raised_combo.setPlaceholderText("Raised at…")
        for combo, chars in ((self.theme_combo, 16), (self.owner_combo, 14), (self.raised_combo, 9)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        self.status_combo = FittedCombo(["Any status", *(s.label for s in ActionStatus)])
        self.status_combo.setAccessibleName("Filter by status")
        self.status_combo.setPlaceholderText("Several statuses")
        self.status_combo.addItem("Any status", None)
        for s in ActionStatus:
            self.status_combo.addItem(s.label, s.value)
        self.brag_buttons: dict[str, QToolButton] = {}
        for b in (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE):
            button = _toggle(b.label, f"Show {b.label} actions", f"Show {b.label} actions (several may be chosen)")
            button.setIcon(_dot(BRAG_COLOURS[b.value][0]))
            button.toggled.connect(self._brags_toggled)
            self.brag_buttons[b.value] = button
        self.overdue_button = _toggle("Overdue", "Only overdue actions", "Only actions past their (revised) due date")
        self.due_within_spin = QSpinBox()
        self.due_within_spin.setRange(0, 366)
        self.due_within_spin.setSpecialValueText("Due: any time")
        self.due_within_spin.setPrefix("Due within ")
        self.due_within_spin.setSuffix(" days")
        self.due_within_spin.setAccessibleName("Due within this many days")
        self.due_within_spin.setToolTip("Only open actions due in the next N days (leave at ‘any time’ for no limit)")
        self.before_visit_button = _toggle("Before visit", "Due before the next monitoring visit",
                                           "Open actions due on or before the start of the next monitoring visit")
        self.focus_button = _toggle("Visit focus", "Linked to the next visit's focus area",
                                    "Actions linked to the next monitoring visit's focus area")
        self.deleted_button = _toggle("Deleted", "Show deleted actions", "Show deleted actions, to restore them")
        self.extra_label = QLabel()
        self.extra_label.setObjectName("extraCriteria")
        self.extra_label.setAccessibleName("Other criteria in force")
        self.extra_label.hide()

        for widget, field_name in (
            (self.theme_combo, "theme_ids"), (self.owner_combo, "owner_ids"), (self.status_combo, "statuses"),
        ):
            widget.currentIndexChanged.connect(lambda _i, w=widget, n=field_name: self._combo_changed(w, n))
        self.raised_combo.currentIndexChanged.connect(self._raised_changed)
        self.overdue_button.toggled.connect(lambda on: self._set(overdue_only=on))
        self.before_visit_button.toggled.connect(lambda on: self._set(before_next_visit=on))
        self.focus_button.toggled.connect(lambda on: self._set(next_visit_focus=on))
        self.deleted_button.toggled.connect(lambda on: self._set(deleted=on))
        self.due_within_spin.valueChanged.connect(lambda v: self._set(due_within_days=v or None))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.extra_label)
        self.set_reference_data([], [])
        self.set_raised_meetings([])

    # --- reference data ------------------------------------------------------------------------
    def set_reference_data(self, themes: list[ThemeRow], people: list[PersonRow]) -> None:
        with QSignalBlocker(self.theme_combo), QSignalBlocker(self.owner_combo):
            self.theme_combo.clear()
            self.theme_combo.addItem("All themes", None)
            for t in themes:
                self.theme_combo.addItem(f"{t.code} {t.title}", t.id)
                self.theme_combo.setItemData(self.theme_combo.count() - 1, t.title, Qt.ItemDataRole.ToolTipRole)
            self.owner_combo.clear()
            self.owner_combo.addItem("All owners", None)
            for p in people:
                self.owner_combo.addItem(p.name, p.id)
        self._show_filter()

    def offer_meetings_of(self, rows: Iterable[ActionRow]) -> None:
        """The "Raised at" choices: the meetings the live ``rows`` were raised at, newest first."""
        found = {(r.raised_at_meeting_id, r.raised_at[:10]) for r in rows
                 if r.raised_at_meeting_id is not None and not r.deleted}
        self.set_raised_meetings(sorted(found, key=lambda m: (m[1][6:10], m[1][3:5], m[1][:2], m[0]), reverse=True))

    def set_raised_meetings(self, meetings: list[tuple[int, str]]) -> None:
        """The meetings actions were raised at, as (meeting id, 'dd/mm/yyyy'), newest first."""
        if [(self.raised_combo.itemData(i), self.raised_combo.itemText(i)) for i in range(2, self.raised_combo.count())] \
                == [(m, f"At {day}") for m, day in meetings] and self.raised_combo.count():
            return
        with QSignalBlocker(self.raised_combo):
            self.raised_combo.clear()
            self.raised_combo.addItem("Raised: any", None)
            self.raised_combo.setItemData(0, "Actions wherever they were raised", Qt.ItemDataRole.ToolTipRole)
            self.raised_combo.addItem("At a meeting", ANY_MEETING)
            self.raised_combo.setItemData(1, "Actions raised at any board meeting (actions arising)", Qt.ItemDataRole.ToolTipRole)
            for meeting_id, day in meetings:
                self.raised_combo.addItem(f"At {day}", meeting_id)
                self.raised_combo.setItemData(self.raised_combo.count() - 1,
                                              f"Actions raised at the board meeting of {day}",
                                              Qt.ItemDataRole.ToolTipRole)
        self._show_filter()

    def set_visit(self, start: Any, area: str | None, focus_text: str) -> None:
        """Tell the toggles about the next visit (disabled when none is planned)."""
        self.before_visit_button.setEnabled(start is not None)
        self.focus_button.setEnabled(area is not None)
        if start is not None:
            self.before_visit_button.setToolTip(
                f"Open actions due on or before {start:%d/%m/%Y}, the start of the next monitoring visit")
        else:
            self.before_visit_button.setToolTip("No monitoring visit is planned")
        if area is not None:
            label = IlacsArea(area).label if area in IlacsArea.__members__ else area
            self.focus_button.setToolTip(f"Actions linked to the next visit's focus: {focus_text or label} ({label})")
        else:
            self.focus_button.setToolTip("The next visit has no focus area recorded")

    # --- the filter ----------------------------------------------------------------------------
    def current_filter(self) -> ActionFilter:
        if self._debounce.isActive():  # a keystroke not yet applied
            self._debounce.stop()
            self._filter = replace(self._filter, text=self.search.text())
        return self._filter

    def set_filter(self, f: ActionFilter, *, emit: bool = True) -> None:
        """Show ``f`` in every widget (replacing the whole filter)."""
        self._debounce.stop()
        self._filter = f
        self._show_filter()
        if emit:
            self.filter_changed.emit(self._filter)

    def _show_filter(self) -> None:
        f = self._filter
        blockers = [QSignalBlocker(w) for w in (
            self.search, self.theme_combo, self.owner_combo, self.status_combo, self.overdue_button,
            self.before_visit_button, self.focus_button, self.deleted_button, self.due_within_spin,
            self.raised_combo, *self.brag_buttons.values())]
        if self.search.text() != f.text:
            self.search.setText(f.text)
        for combo, ids in ((self.theme_combo, f.theme_ids), (self.owner_combo, f.owner_ids),
                           (self.status_combo, f.statuses)):
            if not ids:
                combo.setCurrentIndex(0)
            elif len(ids) == 1:
                combo.setCurrentIndex(max(-1, combo.findData(next(iter(ids)))))
            else:
                combo.setCurrentIndex(-1)
        if f.raised_at is None:
            self.raised_combo.setCurrentIndex(0)
        else:  # a meeting not (or no longer) in the list: the placeholder
            self.raised_combo.setCurrentIndex(self.raised_combo.findData(f.raised_at))
        for value, button in self.brag_buttons.items():
            button.setChecked(value in f.brags)
        self.overdue_button.setChecked(f.overdue_only)
        self.before_visit_button.setChecked(f.before_next_visit)
        self.focus_button.setChecked(f.next_visit_focus)
        self.deleted_button.setChecked(f.deleted)
        self.due_within_spin.setValue(f.due_within_days or 0)
        del blockers
        extra = describe(ActionFilter(directions=f.directions, exclude_complete=f.exclude_complete,
                                      exceptions_only=f.exceptions_only))
        self.extra_label.setText("Also: " + "; ".join(extra) if extra else "")
        self.extra_label.setVisible(bool(extra))
        self.setVisible(bool(extra))  # nothing else of the bar's own is shown: no empty line taking room

    def _set(self, **changes: Any) -> None:
        self._filter = replace(self._filter, **changes)
        self.filter_changed.emit(self._filter)

    def _text_settled(self) -> None:
        if self.search.text() != self._filter.text:
            self._set(text=self.search.text())

    def _combo_changed(self, combo: QComboBox, field_name: str) -> None:
        value = combo.currentData()
        if combo.currentIndex() < 0:
            return
        self._set(**{field_name: frozenset() if value is None else frozenset({value})})

    def _raised_changed(self, index: int) -> None:
        if index >= 0:
            self._set(raised_at=self.raised_combo.itemData(index))

    def _brags_toggled(self, _on: bool) -> None:
        self._set(brags=frozenset(v for v, b in self.brag_buttons.items() if b.isChecked()))

    def groups(self) -> list[list[QWidget]]:
        """The filter controls (not the search box and "Raised at", which the page places), in groups kept
        on one line together when the window is narrow, in reading and Tab order."""
        return [[self.theme_combo, self.owner_combo, self.status_combo], list(self.brag_buttons.values()),
                [self.overdue_button, self.due_within_spin], [self.before_visit_button, self.focus_button],
                [self.deleted_button]]

    def widgets_in_tab_order(self) -> list[QWidget]:
        return [widget for group in self.groups() for widget in group]
