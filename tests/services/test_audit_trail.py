"""Every write through the services is audited, in a hash chain that catches tampering."""

from __future__ import annotations

import sqlite3

import pytest

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.audit import AuditFilter, AuditService
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService


@pytest.fixture
def populated(db):
    manager = office_actor(db, "boss", full_name="بهرام مدیری", role=Role.MANAGER)
    zone = CatalogueService(db).zones(manager)[0]
    subs = SubscriberService(db)
    card = subs.create(
        manager,
        SubscriberDraft(
            name="علی رضایی",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("خیابان زند، کوچه ۵", zone.id),),
        ),
    )
    subs.update(
        manager,
        card.id,
        SubscriberDraft(
            name="علی رضایی‌نژاد",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("خیابان زند، کوچه ۵", zone.id, id=card.addresses[0].id),),
        ),
        expected_version=card.version,
    )
    service = CatalogueService(db).services(manager)[0]
    created = IntakeService(db).create_request(
        manager, RequestDraft(card.id, service.id, card.addresses[0].id)
    )
    QueueService(db).cancel(manager, created.id, "مشترک منصرف شد", expected_version=1)
    return db, manager, card


def test_every_write_is_recorded_with_who_and_what(populated):
    db, manager, _card = populated
    audit = AuditService(db)
    rows = audit.page(manager, AuditFilter(), 0, 50)
    kinds = [(r.entity, r.action) for r in reversed(rows)]
    assert kinds == [
        ("subscriber", "create"),
        ("subscriber", "update"),
        ("request", "create"),
        ("request", "transition"),
    ]
    update = rows[2]
    assert update.user == "بهرام مدیری"
    assert update.before == {"name": "علی رضایی"}
    assert update.after == {"name": "علی رضایی‌نژاد"}
    cancel = rows[0]
    assert cancel.before == {"status": "queued"}
    assert cancel.after["status"] == "cancelled" and cancel.after["reason"] == "مشترک منصرف شد"
    only_subscriber = audit.page(manager, AuditFilter(entity="subscriber"), 0, 50)
    assert {r.entity for r in only_subscriber} == {"subscriber"}


def test_consultants_cannot_read_the_audit(populated):
    db, _manager, _card = populated
    consultant = office_actor(db, "sara", role=Role.CONSULTANT)
    with pytest.raises(Exception) as refused:
        AuditService(db).page(consultant, AuditFilter(), 0, 10)
    assert getattr(refused.value, "code", "") == "permission_denied"


def test_chain_holds_then_catches_an_edited_row(populated):
    db, manager, _card = populated
    if not db.is_sqlite:
        pytest.skip("rewrites the SQLite file behind the app's back")
    audit = AuditService(db)
    assert audit.verify(manager).ok
    assert db.path is not None
    raw = sqlite3.connect(db.path)
    with pytest.raises(sqlite3.IntegrityError):  # the app's own guard: append-only
        raw.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 2")
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("""UPDATE audit_log SET after_json = '{"name":"کس دیگر"}' WHERE id = 2""")
    raw.commit()
    raw.close()
    result = audit.verify(manager)
    assert not result.ok
    assert result.broken_entry == 2
    assert result.reason == "hash_mismatch"


def test_chain_catches_a_deleted_row_and_a_deleted_tail(populated):
    db, manager, _card = populated
    if not db.is_sqlite:
        pytest.skip("rewrites the SQLite file behind the app's back")
    raw = sqlite3.connect(db.path)
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE id = 4")  # the newest entry
    raw.commit()
    result = AuditService(db).verify(manager)
    assert not result.ok and result.reason == "missing_tail"
    raw.execute("DELETE FROM audit_log WHERE id = 2")
    raw.commit()
    raw.close()
    result = AuditService(db).verify(manager)
    assert not result.ok and result.broken_entry == 3 and result.reason == "previous_mismatch"


def test_verify_reports_progress_and_can_be_cancelled(populated, monkeypatch):
    from hendazh_desktop.db.repositories import audit as audit_repo
    from hendazh_desktop.domain.progress import Cancelled

    db, manager, _card = populated
    monkeypatch.setattr(audit_repo, "VERIFY_REPORT_EVERY", 2)  # a few entries: small batches
    seen: list[tuple[int, int]] = []
    result = AuditService(db).verify(manager, progress=lambda d, t, _m: seen.append((d, t)))
    assert result.ok
    assert seen[0] == (0, result.checked) and seen[-1] == (result.checked, result.checked)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and len(seen) >= 3
    with pytest.raises(Cancelled):
        AuditService(db).verify(manager, cancelled=lambda: True)
