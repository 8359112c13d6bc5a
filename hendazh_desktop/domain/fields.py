"""Validators for free-text fields: normalised, length-checked, free of control characters."""

from __future__ import annotations

import unicodedata

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import normalize_display


def clean_text(
    text: str | None,
    *,
    field: str,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
    min_length: int = 0,
) -> str:
    """Normalise user text and enforce its limits; returns "" for an empty optional field."""
    raw = text or ""
    if len(raw) > max_length * 4 + 100:  # cheap refusal before normalising huge input
        raise ValidationError(field, "too_long", maximum=max_length)
    if "\x00" in raw:
        raise ValidationError(field, "control_characters")
    value = normalize_display(raw, multiline=multiline)
    if not value:
        if required:
            raise ValidationError(field, "required")
        return ""
    if len(value) > max_length:
        raise ValidationError(field, "too_long", maximum=max_length)
    if len(value) < min_length:
        raise ValidationError(field, "too_short", minimum=min_length)
    return value


def clean_person_name(text: str | None, *, field: str = "name") -> str:
    """A person's name: required, 2–100 characters, letters (any script), spaces, ZWNJ and . ' -"""
    value = clean_text(text, field=field, max_length=100, required=True, min_length=2)
    for ch in value:
        if ch in " \u200c.'-ـ":
            continue
        category = unicodedata.category(ch)
        if not (category.startswith("L") or category == "Mn"):
            raise ValidationError(field, "name_characters")
    # At least one real letter: "--", ".'" or tatweels alone (ـ is a modifier letter, Lm)
    # are not a name.
    if not any(unicodedata.category(ch) in {"Lu", "Ll", "Lt", "Lo"} for ch in value):
        raise ValidationError(field, "name_characters")
    return value
