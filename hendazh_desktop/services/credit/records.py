"""Frozen records of the split and the gift-credit ledger (gift credit is never money)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JobSplitRecord:
    """A job's split as posted (or its reversal), to the rial."""

    id: int
    request_id: int
    kind: str  # posted | reversed
    reverses_id: int | None
    invoice_id: int | None
    labour: int
    fee: int
    commission: int
    commission_kept: int
    referrer_id: int | None
    referrer_credit: int
    referrer_reason: str | None
    recipient_id: int | None
    recipient_credit: int
    recipient_reason: str | None
    cause: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class CreditEntryRecord:
    """One line of the gift-credit ledger."""

    id: int
    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    kind: str
    amount: int
    request_id: int | None
    split_id: int | None
    reverses_id: int | None
    expires_on: dt.date | None
    reason: str
    at: dt.datetime
    on_day: dt.date


@dataclass(frozen=True, slots=True)
class GiftCreditStatement:
    """A subscriber's gift-credit statement: entries oldest first with the running balance."""

    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    entries: tuple[tuple[CreditEntryRecord, int], ...]  # (entry, gift credit after it)
    gift_credit: int


@dataclass(frozen=True, slots=True)
class ReferralNode:
    """A subscriber someone referred, what their jobs earned the referrer, and whom they
    referred in turn."""

    subscriber_id: int
    name: str
    subscription_code: str
    earned_for_referrer: int
    children: tuple[ReferralNode, ...]


@dataclass(frozen=True, slots=True)
class CreditOutstanding:
    """The company's liability in gift credit, and what is owed back by negative balances."""

    outstanding: int  # the sum of positive gift-credit balances
    below_zero: int  # the sum of negative balances (a negative number or 0)
    subscribers_below_zero: int


@dataclass(frozen=True, slots=True)
class NegativeBalance:
    """A subscriber whose gift credit went below zero (a reversal after spending)."""

    subscriber_id: int
    name: str
    subscription_code: str
    gift_credit: int
