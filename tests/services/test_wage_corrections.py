"""A correction of a paid batch: a reversing item naming the paid line it corrects (reason
required, audited, replayed by its operation id), shown with that batch and carried into the
member's next payout; an unpaid batch's line is refused and nothing is written."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op
from sqlalchemy import func, select
from wage_helpers import collected, today

from hendazh_desktop.db.models.admin import AuditEntry
from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wages.corrections import WageCorrections
from hendazh_desktop.services.wages.queries import WageQueries

FEE = 800_000


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def _build(db, actor):
    return WageBatchService(db).build(actor, "1400/01/01", today(), operation_id=op())


def _pay(db, actor, detail):
    return WageBatchService(db).pay(
        actor,
        detail.batch.id,
        bank_ref="REF-1",
        paid_on=today(),
        expected_version=detail.batch.version,
        operation_id=op(),
    )


def _audited(db) -> int:
    with db.read() as uow:
        return uow.session.execute(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "wage_correction")
        ).scalar_one()


def test_a_paid_line_is_corrected_in_the_next_payout(db, manager, accountant, office):
    collected(db, manager, office)
    first = _build(db, accountant)
    (line,) = first.lines
    with pytest.raises(Conflict):  # not paid yet: build a new batch instead
        WageCorrections(db).correct_line(
            accountant, line.id, "100000", "کسر اضافه", deduct=True, operation_id=op()
        )
    paid = _pay(db, accountant, first)
    corrections = WageCorrections(db)
    with pytest.raises(ValidationError) as refused:
        corrections.correct_line(accountant, line.id, "100000", "", deduct=True, operation_id=op())
    assert refused.value.field == "reason"
    assert _audited(db) == 0
    key = op()
    done = corrections.correct_line(
        accountant, line.id, "۱۰۰٬۰۰۰", "دستمزد دو بار حساب شد", deduct=True, operation_id=key
    )
    again = corrections.correct_line(
        accountant, line.id, "100000", "دستمزد دو بار حساب شد", deduct=True, operation_id=key
    )
    assert again.id == done.id and _audited(db) == 1
    assert (done.kind, done.amount, done.corrects_line_id) == ("correction", -100_000, line.id)
    shown = WageQueries(db).batch(accountant, paid.batch.id)
    assert [(c.amount, c.reason) for c in shown.corrections] == [
        (-100_000, "دستمزد دو بار حساب شد")
    ]
    assert shown.lines[0].net == FEE  # the paid line itself never changes

    collected(db, manager, office)  # a second job: the next payout carries the correction
    second = _build(db, accountant)
    (next_line,) = second.lines
    assert (next_line.fees, next_line.corrections, next_line.net) == (FEE, -100_000, FEE - 100_000)
    with pytest.raises(Conflict):  # replaying the key for something else is refused
        corrections.correct_line(
            accountant, line.id, "5000", "دستمزد دو بار حساب شد", deduct=False, operation_id=key
        )
