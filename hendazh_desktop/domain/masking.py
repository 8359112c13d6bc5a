"""Passwords never shown: database URLs (``scheme://user:password@host``) masked."""

from __future__ import annotations

import re

# user:password@ right after a URL scheme; the password may hold anything but "@", "/" and
# spaces (a URL-encoded "@" is %40).
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)(?P<secret>[^@/\s]*)@")
# libpq-style key=value connection strings: password=secret
_KEY_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'[^']*'|\S+)", re.IGNORECASE)
MASK = "***"


def mask_passwords(text: str) -> str:
    """The text with every password inside a database URL or connection string replaced."""
    masked = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}@", text)
    return _KEY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", masked)
