"""Named register views: the built-in ones and those the user saved, kept in QSettings."""
from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from boardapp.services.plan.filters import ActionFilter, filter_from_dict, filter_to_dict

BUILTIN_VIEWS: dict[str, ActionFilter] = {
    "All live actions": ActionFilter(),
    "Exceptions": ActionFilter(exceptions_only=True),  # not "My …": there is no current user yet
    "Before the visit": ActionFilter(before_next_visit=True, exclude_complete=True),
    "Overdue": ActionFilter(overdue_only=True),
    "Deleted": ActionFilter(deleted=True),
}
DEFAULT_VIEW = "All live actions"
#: Built-in views renamed since: a remembered last view under the old name opens the new one.
RENAMED_VIEWS = {"My exceptions": "Exceptions"}


class SavedViews:
    """The views of one page, persisted under ``<prefix>/views`` (JSON) and ``<prefix>/last_view``."""

    def __init__(self, settings: QSettings, prefix: str = "actions") -> None:
        self.settings = settings
        self.prefix = prefix

    def user_views(self) -> dict[str, ActionFilter]:
        raw = self.settings.value(f"{self.prefix}/views", "{}")
        try:
            data = json.loads(raw if isinstance(raw, str) else "{}")
        except json.JSONDecodeError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(name): filter_from_dict(f) for name, f in data.items() if isinstance(f, dict)}

    def all_views(self) -> dict[str, ActionFilter]:
        return {**BUILTIN_VIEWS, **self.user_views()}

    def is_builtin(self, name: str) -> bool:
        return name in BUILTIN_VIEWS

    def save(self, name: str, f: ActionFilter) -> None:
        if self.is_builtin(name):
            raise ValueError(f"“{name}” is a built-in view; choose another name")
        views = {n: filter_to_dict(v) for n, v in self.user_views().items()}
        views[name] = filter_to_dict(f)
        self.settings.setValue(f"{self.prefix}/views", json.dumps(views))
        self.settings.sync()

    def delete(self, name: str) -> None:
        views = {n: filter_to_dict(v) for n, v in self.user_views().items() if n != name}
        self.settings.setValue(f"{self.prefix}/views", json.dumps(views))
        if self.last() == name:
            self.set_last(DEFAULT_VIEW)
        self.settings.sync()

    def last(self) -> str:
        name = self.settings.value(f"{self.prefix}/last_view", DEFAULT_VIEW)
        name = RENAMED_VIEWS.get(name, name) if isinstance(name, str) else name
        return name if isinstance(name, str) and name in self.all_views() else DEFAULT_VIEW

    def set_last(self, name: str) -> None:
        self.settings.setValue(f"{self.prefix}/last_view", name)
        self.settings.sync()
