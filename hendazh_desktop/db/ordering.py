"""Whitelisted ORDER BY texts of the paged lists, each with its reverse for a second click."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _reverse(term: str) -> str:
    term = term.strip()
    if term.upper().endswith(" IS NULL"):  # where the empty values go does not flip
        return term
    if term.upper().endswith(" DESC"):
        return term[: -len(" DESC")]
    if term.upper().endswith(" ASC"):
        return term[: -len(" ASC")] + " DESC"
    return term + " DESC"


def _terms(order: str) -> list[str]:
    """The comma-separated terms of an ORDER BY text (commas inside brackets kept)."""
    terms, depth, start = [], 0, 0
    for i, ch in enumerate(order):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            terms.append(order[start:i])
            start = i + 1
    return [*terms, order[start:]]


def reversed_order(order: str) -> str:
    """The ORDER BY text that lists the same rows the other way round."""
    return ", ".join(_reverse(term) for term in _terms(order))


def both_ways(orders: Mapping[str, str]) -> dict[str, str]:
    """Each order under its key and its reverse under ``-key`` (the key comes from the UI and
    is looked up here, never pasted into SQL)."""
    result = dict(orders)
    for key, order in orders.items():
        if key and not key.startswith("-"):
            result.setdefault("-" + key, reversed_order(order))
    return result


def ordered_by(orders: Mapping[str, Sequence[Any]], key: str) -> list[Any]:
    """The SQLAlchemy ORDER BY terms of a whitelisted key; ``-key`` reverses every term.
    Unknown keys raise ``KeyError`` (the services turn it into a validation error)."""
    terms = orders[key.removeprefix("-")]
    return [t.desc() for t in terms] if key.startswith("-") else list(terms)
