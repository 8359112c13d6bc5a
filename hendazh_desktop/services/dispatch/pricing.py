"""On site: the price presented (versioned), the subscriber's agreement or refusal, the work
started (materials prepayment permitting), done, and rework."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.pricing import Agreement, PriceLineRow, PriceVersion
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.pricing import (
    MAX_LINES,
    AgreementMethod,
    DeclineOutcome,
    LineKind,
    PriceLine,
    parse_line,
    parse_sms_code,
    totals,
)
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import (
    finish_job,
    locked_request,
    open_request,
    record_transition,
)

S = RequestStatus


@dataclass(frozen=True, slots=True)
class LineDraft:
    """One price line as typed on site."""

    kind: str
    description: str
    quantity: str
    unit_price: str


@dataclass(frozen=True, slots=True)
class PriceInfo:
    """One presented price version with its lines and the answer to it, if any."""

    id: int
    version: int
    lines: tuple[PriceLine, ...]
    labour_total: int
    materials_total: int
    total: int
    note: str
    created_at: dt.datetime
    decision: str  # "", "agreed" or "declined"
    decided_by: str
    method: str


def _info(price: PriceVersion, answer: Agreement | None) -> PriceInfo:
    lines = tuple(
        PriceLine(LineKind(row.kind), row.description, row.quantity, row.unit_price)
        for row in price.lines
    )
    return PriceInfo(
        price.id,
        price.version,
        lines,
        price.labour_total,
        price.materials_total,
        price.total,
        price.note,
        price.created_at,
        answer.decision if answer else "",
        answer.person if answer else "",
        answer.method if answer else "",
    )


class PricingService:
    """What the office records while the group is on site."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def prices(self, actor: Actor, request_id: int) -> list[PriceInfo]:
        """Every version, newest first."""
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            answers = {a.price_id: a for a in uow.pricing.agreements(request_id)}
            return [_info(p, answers.get(p.id)) for p in uow.pricing.versions(request_id)]

    def present_price(
        self,
        actor: Actor,
        request_id: int,
        lines: list[LineDraft],
        *,
        expected_version: int,
        note: str = "",
    ) -> PriceInfo:
        """Record the price the group presents; a changed price is a new version and needs a
        new agreement."""
        require(actor, Permission.DISPATCH)
        errors = FormErrorCollector()
        parsed = [
            errors.check(parse_line, d.kind, d.description, d.quantity, d.unit_price, index=i)
            for i, d in enumerate(lines)
        ]
        if not lines:
            errors.add("lines", "price_lines_required")
        if len(lines) > MAX_LINES:
            errors.add("lines", "too_many", maximum=MAX_LINES)
        clean_note = errors.check(clean_text, note, field="note", max_length=300)
        errors.raise_if_any()
        good = [p for p in parsed if p is not None]
        sums = totals(good)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            now = self._clock()
            number = uow.pricing.next_version(request_id)
            price = PriceVersion(
                request_id=request_id,
                version=number,
                labour_total=sums.labour,
                materials_total=sums.materials,
                total=sums.total,
                note=clean_note or "",
                created_at=now,
                created_by=actor.user_id,
            )
            price.lines.extend(
                PriceLineRow(
                    position=i,
                    kind=p.kind.value,
                    description=p.description,
                    quantity=p.quantity,
                    unit_price=p.unit_price,
                    line_total=p.total,
                )
                for i, p in enumerate(good)
            )
            uow.pricing.add(price)
            record_transition(
                uow,
                request,
                S.PRICE_PRESENTED,
                actor,
                now,
                f"قیمت نسخه {number}: {sums.total} ریال",
            )
            record(
                uow,
                self._clock,
                actor,
                "request",
                request_id,
                AuditAction.CREATE,
                None,
                {"price_version": number, "total": sums.total, "materials": sums.materials},
            )
            uow.commit()
            return _info(price, None)

    def agree(
        self,
        actor: Actor,
        request_id: int,
        price_version: int,
        *,
        method: str,
        person: str,
        sms_code: str = "",
        expected_version: int,
    ) -> None:
        """The subscriber agreed to this (the latest) price version."""
        require(actor, Permission.DISPATCH)
        errors = FormErrorCollector()
        if method not in {m.value for m in AgreementMethod}:
            errors.add("method", "invalid")
        who = errors.check(clean_person_name, person, field="person")
        code = (
            errors.check(parse_sms_code, sms_code) if method == AgreementMethod.SMS.value else None
        )
        errors.raise_if_any()
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            price = self._latest(uow, request_id, price_version)
            now = self._clock()
            uow.pricing.add(
                Agreement(
                    request_id=request_id,
                    price_id=price.id,
                    decision="agreed",
                    method=method,
                    person=who or "",
                    sms_code=code,
                    at=now,
                    recorded_by=actor.user_id,
                )
            )
            record_transition(
                uow, request, S.AGREED, actor, now, f"موافقت با قیمت نسخه {price_version} ({who})"
            )
            uow.commit()

    def decline(
        self,
        actor: Actor,
        request_id: int,
        price_version: int,
        *,
        reason: str,
        outcome: str,
        person: str = "",
        expected_version: int,
    ) -> None:
        """The subscriber refused the price: back to the queue, or closed."""
        require(actor, Permission.DISPATCH)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        who = clean_text(person, field="person", max_length=100)
        if outcome not in {o.value for o in DeclineOutcome}:
            raise ValidationError("outcome", "invalid")
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            price = self._latest(uow, request_id, price_version)
            now = self._clock()
            uow.pricing.add(
                Agreement(
                    request_id=request_id,
                    price_id=price.id,
                    decision="declined",
                    method=AgreementMethod.IN_PERSON.value,
                    person=who,
                    reason=why,
                    at=now,
                    recorded_by=actor.user_id,
                )
            )
            record_transition(uow, request, S.DECLINED, actor, now, why)
            if outcome == DeclineOutcome.REQUEUE.value:
                request.group_id = request.scheduled_date = request.scheduled_start = None
                record_transition(uow, request, S.QUEUED, actor, now, "بازگشت به صف پس از رد قیمت")
            else:
                record_transition(uow, request, S.CLOSED, actor, now, "بسته شد پس از رد قیمت")
            uow.commit()

    def start_work(self, actor: Actor, request_id: int, *, expected_version: int) -> None:
        """Work begins on an agreed price; materials to buy need their prepayment first."""
        require(actor, Permission.DISPATCH)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            price = uow.pricing.agreed_price(request_id)
            service = uow.catalogue.service(request.service_id)
            needs_prepayment = (
                price is not None
                and price.materials_total > 0
                and service is not None
                and service.materials_prepayment_allowed
            )
            if needs_prepayment and request.materials_prepaid_at is None:
                raise Conflict("materials_prepayment_due")
            record_transition(uow, request, S.IN_PROGRESS, actor, self._clock(), "شروع کار")
            uow.commit()

    def finish(self, actor: Actor, request_id: int, *, expected_version: int) -> None:
        require(actor, Permission.DISPATCH)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            now = self._clock()
            finish_job(uow, request, actor, now, "پایان کار")
            uow.commit()

    def rework(self, actor: Actor, request_id: int, description: str) -> int:
        """A new request that repeats a finished job, linked to it."""
        require(actor, Permission.CREATE_REQUESTS)
        text = clean_text(
            description,
            field="description",
            max_length=2000,
            required=True,
            min_length=3,
            multiline=True,
        )
        with self._db.write() as uow:
            original = uow.requests.get(request_id)
            if original is None:
                raise NotFound("request", request_id)
            if original.done_at is None:
                raise Conflict("rework_before_done")
            new = open_request(
                uow,
                actor,
                self._clock(),
                reason=f"کار دوباره برای درخواست {request_id}",
                subscriber_id=original.subscriber_id,
                service_id=original.service_id,
                address_id=original.address_id,
                description=text,
                priority=max(original.priority, 2),
                channel=original.channel,
                status=S.QUEUED.value,
                rework_of_id=original.id,
            )
            uow.commit()
            return new.id

    @staticmethod
    def _latest(uow: UnitOfWork, request_id: int, price_version: int) -> PriceVersion:
        versions = uow.pricing.versions(request_id)
        if not versions:
            raise Conflict("no_price")
        if versions[0].version != price_version:
            raise Conflict("price_changed", latest=versions[0].version)
        return versions[0]
