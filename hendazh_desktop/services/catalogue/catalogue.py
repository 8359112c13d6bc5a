"""The service catalogue, zones and display settings: read by everyone, edited by managers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.billing import VatRate
from hendazh_desktop.db.models.core import Service
from hendazh_desktop.db.models.credit import SplitRuleRow
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.catalogue import PaymentPolicy, parse_dispatch_target_hours
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import format_date, parse_date, today_local
from hendazh_desktop.domain.money import CurrencyUnit, parse_amount, parse_percent
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.split import SplitRule, check_new_rule
from hendazh_desktop.domain.tax_id import parse_service_id
from hendazh_desktop.domain.vat import VatEntry, check_new_entry
from hendazh_desktop.services.accounts.audit_trail import record, service_snapshot
from hendazh_desktop.services.catalogue.display import CURRENCY_SETTING, display_currency
from hendazh_desktop.services.catalogue.records import ServiceInfo, ZoneInfo
from hendazh_desktop.services.clock import Clock, system_clock


def service_info(uow: UnitOfWork, s: Service, today: dt.date) -> ServiceInfo:
    """The service with the VAT entry and the split rule in force ``today`` (the dated
    schedules are their only source; the services' own rate columns are no longer read)."""
    vat = uow.billing.vat_on(s.id, today)
    split = uow.credit.rule_on(s.id, today)
    return ServiceInfo(
        id=s.id,
        code=s.code,
        name=s.name,
        payment_policy=s.payment_policy,
        materials_prepayment_allowed=s.materials_prepayment_allowed,
        materials_prepayment_bp=s.materials_prepayment_bp,
        vat_exempt=vat.exempt,
        vat_rate_bp=vat.vat_bp,
        commission_bp=split.commission_bp,
        referrer_share_bp=split.referrer_share_bp,
        recipient_share_bp=split.recipient_share_bp,
        base_price=s.base_price,
        active=s.active,
        version=s.version,
        tax_service_id=s.tax_service_id or "",
        dispatch_target_hours=s.dispatch_target_hours,
    )


def split_terms(rule: SplitRule) -> dict[str, object]:
    """A split rule's terms as the audit log records them."""
    return {
        "commission_bp": rule.commission_bp,
        "referrer_share_bp": rule.referrer_share_bp,
        "recipient_share_bp": rule.recipient_share_bp,
    }


@dataclass(frozen=True, slots=True)
class ServiceDraft:
    """The service dialog's fields as typed (percentages and the price as text)."""

    name: str
    payment_policy: str
    materials_prepayment_allowed: bool
    materials_prepayment_percent: str
    vat_exempt: bool
    vat_percent: str
    commission_percent: str
    referrer_share_percent: str
    recipient_share_percent: str
    base_price: str
    active: bool
    vat_effective_from: str = ""  # Jalali day a changed VAT rate or exemption starts; "" = today
    split_effective_from: str = ""  # Jalali day a changed split rule starts; "" = today
    tax_service_id: str | None = None  # the 13-digit ID of سامانه مودیان; None keeps it
    dispatch_target_hours: str | None = None  # hours, as typed; None keeps it


class CatalogueService:
    """Services, zones and the display currency."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def services(self, actor: Actor, *, include_inactive: bool = False) -> list[ServiceInfo]:
        require(actor, Permission.VIEW_SERVICES)
        today = today_local(self._clock())
        with self._db.read() as uow:
            return [
                service_info(uow, s, today)
                for s in uow.catalogue.services(include_inactive=include_inactive)
            ]

    def zones(self, actor: Actor) -> list[ZoneInfo]:
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            return [ZoneInfo(z.id, z.name) for z in uow.catalogue.zones()]

    def create_service(
        self, actor: Actor, name: str, payment_policy: str, base_price: str = ""
    ) -> ServiceInfo:
        """A new service with the office's default rates (changed afterwards in the editor);
        retiring one is saving it inactive. Audited."""
        from hendazh_desktop.services.catalogue.new_service import add_service

        require(actor, Permission.EDIT_SERVICES)
        errors = FormErrorCollector()
        clean = errors.check(
            clean_text, name, field="name", max_length=80, required=True, min_length=2
        )
        if payment_policy not in {p.value for p in PaymentPolicy}:
            errors.add("payment_policy", "invalid")
        price = errors.check(parse_amount, base_price or "0", field="base_price", allow_zero=True)
        if payment_policy == PaymentPolicy.PREPAID.value and price == 0:
            errors.add("base_price", "prepaid_needs_price")
        errors.raise_if_any()
        assert clean is not None and price is not None
        today = today_local(self._clock())
        with self._db.write() as uow:
            if uow.catalogue.service_by_name(clean) is not None:
                raise ValidationError("name", "name_taken")
            service = add_service(uow, actor, self._clock(), clean, payment_policy, price)
            record(
                uow,
                self._clock,
                actor,
                "service",
                service.id,
                AuditAction.CREATE,
                None,
                service_snapshot(service),
            )
            uow.commit()
            return service_info(uow, service, today)

    def update_service(
        self, actor: Actor, service_id: int, draft: ServiceDraft, *, expected_version: int
    ) -> ServiceInfo:
        """Save a manager's changes to one service; every bad field is reported at once."""
        require(actor, Permission.EDIT_SERVICES)
        errors = FormErrorCollector()
        name = errors.check(
            clean_text, draft.name, field="name", max_length=80, required=True, min_length=2
        )
        if draft.payment_policy not in {p.value for p in PaymentPolicy}:
            errors.add("payment_policy", "invalid")
        materials = errors.check(
            parse_percent, draft.materials_prepayment_percent, field="materials_prepayment_percent"
        )
        vat = (
            0
            if draft.vat_exempt
            else errors.check(parse_percent, draft.vat_percent, field="vat_percent")
        )
        commission = errors.check(
            parse_percent, draft.commission_percent, field="commission_percent"
        )
        referrer = errors.check(
            parse_percent, draft.referrer_share_percent, field="referrer_share_percent"
        )
        recipient = errors.check(
            parse_percent, draft.recipient_share_percent, field="recipient_share_percent"
        )
        price = errors.check(
            parse_amount, draft.base_price or "0", field="base_price", allow_zero=True
        )
        if referrer is not None and recipient is not None and referrer + recipient > 10_000:
            errors.add("recipient_share_percent", "shares_exceed_commission")
        if draft.payment_policy == PaymentPolicy.PREPAID.value and price == 0:
            errors.add("base_price", "prepaid_needs_price")
        tax_id = draft.tax_service_id
        if tax_id is not None and tax_id.strip():
            tax_id = errors.check(parse_service_id, tax_id, field="tax_service_id")
        target = (
            errors.check(parse_dispatch_target_hours, draft.dispatch_target_hours,
                         field="dispatch_target_hours")
            if draft.dispatch_target_hours is not None
            else None
        )  # fmt: skip
        today = today_local(self._clock())
        effective = (
            errors.check(parse_date, draft.vat_effective_from, field="vat_effective_from")
            if draft.vat_effective_from.strip()
            else today
        )
        split_day = (
            errors.check(parse_date, draft.split_effective_from, field="split_effective_from")
            if draft.split_effective_from.strip()
            else today
        )
        errors.raise_if_any()
        assert effective is not None and vat is not None and split_day is not None
        entry = VatEntry(effective, vat, draft.vat_exempt)
        rule = SplitRule(split_day, commission, referrer, recipient)
        with self._db.write() as uow:
            service = uow.catalogue.service(service_id)
            if service is None:
                raise NotFound("service", service_id)
            if service.version != expected_version:
                raise Conflict("stale", entity="service", id=service_id)
            split_now = uow.credit.rule_on(service.id, today)
            terms_now = split_terms(split_now)
            before = service_snapshot(service) | terms_now
            other = uow.catalogue.service_by_name(name)
            if other is not None and other.id != service_id:
                raise ValidationError("name", "name_taken")
            service.name = name
            service.payment_policy = draft.payment_policy
            service.materials_prepayment_allowed = draft.materials_prepayment_allowed
            service.materials_prepayment_bp = materials
            in_force = uow.billing.vat_on(service.id, today)
            scheduled: dict[str, object] = {}
            if draft.vat_effective_from.strip() or not in_force.same_term(entry):
                # A day typed, or the term changed: a new entry. Otherwise the form was saved
                # for another field with today's term as shown.
                scheduled = self._schedule_vat(uow, actor, service, entry, today)
            if draft.split_effective_from.strip() or not split_now.same_terms(rule):
                scheduled |= self._schedule_split(uow, actor, service, rule, today)
            service.base_price = price
            service.active = draft.active
            if tax_id is not None:
                service.tax_service_id = tax_id.strip() or None
            if target is not None:
                service.dispatch_target_hours = target
            service.version += 1
            record(
                uow,
                self._clock,
                actor,
                "service",
                service.id,
                AuditAction.UPDATE,
                before,
                service_snapshot(service) | terms_now | scheduled,
            )
            uow.commit()
            return service_info(uow, service, today)

    def _schedule_vat(
        self, uow: UnitOfWork, actor: Actor, service: Service, entry: VatEntry, today: dt.date
    ) -> dict[str, object]:
        """Add ``entry`` to the service's VAT schedule unless that term is already in force on
        its day; invoices of earlier days keep theirs. Returns what the audit records."""
        if not check_new_entry(uow.billing.vat_schedule(service.id), entry, today):
            return {}
        uow.billing.add(
            VatRate(
                service_id=service.id,
                effective_from=entry.effective_from,
                vat_bp=entry.vat_bp,
                exempt=entry.exempt,
                created_by=actor.user_id,
                created_at=self._clock(),
            )
        )
        return {"vat_from": format_date(entry.effective_from), "vat_term": entry.label}

    def _schedule_split(
        self, uow: UnitOfWork, actor: Actor, service: Service, rule: SplitRule, today: dt.date
    ) -> dict[str, object]:
        """Add ``rule`` to the service's split schedule unless its terms are already in force
        on its day; jobs agreed on earlier days keep theirs. Returns what the audit records."""
        if not check_new_rule(uow.credit.schedule(service.id), rule, today):
            return {}
        uow.credit.add(
            SplitRuleRow(
                service_id=service.id,
                effective_from=rule.effective_from,
                commission_bp=rule.commission_bp,
                referrer_share_bp=rule.referrer_share_bp,
                recipient_share_bp=rule.recipient_share_bp,
                created_by=actor.user_id,
                created_at=self._clock(),
            )
        )
        return {"split_from": format_date(rule.effective_from)} | split_terms(rule)

    def split_schedule(self, actor: Actor, service_id: int) -> list[SplitRule]:
        """The service's split rules by the day they start, newest first."""
        require(actor, Permission.VIEW_SERVICES)
        with self._db.read() as uow:
            return uow.credit.schedule(service_id)

    def vat_schedule(self, actor: Actor, service_id: int) -> list[VatEntry]:
        """The service's VAT entries (rates and exemptions) by the day they start, newest first."""
        require(actor, Permission.VIEW_SERVICES)
        with self._db.read() as uow:
            return uow.billing.vat_schedule(service_id)

    def display_currency(self) -> CurrencyUnit:
        """How money is shown (readable by every signed-in user)."""
        return display_currency(self._db)

    def set_display_currency(self, actor: Actor, unit: CurrencyUnit) -> None:
        require(actor, Permission.EDIT_SETTINGS)
        with self._db.write() as uow:
            before = uow.catalogue.setting(CURRENCY_SETTING) or CurrencyUnit.RIAL.value
            uow.catalogue.set_setting(CURRENCY_SETTING, CurrencyUnit(unit).value)
            record(
                uow,
                self._clock,
                actor,
                "setting",
                "office",
                AuditAction.UPDATE,
                {CURRENCY_SETTING: before},
                {CURRENCY_SETTING: CurrencyUnit(unit).value},
            )
            uow.commit()
