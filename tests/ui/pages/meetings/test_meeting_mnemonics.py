"""Alt+letter keys on the Meetings page: on every tab, everything shown at once (the menu bar, the page's
tab bar and buttons, the tab's buttons, check boxes and labelled fields, the first-run "Who is editing?"
panel) has a key of its own, so one press of Alt+letter reaches its control; the page's dialogs too."""
from __future__ import annotations

from typing import Any

import pytest
from mnemonics import mnemonic_clashes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from boardapp.domain.enums import MeetingStatus

MEETING_TABS = ["Agenda", "Papers", "Attendance", "Minutes", "Decisions", "Challenges", "Actions arising",
                "Matters arising"]


def choose_meeting(page: Any, status: str) -> None:
    """The latest meeting of that status chosen (the page starts on the next planned one)."""
    rows = page.meeting_model.rows()
    page.select_meeting(next(m.id for m in rows if m.status == status))


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED.value, MeetingStatus.HELD.value])
@pytest.mark.parametrize("tab_name", MEETING_TABS)
def test_every_alt_key_on_the_tab_reaches_one_control(main_window: Any, tab_name: str, status: str) -> None:
    assert main_window.who_prompt is not None and main_window.who_prompt.isVisible()  # a first run shows it
    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert titles == MEETING_TABS  # a new tab: add it here, so that its keys are checked too
    choose_meeting(page, status)
    page.tabs.setCurrentIndex(titles.index(tab_name))
    QApplication.processEvents()
    assert mnemonic_clashes(main_window) == {}


def test_the_meeting_dialogs_give_each_key_to_one_field(main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """New meeting (with its "standing items" box), Edit meeting and a challenge's response."""
    from boardapp.ui.pages.meetings.challenges_tab import ChallengesTab

    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    seen: list[dict[str, list[str]]] = []

    def look(dialog: Any) -> bool:
        dialog.show()
        seen.append(mnemonic_clashes(dialog))
        dialog.reject()
        return False

    monkeypatch.setattr(page, "run_dialog", look)
    page.new_meeting()
    page.edit_meeting()
    assert seen == [{}, {}]
    choose_meeting(page, MeetingStatus.HELD.value)
    challenges = page.tab(ChallengesTab)
    entry = next(row for row in challenges.model.rows())
    dialog = challenges.response_dialog(entry)
    dialog.show()
    assert mnemonic_clashes(dialog) == {}
    dialog.reject()


def test_the_moved_keys_reach_their_controls_at_the_first_press(main_window: Any, qtbot: Any) -> None:
    """Alt+L, Alt+O and Alt+N on the Agenda tab are the item's title, purpose and minutes; Alt+C shows the
    Challenges tab (it was C&hallenges, behind the Help menu's Alt+H), where Alt+L is the challenge."""
    from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
    from boardapp.ui.pages.meetings.challenges_tab import ChallengesTab

    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    agenda, challenges = page.tab(AgendaTab), page.tab(ChallengesTab)
    page.tabs.setCurrentWidget(agenda)
    main_window.activateWindow()
    agenda.table.setFocus()
    for key, field in ((Qt.Key.Key_L, agenda.title_edit), (Qt.Key.Key_O, agenda.purpose_combo),
                       (Qt.Key.Key_N, agenda.minutes_spin)):
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert page.tabs.currentWidget() is agenda
        assert QApplication.focusWidget() in (field, *field.findChildren(QWidget)), key
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is challenges
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is challenges.challenge
