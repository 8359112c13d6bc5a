"""Lists sort in the database, names in Persian alphabetical order on SQLite and PostgreSQL
(Unicode puts پ چ ژ ک گ after every Arabic letter and ه before و)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from hendazh_desktop.db.models.core import Subscriber
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.billing.records import InvoiceFilter, PaymentDraft, PaymentFilter
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.credit.ledger import GiftCreditLedger
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.subscribers.search import SubscriberSearch

# In Persian alphabetical order (ا ب پ چ ژ گ و ه); a code-point sort gives another order.
PERSIAN_ORDER = (
    "آرش یزدانی",
    "بهرام چمنی",
    "پروین گلستانی",
    "چنگیز ایزدی",
    "ژاله کاظمی",
    "گلناز پاکزاد",
    "وحید هاشمی",
    "هادی ملکی",
)
SHUFFLED = (5, 2, 7, 0, 4, 1, 6, 3)


def test_the_expected_order_is_not_the_code_point_order():
    assert sorted(PERSIAN_ORDER) != list(PERSIAN_ORDER)


@pytest.fixture
def people(db, actor, new_subscriber):
    return [new_subscriber(PERSIAN_ORDER[i], f"0917200{i:04d}") for i in SHUFFLED]


def test_subscriber_list_by_name(db, actor, people):
    search = SubscriberSearch(db)
    names = [r.name for r in search.page(actor, 0, 50, order="name")]
    assert names == list(PERSIAN_ORDER)
    names = [r.name for r in search.page(actor, 0, 50, order="name", descending=True)]
    assert names == list(reversed(PERSIAN_ORDER))


def test_a_renamed_subscriber_moves_to_its_new_place(db, actor, people, new_subscriber):
    with db.write() as uow:
        sub = uow.session.get(Subscriber, people[0].id)  # «گلناز پاکزاد»
        sub.name = "ابراهیم پاکزاد"
        uow.commit()
    names = [r.name for r in SubscriberSearch(db).page(actor, 0, 50, order="name")]
    assert names[:3] == ["ابراهیم پاکزاد", "آرش یزدانی", "بهرام چمنی"]  # آ sorts as ا


def test_queue_by_subscriber_zone_and_service(db, actor, people, services):
    intake, queue = IntakeService(db), QueueService(db)
    service = next(iter(services.values()))
    for card in people:
        intake.create_request(actor, RequestDraft(card.id, service.id, card.addresses[0].id))
    rows = queue.page(actor, QueueFilter(sort="subscriber"), 0, 50)
    assert [r.subscriber_name for r in rows] == list(PERSIAN_ORDER)
    rows = queue.page(actor, QueueFilter(sort="-subscriber"), 0, 50)
    assert [r.subscriber_name for r in rows] == list(reversed(PERSIAN_ORDER))
    assert len(queue.page(actor, QueueFilter(sort="zone"), 0, 50)) == len(PERSIAN_ORDER)
    assert len(queue.page(actor, QueueFilter(sort="-service"), 0, 50)) == len(PERSIAN_ORDER)


def test_service_names_sort_in_persian_order(db, actor, services, new_subscriber):
    card = new_subscriber("مشتری آزمون", "09172009999")
    intake, queue = IntakeService(db), QueueService(db)
    for info in services.values():
        if info.active:
            intake.create_request(actor, RequestDraft(card.id, info.id, card.addresses[0].id))
    rows = queue.page(actor, QueueFilter(sort="service"), 0, 50)
    shown = [r.service for r in rows]
    assert shown == sorted(shown, key=collation_key)
    assert len(set(shown)) >= 5


def test_work_groups_and_ledger_and_payments_by_name(db, actor, people, zone_ids, services):
    service = next(iter(services.values()))
    groups = WorkGroupService(db)
    for i in SHUFFLED[:4]:
        groups.create(
            actor,
            WorkGroupDraft(
                name=f"گروه {PERSIAN_ORDER[i]}",
                kind="person",
                phone=f"0917300{i:04d}",
                daily_capacity="4",
                members=((PERSIAN_ORDER[i], ""),),
                skills=((service.id, 5),),
                zone_ids=(zone_ids[0],),
            ),
        )
    with db.read() as uow:
        stmt = select(WorkGroup.name).order_by(WorkGroup.sort_key)
        keys = list(uow.session.execute(stmt).scalars())
    assert keys == [f"گروه {PERSIAN_ORDER[i]}" for i in sorted(SHUFFLED[:4])]
    credit = GiftCreditService(db)
    for card in people:
        credit.adjust(
            actor, card.id, "10000", "هدیه آزمون", decrease=False, operation_id=str(uuid.uuid4())
        )
    ledger = GiftCreditLedger(db)
    names = [e.subscriber_name for e in ledger.page(actor, LedgerFilter(), 0, 50, "subscriber")]
    assert names == list(PERSIAN_ORDER)
    first = ledger.page(actor, LedgerFilter(), 0, 3, "number")
    assert [e.id for e in first] == sorted(e.id for e in ledger.page(actor, LedgerFilter(), 0, 50))[
        :3
    ]
    payments = PaymentService(db)
    for n, card in enumerate(people):
        payments.record_payment(
            actor, PaymentDraft(str(uuid.uuid4()), card.id, "cash", str(1000 * (n + 1)))
        )
    billing = BillingQueries(db)
    shown = [
        p.subscriber_name for p in billing.payments(actor, PaymentFilter(order="subscriber"), 0, 50)
    ]
    assert shown == list(PERSIAN_ORDER)
    amounts = [p.amount for p in billing.payments(actor, PaymentFilter(order="-amount"), 0, 50)]
    assert amounts == sorted(amounts, reverse=True)
    assert billing.invoices(actor, InvoiceFilter(order="-subscriber"), 0, 50) == []


def test_an_order_that_is_not_whitelisted_is_refused(db, actor):
    with pytest.raises(ValidationError):
        BillingQueries(db).payments(actor, PaymentFilter(order="amount; DROP TABLE x"), 0, 5)
    with pytest.raises(ValidationError):
        GiftCreditLedger(db).page(actor, LedgerFilter(), 0, 5, "id")
