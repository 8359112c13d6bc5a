"""The wage rules: the largest-remainder division of a payable by shares, withholding, a
member's net, share and receipt parsing, and neutralising spreadsheet cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.wages import (
    divide_by_shares,
    member_totals,
    neutralise_cell,
    parse_receipt_number,
    parse_share,
    withholding_of,
)


def test_equal_shares_give_the_leftover_rials_to_the_first_members():
    assert divide_by_shares(100, [1, 1, 1]) == [34, 33, 33]
    assert divide_by_shares(101, [1, 1, 1]) == [34, 34, 33]
    assert divide_by_shares(2, [1, 1, 1]) == [1, 1, 0]


def test_largest_remainder_wins_before_position():
    # 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: the 1/6 member has the larger remainder
    assert divide_by_shares(10, [1, 2, 3]) == [2, 3, 5]


@given(
    st.integers(min_value=0, max_value=10**12),
    st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=12),
)
def test_parts_add_up_and_stay_within_a_rial_of_the_exact_share(amount, weights):
    parts = divide_by_shares(amount, weights)
    assert sum(parts) == amount
    total = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert amount * weight // total <= part <= amount * weight // total + 1


def test_division_refuses_nonsense():
    with pytest.raises(ValueError):
        divide_by_shares(-1, [1])
    with pytest.raises(ValueError):
        divide_by_shares(10, [0, 1])


def test_withholding_rounds_down_and_ignores_reimbursements():
    assert withholding_of(333_333, 1000) == 33_333
    totals = member_totals(
        [("fee", 500_000), ("reimbursement", 100_000), ("advance", -50_000), ("clawback", -1)],
        1000,
    )
    assert totals.withholding == 50_000
    assert totals.net == 500_000 + 100_000 - 50_000 - 1 - 50_000


def test_share_and_receipt_parsing():
    assert parse_share("۳", field="s") == 3
    for bad in ("0", "101", "1.5", "", "-1", "²"):
        with pytest.raises(ValidationError):
            parse_share(bad, field="s")
    assert parse_receipt_number("ف-۱۲۳/4") == "ف-123/4"
    for bad in ("", "a b", "x" * 31, "=1+1"):
        with pytest.raises(ValidationError):
            parse_receipt_number(bad)


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_hostile_cells_are_neutralised(text):
    assert neutralise_cell(text) == "'" + text


def test_plain_cells_are_kept():
    assert neutralise_cell("علی رضایی") == "علی رضایی"
    assert neutralise_cell("IR062960000000100324200001") == "IR062960000000100324200001"
