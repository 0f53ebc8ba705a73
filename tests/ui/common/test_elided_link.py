"""The Dashboard's links show an action's title as written: an "&" in it is not an Alt key."""
from __future__ import annotations

from typing import Any

from mnemonics import mnemonic

from boardapp.ui.common.elided_link import ElidedLink

TITLE = "T5.2  Set up an R&D partnership"


def test_an_ampersand_in_a_title_is_shown_and_takes_no_alt_key(qtbot: Any) -> None:
    link = ElidedLink(TITLE, "1 y 4 m overdue", "Action T1.6", keep=6)
    qtbot.addWidget(link)
    assert mnemonic(link.text()) is None  # not Alt+D (nor, for "MASH &EDT", Alt+E: the Edit menu)
    assert link.text().replace("&&", "&") == f"{TITLE} — 1 y 4 m overdue"
    link.resize(link.minimumSizeHint())  # elided: still no Alt key
    link.show()
    qtbot.waitExposed(link)
    assert "…" in link.text() and mnemonic(link.text()) is None
    link.resize(link.sizeHint())
    assert link.text().replace("&&", "&") == f"{TITLE} — 1 y 4 m overdue"
