"""Random office days through the real services (jobs with and without referrers, payments,
bounced cheques, credit notes, cancellations, spending and adjustments, gift redemptions, their
delivery and their cancellation); after every step each split adds up to its labour, every paid
job has exactly one live split and every other job none, every reversal names the posting
before it, each gift-credit balance equals the sum of its entries and what the splits, manual
entries and orders say, spending never overdraws, and each gift's stock equals its moves and
what the orders left, never below zero."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

import pytest
from billing_helpers import Office, op
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.dispatch.pricing import LineDraft
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
from hendazh_desktop.services.gifts.orders import DeliveryWay, GiftOrders
from hendazh_desktop.services.gifts.records import GiftItemDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

CHEQUE = {"cheque_number": "1234567", "cheque_bank": "ملت", "cheque_due_on": "1410/01/01"}


class GiftCreditMachine(RuleBasedStateMachine):
    """One office's gift credit under random money steps."""

    template: Path
    folder: Path

    invoices = Bundle("invoices")
    cheques = Bundle("cheques")
    prepaid = Bundle("prepaid")
    orders = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        path = self.folder / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(self.template, path)
        self.db = wire(Database(str(path)))
        self.actor = office_actor(self.db, "manager", role=Role.MANAGER)
        self.office = Office(self.db, self.actor)
        subs = SubscriberService(self.db)
        zone = self.office.zone

        def add(name: str, phone: str, referrer: str = "", dns: bool = False) -> object:
            return subs.create(
                self.actor,
                SubscriberDraft(
                    name=name,
                    phones=(PhoneDraft(phone),),
                    addresses=(AddressDraft("خیابان زند", zone),),
                    referrer=referrer,
                    do_not_serve=dns,
                    do_not_serve_reason="بدحسابی" if dns else "",
                ),
            )

        a = self.office.card  # refers nobody's jobs: has no referrer
        b = add("بهاره رضایی", "09171110001", a.code)
        c = add("کاوه نادری", "09171110002", b.code)
        e = add("اکبر بدحساب", "09171110003", dns=True)
        d = add("دلارام صالحی", "09171110004", e.code)  # her referrer is not served
        self.cards = [a, b, c, d]
        self.everyone = [a.id, b.id, c.id, d.id, e.id]
        self.manual = dict.fromkeys(self.everyone, 0)  # adjustments and spending, by subscriber
        self.requests: list[int] = []
        catalogue = GiftCatalogue(self.db)
        self.gifts: list[int] = []
        self.stock: dict[int, int] = {}  # what the model expects to be free to redeem
        self.on_hand: dict[int, int] = {}
        for name, price, pieces in (("بشقاب میناکاری", "40000", 3), ("جعبه خاتم", "250000", 1)):
            item = catalogue.create(
                self.actor, GiftItemDraft(name=name, craft="میناکاری", credit_price=price)
            )
            catalogue.receive(self.actor, item.id, str(pieces))
            self.gifts.append(item.id)
            self.stock[item.id] = self.on_hand[item.id] = pieces

    def teardown(self) -> None:
        self.db.dispose()

    # -- jobs ---------------------------------------------------------------------------------
    @rule(
        target=invoices,
        who=st.integers(0, 3),
        labour=st.integers(1, 50_000_000),
        materials=st.integers(0, 5_000_000),
    )
    def postpaid_job(self, who: int, labour: int, materials: int) -> int:
        self.office.card = self.cards[who]
        lines = [LineDraft("labour", "کار", "1", str(labour))]
        if materials:
            lines.append(LineDraft("material", "مواد", "1", str(materials)))
        request_id = self.office.done("CLN", tuple(lines))
        self.requests.append(request_id)
        invoices = InvoiceService(self.db)
        draft = invoices.draft_final(self.actor, request_id)
        issued = invoices.issue(
            self.actor, draft.row.id, operation_id=op(), expected_version=draft.row.version
        )
        return issued.row.id

    @rule(target=prepaid, who=st.integers(0, 3))
    def prepaid_job(self, who: int) -> int:
        self.office.card = self.cards[who]
        request_id = self.office.new_request("EDU")
        self.requests.append(request_id)
        return request_id

    @rule(request_id=prepaid)
    def pay_prepayment(self, request_id: int) -> None:
        invoice_id = (
            InvoiceService(self.db).money_status(self.actor, request_id).prepayment_invoice_id
        )
        if invoice_id is not None:
            self._pay(invoice_id, cheque=False)

    @rule(request_id=prepaid)
    def finish_prepaid(self, request_id: int) -> None:
        if self.office.status(request_id) != "queued":
            return
        self.office.agreed("EDU", (LineDraft("labour", "کلاس", "1", "1"),), request_id=request_id)
        self.office.start_and_finish(request_id)

    @rule(request_id=consumes(prepaid))
    def cancel(self, request_id: int) -> None:
        queue = QueueService(self.db)
        with contextlib.suppress(Conflict):  # done jobs cannot be cancelled
            queue.cancel(
                self.actor,
                request_id,
                "انصراف مشترک",
                expected_version=self.office.version(request_id),
            )

    # -- money --------------------------------------------------------------------------------
    def _pay(self, invoice_id: int, *, cheque: bool) -> int | None:
        row = InvoiceService(self.db).detail(self.actor, invoice_id).row
        if row.balance <= 0 or row.state in ("cancelled", "credited"):
            return None
        payment = PaymentService(self.db).record_payment(
            self.actor,
            PaymentDraft(
                op(),
                row.subscriber_id,
                "cheque" if cheque else "cash",
                str(row.balance),
                invoice_id=invoice_id,
                **(CHEQUE if cheque else {}),
            ),
        )
        return payment.id

    @rule(invoice_id=invoices)
    def pay_cash(self, invoice_id: int) -> None:
        self._pay(invoice_id, cheque=False)

    @rule(target=cheques, invoice_id=invoices)
    def pay_cheque(self, invoice_id: int) -> int:
        return self._pay(invoice_id, cheque=True) or 0

    @rule(payment_id=consumes(cheques))
    def bounce(self, payment_id: int) -> None:
        if payment_id:
            PaymentService(self.db).bounce_cheque(
                self.actor, payment_id, "کسری موجودی", operation_id=op()
            )

    @rule(invoice_id=consumes(invoices))
    def credit_note(self, invoice_id: int) -> None:
        with contextlib.suppress(Conflict):
            InvoiceService(self.db).credit_note(
                self.actor, invoice_id, "اشتباه در مبلغ", operation_id=op()
            )

    # -- gift credit by hand ------------------------------------------------------------------
    @rule(who=st.integers(0, 4), amount=st.integers(1, 3_000_000))
    def spend(self, who: int, amount: int) -> None:
        subscriber_id = self.everyone[who]
        expected = self._expected(subscriber_id)
        try:
            GiftCreditService(self.db).spend(
                self.actor, subscriber_id, amount, "هدیه", operation_id=op()
            )
        except ValidationError as refused:
            assert refused.code == "gift_credit_insufficient"
            assert amount > expected  # refused only when it would overdraw
            return
        assert amount <= expected  # never overdrawn
        self.manual[subscriber_id] -= amount

    @rule(who=st.integers(0, 4), amount=st.integers(1, 500_000))
    def adjust_up(self, who: int, amount: int) -> None:
        subscriber_id = self.everyone[who]
        GiftCreditService(self.db).adjust(
            self.actor, subscriber_id, str(amount), "جبران", decrease=False, operation_id=op()
        )
        self.manual[subscriber_id] += amount

    # -- gifts ----------------------------------------------------------------------------------
    @rule(which=st.integers(0, 1), pieces=st.integers(1, 3))
    def receive_gift(self, which: int, pieces: int) -> None:
        item_id = self.gifts[which]
        GiftCatalogue(self.db).receive(self.actor, item_id, str(pieces))
        self.stock[item_id] += pieces
        self.on_hand[item_id] += pieces

    @rule(
        target=orders,
        who=st.integers(0, 4),
        picks=st.lists(st.tuples(st.integers(0, 1), st.integers(1, 3)), min_size=1, max_size=3),
    )
    def redeem(self, who: int, picks: list[tuple[int, int]]) -> int:
        subscriber_id = self.everyone[who]
        lines = [(self.gifts[which], pieces) for which, pieces in picks]
        wanted: dict[int, int] = {}
        for item_id, pieces in lines:
            wanted[item_id] = wanted.get(item_id, 0) + pieces
        expected = self._expected(subscriber_id)
        with self.db.read() as uow:
            prices = {i: uow.gifts.item(i).credit_price for i in wanted}
        total = sum(prices[i] * q for i, q in wanted.items())
        try:
            order = GiftOrders(self.db).place(self.actor, subscriber_id, lines, operation_id=op())
        except ValidationError as refused:
            if refused.code == "gift_out_of_stock":
                assert any(q > self.stock[i] for i, q in wanted.items())
            else:
                assert refused.code == "gift_credit_insufficient"
                assert all(q <= self.stock[i] for i, q in wanted.items())
                assert total > expected  # refused only when it would overdraw
            return 0
        assert all(q <= self.stock[i] for i, q in wanted.items())
        assert order.total == total <= expected  # never overdrawn
        self.manual[subscriber_id] -= total
        for item_id, pieces in wanted.items():
            self.stock[item_id] -= pieces
        return order.id

    @rule(order_id=orders, deliver=st.booleans())
    def move_order_on(self, order_id: int, deliver: bool) -> None:
        if not order_id:
            return
        orders = GiftOrders(self.db)
        order = orders.order(self.actor, order_id)
        with contextlib.suppress(Conflict):
            if order.state == "placed":
                orders.prepare(self.actor, order_id, expected_version=order.version)
            elif order.state == "prepared" and deliver:
                orders.deliver(
                    self.actor, order_id, DeliveryWay.OFFICE, expected_version=order.version
                )
                for line in order.lines:
                    self.on_hand[line.item_id] -= line.quantity

    @rule(order_id=consumes(orders))
    def cancel_order(self, order_id: int) -> None:
        if not order_id:
            return
        orders = GiftOrders(self.db)
        order = orders.order(self.actor, order_id)
        try:
            orders.cancel(self.actor, order_id, "انصراف مشترک", expected_version=order.version)
        except Conflict as refused:
            assert refused.code == "gift_order_state" and order.state == "delivered"
            return
        self.manual[order.subscriber_id] += order.total
        for line in order.lines:
            self.stock[line.item_id] += line.quantity

    # -- what must hold after every step ------------------------------------------------------
    def _live_credit(self, subscriber_id: int) -> int:
        with self.db.read() as uow:
            total = 0
            for request_id in self.requests:
                splits = uow.credit.splits_of_request(request_id)
                if splits and splits[-1].kind == "posted":
                    live = splits[-1]
                    if live.referrer_id == subscriber_id:
                        total += live.referrer_credit
                    if live.recipient_id == subscriber_id:
                        total += live.recipient_credit
            return total

    def _expected(self, subscriber_id: int) -> int:
        return self._live_credit(subscriber_id) + self.manual[subscriber_id]

    @invariant()
    def splits_posted_once_per_paid_job_and_reversed_once(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.read() as uow:
            for request_id in self.requests:
                splits = uow.credit.splits_of_request(request_id)
                for i, split in enumerate(splits):
                    assert split.seq == i + 1
                    assert (
                        split.fee
                        + split.commission_kept
                        + split.referrer_credit
                        + (split.recipient_credit)
                        == split.labour
                    )
                    if split.kind == "reversed":
                        assert split.reverses_id == splits[i - 1].id
                        assert splits[i - 1].kind == "posted"
                live = bool(splits) and splits[-1].kind == "posted"
                status = uow.requests.get(request_id).status
                assert live == (status == "paid"), (request_id, status, splits)

    @invariant()
    def balances_are_the_sum_of_entries_and_of_what_earned_them(self) -> None:
        if not hasattr(self, "db"):
            return
        for subscriber_id in self.everyone:
            with self.db.read() as uow:
                balance = uow.credit.balance(subscriber_id)
                assert balance == uow.credit.sum_of_entries(subscriber_id)
            assert balance == self._expected(subscriber_id)
        with self.db.read() as uow:
            totals = uow.credit.totals()
            positive, negative, below = uow.credit.sums_of_balances()
            assert (totals.outstanding, totals.below_zero, totals.negatives) == (
                positive,
                negative,
                below,
            )
            numbers = sorted(e.number for s in self.everyone for e in uow.credit.entries_of(s))
            assert numbers == list(range(1, totals.entries + 1))  # gapless, one per entry
        e = self.everyone[4]  # not served: never earns as a referrer
        assert self._live_credit(e) == 0

    @invariant()
    def stock_equals_its_moves_and_is_never_negative(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.read() as uow:
            moved = uow.gifts.stock_from_moves()
            for item_id in self.gifts:
                item = uow.gifts.item(item_id)
                assert (item.stock, item.on_hand) == moved[item_id]
                assert (item.stock, item.on_hand) == (self.stock[item_id], self.on_hand[item_id])
                assert 0 <= item.stock <= item.on_hand
            for order in uow.gifts.all_orders():  # each order paid once, returned at most once
                spent = uow.credit.entry(order.spent_entry_id)
                assert spent.kind == "spent" and spent.amount == -order.total
                returned = order.returned_entry_id
                assert (returned is not None) == (order.state == "cancelled")
                if returned is not None:
                    assert uow.credit.entry(returned).amount == order.total


@pytest.mark.slow
def test_gift_credit_under_random_office_days(_migrated_sqlite, tmp_path):
    GiftCreditMachine.template = _migrated_sqlite
    GiftCreditMachine.folder = tmp_path
    run_state_machine_as_test(
        GiftCreditMachine,
        settings=settings(
            # 12 × 25 = 300 steps in every run of the suite; a thorough run sets
            # HENDAZH_STATEFUL_EXAMPLES=80 for 2,000 steps (about three minutes)
            max_examples=int(os.environ.get("HENDAZH_STATEFUL_EXAMPLES", "12")),
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
