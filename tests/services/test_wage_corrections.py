"""A correction of a paid batch: a reversing item naming the paid line it corrects (reason
required, audited, replayed by its operation id), shown with that batch and carried into the
member's next payout (a deduction or an addition); an unpaid or cancelled batch's line, an
unknown line, a consultant, a bad amount or a short reason are refused and nothing is written."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op
from sqlalchemy import func, select
from wage_helpers import collected, today

from hendazh_desktop.db.models.admin import AuditEntry
from hendazh_desktop.db.models.wages import WageItem
from hendazh_desktop.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
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


def _corrections(db) -> int:
    with db.read() as uow:
        return uow.session.execute(
            select(func.count()).select_from(WageItem).where(WageItem.kind == "correction")
        ).scalar_one()


def test_an_addition_is_paid_with_the_next_payout(db, manager, accountant, office):
    collected(db, manager, office)
    first = _pay(db, accountant, _build(db, accountant))
    done = WageCorrections(db).correct_line(
        accountant, first.lines[0].id, "٥٠٠٠٠", "ساعت اضافه جا افتاد", deduct=False,
        operation_id=op(),
    )  # fmt: skip
    assert done.amount == 50_000  # Arabic-Indic digits too
    collected(db, manager, office)
    (line,) = _build(db, accountant).lines
    assert (line.corrections, line.net) == (50_000, FEE + 50_000)


def test_what_cannot_be_corrected_is_refused_and_nothing_is_written(
    db, manager, accountant, consultant, office
):
    collected(db, manager, office)
    draft = _build(db, accountant)
    (line,) = draft.lines
    WageBatchService(db).cancel(
        accountant, draft.batch.id, expected_version=draft.batch.version, operation_id=op()
    )
    corrections = WageCorrections(db)
    with pytest.raises(Conflict) as cancelled:  # a cancelled batch was never paid
        corrections.correct_line(
            accountant, line.id, "100000", "کسر اضافه", deduct=True, operation_id=op()
        )
    assert cancelled.value.code == "wage_correction_needs_paid_batch"
    paid = _pay(db, accountant, _build(db, accountant))
    paid_line = paid.lines[0].id
    with pytest.raises(PermissionDenied):  # consultants never touch wages
        corrections.correct_line(
            consultant, paid_line, "100000", "کسر اضافه", deduct=True, operation_id=op()
        )
    with pytest.raises(NotFound):
        corrections.correct_line(
            accountant, paid_line + 999, "100000", "کسر اضافه", deduct=True, operation_id=op()
        )
    for amount, code in (("0", "amount_zero"), ("-5000", "amount_negative"),
                         ("12.5", "amount_not_integer"), ("", "required")):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            corrections.correct_line(
                accountant, paid_line, amount, "کسر اضافه", deduct=True, operation_id=op()
            )
        assert (refused.value.field, refused.value.code) == ("amount", code)
    with pytest.raises(ValidationError) as short:
        corrections.correct_line(
            accountant, paid_line, "1000", "کم", deduct=True, operation_id=op()
        )
    assert (short.value.field, short.value.code) == ("reason", "too_short")
    assert _corrections(db) == 0 and _audited(db) == 0
