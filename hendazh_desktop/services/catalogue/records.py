"""Frozen records of the catalogue: services with their money rules, zones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ZoneInfo:
    """A district of the city."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """One service of the catalogue with its money rules (rates in basis points)."""

    id: int
    code: str
    name: str
    payment_policy: str
    materials_prepayment_allowed: bool
    materials_prepayment_bp: int
    vat_exempt: bool
    vat_rate_bp: int
    commission_bp: int
    referrer_share_bp: int
    recipient_share_bp: int
    base_price: int
    active: bool
    version: int
    tax_service_id: str = ""  # شناسه کالا/خدمت of سامانه مودیان (13 digits), "" until given
    dispatch_target_hours: int = 24  # request to dispatch, the Operations report's target

    @property
    def prepaid(self) -> bool:
        return self.payment_policy == "prepaid"
