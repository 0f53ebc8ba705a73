"""The pack sections an agenda item can present: one list the agenda builder, the pack and the demo share.

Keys are those of ``services.pack_data.PACK_SECTIONS`` where the section exists already
("summary", "action_log", "exceptions", "readiness", "risks", "funding"); the others are the names the
meeting-pack sections use as they arrive ("scorecard", "minutes", "matters_arising",
"decisions", "challenge_log"). No imports: the pack, the CLI and the window read it freely.
"""
from __future__ import annotations

#: (key, label) in the order the agenda builder offers them; "" is "no pack section".
AGENDA_PACK_SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Action log summary"),
    ("minutes", "Minutes of the last meeting"),
    ("matters_arising", "Matters arising"),
    ("action_log", "Action log"),
    ("exceptions", "Exception report"),
    ("readiness", "Monitoring-visit readiness"),
    ("scorecard", "Performance scorecard"),
    ("risks", "Risk register"),
    ("funding", "Funding"),
    ("challenge_log", "Challenge log"),
    ("decisions", "Decisions log"),
)

AGENDA_SECTION_KEYS: frozenset[str] = frozenset(key for key, _ in AGENDA_PACK_SECTIONS)


def section_label(key: str) -> str:
    """What a section key reads as ("" for none; an unknown key as itself)."""
    return dict(AGENDA_PACK_SECTIONS).get(key, key)
