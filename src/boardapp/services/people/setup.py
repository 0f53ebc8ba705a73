"""A new workspace for one's own board: the board, its members, themes and the next meeting.

What File › New workspace (the wizard) and ``boardapp new`` share. Everything is checked
before the file is made, then written in ONE transaction; if anything fails, no file is left.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.people.board import CHAIR_ROLE, DEFAULT_NAME, ENTITY as BOARD, plan_meeting, validate_board
from boardapp.services.people.people import add_person, name_key, tidy, validate_person
from boardapp.services.people.themes import add_theme, validate_theme
from boardapp.services.transaction import write_transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


@dataclass(frozen=True)
class MemberDraft:
    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    is_member: bool = True


@dataclass(frozen=True)
class ThemeDraft:
    code: str
    title: str
    lead_name: str = ""
    ilacs_area: str | None = None


@dataclass(frozen=True)
class WorkspaceSetup:
    """Everything the wizard asks; only the board's name is needed (and it has a default)."""

    name: str = DEFAULT_NAME
    council: str = ""
    chair_name: str = ""
    quorum: int | None = None
    default_marking: str = "OFFICIAL-SENSITIVE"
    la_code: str = ""
    meeting_frequency: str = "MONTHLY"
    next_meeting: date | None = None
    meeting_time: time | None = None
    meeting_place: str = ""
    members: tuple[MemberDraft, ...] = field(default_factory=tuple)
    themes: tuple[ThemeDraft, ...] = field(default_factory=tuple)


def check_setup(setup: WorkspaceSetup, *, today: date) -> None:
    """Raise ValidationError naming the field (or row) at fault; writes nothing."""
    validate_board({"name": setup.name, "council": setup.council, "quorum": setup.quorum,
                    "default_marking": setup.default_marking, "la_code": setup.la_code,
                    "meeting_frequency": setup.meeting_frequency})
    if tidy(setup.chair_name):
        validate_person({"name": setup.chair_name}, where="chair")
    for row, member in enumerate(setup.members, start=1):
        validate_person({"name": member.name, "role": member.role, "organisation": member.organisation,
                         "email": member.email}, where=f"members row {row}")
    codes: dict[str, int] = {}
    for row, theme in enumerate(setup.themes, start=1):
        clean = validate_theme({"code": theme.code, "title": theme.title, "ilacs_area": theme.ilacs_area},
                               where=f"themes row {row}")
        if clean["code"] in codes:
            raise ValidationError(f"themes row {row} code",
                                  f"code {clean['code']} is used twice (rows {codes[clean['code']]} and {row})")
        codes[clean["code"]] = row
    if setup.next_meeting is not None and setup.next_meeting < today:
        raise ValidationError("next_meeting", f"{setup.next_meeting:%d/%m/%Y} is in the past (today is {today:%d/%m/%Y})")


def create_workspace(path: Path | str, setup: WorkspaceSetup, *, who: str, today: date | None = None) -> "Engine":
    """Make the workspace file at ``path`` for ``setup`` and return its engine.

    An existing file is refused (FileExistsError); bad input raises ValidationError before
    any file is made. The file is built under a temporary name and given its own only when
    complete (``db.new_file``): a failure part-way, a full disk included, leaves no file.
    """
    from sqlmodel import Session

    from boardapp.db.new_file import (
        building_path, finish_building, place_new_file, remove_build_leftovers, remove_new_file,
    )
    from boardapp.db.workspace import open_workspace

    target = Path(path).expanduser().absolute()
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose another file name (a workspace is never replaced)")
    check_setup(setup, today=today or date.today())
    remove_build_leftovers(target)  # of an earlier try that was killed
    building = building_path(target)
    try:
        engine = open_workspace(building, create=True)
        try:
            with Session(engine, expire_on_commit=False) as session, write_transaction(session):
                _write(session, setup, who=who)
        except BaseException:
            engine.dispose()
            raise
        finish_building(engine, building)
        place_new_file(building, target)
    except BaseException as exc:
        remove_build_leftovers(target)
        raise _disk_problem(exc, target) or exc
    try:
        return open_workspace(target)
    except BaseException as exc:  # it is ours and nobody has it yet: a file that cannot be opened goes too
        remove_new_file(target)
        raise _disk_problem(exc, target) or exc


def _disk_problem(exc: BaseException, target: Path) -> BaseException | None:
    """A disk-full or I/O error met while creating ``target``, as the error to show (naming ``target``,
    not the temporary file), or None."""
    from boardapp.db.environment import disk_error_message
    from boardapp.db.errors import WorkspaceError

    message = disk_error_message(exc, target, doing="create")
    if message is None:
        return None
    problem = WorkspaceError(f"{message}; no file was left. Free some space and try again."
                             if message.startswith("There is not enough") else f"{message}; no file was left.")
    problem.__cause__ = exc
    return problem


def _write(session: "Session", setup: WorkspaceSetup, *, who: str) -> None:
    from boardapp.db.models import Board

    people: dict[str, int] = {}  # name key → person id

    def person_id(name: str, **values: object) -> int:
        key = name_key(name)
        if key not in people:
            person = add_person(session, who=who, **validate_person({"name": name, **values}))
            assert person.id is not None
            people[key] = person.id
        return people[key]

    chair_id = person_id(setup.chair_name, role=CHAIR_ROLE, is_member=True) if tidy(setup.chair_name) else None
    for member in setup.members:
        person_id(member.name, role=member.role, organisation=member.organisation, email=member.email,
                  is_member=member.is_member)
    board = Board(**validate_board({
        "name": setup.name, "council": setup.council, "quorum": setup.quorum, "default_marking": setup.default_marking,
        "la_code": setup.la_code, "meeting_frequency": setup.meeting_frequency,
    }), chair_id=chair_id)
    session.add(board)
    session.flush()
    assert board.id is not None
    record_change(session, who=who, entity=BOARD, entity_id=board.id, field="created", old=None, new=board.name)
    for row, theme in enumerate(setup.themes, start=1):
        lead = person_id(theme.lead_name) if tidy(theme.lead_name) else None
        add_theme(session, who=who, code=theme.code, title=theme.title, lead_id=lead, ilacs_area=theme.ilacs_area,
                  where=f"themes row {row}")
    if setup.next_meeting is not None:
        plan_meeting(session, who=who, day=setup.next_meeting, start_time=setup.meeting_time,
                     place=setup.meeting_place)  # no chair of its own: the pack names the board's chair


#: Headings a pasted block may start with (any case); the columns are name, role, organisation, email.
_HEADINGS = {"name", "full name", "member", "who", "person"}


def parse_pasted_people(text: str) -> list[MemberDraft]:
    """Rows copied from a spreadsheet (tab-separated: name, role, organisation, email; extra columns
    ignored, missing ones blank). A heading row and blank rows are skipped; cells Excel quoted
    (with a tab or line break inside) are read as one cell."""
    import csv
    import io

    drafts: list[MemberDraft] = []
    for index, cells in enumerate(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")):
        cells = [tidy(c) for c in cells] + ["", "", "", ""]
        name, role, organisation, email = cells[:4]
        if not any(cells):
            continue
        if index == 0 and name.casefold() in _HEADINGS:
            continue
        drafts.append(MemberDraft(name=name, role=role, organisation=organisation, email=email))
    return drafts
