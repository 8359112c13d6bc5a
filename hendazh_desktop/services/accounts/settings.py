"""Office settings: company details printed on invoices, display and VAT defaults, backups."""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import FormErrorCollector, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.identity import (
    parse_economic_code,
    parse_legal_national_id,
    parse_postal_code,
)
from hendazh_desktop.domain.money import CurrencyUnit, parse_percent
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.tax_id import parse_memory_id
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.accounts.office_settings import (
    DEFAULT_BACKUPS_KEPT,
    SETTING_NAMES,
    OfficeSettings,
    load_settings,
    settings_from,
)
from hendazh_desktop.services.clock import Clock, system_clock

__all__ = [
    "DEFAULT_BACKUPS_KEPT",
    "OfficeSettings",
    "SettingsDraft",
    "SettingsService",
    "load_settings",
    "settings_from",
]

MAX_LOGO_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True, slots=True)
class SettingsDraft:
    """The settings dialog as typed."""

    legal_name: str
    economic_code: str
    national_id: str
    registration_number: str
    province: str
    city: str
    address: str
    postal_code: str
    phone: str
    display_currency: str
    default_vat_percent: str
    vat_rounding: str
    invoice_footer: str
    backup_dir: str
    backups_kept: str
    logo_path: str = ""  # a new logo file to store; "" keeps the current one
    remove_logo: bool = False
    tax_memory_id: str | None = None  # None keeps the stored one


def _optional(errors: FormErrorCollector, parser, text: str, field: str) -> str:  # type: ignore[no-untyped-def]
    if not text.strip():
        return ""
    value = errors.check(parser, text, field=field)
    return value if isinstance(value, str) else ""


def _read_logo(errors: FormErrorCollector, path: str) -> bytes | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        errors.add("logo", "logo_unreadable")
        return None
    if len(data) > MAX_LOGO_BYTES:
        errors.add("logo", "logo_too_large", maximum=MAX_LOGO_BYTES // 1024)
        return None
    if not data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        errors.add("logo", "logo_format")
        return None
    return data


class SettingsService:
    """Reads settings for everyone; managers and admins change them (audited)."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def get(self) -> OfficeSettings:
        with self._db.read() as uow:
            return load_settings(uow)

    def update(self, actor: Actor, draft: SettingsDraft) -> OfficeSettings:
        require(actor, Permission.EDIT_SETTINGS)
        errors = FormErrorCollector()
        text = {
            name: errors.check(clean_text, getattr(draft, name), field=name, max_length=limit)
            for name, limit in (
                ("legal_name", 150),
                ("registration_number", 30),
                ("province", 40),
                ("city", 40),
                ("address", 300),
                ("invoice_footer", 500),
                ("backup_dir", 500),
            )
        }
        phone = ""
        if draft.phone.strip():
            parsed = errors.check(parse_phone, draft.phone, field="phone")
            phone = parsed.number if parsed else ""
        economic = _optional(errors, parse_economic_code, draft.economic_code, "economic_code")
        national = _optional(errors, parse_legal_national_id, draft.national_id, "national_id")
        postal = _optional(errors, parse_postal_code, draft.postal_code, "postal_code")
        memory = (
            None
            if draft.tax_memory_id is None
            else _optional(errors, parse_memory_id, draft.tax_memory_id, "tax_memory_id")
        )
        if draft.display_currency not in {u.value for u in CurrencyUnit}:
            errors.add("display_currency", "invalid")
        if draft.vat_rounding not in {"truncate", "round"}:
            errors.add("vat_rounding", "invalid")
        vat = errors.check(parse_percent, draft.default_vat_percent, field="default_vat_percent")
        kept_text = draft.backups_kept.strip()
        kept = 0
        kept_ascii = to_ascii_digits(kept_text)
        if not kept_ascii.isascii() or not kept_ascii.isdigit() or not 1 <= int(kept_ascii) <= 365:
            errors.add("backups_kept", "backups_kept_range")
        else:
            kept = int(kept_ascii)
        logo = _read_logo(errors, draft.logo_path) if draft.logo_path else None
        errors.raise_if_any()
        with self._db.write() as uow:
            before = load_settings(uow)
            logo_b64 = before.logo_png_b64
            if draft.remove_logo:
                logo_b64 = ""
            elif logo is not None:
                logo_b64 = base64.b64encode(logo).decode("ascii")
            after = dataclasses.replace(
                before,
                **{k: v for k, v in text.items() if v is not None},
                economic_code=economic,
                national_id=national,
                postal_code=postal,
                phone=phone,
                display_currency=draft.display_currency,
                default_vat_bp=vat or 0,
                vat_rounding=draft.vat_rounding,
                backups_kept=kept,
                logo_png_b64=logo_b64,
                tax_memory_id=before.tax_memory_id if memory is None else memory,
            )
            changed = {
                n: (getattr(before, n), getattr(after, n))
                for n in SETTING_NAMES
                if getattr(before, n) != getattr(after, n)
            }
            for name, (_old, new) in changed.items():
                uow.catalogue.set_setting(name, str(new))
            if changed:
                shown = {
                    n: (tuple("<logo>" if x else "" for x in v) if n == "logo_png_b64" else v)
                    for n, v in changed.items()
                }
                uow.audit.append(
                    at=self._clock(),
                    user_id=actor.user_id,
                    entity="setting",
                    entity_id="office",
                    action=AuditAction.UPDATE.value,
                    before={n: v[0] for n, v in shown.items()},
                    after={n: v[1] for n, v in shown.items()},
                )
            uow.commit()
            return after

    def set_value(self, actor: Actor, name: str, value: str) -> None:
        """Change one setting (used by small toggles such as the display currency)."""
        require(actor, Permission.EDIT_SETTINGS)
        if name not in SETTING_NAMES:
            raise ValidationError(name, "invalid")
        with self._db.write() as uow:
            before = getattr(load_settings(uow), name)
            uow.catalogue.set_setting(name, value)
            uow.audit.append(
                at=self._clock(),
                user_id=actor.user_id,
                entity="setting",
                entity_id="office",
                action=AuditAction.UPDATE.value,
                before={name: before},
                after={name: value},
            )
            uow.commit()
