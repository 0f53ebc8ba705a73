"""The Meetings page's undoable edits: each one a ServiceCommand over the meetings services.

Most edits are "do this; undo puts back what it returned": ``MeetingCommand`` takes the two
steps as functions of a session (the first may keep what it learnt — an id, old values — on the
command for the second). Every run announces ``ctx.changed("meetings")``, so the page reloads.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from boardapp.ui.common.undo import ServiceCommand, run_command

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext

Step = Callable[["Session", "MeetingCommand"], Any]
#: A property of the AppContext: the meeting the last command touched (the page shows it next).
FOCUS_PROPERTY = "meetingsFocus"


class MeetingCommand(ServiceCommand):
    """One undo entry: ``do(session, command)`` then ``undo(session, command)``; ``command.memo``
    carries what the first needs to tell the second (the old values, the new id)."""

    touches = ("meetings",)

    def __init__(self, ctx: "AppContext", text: str, do: Step, undo: Step, meeting_id: int | None = None) -> None:
        super().__init__(ctx, text)
        self.do_step = do
        self.undo_step = undo
        self.memo: dict[str, Any] = {}
        #: the meeting the page shows after every run (its undo or redo included); None: the one shown
        self.meeting_id = meeting_id

    def _announce(self, ids: list[int]) -> None:
        meeting_id = self.meeting_id if self.meeting_id is not None else self.memo.get("meeting_id")
        if meeting_id is not None:
            self.ctx.setProperty(FOCUS_PROPERTY, meeting_id)
        super()._announce(ids)

    def _do(self, session: "Session") -> list[int]:
        self.do_step(session, self)
        return []

    def _undo(self, session: "Session") -> list[int]:
        self.undo_step(session, self)
        return []


def run(ctx: "AppContext", text: str, do: Step, undo: Step, meeting_id: int | None = None) -> MeetingCommand:
    """Run an edit now (errors reach the caller, nothing is pushed) and put it on the undo stack."""
    command = MeetingCommand(ctx, text, do, undo, meeting_id)
    run_command(ctx, command)
    return command


# -- meetings ------------------------------------------------------------------------------------
def create_meeting(ctx: "AppContext", fields: dict[str, Any], *, standing_items: bool = True) -> int:
    """New meeting; undo deletes it (recoverably), redo brings the same one back."""
    from boardapp.services.meetings import meetings as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "id" in cmd.memo:
            svc.restore_meeting(cmd.memo["id"], session=session, who=ctx.who)
        else:
            cmd.memo["id"] = svc.create_meeting(session=session, who=ctx.who, standing_items=standing_items, **fields)
        cmd.memo["meeting_id"] = cmd.memo["id"]

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.delete_meeting(cmd.memo["id"], session=session, who=ctx.who, any_status=True)

    day = fields.get("meeting_date")
    command = run(ctx, f"New meeting {day:%d/%m/%Y}" if day else "New meeting", do, undo)
    return int(command.memo["id"])


def edit_meeting(ctx: "AppContext", meeting_id: int, changes: dict[str, Any], text: str,
                 expected_version: int | None = None) -> None:
    """Change a meeting's fields (cancel is a change of status); undo puts the old values back."""
    from boardapp.services.meetings import meetings as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "old" not in cmd.memo:
            cmd.memo["old"] = svc.update_meeting(meeting_id, changes, session=session, who=ctx.who,
                                                 expected_version=expected_version)
            cmd.memo["new"] = svc.meeting_values(meeting_id, list(cmd.memo["old"]), session=session)
        else:
            svc.update_meeting(meeting_id, cmd.memo["new"], session=session, who=ctx.who, expected=cmd.memo["old"])

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.update_meeting(meeting_id, cmd.memo["old"], session=session, who=ctx.who, expected=cmd.memo["new"])

    run(ctx, text, do, undo, meeting_id)


def delete_meeting(ctx: "AppContext", meeting_id: int, text: str) -> None:
    from boardapp.services.meetings import meetings as svc

    run(ctx, text, lambda s, _c: svc.delete_meeting(meeting_id, session=s, who=ctx.who),
        lambda s, _c: svc.restore_meeting(meeting_id, session=s, who=ctx.who), meeting_id)


# -- agenda --------------------------------------------------------------------------------------
def add_item(ctx: "AppContext", meeting_id: int, fields: dict[str, Any], *, parent_id: int | None = None,
             index: int | None = None) -> int:
    """Add an agenda item; undo deletes it, redo brings the same item back where it was."""
    from boardapp.services.meetings import agenda as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "id" in cmd.memo:
            svc.restore_item(cmd.memo["id"], session=session, who=ctx.who, placement=cmd.memo["where"])
        else:
            cmd.memo["id"] = svc.add_item(meeting_id, session=session, who=ctx.who, parent_id=parent_id, index=index,
                                          **fields)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        _stamp, cmd.memo["where"] = svc.delete_item(cmd.memo["id"], session=session, who=ctx.who)

    return int(run(ctx, f"Add agenda item “{fields.get('title', '')}”", do, undo, meeting_id).memo["id"])


def edit_item(ctx: "AppContext", item_id: int, changes: dict[str, Any], text: str,
              expected_version: int | None = None) -> bool:
    """Change an item's fields; undo puts the old values back. False when nothing changed (no undo entry)."""
    from boardapp.services.meetings import agenda as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "old" not in cmd.memo:
            cmd.memo["old"] = svc.update_item(item_id, changes, session=session, who=ctx.who,
                                              expected_version=expected_version)
            cmd.memo["new"] = svc.item_values(item_id, list(cmd.memo["old"]), session=session)
        else:
            svc.update_item(item_id, cmd.memo["new"], session=session, who=ctx.who, expected=cmd.memo["old"])

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.update_item(item_id, cmd.memo["old"], session=session, who=ctx.who, expected=cmd.memo["new"])

    command = MeetingCommand(ctx, text, do, undo)
    command.execute()
    if not command.memo["old"]:
        return False
    ctx.undo_stack.push(command)
    return True


def place_item(ctx: "AppContext", item_id: int, parent_id: int | None, index: int, text: str) -> None:
    """Move an item (Ctrl+Up/Down, a drag, into or out of a heading); undo puts it back where it was."""
    from boardapp.services.meetings import agenda as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        cmd.memo["before"] = svc.place_item(item_id, session=session, who=ctx.who, parent_id=parent_id, index=index)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        before = cmd.memo["before"]
        svc.place_item(item_id, session=session, who=ctx.who, parent_id=before.parent_id, index=before.index)

    run(ctx, text, do, undo)


def delete_item(ctx: "AppContext", item_id: int, text: str) -> None:
    from boardapp.services.meetings import agenda as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        _stamp, cmd.memo["where"] = svc.delete_item(item_id, session=session, who=ctx.who)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.restore_item(item_id, session=session, who=ctx.who, placement=cmd.memo["where"])

    run(ctx, text, do, undo)


def copy_agenda(ctx: "AppContext", meeting_id: int, source_id: int, text: str) -> None:
    """Replace the agenda with a copy of another meeting's; undo brings the old agenda back."""
    from boardapp.services.meetings import agenda as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        cmd.memo["change"] = svc.copy_agenda(meeting_id, source_id, session=session, who=ctx.who)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.undo_copy_agenda(meeting_id, cmd.memo["change"], session=session, who=ctx.who)

    run(ctx, text, do, undo, meeting_id)


# -- attendance ----------------------------------------------------------------------------------
def set_attendance(ctx: "AppContext", meeting_id: int, person_id: int, code: str | None, deputy_name: str,
                   text: str) -> None:
    """Mark someone Y/N/A/D (or clear it); undo puts the old mark back."""
    from boardapp.services.meetings import attendance as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        expected = cmd.memo.get("before", False)
        cmd.memo["before"] = svc.set_attendance(meeting_id, person_id, code, deputy_name, session=session,
                                                who=ctx.who, expected=expected)
        cmd.memo["after"] = None if not code else (code, deputy_name.strip() if code == "D" else "")

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        before = cmd.memo["before"]
        svc.set_attendance(meeting_id, person_id, before[0] if before else None, before[1] if before else "",
                           session=session, who=ctx.who, expected=cmd.memo["after"])

    run(ctx, text, do, undo, meeting_id)


def add_guest(ctx: "AppContext", meeting_id: int, name: str) -> int:
    """Add a guest (a new person if the name is not in the directory); undo takes them off again."""
    from boardapp.services.meetings import attendance as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "id" in cmd.memo and not cmd.memo["created"]:
            svc.add_guest(meeting_id, session=session, who=ctx.who, person_id=cmd.memo["id"])
        else:
            cmd.memo["id"], cmd.memo["created"] = svc.add_guest(meeting_id, session=session, who=ctx.who, name=name)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.remove_guest(meeting_id, cmd.memo["id"], session=session, who=ctx.who, delete_person=cmd.memo["created"])

    return int(run(ctx, f"Add guest {name.strip()}", do, undo, meeting_id).memo["id"])


def remove_guest(ctx: "AppContext", meeting_id: int, person_id: int, name: str) -> None:
    from boardapp.services.meetings import attendance as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        cmd.memo["before"] = svc.remove_guest(meeting_id, person_id, session=session, who=ctx.who)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        before = cmd.memo["before"] or ("Y", "")
        svc.set_attendance(meeting_id, person_id, before[0], before[1], session=session, who=ctx.who, expected=None)

    run(ctx, f"Remove guest {name}", do, undo, meeting_id)


# -- papers --------------------------------------------------------------------------------------
def attach_paper(ctx: "AppContext", meeting_id: int, path: Any, agenda_item_id: int | None) -> int:
    """Attach a PDF (refused with a ValidationError naming the file); undo removes it, redo restores it."""
    from boardapp.services.meetings import papers as svc

    def do(session: "Session", cmd: MeetingCommand) -> None:
        if "id" in cmd.memo:
            svc.restore_paper(cmd.memo["id"], session=session, who=ctx.who)
        else:
            cmd.memo["id"] = svc.add_paper(meeting_id, path, session=session, who=ctx.who,
                                           agenda_item_id=agenda_item_id)

    def undo(session: "Session", cmd: MeetingCommand) -> None:
        svc.remove_paper(cmd.memo["id"], session=session, who=ctx.who)

    return int(run(ctx, f"Attach paper {path.name}", do, undo, meeting_id).memo["id"])


def remove_paper(ctx: "AppContext", paper_id: int, title: str) -> None:
    from boardapp.services.meetings import papers as svc

    run(ctx, f"Remove paper “{title}”", lambda s, _c: svc.remove_paper(paper_id, session=s, who=ctx.who),
        lambda s, _c: svc.restore_paper(paper_id, session=s, who=ctx.who))
