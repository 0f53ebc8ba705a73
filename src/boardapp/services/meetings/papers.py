"""Papers: PDFs attached to a meeting's agenda items, stored inside the workspace (one file carries everything).

A file is refused, with a message naming it, when it is over 50 MB, is not a PDF pypdf can read,
or is encrypted (the pack could not merge it, and attendees could not open it). A paper added
after the meeting's pack was issued (``Meeting.pack_issued_at``) is **late**: it goes into a
supplement. Removing a paper is recoverable (``deleted_at``). One transaction per call.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, func, select

from boardapp.db.models import AgendaItem, Meeting, Paper
from boardapp.db.types import utcnow
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.errors import NotFoundError
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "ConflictError", "MAX_PAPER_BYTES", "NotFoundError", "PaperFacts", "PaperRow", "ValidationError", "add_paper",
    "list_papers", "mark_late_papers", "paper_content", "read_pdf", "remove_paper", "restore_paper",
]

ENTITY = "paper"
MAX_PAPER_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PaperFacts:
    """What a readable PDF says about itself."""

    file_name: str
    content: bytes
    page_count: int
    title: str
    author: str


@dataclass(frozen=True, slots=True)
class PaperRow:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    title: str
    author: str
    file_name: str
    page_count: int
    size_bytes: int
    added_at: datetime
    late: bool
    version: int


def size_text(size: int) -> str:
    """2.4 MB, 830 KB, 512 bytes."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{round(size / 1024)} KB"
    return f"{size} bytes"


def read_pdf(path: Path, *, max_bytes: int | None = None) -> PaperFacts:
    """Read a PDF paper, or ValidationError("file", …) naming the file and saying why it is refused."""
    import pypdf
    from pypdf.errors import PyPdfError

    max_bytes = MAX_PAPER_BYTES if max_bytes is None else max_bytes
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError("file", f"{name} could not be read ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise ValidationError("file", f"{name} is {size_text(size)}; a paper can be at most "
                                      f"{size_text(max_bytes)}. Reduce it (e.g. print it to PDF again) and attach it.")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationError("file", f"{name} could not be read ({exc.strerror or exc})") from exc
    if not content.lstrip()[:5] == b"%PDF-":
        if path.suffix.lower() == ".pdf":  # named as a PDF, but something else inside (or damaged)
            raise ValidationError("file", f"{name} is named .pdf but is not a PDF inside (another kind of file "
                                          "renamed, or damaged); save or print the paper as PDF again and attach that.")
        raise ValidationError("file", f"{name} is not a PDF file; save or print the paper as PDF and attach that.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError("file", f"{name} is encrypted (password-protected); attach a copy without a "
                                          "password, so the pack can include it")
        pages = len(reader.pages)
        info = reader.metadata
        title = str(info.title or "").strip() if info else ""
        author = str(info.author or "").strip() if info else ""
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ValidationError("file", f"{name} is not a readable PDF (it may be damaged): {exc}") from exc
    if pages < 1:
        raise ValidationError("file", f"{name} has no pages")
    return PaperFacts(name, content, pages, title, author)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFoundError("this meeting no longer exists")
    return meeting


def add_paper(meeting_id: int, path: Path, *, session: Session, who: str, agenda_item_id: int | None = None,
              title: str | None = None, author: str | None = None, now: datetime | None = None) -> int:
    """Attach a PDF to a meeting (and one of its agenda items); returns the paper's id.

    The title defaults to the PDF's own title, else the file name without ``.pdf``.
    """
    facts = read_pdf(path)
    clean_title = " ".join((title if title is not None else facts.title or path.stem.replace("_", " ")).split())
    if not clean_title:
        raise ValidationError("title", "the paper needs a title")
    if len(clean_title) > 200:
        raise ValidationError("title", "is too long (at most 200 characters)")
    clean_author = " ".join((author if author is not None else facts.author).split())[:120]
    with write_transaction(session):
        meeting = _meeting(session, meeting_id)
        if agenda_item_id is not None:
            item = session.get(AgendaItem, agenda_item_id)
            if item is None or item.deleted_at is not None or item.meeting_id != meeting_id:
                raise ValidationError("agenda_item_id", "choose an item of this meeting's agenda")
        added = now or utcnow()
        order = session.exec(select(func.count()).select_from(Paper).where(Paper.meeting_id == meeting_id)).one()
        paper = Paper(
            meeting_id=meeting_id, agenda_item_id=agenda_item_id, title=clean_title, author=clean_author,
            file_name=facts.file_name, page_count=facts.page_count, size_bytes=len(facts.content),
            sha256=hashlib.sha256(facts.content).hexdigest(), content=facts.content, added_at=added,
            late=meeting.pack_issued_at is not None and added > meeting.pack_issued_at, sort_order=int(order),
        )
        session.add(paper)
        session.flush()
        assert paper.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=paper.id, field="created", old=None,
                      new=f"{clean_title} ({facts.file_name})")
        return paper.id


def _paper(session: Session, paper_id: int, *, deleted: bool = False) -> Paper:
    paper = session.get(Paper, paper_id)
    if paper is None or (paper.deleted_at is not None) != deleted:
        raise NotFoundError("this paper no longer exists" if not deleted else "this paper is not removed")
    return paper


def remove_paper(paper_id: int, *, session: Session, who: str) -> None:
    """Take a paper off the meeting, recoverably."""
    with write_transaction(session):
        paper = _paper(session, paper_id)
        stamp = utcnow()
        record_change(session, who=who, entity=ENTITY, entity_id=paper_id, field="deleted_at", old=None, new=stamp)
        paper.deleted_at = stamp
        session.add(paper)


def restore_paper(paper_id: int, *, session: Session, who: str) -> None:
    with write_transaction(session):
        paper = _paper(session, paper_id, deleted=True)
        record_change(session, who=who, entity=ENTITY, entity_id=paper_id, field="deleted_at", old=paper.deleted_at,
                      new=None)
        paper.deleted_at = None
        session.add(paper)


def mark_late_papers(session: Session, meeting_id: int, issued_at: datetime | None, *, who: str) -> None:
    """Set each paper's ``late`` from when the pack was issued (in the caller's transaction)."""
    for paper in session.exec(select(Paper).where(Paper.meeting_id == meeting_id)).all():
        late = issued_at is not None and paper.added_at > issued_at
        if paper.late != late:
            record_change(session, who=who, entity=ENTITY, entity_id=paper.id or 0, field="late", old=paper.late,
                          new=late)
            paper.late = late
            session.add(paper)


def list_papers(meeting_id: int, *, session: Session) -> list[PaperRow]:
    """The meeting's papers (without their bytes), in the order they were attached."""
    stmt = (
        select(Paper.id, Paper.meeting_id, Paper.agenda_item_id, Paper.title, Paper.author, Paper.file_name,
               Paper.page_count, Paper.size_bytes, Paper.added_at, Paper.late, Paper.version)
        .where(Paper.meeting_id == meeting_id, col(Paper.deleted_at).is_(None))
        .order_by(col(Paper.sort_order), col(Paper.id))
    )
    return [PaperRow(*row) for row in session.exec(stmt).all()]  # type: ignore[arg-type]


def paper_content(paper_id: int, *, session: Session) -> tuple[str, bytes]:
    """The file name and bytes of a paper (to open it, or merge it into the pack)."""
    paper = _paper(session, paper_id)
    return paper.file_name or f"paper-{paper_id}.pdf", paper.content
