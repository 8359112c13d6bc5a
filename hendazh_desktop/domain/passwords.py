"""Password rules and the sign-in lock policy (the hashing itself lives in the services)."""

from __future__ import annotations

import datetime as dt
import re

from hendazh_desktop.domain.errors import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128
MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = dt.timedelta(minutes=15)
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,49}$", re.ASCII)


def check_new_password(
    password: str, *, username: str, confirm: str | None = None, field: str = "password"
) -> None:
    """At least 8 characters, not the username, not one repeated character; confirm matches."""
    if not password:
        raise ValidationError(field, "required")
    if len(password) < MIN_LENGTH:
        raise ValidationError(field, "password_too_short", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationError(field, "too_long", maximum=MAX_LENGTH)
    if password.casefold() == username.casefold() or len(set(password)) < 3:
        raise ValidationError(field, "password_too_weak")
    if confirm is not None and confirm != password:
        raise ValidationError("password_confirm", "password_mismatch")


def clean_username(text: str, *, field: str = "username") -> str:
    """Latin lower-case login names (3–50 characters: letters, digits, . _ -)."""
    value = text.strip().lower()
    if not value:
        raise ValidationError(field, "required")
    if not _USERNAME.match(value):
        raise ValidationError(field, "username_format")
    return value


def lock_until(failed_attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When the account unlocks after this many consecutive failures (None: not locked)."""
    return now + LOCK_DURATION if failed_attempts >= MAX_FAILED_ATTEMPTS else None
