"""Registering and editing subscribers, duplicate checks, referrers and the subscriber card."""

from __future__ import annotations

import random

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.core import Address, Subscriber, SubscriberPhone
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import (
    Conflict,
    FormErrorCollector,
    NotFound,
    ValidationError,
)
from hendazh_desktop.domain.identity import parse_national_code
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.subscriber_forms import (
    CleanSubscriber,
    SubscriberDraft,
    address_field,
    clean_subscriber,
)
from hendazh_desktop.domain.subscription_code import looks_like_code, parse_code, random_code
from hendazh_desktop.domain.text import search_key
from hendazh_desktop.services.accounts.audit_trail import record, subscriber_snapshot
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import request_row
from hendazh_desktop.services.subscribers.records import (
    AddressInfo,
    DuplicateHit,
    PhoneInfo,
    SubscriberCard,
    SubscriberRef,
)

CARD_REQUEST_LIMIT = 100


def _ref(subscriber: Subscriber) -> SubscriberRef:
    return SubscriberRef(subscriber.id, subscriber.code, subscriber.name)


class SubscriberService:
    """Create, edit and show subscribers."""

    def __init__(
        self, db: Database, *, clock: Clock = system_clock, rng: random.Random | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._rng = rng or random.SystemRandom()

    # --- reading --------------------------------------------------------------------------
    def card(self, actor: Actor, subscriber_id: int) -> SubscriberCard:
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            return self._card(uow, subscriber_id)

    def _card(self, uow: UnitOfWork, subscriber_id: int) -> SubscriberCard:
        sub = uow.subscribers.get(subscriber_id)
        if sub is None:
            raise NotFound("subscriber", subscriber_id)
        zones = uow.subscribers.zone_names([a.zone_id for a in sub.addresses])
        referrer = uow.subscribers.get(sub.referrer_id) if sub.referrer_id else None
        requests = uow.requests.for_subscriber(sub.id, CARD_REQUEST_LIMIT)
        return SubscriberCard(
            id=sub.id,
            code=sub.code,
            name=sub.name,
            national_code=sub.national_code or "",
            do_not_serve=sub.do_not_serve,
            do_not_serve_reason=sub.do_not_serve_reason,
            notes=sub.notes,
            created_at=sub.created_at,
            version=sub.version,
            phones=tuple(PhoneInfo(p.number, p.kind, p.label) for p in sub.phones),
            addresses=tuple(
                AddressInfo(
                    a.id, a.title, a.zone_id, zones.get(a.zone_id, ""), a.text, a.postal_code or ""
                )
                for a in sub.addresses
                if a.active
            ),
            referrer=_ref(referrer) if referrer else None,
            referred=tuple(_ref(s) for s in uow.subscribers.referred_by(sub.id)),
            requests=tuple(request_row(r) for r in requests),
        )

    def check_duplicates(
        self,
        actor: Actor,
        *,
        phones: list[str],
        national_code: str = "",
        exclude_id: int | None = None,
    ) -> list[DuplicateHit]:
        """Subscribers already on file with one of these phones or this national code."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        numbers: list[str] = []
        for text in phones:
            try:
                numbers.append(parse_phone(text).number)
            except ValidationError:
                continue
        national = None
        if national_code.strip():
            try:
                national = parse_national_code(national_code)
            except ValidationError:
                national = None
        with self._db.read() as uow:
            return self._duplicates(uow, numbers, national, exclude_id)

    @staticmethod
    def _duplicates(
        uow: UnitOfWork, numbers: list[str], national: str | None, exclude_id: int | None
    ) -> list[DuplicateHit]:
        hits: list[DuplicateHit] = []
        for number, owner in uow.subscribers.phone_owners(numbers).items():
            if owner != exclude_id:
                sub = uow.subscribers.get(owner)
                assert sub is not None
                hits.append(DuplicateHit("phone", number, _ref(sub)))
        if national:
            owner_id = uow.subscribers.id_by_national_code(national)
            if owner_id is not None and owner_id != exclude_id:
                sub = uow.subscribers.get(owner_id)
                assert sub is not None
                hits.append(DuplicateHit("national_code", national, _ref(sub)))
        return hits

    def resolve_referrer(self, actor: Actor, text: str) -> SubscriberRef:
        """The subscriber a typed code or phone names, for the referrer field."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            return _ref(self._referrer(uow, text))

    @staticmethod
    def _referrer(uow: UnitOfWork, text: str) -> Subscriber:
        found: int | None = None
        is_code = looks_like_code(text)
        if is_code:
            found = uow.subscribers.id_by_code(parse_code(text, field="referrer"))
        if found is None:  # one in ten local 8-digit landlines also passes the code check
            try:
                found = uow.subscribers.id_by_phone(parse_phone(text, field="referrer").number)
            except ValidationError:
                if not is_code:
                    raise ValidationError("referrer", "referrer_format") from None
        sub = uow.subscribers.get(found) if found is not None else None
        if sub is None:
            raise ValidationError("referrer", "referrer_not_found")
        return sub

    # --- writing --------------------------------------------------------------------------
    def create(self, actor: Actor, draft: SubscriberDraft) -> SubscriberCard:
        """Register a new subscriber with a fresh subscription code."""
        require(actor, Permission.EDIT_SUBSCRIBERS)
        clean = clean_subscriber(draft)
        with self._db.write() as uow:
            self._refuse_duplicates(uow, clean, None)
            referrer = self._referrer(uow, clean.referrer) if clean.referrer else None
            now = self._clock()
            sub = Subscriber(
                code=self._new_code(uow),
                name=clean.name,
                name_key=search_key(clean.name),
                national_code=clean.national_code,
                referrer_id=referrer.id if referrer else None,
                do_not_serve=clean.do_not_serve,
                do_not_serve_reason=clean.do_not_serve_reason,
                notes=clean.notes,
                created_at=now,
                updated_at=now,
            )
            self._apply_children(uow, sub, clean)
            uow.subscribers.add(sub)
            record(
                uow,
                self._clock,
                actor,
                "subscriber",
                sub.id,
                AuditAction.CREATE,
                None,
                subscriber_snapshot(sub),
            )
            uow.commit()
            saved_id = sub.id
        return self.card(actor, saved_id)  # as stored: the session's lists keep append order

    def update(
        self, actor: Actor, subscriber_id: int, draft: SubscriberDraft, *, expected_version: int
    ) -> SubscriberCard:
        """Save an edited subscriber; refused if someone else saved it in the meantime."""
        require(actor, Permission.EDIT_SUBSCRIBERS)
        clean = clean_subscriber(draft)
        with self._db.write() as uow:
            sub = uow.subscribers.get(subscriber_id, for_update=True)
            if sub is None:
                raise NotFound("subscriber", subscriber_id)
            if sub.version != expected_version:
                raise Conflict("stale", entity="subscriber", id=subscriber_id)
            self._refuse_duplicates(uow, clean, subscriber_id)
            before = subscriber_snapshot(sub)
            self._apply_referrer_change(uow, sub, clean.referrer)
            sub.name = clean.name
            sub.name_key = search_key(clean.name)
            sub.national_code = clean.national_code
            sub.do_not_serve = clean.do_not_serve
            sub.do_not_serve_reason = clean.do_not_serve_reason
            sub.notes = clean.notes
            sub.updated_at = self._clock()
            sub.version += 1
            self._apply_children(uow, sub, clean)
            uow.flush()
            record(
                uow,
                self._clock,
                actor,
                "subscriber",
                sub.id,
                AuditAction.UPDATE,
                before,
                subscriber_snapshot(sub),
            )
            uow.commit()
            saved_id = sub.id
        return self.card(actor, saved_id)  # as stored: the session's lists keep append order

    def _apply_referrer_change(self, uow: UnitOfWork, sub: Subscriber, text: str) -> None:
        if sub.referrer_id is not None:
            current = uow.subscribers.get(sub.referrer_id)
            same = current is not None and text and self._referrer(uow, text).id == current.id
            if not same:
                raise ValidationError("referrer", "referrer_immutable")
            return
        if not text:
            return
        referrer = self._referrer(uow, text)
        node: Subscriber | None = referrer
        for _ in range(10_000):  # walk up the chain: a referral cycle is refused
            if node is None:
                break
            if node.id == sub.id:
                raise ValidationError("referrer", "referrer_cycle")
            node = uow.subscribers.get(node.referrer_id) if node.referrer_id else None
        sub.referrer_id = referrer.id

    def _refuse_duplicates(
        self, uow: UnitOfWork, clean: CleanSubscriber, exclude_id: int | None
    ) -> None:
        numbers = [p.number for p, _ in clean.phones]
        errors = FormErrorCollector()  # every taken phone and the national code, at once
        for hit in self._duplicates(uow, numbers, clean.national_code, exclude_id):
            field = "national_code"
            if hit.field == "phone":
                field = clean.phone_fields[numbers.index(hit.value)]
            errors.add(
                field,
                f"{hit.field}_taken",
                subscriber_code=hit.subscriber.code,
                name=hit.subscriber.name,
            )
        errors.raise_if_any()

    @staticmethod
    def _apply_children(uow: UnitOfWork, sub: Subscriber, clean: CleanSubscriber) -> None:
        wanted = {p.number: (i, p, label) for i, (p, label) in enumerate(clean.phones)}
        for phone in list(sub.phones):
            if phone.number not in wanted:
                sub.phones.remove(phone)
        if sub.id is not None:
            uow.flush()  # removed numbers must be gone before the same number is re-added
        existing = {p.number: p for p in sub.phones}
        for number, (position, parsed, label) in wanted.items():
            row = existing.get(number)
            if row is None:
                sub.phones.append(
                    SubscriberPhone(
                        number=number, kind=parsed.kind.value, label=label, position=position
                    )
                )
            else:
                row.label, row.position = label, position
        by_id = {a.id: a for a in sub.addresses}
        kept: set[int] = set()
        for index, address in enumerate(clean.addresses):
            if uow.catalogue.zone(address.zone_id) is None:
                raise ValidationError(address_field(index, "zone"), "zone_unknown")
            row_a = by_id.get(address.id) if address.id is not None else None
            if row_a is None:
                sub.addresses.append(
                    Address(
                        title=address.title,
                        zone_id=address.zone_id,
                        text=address.text,
                        postal_code=address.postal_code,
                    )
                )
            else:
                kept.add(row_a.id)
                row_a.title, row_a.zone_id = address.title, address.zone_id
                row_a.text, row_a.postal_code, row_a.active = (
                    address.text,
                    address.postal_code,
                    True,
                )
        for row_id, row_a in by_id.items():
            if row_id not in kept:
                row_a.active = False  # requests may point at it: retire, never delete

    def _new_code(self, uow: UnitOfWork) -> str:
        for _ in range(100):
            code = random_code(self._rng)
            if not uow.subscribers.code_exists(code):
                return code
        raise Conflict("code_space_exhausted")
