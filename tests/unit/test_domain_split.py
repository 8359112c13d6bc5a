"""The labour split: adds up to the rial, truncates credits, says why a share earned nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.split import (
    NoCreditReason,
    Parties,
    SplitRule,
    check_new_rule,
    rule_on,
    split_labour,
)

DAY = dt.date(2026, 12, 3)
RULE = SplitRule(DAY, commission_bp=2000, referrer_share_bp=1000, recipient_share_bp=500)


def test_worked_example() -> None:
    split = split_labour(1_234_567, RULE, Parties(recipient_id=1, referrer_id=2))
    # fee = 80% of labour truncated; commission is the rest (the company keeps the remainder)
    assert split.fee == 987_653 and split.commission == 246_914
    assert split.referrer_credit == 24_691 and split.recipient_credit == 12_345
    assert split.commission_kept == 246_914 - 24_691 - 12_345
    assert split.referrer_reason is None and split.recipient_reason is None


@pytest.mark.parametrize(
    ("parties", "reason"),
    [
        (Parties(recipient_id=1), NoCreditReason.NO_REFERRER),
        (
            Parties(recipient_id=1, referrer_id=2, referrer_active=False),
            NoCreditReason.REFERRER_INACTIVE,
        ),
        (
            Parties(recipient_id=1, referrer_id=2, referrer_do_not_serve=True),
            NoCreditReason.REFERRER_DO_NOT_SERVE,
        ),
    ],
)
def test_referrer_share_stays_with_company_and_says_why(
    parties: Parties, reason: NoCreditReason
) -> None:
    split = split_labour(1_000_000, RULE, parties)
    assert split.referrer_credit == 0 and split.referrer_reason is reason
    assert split.recipient_credit == 10_000
    assert split.commission_kept == 200_000 - 10_000


def test_rework_earns_nobody_credit() -> None:
    split = split_labour(1_000_000, RULE, Parties(recipient_id=1, referrer_id=2, rework=True))
    assert (split.referrer_credit, split.recipient_credit) == (0, 0)
    assert split.referrer_reason is split.recipient_reason is NoCreditReason.REWORK
    assert split.fee == 800_000 and split.commission_kept == 200_000


def test_no_recipient() -> None:
    split = split_labour(500, RULE, Parties(recipient_id=None))
    assert split.recipient_reason is NoCreditReason.NO_RECIPIENT and split.recipient_credit == 0


def test_bad_rules_refused() -> None:
    with pytest.raises(ValueError):
        SplitRule(DAY, 2000, 6000, 5000)
    with pytest.raises(ValueError):
        SplitRule(DAY, 10_001, 0, 0)
    with pytest.raises(ValueError):
        split_labour(-1, RULE, Parties(recipient_id=1))


@given(
    labour=st.integers(min_value=0, max_value=10**15),
    commission=st.integers(min_value=0, max_value=10_000),
    referrer=st.integers(min_value=0, max_value=10_000),
    recipient=st.integers(min_value=0, max_value=10_000),
    has_referrer=st.booleans(),
    active=st.booleans(),
    dns=st.booleans(),
    rework=st.booleans(),
)
def test_parts_always_add_up_to_labour(
    labour: int,
    commission: int,
    referrer: int,
    recipient: int,
    has_referrer: bool,
    active: bool,
    dns: bool,
    rework: bool,
) -> None:
    referrer = min(referrer, 10_000 - recipient)
    rule = SplitRule(DAY, commission, referrer, recipient)
    parties = Parties(
        recipient_id=1,
        referrer_id=2 if has_referrer else None,
        referrer_active=active,
        referrer_do_not_serve=dns,
        rework=rework,
    )
    split = split_labour(labour, rule, parties)
    assert (
        split.fee + split.commission_kept + split.referrer_credit + split.recipient_credit == labour
    )
    assert min(split.fee, split.commission_kept, split.referrer_credit, split.recipient_credit) >= 0
    # truncation: each credit is at most its exact share, and less than one rial below it
    if split.referrer_reason is None:
        assert 0 <= split.commission * referrer - split.referrer_credit * 10_000 < 10_000
    else:
        assert split.referrer_credit == 0
    assert 0 <= labour * rule.fee_bp - split.fee * 10_000 < 10_000


def test_rule_in_force_and_new_rules() -> None:
    first = SplitRule(dt.date(2000, 1, 1), 2000, 1000, 500)
    later = SplitRule(dt.date(2027, 1, 1), 2500, 1000, 500)
    schedule = [first, later]
    assert rule_on(schedule, DAY) == first and rule_on(schedule, dt.date(2027, 1, 1)) == later
    assert rule_on(schedule, dt.date(1999, 1, 1)) is None
    assert check_new_rule([first], SplitRule(DAY, 2500, 1000, 500), DAY)
    assert not check_new_rule([first], SplitRule(DAY, 2000, 1000, 500), DAY)
    with pytest.raises(ValidationError) as past:
        check_new_rule([first], SplitRule(dt.date(2026, 1, 1), 2500, 0, 0), DAY)
    assert past.value.code == "split_day_past"
    with pytest.raises(ValidationError) as before_later:
        check_new_rule(schedule, SplitRule(DAY, 3000, 0, 0), DAY)
    assert before_later.value.code == "split_later_rule"
    with pytest.raises(ValidationError) as taken:
        check_new_rule(schedule, SplitRule(dt.date(2027, 1, 1), 3000, 0, 0), DAY)
    assert taken.value.code == "split_day_taken"
