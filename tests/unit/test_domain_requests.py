"""The service-request state machine and the intake vocabulary."""

from __future__ import annotations

import itertools

import pytest

from hendazh_desktop.domain.requests import (
    CHANNEL_LABELS,
    OPEN_STATUSES,
    PRIORITY_LABELS,
    REASON_REQUIRED,
    STATUS_LABELS,
    TRANSITIONS,
    Channel,
    Priority,
    RequestStatus,
    can_transition,
    initial_status,
)
from hendazh_desktop.domain.text import normalize_display

S = RequestStatus
TERMINAL = {S.CLOSED, S.CANCELLED}


def _reachable(start: RequestStatus) -> set[RequestStatus]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_every_status_has_its_transitions_and_only_known_targets():
    assert set(TRANSITIONS) == set(S)
    for targets in TRANSITIONS.values():
        assert isinstance(targets, frozenset) and targets <= set(S)


@pytest.mark.parametrize("terminal", sorted(TERMINAL))
def test_closed_and_cancelled_are_terminal(terminal):
    assert TRANSITIONS[terminal] == frozenset()
    assert not any(can_transition(terminal, target) for target in S)


def test_terminal_statuses_are_exactly_those_without_a_way_out():
    assert {s for s, targets in TRANSITIONS.items() if not targets} == TERMINAL
    assert frozenset(set(S) - TERMINAL) == OPEN_STATUSES


def test_every_open_request_can_still_end():
    for status in OPEN_STATUSES:
        assert _reachable(status) & TERMINAL, status


def test_every_status_is_reachable_from_a_starting_status():
    starts = {
        initial_status(from_web_form=w, prepaid=p)
        for w, p in itertools.product([False, True], repeat=2)
    }
    reachable = set().union(*(_reachable(s) for s in starts))
    assert reachable == set(S)


def test_can_transition_agrees_with_the_table():
    for current, target in itertools.product(S, S):
        assert can_transition(current, target) == (target in TRANSITIONS[current])


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (S.QUEUED, S.ASSIGNED, True),
        (S.QUEUED, S.CANCELLED, True),
        (S.ASSIGNED, S.ASSIGNED, True),  # reassignment
        (S.DISPATCHED, S.QUEUED, True),
        (S.DONE, S.PAID, True),
        (S.PAID, S.CLOSED, True),
        (S.QUEUED, S.DONE, False),
        (S.RECEIVED, S.PAID, False),
        (S.IN_PROGRESS, S.CANCELLED, False),  # work started: finish or re-price, not cancel
        (S.DONE, S.CANCELLED, False),
        (S.CANCELLED, S.QUEUED, False),
        (S.CLOSED, S.PAID, False),
    ],
)
def test_specific_transitions(current, target, allowed):
    assert can_transition(current, target) is allowed


def test_paid_work_cannot_be_cancelled():
    for status in (S.DONE, S.INVOICED, S.PAID):
        assert S.CANCELLED not in _reachable(status)


def test_initial_status_rules():
    assert initial_status(from_web_form=True, prepaid=True) is S.TO_VERIFY
    assert initial_status(from_web_form=True, prepaid=False) is S.TO_VERIFY
    assert initial_status(from_web_form=False, prepaid=True) is S.AWAITING_PREPAYMENT
    assert initial_status(from_web_form=False, prepaid=False) is S.QUEUED


def test_reasons_are_asked_for_cancelling_and_declining():
    assert {S.CANCELLED, S.DECLINED} == REASON_REQUIRED


def _is_persian_label(label: str) -> bool:
    return (
        bool(label.strip())
        and any("\u0600" <= ch <= "\u06ff" for ch in label)
        and not any(ch.isascii() and ch.isalpha() for ch in label)
        and normalize_display(label) == label  # no Arabic ي/ك, stray ZWNJ or spaces
    )


@pytest.mark.parametrize(
    ("labels", "enum"),
    [(STATUS_LABELS, RequestStatus), (PRIORITY_LABELS, Priority), (CHANNEL_LABELS, Channel)],
)
def test_every_value_has_a_persian_label(labels, enum):
    assert set(labels) == set(enum)
    for member in enum:
        assert _is_persian_label(labels[member]), member
    assert len(set(labels.values())) == len(labels)  # no two look the same in a list


def test_priorities_sort_by_urgency():
    assert sorted(Priority) == [Priority.LOW, Priority.NORMAL, Priority.URGENT, Priority.EMERGENCY]
    assert Priority.EMERGENCY > Priority.URGENT > Priority.NORMAL > Priority.LOW


def test_stored_values_are_stable():
    assert S("in_progress") is S.IN_PROGRESS
    assert Channel("web_form") is Channel.WEB_FORM
    assert {s.value for s in S} >= {"received", "queued", "closed", "cancelled"}
