"""Workers and work groups: who they are, what they can do, where, and how much a day."""

from __future__ import annotations

import enum
import re

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import to_ascii_digits

MIN_LEVEL, MAX_LEVEL = 1, 5
MAX_DAILY_CAPACITY = 20


class GroupKind(enum.StrEnum):
    """A single worker or a team."""

    PERSON = "person"
    TEAM = "team"


GROUP_KIND_LABELS = {GroupKind.PERSON: "فرد", GroupKind.TEAM: "گروه"}
SKILL_LEVEL_LABELS = {1: "تازه‌کار", 2: "آشنا", 3: "ماهر", 4: "خبره", 5: "استاد"}

_IBAN = re.compile(r"^IR\d{24}$", re.ASCII)


def parse_iban(text: str, *, field: str = "iban") -> str:
    """An Iranian IBAN (شبا): IR and 24 digits, in any digit script and spacing, with a valid
    ISO 7064 mod-97 checksum."""
    raw = to_ascii_digits(text).upper().replace(" ", "").replace("-", "")
    if not raw:
        raise ValidationError(field, "required")
    if raw.isdigit() and len(raw) == 24:
        raw = "IR" + raw
    if not _IBAN.match(raw):
        raise ValidationError(field, "iban_format")
    rearranged = raw[4:] + raw[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(number) % 97 != 1:
        raise ValidationError(field, "iban_checksum")
    return raw


def parse_level(value: int, *, field: str) -> int:
    if not MIN_LEVEL <= value <= MAX_LEVEL:
        raise ValidationError(field, "level_range", minimum=MIN_LEVEL, maximum=MAX_LEVEL)
    return value


def parse_capacity(text: str, *, field: str = "daily_capacity") -> int:
    """Jobs a group can take in one day (1–20), typed in any digit script."""
    raw = to_ascii_digits(text.strip())
    if not raw:
        raise ValidationError(field, "required")
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError(field, "capacity_range", maximum=MAX_DAILY_CAPACITY)
    value = int(raw)
    if not 1 <= value <= MAX_DAILY_CAPACITY:
        raise ValidationError(field, "capacity_range", maximum=MAX_DAILY_CAPACITY)
    return value
