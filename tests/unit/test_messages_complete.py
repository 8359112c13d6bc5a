"""Every error code the code base can raise has a Persian message."""

from __future__ import annotations

import re
from pathlib import Path

from hendazh_desktop.ui.messages import MESSAGES, message_for_code

PACKAGE = Path(__file__).resolve().parents[2] / "hendazh_desktop"
PATTERNS = (
    re.compile(r'ValidationError\(\s*(?:\w+\([^)]*\)|[\w.:"\'{}]+),\s*"([a-z_]+)"'),
    re.compile(r'ValidationError\(\s*field,\s*f?"([a-z_{}.]+)"'),
    re.compile(r'errors\.add\(\s*(?:"[^"]*"|\w+\([^)]*\)|\w+),\s*"([a-z_]+)"'),
    re.compile(
        r"(?:Conflict|SignInError|BackupError|BackupCheckError|ImportFileError|"
        r'DomainError)\(\s*"([a-z_]+)"'
    ),
)


def raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "forms" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            codes.update(code for code in pattern.findall(text) if "{" not in code)
    return codes


def test_the_scan_finds_codes():
    codes = raised_codes()
    assert {"phone_invalid", "date_nonexistent", "sign_in_failed", "stale"} <= codes


def test_every_raised_code_has_a_persian_message():
    missing = sorted(code for code in raised_codes() if code not in MESSAGES)
    assert missing == []


def test_duplicate_messages_name_the_existing_subscriber():
    text = message_for_code("phone_taken", {"name": "علی", "subscriber_code": "12345678"})
    assert "علی" in text and "۱۲۳۴۵۶۷۸" in text
