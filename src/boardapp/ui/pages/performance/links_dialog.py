"""Link a measure to the actions whose impact it shows and the findings it evidences (one undoable edit)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget,
)

from boardapp.services.performance.links import LinkChoice
from boardapp.ui.common import msgbox
from boardapp.ui.common.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _checklist(name: str, choices: list[LinkChoice], checked: frozenset[int]) -> tuple[QListView, QStandardItemModel]:
    model = QStandardItemModel()
    for c in choices:
        item = QStandardItem(f"{c.label} — {c.text}")
        item.setToolTip(c.text)
        item.setCheckable(True)
        item.setEditable(False)
        item.setData(c.id, _ID_ROLE)
        item.setCheckState(Qt.CheckState.Checked if c.id in checked else Qt.CheckState.Unchecked)
        model.appendRow(item)
    view = QListView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setUniformItemSizes(True)
    return view, model


def _checked(model: QStandardItemModel) -> set[int]:
    return {model.item(i).data(_ID_ROLE) for i in range(model.rowCount())
            if model.item(i).checkState() == Qt.CheckState.Checked}


class LinksDialog(QDialog):
    """Two checklists (actions, findings) with a filter; Save replaces the measure's links."""

    def __init__(self, ctx: "AppContext", kpi_id: int, code: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from boardapp.services.performance.links import action_choices, finding_choices, kpi_links

        self.ctx, self.kpi_id, self.code = ctx, kpi_id, code
        self.setWindowTitle(f"Links of {code} {title}")
        self.setAccessibleName("Measure links")
        with ctx.session() as session:
            self.before = kpi_links(kpi_id, session=session)
            actions = action_choices(session=session)
            findings = finding_choices(session=session)
        layout = QVBoxLayout(self)
        intro = QLabel("Tick the actions whose impact this measure shows, and the inspection findings it evidences. "
                       "The action editor shows the same links from the other side.")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter actions and findings")
        self.filter.setPlaceholderText("Filter: words of an action or a finding…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        lists = QHBoxLayout()
        self.actions_view, self.actions_model = _checklist("Actions", actions, self.before.action_ids)
        self.findings_view, self.findings_model = _checklist("Findings", findings, self.before.finding_ids)
        for caption, view in (("&Actions", self.actions_view), ("F&indings", self.findings_view)):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(view)
            column.addWidget(label)
            column.addWidget(view, 1)
            lists.addLayout(column, 1)
        layout.addLayout(lists, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_fit(self, 980, 560)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for view, model in ((self.actions_view, self.actions_model), (self.findings_view, self.findings_model)):
            for i in range(model.rowCount()):
                shown = all(w in model.item(i).text().casefold() for w in words)
                view.setRowHidden(i, not shown)

    def checked_actions(self) -> set[int]:
        return _checked(self.actions_model)

    def checked_findings(self) -> set[int]:
        return _checked(self.findings_model)

    def save(self) -> None:
        from boardapp.services.performance.measures import ConflictError, NotFoundError
        from boardapp.ui.common.undo import run_command
        from boardapp.ui.pages.performance.commands import SetLinksCommand

        actions, findings = self.checked_actions(), self.checked_findings()
        if actions == set(self.before.action_ids) and findings == set(self.before.finding_ids):
            self.accept()
            return
        try:
            run_command(self.ctx, SetLinksCommand(self.ctx, self.kpi_id, self.code, actions, findings))
        except (ConflictError, NotFoundError, ValueError) as exc:
            msgbox.warning(self, "Links", f"Nothing was changed: {exc}")
            return
        self.accept()
