"""The pack's sections, in pack order: ONE list, each entry switchable by its key.

To add a section: write ``build(data, width) -> list[Flowable]``, add its key and title
to ``boardapp.services.pack_data.PACK_SECTIONS`` (what the dialog and the CLI list)
and a :class:`Section` here; a test checks the two lists agree.
"""
from __future__ import annotations

from boardapp.pack.sections.agenda import build_agenda
from boardapp.pack.sections.base import Section
from boardapp.pack.sections.front import build_contents, build_cover
from boardapp.pack.sections.funding import build_funding
from boardapp.pack.sections.meeting import build_challenge_log, build_decisions, build_matters_arising, build_minutes
from boardapp.pack.sections.plan import build_action_log, build_exceptions, build_summary
from boardapp.pack.sections.readiness import build_readiness
from boardapp.pack.sections.risks import build_risks
from boardapp.pack.sections.scorecard import build_scorecard
from boardapp.services.pack_data import PACK_SECTIONS

_TITLES = {s.key: s.title for s in PACK_SECTIONS}

SECTIONS: tuple[Section, ...] = (
    Section("cover", _TITLES["cover"], build_cover, "portrait"),
    Section("contents", _TITLES["contents"], build_contents, "portrait"),
    Section("agenda", _TITLES["agenda"], build_agenda, "portrait"),
    Section("minutes", _TITLES["minutes"], build_minutes, "portrait"),
    Section("matters_arising", _TITLES["matters_arising"], build_matters_arising, "landscape"),
    Section("summary", _TITLES["summary"], build_summary, "landscape"),
    Section("readiness", _TITLES["readiness"], build_readiness, "landscape"),
    Section("exceptions", _TITLES["exceptions"], build_exceptions, "landscape"),
    Section("action_log", _TITLES["action_log"], build_action_log, "landscape"),
    Section("decisions", _TITLES["decisions"], build_decisions, "landscape"),
    Section("challenge_log", _TITLES["challenge_log"], build_challenge_log, "landscape"),
    Section("scorecard", _TITLES["scorecard"], build_scorecard, "landscape"),
    Section("risks", _TITLES["risks"], build_risks, "landscape"),
    Section("funding", _TITLES["funding"], build_funding, "portrait"),
)

__all__ = ["SECTIONS", "Section"]
