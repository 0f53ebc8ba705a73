"""Making the meeting pack: ``render_pack`` (PackData → PDF) and ``export_pack`` (workspace → PDF).

Both write atomically: the PDF is built in a temporary file beside the target and moved
into place only when complete, so a cancelled or failed export leaves nothing behind.
"""
from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from boardapp.files import new_file_beside
from boardapp.pack.assembly import assemble
from boardapp.pack.papers import merge_papers
from boardapp.pack.templates import CancelFn, Furniture, PackCancelled, PackDocTemplate, ProgressFn
from boardapp.pack.parts import next_supplement_number, plan_part, supplement_papers
from boardapp.pack.sections.base import plural
from boardapp.services.pack_data import (
    CONFIDENTIAL_MARKING, PART_CONFIDENTIAL, PART_CONFIDENTIAL_SUPPLEMENT, PART_SUPPLEMENT, PackData, PackError,
    read_pack_data, record_issue,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["ExportResult", "PackCancelled", "PackError", "build_story", "export_all", "export_pack", "render_pack"]

#: A caller's own last check of the target just before the rename (raises with a clear message).
TargetCheck = Callable[[Path], object]


def furniture_for(data: PackData) -> Furniture:
    m = data.meeting
    when = f"{m.meeting_date.day} {m.meeting_date:%B %Y}"
    return Furniture(
        marking=data.marking,
        header_left=f"{m.title}: {data.pack_label}",
        header_right=f"Pack version {data.pack_version}",
        footer_left=data.board_name,
        footer_right=f"Meeting of {when}",
    )


def build_story(data: PackData, cancelled: CancelFn | None = None) -> tuple[list[Flowable], str]:
    """The flowables of the document (see ``pack.assembly``) and the orientation of its first page."""
    asm = assemble(data, cancelled)
    return asm.story, asm.first_orientation or "portrait"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


#: Temporary files are ``.<name>.<pid>.<random>.part`` beside the target: a run killed before its
#: ``finally`` leaves them, and the next run for the same target removes those of processes that are gone.
_STALE_AFTER = 3600.0  # seconds; a leftover without a readable process id (an older version's) is stale after this


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: assume it is still working
        return True
    return True


def clean_stale_parts(target: Path) -> list[Path]:
    """Remove the ``.part`` leftovers of killed runs for ``target``; returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(target.parent.glob(f".{glob.escape(target.stem)}.*.part*"))
    except OSError:
        return removed
    now = time.time()
    for leftover in candidates:
        bits = leftover.name[len(target.stem) + 2:].split(".")
        pid = int(bits[0]) if bits and bits[0].isdigit() and bits[0].isascii() else None
        try:
            if not leftover.is_file() or leftover.is_symlink():
                continue
            stale = (not _alive(pid)) if pid is not None else now - leftover.stat().st_mtime > _STALE_AFTER
            if stale and pid != os.getpid():
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed


def staging_file(target: Path) -> str:
    """A new empty temporary file beside ``target`` (same folder, so the final rename is atomic)."""
    clean_stale_parts(target)
    return str(new_file_beside(target, prefix=f".{target.stem}.{os.getpid()}.", suffix=".part"))


def finish(staged: str, target: Path, check: TargetCheck | None = None) -> None:
    """Move the finished file onto ``target``, re-checking first that ``target`` can still take it: the
    folder or the name may have changed during the export (``check`` adds the caller's own rules)."""
    folder = target.parent
    if not folder.is_dir():
        raise PackError(f"cannot write {target}: the folder {folder} no longer exists")
    if os.path.lexists(target) and (target.is_dir() or not (target.is_file() or target.is_symlink())):
        what = "a folder" if target.is_dir() else "not a regular file"
        raise PackError(f"cannot write {target}: it is now {what}; choose another file name")
    if not os.access(folder, os.W_OK):
        raise PackError(f"cannot write {target}: the folder {folder} is now read-only for you")
    if check is not None:
        check(target)
    try:
        os.replace(staged, target)
    except OSError as exc:
        raise PackError(f"cannot write {target}: {exc.strerror or exc}") from None


def render_pack(
    data: PackData, out_path: Path | str, *, progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
    check: TargetCheck | None = None,
) -> int:
    """Write the document for ``data`` to ``out_path`` (atomically); returns the number of pages.

    Papers are read before anything is written, so an unreadable one stops the export with
    nothing left behind; layout goes to a temporary file, papers are merged into a second one,
    and only the finished file is moved into place.
    """
    target = Path(out_path)
    if not target.parent.is_dir():
        raise PackError(f"cannot write {target}: the folder {target.parent} does not exist")
    if progress:
        progress(10, "Preparing sections")
    asm = assemble(data, cancelled)
    temps: list[str] = []

    def temp() -> str:
        temps.append(staging_file(target))
        return temps[-1]

    try:
        laid_out = temp()
        doc = PackDocTemplate(
            laid_out, furniture=furniture_for(data), title=data.title,
            author=f"{data.board_name} secretariat", subject=data.subject, keywords=data.keywords,
            progress=progress, cancelled=cancelled, first_template=asm.first_orientation or "portrait",
        )
        for name, size in asm.page_sizes.items():
            doc.add_page_template(name, size)
        doc.outline_plan = list(asm.entries)
        doc.multiBuild(asm.story, canvasmaker=doc.canvas_maker)
        pages = doc.page
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        finished = laid_out
        if doc.paper_slots:
            if progress:
                progress(92, f"Merging {len(asm.papers)} papers")
            finished = temp()
            merge_papers(laid_out, finished, doc.paper_slots, asm.papers)
        if cancelled is not None and cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        finish(finished, target, check)
    finally:
        for name in temps:
            _remove(name)
    if progress:
        progress(100, f"Done: {pages} pages")
    return pages


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the main document's pages, and the confidential part's (0 when not made)."""

    pages: int
    path: Path | None  # None: a supplement with only confidential papers wrote its confidential part only
    confidential_pages: int = 0
    confidential_path: Path | None = None
    supplement: int | None = None
    meeting_id: int = 0
    paper_ids: tuple[int, ...] = ()


def confidential_part(data: PackData) -> PackData:
    """The same pack data as the confidential part (Part B), always marked OFFICIAL-SENSITIVE."""
    return replace(data, part=PART_CONFIDENTIAL, marking=CONFIDENTIAL_MARKING)


def supplement_part(data: PackData, number: int, *, confidential: bool = False) -> PackData:
    """Supplement ``number``, or its confidential part (the late papers on Part B items, OFFICIAL-SENSITIVE)."""
    if confidential:
        return replace(data, part=PART_CONFIDENTIAL_SUPPLEMENT, supplement=number, papers=True,
                       marking=CONFIDENTIAL_MARKING)
    return replace(data, part=PART_SUPPLEMENT, supplement=number, papers=True)


def _check_supplement(data: PackData, number: int, confidential_out: Path | None) -> tuple[PackData, PackData]:
    """Both parts of Supplement ``number``; refused by name when it carries nothing, or when it carries
    confidential papers and there is nowhere to put them (they never go into the public supplement)."""
    if number < 1:
        raise PackError(f"--supplement must be 1 or more, not {number}")
    public, secret = supplement_part(data, number), supplement_part(data, number, confidential=True)
    if not supplement_papers(public, number) and not supplement_papers(secret, number):
        nxt = next_supplement_number(public)
        raise PackError(
            f"there is nothing for Supplement {number}: it would carry the late papers (added after the pack was "
            f"issued) " + (f"and the next supplement is {nxt}" if nxt != number else "and there are none")
        )
    count = len(supplement_papers(secret, number))
    if count and confidential_out is None:
        raise PackError(
            f"Supplement {number} carries {plural(count, 'confidential (Part B) paper')}, which go into its "
            "confidential part, never the public one: choose a file for it (--confidential-out FILE.pdf, or "
            "'Also make the confidential part' in the dialog)")
    return public, secret


def export_document(
    data: PackData, out_path: Path | str, *, confidential_out: Path | str | None = None,
    supplement: int | None = None, progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
    check: TargetCheck | None = None,
) -> ExportResult:
    """Write the pack (and its confidential part), or one supplement; nothing is left half-written."""
    target = Path(out_path)
    other = Path(confidential_out) if confidential_out is not None else None
    main, secret = data, confidential_part(data)
    if supplement is not None:
        main, secret = _check_supplement(data, supplement, other)
        if not supplement_papers(secret, supplement):
            other = None  # nothing confidential in this supplement: no confidential part to write
    elif other is not None and not plan_part(secret).items:
        other = None  # no confidential item on the agenda: an empty Part B would only mislead (the result says so)
    if other is None:
        pages = render_pack(main, target, progress=progress, cancelled=cancelled, check=check)
        return ExportResult(pages, target, supplement=supplement, meeting_id=data.meeting.id,
                            paper_ids=_sent(main, supplement))
    if other.resolve() == target.resolve():
        raise PackError("the confidential part needs a file of its own (--confidential-out), not the pack's")
    if not other.parent.is_dir():
        raise PackError(f"cannot write {other}: the folder {other.parent} does not exist")
    write_main = supplement is None or bool(supplement_papers(main, supplement))
    staged = staging_file(other)
    try:
        secret_pages = render_pack(secret, staged, cancelled=cancelled)
        pages = render_pack(main, target, progress=progress, cancelled=cancelled, check=check) if write_main else 0
        finish(staged, other, check)
    finally:
        _remove(staged)
    return ExportResult(pages, target if write_main else None, secret_pages, other, supplement=supplement,
                        meeting_id=data.meeting.id,
                        paper_ids=(_sent(main, supplement) if write_main else ()) + _sent(secret, supplement))


def _sent(part: PackData, supplement: int | None) -> tuple[int, ...]:
    """The late papers a supplement document carries (recorded as sent in it by a final export)."""
    return () if supplement is None else tuple(p.id for p in supplement_papers(part, supplement))


def export_pack(
    engine: "Engine",
    out_path: Path | str,
    *,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    papers: bool = True,
    confidential_out: Path | str | None = None,
    supplement: int | None = None,
    final_by: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Read the workspace and write its meeting pack; returns the page count (see ``export_all``)."""
    return export_all(engine, out_path, meeting=meeting, marking=marking, sections=sections, today=today,
                      full_complete=full_complete, papers=papers, confidential_out=confidential_out,
                      supplement=supplement, final_by=final_by, progress=progress, cancelled=cancelled).pages


def export_all(
    engine: "Engine",
    out_path: Path | str,
    *,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    papers: bool = True,
    confidential_out: Path | str | None = None,
    supplement: int | None = None,
    final_by: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    check: TargetCheck | None = None,
) -> ExportResult:
    """Read the workspace and write the pack, its confidential part or a supplement.

    ``final_by`` (who issues it) makes it a final export: the meeting's pack is recorded as issued
    (papers added later are late), or a supplement's late papers are recorded as sent in it.
    Raises PackError (a ValueError) with a clear message for a bad meeting, section, marking or
    paper, or a target that cannot take the file at the final rename (``check`` adds the caller's own
    rules for it, e.g. never the workspace), and PackCancelled when ``cancelled()`` turns true (no file is left).
    """
    if progress:
        progress(0, "Reading the plan")
    data = read_pack_data(engine, meeting=meeting, marking=marking, sections=sections, today=today,
                          full_complete=full_complete, papers=papers)
    if cancelled is not None and cancelled():
        raise PackCancelled("the meeting pack export was cancelled")
    result = export_document(data, out_path, confidential_out=confidential_out, supplement=supplement,
                             progress=progress, cancelled=cancelled, check=check)
    if final_by is not None:
        record_issue(engine, data.meeting.id, who=final_by, supplement=supplement, paper_ids=result.paper_ids)
    return result
