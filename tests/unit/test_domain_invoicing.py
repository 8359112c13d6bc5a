"""Invoice arithmetic: totals are the sums of the lines, VAT per line, balances exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.invoicing import (
    InvoiceLineInput,
    VatRounding,
    balance,
    invoice_totals,
    line_amounts,
    vat_of,
)

lines = st.builds(
    lambda qty, price, share, bp, exempt: InvoiceLineInput(
        "x", qty, price, discount=qty * price * share // 100, vat_bp=bp, vat_exempt=exempt
    ),
    st.integers(1, 1_000),
    st.integers(0, 10**10),
    st.integers(0, 100),
    st.integers(0, 10_000),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(lines, max_size=25), st.sampled_from(list(VatRounding)))
def test_totals_are_the_sums_and_vat_is_per_line(items, rounding):
    amounts = [line_amounts(line, rounding) for line in items]
    totals = invoice_totals(amounts)
    assert totals.total == sum(a.total for a in amounts)
    assert totals.vat == sum(a.vat for a in amounts)
    assert totals.net + totals.vat == totals.total
    assert totals.gross - totals.discount == totals.net
    for line, amount in zip(items, amounts, strict=True):
        exact = amount.net * (0 if line.vat_exempt else line.vat_bp)
        if rounding is VatRounding.TRUNCATE:
            assert amount.vat * 10_000 <= exact < (amount.vat + 1) * 10_000
        else:
            assert abs(amount.vat * 10_000 - exact) <= 5_000


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12), st.lists(st.integers(1, 10**9), max_size=10))
def test_credit_notes_bring_the_balance_back_exactly(total, payments):
    owed = balance(total, payments)
    assert owed == total - sum(payments)
    assert balance(total, payments, credits=[owed]) == 0


def test_examples_and_refusals():
    assert vat_of(1_234_567, 1_000) == 123_456  # 10 % truncated
    assert vat_of(1_234_567, 1_000, VatRounding.ROUND) == 123_457
    line = line_amounts(InvoiceLineInput("تعمیر", 2, 1_500_000, discount=300_000, vat_bp=1_000))
    assert (line.gross, line.net, line.vat, line.total) == (
        3_000_000,
        2_700_000,
        270_000,
        2_970_000,
    )
    exempt = line_amounts(InvoiceLineInput("کلاس", 1, 25_000_000, vat_bp=1_000, vat_exempt=True))
    assert exempt.vat == 0
    with pytest.raises(ValidationError):
        line_amounts(InvoiceLineInput("x", 1, 100, discount=101))
    with pytest.raises(ValidationError):
        line_amounts(InvoiceLineInput("x", 0, 100))
