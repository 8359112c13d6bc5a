"""The office's settings as stored (company details printed on documents, display and VAT
defaults, backups): read by everything that prints, without the settings dialog's service."""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hendazh_desktop.domain.catalogue import DEFAULT_VAT_BP
from hendazh_desktop.domain.money import CurrencyUnit

if TYPE_CHECKING:
    from hendazh_desktop.db.database import UnitOfWork

DEFAULT_BACKUPS_KEPT = 14


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """Every setting, as stored (normalised) values."""

    legal_name: str = ""
    economic_code: str = ""
    national_id: str = ""
    registration_number: str = ""
    province: str = "فارس"
    city: str = "شیراز"
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    logo_png_b64: str = ""
    display_currency: str = CurrencyUnit.RIAL.value
    default_vat_bp: int = DEFAULT_VAT_BP
    vat_rounding: str = "truncate"  # or "round"
    invoice_footer: str = ""
    backup_dir: str = ""
    backups_kept: int = DEFAULT_BACKUPS_KEPT
    tax_memory_id: str = ""  # سامانه مودیان: the taxpayer's memory ID (six letters or digits)

    @property
    def logo(self) -> bytes:
        return base64.b64decode(self.logo_png_b64) if self.logo_png_b64 else b""


SETTING_NAMES = [f.name for f in dataclasses.fields(OfficeSettings)]
_INT_FIELDS = {"default_vat_bp", "backups_kept"}


def load_settings(uow: UnitOfWork) -> OfficeSettings:
    """Every setting inside the caller's unit of work."""
    return settings_from(uow.catalogue.settings())


def settings_from(stored: dict[str, str]) -> OfficeSettings:
    """The settings of the stored key/value rows (defaults for the keys not stored)."""
    values: dict[str, object] = {}
    for name in SETTING_NAMES:
        raw = stored.get(name)
        if raw is None:
            continue
        values[name] = int(raw) if name in _INT_FIELDS else raw
    return OfficeSettings(**values)  # type: ignore[arg-type]
