"""The fields an import fills, and the column headings real trackers and registers use for them.

Headings are compared after :func:`normalise` (case, punctuation, spacing and a trailing
"(s)" ignored), first exactly, then with a bracketed note dropped ("Due date (dd/mm/yy)").
Each kind lists its fields in priority order: when two columns could be the same field
the first one named by an exact synonym wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ACTIONS = "actions"
RISKS = "risks"
KINDS = (ACTIONS, RISKS)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: str  # how the preview and the messages name it
    synonyms: tuple[str, ...]
    is_date: bool = False


def normalise(text: object) -> str:
    """A heading as compared: lower case, words only ('What?' → 'what', 'S.No' → 's no')."""
    value = str(text or "").replace("\u00a0", " ").casefold()
    value = value.replace("&", " and ").replace("%", " percent ")
    value = re.sub(r"\(s\)", "", value)
    value = re.sub(r"[^\w]+", " ", value)
    return " ".join(value.split())


def without_brackets(text: object) -> str:
    return normalise(re.sub(r"[(\[].*?[)\]]", " ", str(text or "")))


ACTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("ref", "Ref", ("no", "ref", "action ref", "number", "id", "s no", "sno", "ref no", "reference",
                             "action no", "action number", "action id", "item", "item no", "ref number", "action reference")),
    FieldSpec("title", "Action", ("what", "action", "actions", "action decision", "action description",
                                  "task description", "task", "title", "action required", "actions required",
                                  "description of action", "key action", "key actions", "what we will do",
                                  "what will we do", "action title", "activity", "actions to be taken")),
    FieldSpec("owner", "Owner", ("who", "owner", "lead", "lead officer", "responsible", "responsible officer",
                                 "action owner", "lead person", "accountable", "responsible person", "by whom",
                                 "lead officer s", "responsible lead", "owner lead", "lead owner", "assigned to")),
    FieldSpec("how", "How", ("how", "how will we do it", "how will this be achieved", "method", "approach")),
    FieldSpec("due_date", "Due", ("when", "due", "due date", "deadline", "target date", "timescale", "timescales",
                                  "completion date", "target completion date", "by when", "date due", "end date",
                                  "target", "target completion", "timeframe", "original due date",
                                  "original target date"), is_date=True),
    FieldSpec("revised_due_date", "Revised due", ("revised due", "revised due date", "revised date",
                                                  "revised deadline", "revised target date", "new due date",
                                                  "revised timescale", "revised target"), is_date=True),
    FieldSpec("start_date", "Start", ("start", "start date", "date started", "date opened"), is_date=True),
    FieldSpec("theme", "Theme", ("ofsted area", "theme", "workstream", "priority", "category", "task category",
                                 "area", "improvement area", "judgement area", "strand", "priority area",
                                 "theme workstream", "work stream", "ilacs area", "section")),
    FieldSpec("recommendation", "Recommendation", ("recommendation", "finding", "ofsted recommendation",
                                                   "recommendation finding", "area for development",
                                                   "areas for development", "ofsted finding", "issue",
                                                   "ofsted recommendations", "what ofsted said", "area for improvement")),
    FieldSpec("description", "Description", ("description", "detail", "details", "further detail")),
    FieldSpec("success_measure", "Success measure", ("success measure", "success measures", "measure of success",
                                                     "success criteria", "outcome measure", "kpi", "measures",
                                                     "how will we know", "impact measure", "measure",
                                                     "how will we know we have succeeded", "success indicator")),
    FieldSpec("brag", "BRAG", ("brag", "rag", "rating", "rag rating", "brag rating", "rag status", "brag status",
                               "status rag", "status brag", "colour", "b r a g", "r a g")),
    FieldSpec("status", "Status", ("status", "progress status", "action status", "current status", "state")),
    FieldSpec("progress", "Progress", ("progress", "percent complete", "percent", "percentage complete",
                                       "percent progress", "progress percent", "completion", "percent done")),
    FieldSpec("evidence_of_impact", "Evidence of impact", ("evidence of impact", "evidence", "impact",
                                                           "impact evidence", "evidence impact", "evidence of progress",
                                                           "impact on children", "evidence of completion")),
    FieldSpec("latest_update", "Latest update", ("latest update", "update", "progress update", "commentary",
                                                 "comments", "comment", "remarks", "outcome", "narrative",
                                                 "update on progress", "position statement", "current position",
                                                 "progress commentary", "progress comments", "progress to date",
                                                 "latest position", "update commentary", "progress narrative",
                                                 "notes", "rag commentary", "quarterly outcome notes", "outcomes")),
)

_QUALIFIERS = {
    "inherent": ("inherent", "gross", "initial", "original", "raw", "before controls", "pre control",
                 "unmitigated", "pre mitigation", "untreated"),
    "residual": ("residual", "net", "current", "after controls", "post control", "mitigated", "revised",
                 "post mitigation", "treated"),
    "target": ("target", "tolerance", "appetite"),
}
_BASES = {
    "likelihood": ("likelihood", "l", "probability", "p", "likelihood score", "likelihood 1 5", "prob"),
    "impact": ("impact", "i", "severity", "impact score", "consequence score", "impact 1 5", "s"),
    "score": ("score", "risk score", "rating", "total", "l x i", "lxi", "l i", "risk rating", "overall score",
              "score l x i", "total score", "rag", "l x i score"),
}

RISK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("ref", "Ref", ("no", "ref", "risk ref", "risk no", "risk id", "risk number", "number", "id", "s no",
                             "reference", "ref no", "risk reference")),
    FieldSpec("title", "Risk", ("risk", "risk title", "risk name", "title", "risk summary", "risk event")),
    FieldSpec("description", "Description", ("description", "risk description", "risk detail", "details",
                                             "detail", "description of risk", "risk and description")),
    FieldSpec("cause", "Cause", ("cause", "causes", "trigger", "triggers", "source of risk", "risk cause",
                                 "root cause", "vulnerability")),
    FieldSpec("effect", "Effect", ("effect", "effects", "consequence", "consequences", "impact description",
                                   "potential consequences", "risk effect")),
    FieldSpec("inherent_likelihood", "Inherent likelihood", ()),
    FieldSpec("inherent_impact", "Inherent impact", ()),
    FieldSpec("inherent_score", "Inherent score", ()),
    FieldSpec("residual_likelihood", "Residual likelihood", ()),
    FieldSpec("residual_impact", "Residual impact", ()),
    FieldSpec("residual_score", "Residual score", ()),
    FieldSpec("likelihood", "Likelihood", ()),
    FieldSpec("impact", "Impact", ()),
    FieldSpec("score", "Score", ()),
    FieldSpec("controls", "Controls", ("controls", "existing controls", "current controls", "controls in place",
                                       "control measures", "key controls", "existing control measures",
                                       "internal controls", "controls assurance")),
    FieldSpec("mitigation", "Mitigation", ("mitigation", "mitigations", "mitigating actions", "further actions",
                                           "further mitigation", "actions", "planned actions", "mitigation actions",
                                           "additional controls", "action plan", "further action required",
                                           "risk response", "treatment", "mitigating action", "actions to mitigate")),
    FieldSpec("owner", "Owner", ("owner", "risk owner", "lead", "responsible", "who", "lead officer",
                                 "responsible officer", "action owner", "accountable")),
    FieldSpec("status", "Status", ("status", "risk status", "open closed", "state")),
    FieldSpec("review_date", "Review date", ("review date", "next review", "next review date",
                                             "date of next review", "review", "date for review", "review by",
                                             "last reviewed", "date reviewed"), is_date=True),
    FieldSpec("theme", "Theme", ("category", "theme", "workstream", "risk category", "area", "risk area",
                                 "priority", "strand", "section")),
)

FIELDS = {ACTIONS: ACTION_FIELDS, RISKS: RISK_FIELDS}
LABELS = {kind: {spec.key: spec.label for spec in specs} for kind, specs in FIELDS.items()}


#: Each qualifier word as a whole-word pattern, compiled once (a header search tries thousands of cells).
_QUALIFIER_PATTERNS = {name: tuple(re.compile(rf"(^| ){re.escape(word)}( |$)") for word in words)
                       for name, words in _QUALIFIERS.items()}


@lru_cache(maxsize=8192)
def risk_score_field(heading: str) -> str | None:
    """'Inherent risk L' → 'inherent_likelihood', 'Residual score' → 'residual_score', 'Impact' → 'impact'."""
    text = normalise(heading)
    if not text:
        return None
    qualifier = ""
    for name, patterns in _QUALIFIER_PATTERNS.items():
        for pattern in patterns:
            if pattern.search(text):
                qualifier = name
                text = pattern.sub(" ", text).strip()
                break
        if qualifier:
            break
    text = re.sub(r"(^| )(risk|rating|level)( |$)", " ", text).strip() or text
    text = re.sub(r"\b1 ?5\b", "", text).strip()
    base = None
    for name, words in _BASES.items():
        if text in words or text.replace(" ", "") in words:
            base = name
            break
    if base is None and qualifier and text in ("", "risk"):
        base = "score"  # "Residual risk" over a single column: its score
    if base is None:
        return None
    if qualifier == "target":
        return "target"  # the score aimed at: not stored
    return f"{qualifier}_{base}" if qualifier else base


@lru_cache(maxsize=8192)  # the header search asks again for the same cells (one row, two rows, both kinds)
def match_field(kind: str, heading: object) -> str | None:
    """The field a column heading names for ``kind``, or None."""
    text = normalise(heading)
    if not text:
        return None
    specs = FIELDS[kind]
    candidates = [text, without_brackets(heading)]
    # "Progress update / commentary", "Owner or lead": each alternative on its own
    candidates += [normalise(part) for part in re.split(r"/|\bor\b|\band\b|&|\n", str(heading)) if part.strip()]
    for candidate in candidates:
        if not candidate:
            continue
        if kind == RISKS and (scored := risk_score_field(candidate)) is not None:
            return scored
        for spec in specs:
            if candidate in spec.synonyms:
                return spec.key
    return None
