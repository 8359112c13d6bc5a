"""Money actions a use case causes are checked against the permission of that action (a
consultant's prepaid request waits for an accountant to issue its invoice; cancelling a paid
prepaid request needs the right to credit), and every write re-checks the acting account's
state and role in its own transaction (a deactivated user's open window can do nothing)."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op

from hendazh_desktop.db.errors import AccountChanged
from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.ui.messages import MESSAGES


def invoice_count(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM invoices WHERE issued_at IS NOT NULL"
        ).scalar()


def test_a_consultants_prepaid_request_waits_for_an_accountant(
    db, manager, consultant, accountant
):
    office = Office(db, manager)
    before = invoice_count(db)
    request_id = (
        IntakeService(db)
        .create_request(  # a prepaid service, taken by a consultant
            consultant,
            RequestDraft(office.card.id, office.services["HTR"].id, office.card.addresses[0].id),
        )
        .id
    )
    assert office.status(request_id) == "awaiting_prepayment"
    assert invoice_count(db) == before  # no numbered invoice issued by a consultant
    status = InvoiceService(db).money_status(accountant, request_id)
    assert status.prepaid_service and status.prepayment_invoice_id is None
    issued = InvoiceService(db).issue_prepayment(accountant, request_id)
    assert issued.row.kind == "prepayment" and issued.row.total == 198_000_000
    with pytest.raises(PermissionDenied):
        InvoiceService(db).issue_prepayment(consultant, request_id)


def test_a_consultant_cannot_cancel_a_paid_prepaid_request(db, manager, consultant, accountant):
    office = Office(db, manager)
    request_id = office.new_request("EDU")
    invoice_id = InvoiceService(db).money_status(accountant, request_id).prepayment_invoice_id
    PaymentService(db).record_payment(
        accountant,
        PaymentDraft(op(), office.card.id, "cash", "25000000", invoice_id=invoice_id),
    )
    before, status = invoice_count(db), office.status(request_id)
    queue = QueueService(db)
    with pytest.raises(PermissionDenied) as refused:
        queue.cancel(
            consultant, request_id, "مشترک منصرف شد", expected_version=office.version(request_id)
        )
    assert refused.value.params["permission"] == "credit_invoices"
    assert invoice_count(db) == before and office.status(request_id) == status
    # A manager may both cancel requests and credit invoices.
    queue.cancel(manager, request_id, "مشترک منصرف شد", expected_version=office.version(request_id))
    assert invoice_count(db) == before + 1  # the credit note, by someone allowed to issue it


def _count_subscribers(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM subscribers").scalar()


def test_a_deactivated_users_open_window_can_do_nothing(db, actor):
    users = UserService(db)
    admin = users.system_actor()
    users.add_user(admin, "sara", "سارا مشاوری", "consultant", "long-enough-1")
    sara = users.sign_in("sara", "long-enough-1")  # her window stays open …
    users.set_active(admin, "sara", False)  # … while an admin deactivates her
    before = _count_subscribers(db)
    with pytest.raises(AccountChanged) as refused:
        SubscriberService(db).create(
            sara, SubscriberDraft(name="مشترک تازه", phones=(PhoneDraft("09171230000"),))
        )
    assert refused.value.code == "account_inactive" and refused.value.code in MESSAGES
    assert _count_subscribers(db) == before


def test_a_demoted_users_stale_role_is_refused(db):
    users = UserService(db)
    admin = users.system_actor()
    users.add_user(admin, "bahram", "بهرام مدیری", "manager", "long-enough-1")
    stale = users.sign_in("bahram", "long-enough-1")
    assert stale.role is Role.MANAGER
    with db.engine.begin() as conn:  # an admin made him a consultant meanwhile
        conn.exec_driver_sql("UPDATE users SET role = 'consultant' WHERE username = 'bahram'")
    before = _count_subscribers(db)
    with pytest.raises(AccountChanged) as refused:
        SubscriberService(db).create(
            stale, SubscriberDraft(name="مشترک دیگر", phones=(PhoneDraft("09171230001"),))
        )
    assert refused.value.code == "role_changed" and refused.value.code in MESSAGES
    assert _count_subscribers(db) == before
    office = office_actor(db, "script")  # accounts that never sign in (scripts) still work
    SubscriberService(db).create(
        office, SubscriberDraft(name="مشترک سوم", phones=(PhoneDraft("09171230002"),))
    )
