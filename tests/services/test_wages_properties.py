"""Random office days of a team's wages through the real services: jobs, payments in cash or
by cheque, bounced cheques, credit notes, reimbursements, advances, batches built, paid or
cancelled. After every step: nothing is paid before its money is collected; nothing is paid
twice; each payable's shares add up to it; the live fees equal the model's fees of collected
jobs; every share paid and then uncollected is clawed back; and what the group was paid equals
its paid fees plus reimbursements minus advances, clawbacks and withholding, to the rial."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

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
from wage_helpers import VALID_IBAN, make_team, today

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.domain.money import basis_points_of
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.dispatch.pricing import LineDraft
from hendazh_desktop.services.wages.office import WageOffice
from hendazh_desktop.services.wiring import wire

CHEQUE = {"cheque_number": "1234567", "cheque_bank": "ملت", "cheque_due_on": "1410/01/01"}
COMMISSION_BP = 2000  # the default split rule of the seeded services


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


class WagesMachine(RuleBasedStateMachine):
    """One team's wages under random money steps."""

    template: Path
    folder: Path

    jobs = Bundle("jobs")
    batches = Bundle("batches")

    def __init__(self) -> None:
        super().__init__()
        path = self.folder / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(self.template, path)
        self.db = wire(Database(str(path)))
        self.manager = office_actor(self.db, "manager", role=Role.MANAGER)
        self.accountant = office_actor(self.db, "accountant", role=Role.ACCOUNTANT)
        self.office = Office(self.db, self.manager)
        self.group = make_team(self.office, ("علی", "رضا", "حسن"))
        self.wages = WageOffice.on(self.db)
        self.members = [m.id for m in self.wages.ledger.terms(self.manager, self.group).members]
        shares = dict(zip(self.members, ("3", "2", "1"), strict=True))
        self.wages.ledger.set_terms(
            self.manager,
            self.group,
            shares=shares,
            ibans={self.members[0]: VALID_IBAN},
            withholding="7.5",
        )
        self.fee: dict[int, int] = {}  # job → the group's fee of its labour
        self.invoice: dict[int, int] = {}  # job → its live final invoice
        self.collected: set[int] = set()  # jobs whose money is in (the model)
        self.cheques: list[int] = []  # pending cheques

    def teardown(self) -> None:
        self.db.dispose()

    # -- jobs and money -----------------------------------------------------------------------
    @rule(
        target=jobs,
        labour=st.integers(1_000, 20_000_000),
        paid=st.sampled_from(("no", "cash", "cheque")),
    )
    def job(self, labour: int, paid: str) -> int:
        request_id = self.office.done("CLN", (LineDraft("labour", "کار", "1", str(labour)),))
        invoices = InvoiceService(self.db)
        draft = invoices.draft_final(self.manager, request_id)
        issued = invoices.issue(
            self.manager, draft.row.id, operation_id=op(), expected_version=draft.row.version
        )
        self.fee[request_id] = basis_points_of(labour, 10_000 - COMMISSION_BP)  # rounded down
        self.invoice[request_id] = issued.row.id
        if paid != "no":
            self.pay(request_id, paid == "cheque")
        return request_id

    def _owed(self, request_id: int) -> int:
        if request_id not in self.invoice:  # credited: the job is not billed again here
            return 0
        return InvoiceService(self.db).detail(self.manager, self.invoice[request_id]).row.balance

    @rule(request_id=jobs, cheque=st.booleans())
    def pay(self, request_id: int, cheque: bool) -> None:
        owed = self._owed(request_id)
        if owed <= 0:
            return
        payment = PaymentService(self.db).record_payment(
            self.manager,
            PaymentDraft(
                op(),
                self.office.card.id,
                "cheque" if cheque else "cash",
                str(owed),
                invoice_id=self.invoice[request_id],
                **(CHEQUE if cheque else {}),
            ),
        )
        self.collected.add(request_id)
        if cheque:
            self.cheques.append(payment.id)

    @rule(which=st.integers(0, 100))
    def bounce(self, which: int) -> None:
        if not self.cheques:
            return
        payment = self.cheques.pop(which % len(self.cheques))
        PaymentService(self.db).bounce_cheque(self.manager, payment, "برگشت", operation_id=op())
        with self.db.read() as uow:
            paid = {i.request_id for i in uow.billing.invoices_paid_by(payment)}
        self.collected -= paid

    @rule(request_id=jobs)
    def credit_note(self, request_id: int) -> None:
        if request_id not in self.invoice:
            return
        InvoiceService(self.db).credit_note(
            self.manager, self.invoice.pop(request_id), "ابطال", operation_id=op()
        )
        self.collected.discard(request_id)

    # -- wages --------------------------------------------------------------------------------
    @rule(request_id=jobs, amount=st.integers(1, 2_000_000))
    def reimbursement(self, request_id: int, amount: int) -> None:
        spent = self.wages.ledger.record_reimbursement(
            self.accountant, request_id, str(amount), "R-1", operation_id=op()
        )
        self.wages.ledger.approve_reimbursement(self.accountant, spent.id, operation_id=op())

    @rule(member=st.integers(0, 2), amount=st.integers(1, 3_000_000))
    def advance(self, member: int, amount: int) -> None:
        self.wages.ledger.record_advance(
            self.accountant, self.members[member], str(amount), "مساعده", operation_id=op()
        )

    @rule(target=batches)
    def build(self) -> int:
        try:
            built = self.wages.batches.build(
                self.accountant, "1400/01/01", today(), operation_id=op()
            )
        except ValidationError as nothing:
            assert nothing.code == "wage_nothing_due"
            return -1
        return built.batch.id

    @rule()
    def payday(self) -> None:
        """Build a batch and pay it at once."""
        self.pay_batch(self.build())

    def _version(self, batch_id: int) -> int:
        return self.wages.queries.batch(self.manager, batch_id).batch.version

    @rule(batch_id=consumes(batches))
    def pay_batch(self, batch_id: int) -> None:
        if batch_id < 0:
            return
        try:
            self.wages.batches.pay(
                self.accountant,
                batch_id,
                bank_ref="REF-1",
                paid_on=today(),
                expected_version=self._version(batch_id),
                operation_id=op(),
            )
        except Conflict as stale:  # a collection behind it was reversed since it was built
            assert stale.code == "wage_batch_stale"
            self.cancel_batch(batch_id)

    @rule(batch_id=consumes(batches))
    def cancel_batch(self, batch_id: int) -> None:
        if batch_id < 0:
            return
        self.wages.batches.cancel(
            self.accountant, batch_id, expected_version=self._version(batch_id), operation_id=op()
        )

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def nothing_paid_before_collected_nor_twice(self) -> None:
        early = rows(
            self.db,
            "SELECT p.item_id FROM wage_paid p JOIN wage_items i ON i.id = p.item_id "
            "JOIN wage_payables w ON w.id = i.payable_id JOIN job_splits r "
            "ON r.reverses_id = w.split_id WHERE i.kind = 'fee' AND r.at < p.at",
        )
        assert early == []
        twice = rows(
            self.db,
            "SELECT i.payable_id, i.member_id FROM wage_paid p JOIN wage_items i "
            "ON i.id = p.item_id WHERE i.kind = 'fee' GROUP BY i.payable_id, i.member_id "
            "HAVING count(*) > 1",
        )
        assert twice == []
        open_twice = rows(
            self.db,
            "SELECT c.item_id FROM wage_claims c JOIN wage_batches b ON b.id = c.batch_id "
            "JOIN wage_paid p ON p.item_id = c.item_id WHERE b.state IN ('draft', 'approved')",
        )
        assert open_twice == []

    @invariant()
    def shares_add_up_and_live_fees_are_the_collected_jobs(self) -> None:
        uneven = rows(
            self.db,
            "SELECT w.id FROM wage_payables w JOIN wage_items i ON i.payable_id = w.id "
            "AND i.kind = 'fee' GROUP BY w.id, w.fee HAVING sum(i.amount) <> w.fee",
        )
        assert uneven == []
        live = rows(
            self.db,
            "SELECT w.request_id, w.fee FROM wage_payables w WHERE NOT EXISTS (SELECT 1 FROM "
            "job_splits r WHERE r.reverses_id = w.split_id)",
        )
        assert dict(live) == {job: self.fee[job] for job in self.collected}

    @invariant()
    def paid_then_uncollected_is_clawed_back(self) -> None:
        missing = rows(
            self.db,
            "SELECT i.id FROM wage_items i JOIN wage_paid p ON p.item_id = i.id "
            "JOIN wage_payables w ON w.id = i.payable_id WHERE i.kind = 'fee' AND EXISTS "
            "(SELECT 1 FROM job_splits r WHERE r.reverses_id = w.split_id) AND NOT EXISTS "
            "(SELECT 1 FROM wage_items c WHERE c.kind = 'clawback' AND c.payable_id = "
            "i.payable_id AND c.member_id = i.member_id AND c.amount = -i.amount)",
        )
        assert missing == []

    @invariant()
    def the_group_is_paid_its_items_less_withholding(self) -> None:
        paid_items = rows(
            self.db,
            "SELECT i.kind, coalesce(sum(i.amount), 0) FROM wage_items i JOIN wage_paid p "
            "ON p.item_id = i.id GROUP BY i.kind",
        )
        by_kind = dict(paid_items)
        (lines,) = rows(
            self.db,
            "SELECT coalesce(sum(l.net), 0), coalesce(sum(l.withholding), 0), "
            "coalesce(sum(l.fees), 0) FROM wage_batch_lines l JOIN wage_batches b "
            "ON b.id = l.batch_id WHERE b.state = 'paid'",
        )
        net, withholding, fees = lines
        assert fees == by_kind.get("fee", 0)
        assert net == sum(by_kind.values()) - withholding
        assert net >= 0
        assert self.wages.queries.paid_by_group(self.manager).get(self.group, 0) == sum(
            by_kind.values()
        )


def test_wages_under_random_office_days(_migrated_sqlite, tmp_path):
    WagesMachine.template = _migrated_sqlite
    WagesMachine.folder = tmp_path
    run_state_machine_as_test(
        WagesMachine,
        settings=settings(
            max_examples=15,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
