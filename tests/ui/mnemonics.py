"""Alt+letter keys (mnemonics) of what a window shows, and the clashes among them.

A module of its own (not conftest.py), imported as ``from mnemonics import …`` by the page tests,
so that every check collects the keys the same way. A clash is one letter on two controls shown at
once: Qt gives Alt+letter to the first, and the user has to press it again to reach the second.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QMenuBar, QTabBar, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    """The key of ``text`` in lower case ("Pa&pers" -> "p"), or None; "&&" is a literal ampersand."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _shown(widget: QWidget, visible_only: bool) -> bool:
    return widget.isVisible() or not visible_only


def mnemonic_texts(root: QWidget, *, visible_only: bool = True) -> list[str]:
    """The texts with a key under ``root``: menu bar titles, tab names, buttons and check boxes,
    group box titles and labels with a buddy (all of them, shown or not, if ``visible_only`` is off)."""
    texts = [a.text() for bar in root.findChildren(QMenuBar) if _shown(bar, visible_only)
             for a in bar.actions() if a.isVisible() or not visible_only]
    texts += [bar.tabText(i) for bar in root.findChildren(QTabBar) if _shown(bar, visible_only)
              for i in range(bar.count()) if bar.isTabVisible(i) or not visible_only]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if _shown(w, visible_only)]
    texts += [w.title() for w in root.findChildren(QGroupBox) if _shown(w, visible_only)]
    texts += [w.text() for w in root.findChildren(QLabel) if w.buddy() is not None and _shown(w, visible_only)]
    return [text for text in texts if mnemonic(text)]


def clashes_among(texts: Iterable[str]) -> dict[str, list[str]]:
    """{key: [the texts sharing it]} for every key on more than one text."""
    by_key: dict[str, list[str]] = {}
    for text in texts:
        key = mnemonic(text)
        if key:
            by_key.setdefault(key, []).append(text)
    return {key: found for key, found in sorted(by_key.items()) if len(found) > 1}


def mnemonic_clashes(root: QWidget, *, reserved: Iterable[str] = (), visible_only: bool = True) -> dict[str, list[str]]:
    """The clashes among what ``root`` shows; ``reserved`` are texts shown elsewhere (a window's menu
    bar, "&File", when ``root`` is a page on its own) that its keys must leave alone."""
    return clashes_among([*reserved, *mnemonic_texts(root, visible_only=visible_only)])


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    """The clashes among a menu's own entries (its submenus are menus of their own)."""
    return clashes_among(a.text().split("\t", 1)[0] for a in menu.actions() if a.isVisible() and not a.isSeparator())
