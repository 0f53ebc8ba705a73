"""The register's filter and sort: examples and properties (no Qt)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from boardapp.domain.enums import ActionStatus, Brag, Direction, IlacsArea
from boardapp.services.plan.filters import (
    SORT_KEYS, ActionFilter, FilterContext, apply_filter, filter_from_dict, filter_to_dict, natural_key,
    row_matches, search_text, sort_rows,
)
from boardapp.services.rows import ActionRow

TODAY = date(2026, 11, 23)
CTX = FilterContext(TODAY, next_visit_start=date(2027, 1, 12), next_visit_area=IlacsArea.HELP_AND_PROTECTION.value)


def make_row(**kw: object) -> ActionRow:
    due = kw.pop("due_date", TODAY + timedelta(days=10))
    revised = kw.pop("revised_due_date", None)
    status = kw.pop("status", ActionStatus.IN_PROGRESS.value)
    effective = revised or due
    values: dict[str, object] = dict(
        id=1, ref="T1.1", title="Audit referrals", description="", how="", theme_id=1, theme_code="T1",
        theme_title="Front door", owner_id=1, owner_name="Alex Example", start_date=None, due_date=due,
        revised_due_date=revised, status=status, brag=Brag.GREEN.value, progress=0, success_measure="",
        evidence_of_impact="", latest_update_date=None, latest_update="", previous_brag=None,
        direction=Direction.SAME, days_left=(effective - TODAY).days,
        overdue=status != ActionStatus.COMPLETE and effective < TODAY, ilacs_areas=frozenset(),
        deleted=False, version=1,
    )
    values.update(kw)
    return ActionRow(**values)  # type: ignore[arg-type]


def test_text_searches_ref_title_description_owner_and_latest_update_case_insensitively() -> None:
    rows = [
        make_row(id=1, ref="T1.1", title="Audit referrals"),
        make_row(id=2, ref="T1.2", title="Other", description="MASH screening"),
        make_row(id=3, ref="T2.1", title="Other", owner_name="Priya Sample"),
        make_row(id=4, ref="T2.2", title="Other", latest_update="Agency staff reduced"),
    ]
    ids = lambda text: [r.id for r in apply_filter(rows, ActionFilter(text=text), CTX)]  # noqa: E731
    assert ids("AUDIT") == [1]
    assert ids("mash") == [2]
    assert ids("priya") == [3]
    assert ids("agency STAFF") == [4]
    assert ids("t2.") == [3, 4]
    haystacks = {r.id: search_text(r) for r in rows}
    assert [r.id for r in apply_filter(rows, ActionFilter(text="mash"), CTX, haystacks)] == [2]


def test_quick_filters() -> None:
    overdue = make_row(id=1, due_date=TODAY - timedelta(days=5), brag="RED")
    soon = make_row(id=2, due_date=TODAY + timedelta(days=7))
    after_visit = make_row(id=3, due_date=date(2027, 3, 1), ilacs_areas=frozenset({"HELP_AND_PROTECTION"}))
    complete = make_row(id=4, due_date=TODAY + timedelta(days=3), status="COMPLETE", brag="BLUE")
    worse = make_row(id=5, due_date=date(2027, 6, 1), brag="AMBER", direction=Direction.WORSE, previous_brag="GREEN")
    deleted = make_row(id=6, deleted=True)
    rows = [overdue, soon, after_visit, complete, worse, deleted]

    def ids(**kw: object) -> list[int]:
        return [r.id for r in apply_filter(rows, ActionFilter(**kw), CTX)]  # type: ignore[arg-type]

    assert ids() == [1, 2, 3, 4, 5]
    assert ids(deleted=True) == [6]
    assert ids(overdue_only=True) == [1]
    assert ids(due_within_days=7) == [2]
    assert ids(before_next_visit=True) == [1, 2]
    assert ids(next_visit_focus=True) == [3]
    assert ids(exceptions_only=True) == [1, 5]
    assert ids(brags=frozenset({"RED", "AMBER"})) == [1, 5]
    assert ids(directions=frozenset({"WORSE"})) == [5]
    assert ids(exclude_complete=True) == [1, 2, 3, 5]
    assert ids(statuses=frozenset({"COMPLETE"})) == [4]
    assert [r.id for r in apply_filter(rows, ActionFilter(before_next_visit=True), FilterContext(TODAY))] == []


def test_natural_ref_order_and_none_last() -> None:
    rows = [make_row(id=i, ref=ref, latest_update_date=d) for i, ref, d in (
        (1, "T2.10", None), (2, "T2.9", date(2026, 1, 1)), (3, "T10.1", date(2026, 2, 1)), (4, "T2.1", None))]
    assert [r.ref for r in sort_rows(rows, "ref")] == ["T2.1", "T2.9", "T2.10", "T10.1"]
    assert [r.ref for r in sort_rows(rows, "ref", True)] == ["T10.1", "T2.10", "T2.9", "T2.1"]
    assert [r.ref for r in sort_rows(rows, "last_update", True)] == ["T10.1", "T2.9", "T2.1", "T2.10"]
    assert [r.ref for r in sort_rows(rows, "last_update")] == ["T2.9", "T10.1", "T2.1", "T2.10"]


def test_brag_sorts_by_rank() -> None:
    rows = [make_row(id=i, ref=f"A.{i}", brag=b, status="COMPLETE" if b == "BLUE" else "IN_PROGRESS")
            for i, b in enumerate(["GREEN", "BLUE", "RED", "AMBER"])]
    assert [r.brag for r in sort_rows(rows, "brag")] == ["RED", "AMBER", "GREEN", "BLUE"]


def test_saved_view_round_trip() -> None:
    f = ActionFilter(text="x", theme_ids=frozenset({2, 1}), brags=frozenset({"RED"}), due_within_days=14,
                     exceptions_only=True)
    assert filter_from_dict(filter_to_dict(f)) == f
    assert filter_from_dict({"due_within_days": "bad", "unknown": 1, "overdue_only": "true"}) == ActionFilter(
        overdue_only=True)


# --- properties -----------------------------------------------------------------------------------

_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def action_rows(draw: st.DrawFn, ident: int) -> ActionRow:
    status = draw(st.sampled_from([s.value for s in ActionStatus]))
    brag = draw(st.sampled_from([b.value for b in Brag if b != Brag.BLUE or status == "COMPLETE"]))
    return make_row(
        id=ident,
        ref=f"{draw(st.sampled_from(['T1', 'T2', 'T10', 'A']))}.{draw(st.integers(1, 30))}",
        title=draw(st.text(min_size=1, max_size=12)), description=draw(st.text(max_size=12)),
        owner_name=draw(st.sampled_from(["", "Alex Example", "priya sample"])),
        owner_id=draw(st.sampled_from([None, 1, 2])), theme_id=draw(st.sampled_from([None, 1, 2])),
        theme_code=draw(st.sampled_from(["", "T1", "T2", "T10"])),
        due_date=draw(_dates), revised_due_date=draw(st.none() | _dates), status=status, brag=brag,
        progress=draw(st.integers(0, 100)), latest_update_date=draw(st.none() | _dates),
        latest_update=draw(st.text(max_size=10)), direction=draw(st.sampled_from(list(Direction))),
        ilacs_areas=frozenset(draw(st.sets(st.sampled_from([a.value for a in IlacsArea]), max_size=2))),
        deleted=draw(st.booleans()),
    )


row_lists = st.integers(0, 25).flatmap(lambda n: st.tuples(*(action_rows(i) for i in range(n))).map(list))
filters = st.builds(
    ActionFilter,
    text=st.sampled_from(["", "a", "T1", "alex", "x y"]),
    theme_ids=st.frozensets(st.sampled_from([1, 2]), max_size=2),
    owner_ids=st.frozensets(st.sampled_from([1, 2]), max_size=1),
    brags=st.frozensets(st.sampled_from([b.value for b in Brag]), max_size=3),
    statuses=st.frozensets(st.sampled_from([s.value for s in ActionStatus]), max_size=2),
    overdue_only=st.booleans(), due_within_days=st.none() | st.integers(0, 90), before_next_visit=st.booleans(),
    next_visit_focus=st.booleans(), directions=st.frozensets(st.sampled_from([d.value for d in Direction]), max_size=2),
    deleted=st.booleans(), exclude_complete=st.booleans(), exceptions_only=st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(rows=row_lists, f=filters)
def test_filter_returns_a_subset_of_matching_rows_in_order(rows: list[ActionRow], f: ActionFilter) -> None:
    result = apply_filter(rows, f, CTX)
    assert all(r in rows for r in result)
    assert all(row_matches(r, f, CTX) for r in result)
    assert [r for r in rows if row_matches(r, f, CTX)] == result  # nothing matching is left out, order kept
    haystacks = {r.id: search_text(r) for r in rows}
    assert apply_filter(rows, f, CTX, haystacks) == result
    if f.text.strip():
        words = f.text.casefold().split()
        assert all(all(w in search_text(r) for w in words) for r in result)
    if f.brags:
        assert all(r.brag in f.brags for r in result)
    assert all(r.deleted == f.deleted for r in result)


@settings(max_examples=100, deadline=None)
@given(rows=row_lists, key=st.sampled_from(sorted(SORT_KEYS)), descending=st.booleans())
def test_sort_is_an_ordered_permutation(rows: list[ActionRow], key: str, descending: bool) -> None:
    result = sort_rows(rows, key, descending)
    assert sorted(r.id for r in result) == sorted(r.id for r in rows)
    keys = [SORT_KEYS[key](r) for r in result]
    present = [k for k in keys if k is not None]
    assert keys[: len(present)] == present  # empty values come last
    assert present == sorted(present, reverse=descending)
    ranks = {r.id: i for i, r in enumerate(sort_rows(rows, "ref"))}
    assert sort_rows(rows, key, descending, ref_rank=ranks) == result
    # ties keep natural ref order
    for a, b in zip(result, result[1:]):
        ka, kb = SORT_KEYS[key](a), SORT_KEYS[key](b)
        if ka == kb:
            assert natural_key(a.ref) <= natural_key(b.ref)


def test_replace_keeps_frozen_rows_frozen() -> None:
    row = make_row()
    assert row._replace(title="x").title == "x" and row.title == "Audit referrals"


@given(st.from_regex(r"[A-Za-z][0-9]{1,3}\.[0-9]{1,3}", fullmatch=True))
def test_natural_key_fast_path_matches_the_general_rule(ref: str) -> None:
    import re

    general = tuple((0, int(p)) if p.isdecimal() else (1, p.casefold()) for p in re.split(r"(\d+)", ref) if p)
    assert natural_key(ref) == general


@given(st.text(max_size=12))
def test_natural_key_accepts_any_text(ref: str) -> None:
    """Superscripts and other non-decimal digits must not crash the sort ('T²' is text)."""
    assert isinstance(natural_key(ref), tuple)


def test_a_row_added_after_the_ranks_were_taken_sorts_into_place() -> None:
    rows = [make_row(id=1, ref="T1.2"), make_row(id=2, ref="T1.10"), make_row(id=3, ref="T1.3")]
    ranks = {1: 0, 2: 1}  # T1.3 was created after the register loaded
    assert [r.ref for r in sort_rows(rows, "ref", ref_rank=ranks)] == ["T1.2", "T1.3", "T1.10"]
    assert [r.ref for r in sort_rows(rows, "title", ref_rank=ranks)] == ["T1.2", "T1.3", "T1.10"]


def test_raised_at_filter_keeps_actions_arising_from_any_or_one_meeting() -> None:
    from boardapp.services.plan.filters import ANY_MEETING, describe

    plain = make_row(id=1, ref="T1.1")
    at_three = make_row(id=2, ref="T1.2", raised_at_meeting_id=3, raised_at="20/08/2024 · 4")
    at_five = make_row(id=3, ref="T1.3", raised_at_meeting_id=5, raised_at="16/07/2024")
    rows = [plain, at_three, at_five]
    ctx = FilterContext(date(2024, 9, 11))
    assert apply_filter(rows, ActionFilter(raised_at=ANY_MEETING), ctx) == [at_three, at_five]
    assert apply_filter(rows, ActionFilter(raised_at=3), ctx) == [at_three]
    assert [row_matches(r, ActionFilter(raised_at=5), ctx) for r in rows] == [False, False, True]
    assert filter_from_dict(filter_to_dict(ActionFilter(raised_at=3))) == ActionFilter(raised_at=3)
    assert describe(ActionFilter(raised_at=ANY_MEETING)) == ["raised at a board meeting"]
    # sorted by the meeting's date then the item; actions not raised at a meeting last
    assert [r.id for r in sort_rows(rows, "raised_at")] == [3, 2, 1]
    assert [r.id for r in sort_rows(rows, "raised_at", descending=True)] == [2, 3, 1]
