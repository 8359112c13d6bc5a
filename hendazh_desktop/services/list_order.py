"""The one check of a list's order key: a key the UI sends must be one the repository knows."""

from __future__ import annotations

from collections.abc import Container

from hendazh_desktop.domain.errors import ValidationError


def check_order(order: str, orders: Container[str]) -> None:
    """Refuse an order that is not whitelisted (``ValidationError("order", "invalid")``)."""
    if order not in orders:
        raise ValidationError("order", "invalid")
