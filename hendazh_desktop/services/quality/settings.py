"""The quality settings (N, M, daily size, retries, half-life): read by the services, changed
by managers (checked, audited)."""

from __future__ import annotations

import dataclasses

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import FormErrorCollector, ValidationError
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.quality.records import QualitySettings
from hendazh_desktop.services.quality.scores import rebuild_scores

PREFIX = "quality_"
LIMITS = {
    "window_days": (1, 90),
    "recent_days": (0, 730),
    "daily_size": (1, 500),
    "retries": (0, 10),
    "half_life_days": (30, 3650),  # the stored weights grow 2× per half-life since 2020
}


def load_quality_settings(uow: UnitOfWork) -> QualitySettings:
    values = {}
    for name in LIMITS:
        raw = uow.catalogue.setting(PREFIX + name)
        if raw is not None and raw.isdigit():
            values[name] = int(raw)
    return QualitySettings(**values)


def _parse(text: str, field: str) -> int:
    low, high = LIMITS[field]
    value = to_ascii_digits(str(text).strip())
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise ValidationError(field, "setting_range", minimum=low, maximum=high)
    return int(value)


class QualitySettingsService:
    """Everyone reads the quality settings; managers change them."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def get(self) -> QualitySettings:
        with self._db.read() as uow:
            return load_quality_settings(uow)

    def update(self, actor: Actor, **typed: str) -> QualitySettings:
        """Change some settings (each typed as text); all checked before anything is written."""
        require(actor, Permission.MANAGE_QUALITY)
        errors = FormErrorCollector()
        values = {}
        for name, text in typed.items():
            if name not in LIMITS:
                errors.add(name, "invalid")
                continue
            values[name] = errors.check(_parse, text, name)
        errors.raise_if_any()
        with self._db.write() as uow:
            before = load_quality_settings(uow)
            after = dataclasses.replace(before, **values)
            changed = {
                n: (getattr(before, n), getattr(after, n))
                for n in LIMITS
                if getattr(before, n) != getattr(after, n)
            }
            for name, (_old, new) in changed.items():
                uow.catalogue.set_setting(PREFIX + name, str(new))
            if "half_life_days" in changed:
                rebuild_scores(uow, after.half_life_days)
            if changed:
                uow.audit.append(
                    at=self._clock(),
                    user_id=actor.user_id,
                    entity="setting",
                    entity_id="quality",
                    action=AuditAction.UPDATE.value,
                    before={n: v[0] for n, v in changed.items()},
                    after={n: v[1] for n, v in changed.items()},
                )
            uow.commit()
            return after
