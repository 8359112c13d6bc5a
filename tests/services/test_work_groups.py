"""Workers and work groups: validation in Persian terms, audit, versions, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import Conflict, PermissionDenied, ValidationErrors
from hendazh_desktop.domain.work_groups import parse_iban
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService

IBAN = "IR490170000000001234567890"


@pytest.fixture
def ids(db, manager):
    catalogue = CatalogueService(db)
    services = {s.name: s.id for s in catalogue.services(manager)}
    zones = [z.id for z in catalogue.zones(manager)]
    return services, zones


def draft(ids, **changes) -> WorkGroupDraft:
    services, zones = ids
    values = dict(
        name="گروه تأسیسات زند",
        kind="team",
        phone="۰۹۱۷۱۱۱۲۲۳۳",
        daily_capacity="۴",
        iban="IR49 0170 0000 0000 1234 5678 90",
        members=(("مجید کریمی", "09171112233"), ("رضا نوری", "")),
        skills=((services["لوله‌کشی و تأسیسات"], 5), (services["برق‌کاری"], 3)),
        zone_ids=(zones[0], zones[1]),
        leave_days=("۱۴۰۴/۱۰/۰۱", "1404/10/02"),
    )
    values.update(changes)
    return WorkGroupDraft(**values)


def test_iban_checksum():
    assert parse_iban("ir49 0170 0000 0000 1234 5678 90") == IBAN
    with pytest.raises(Exception) as bad:
        parse_iban(IBAN[:-1] + "1")
    assert bad.value.code == "iban_checksum"


def test_create_and_read_back(db, manager, ids):
    service = WorkGroupService(db)
    info = service.create(manager, draft(ids))
    assert info.phone == "09171112233" and info.iban == IBAN and info.daily_capacity == 4
    assert info.members == (("مجید کریمی", "09171112233"), ("رضا نوری", ""))
    assert info.leave_days == (dt.date(2025, 12, 22), dt.date(2025, 12, 23))
    rows = service.list_groups(manager, "تاسیسات")  # found without the hamza too
    assert [(r.name, r.skill_count, r.zone_count) for r in rows] == [("گروه تأسیسات زند", 2, 2)]
    with db.read() as uow:
        assert (
            uow.audit.count(
                __import__(
                    "hendazh_desktop.db.repositories.audit", fromlist=["AuditQuery"]
                ).AuditQuery(entity="work_group")
            )
            == 1
        )


def test_every_bad_field_at_once_and_nothing_written(db, manager, ids):
    service = WorkGroupService(db)
    with pytest.raises(ValidationErrors) as errors:
        service.create(
            manager,
            draft(
                ids,
                name="",
                phone="0912",
                daily_capacity="۳۰",
                iban="IR00",
                skills=(),
                members=(("م", ""),),
                leave_days=("1404/12/30",),
            ),
        )
    assert set(errors.value.by_field) == {
        "name",
        "phone",
        "daily_capacity",
        "iban",
        "skills",
        "member:0",
        "leave",
    }
    assert service.list_groups(manager) == []


def test_update_with_version_and_unique_name(db, manager, ids):
    service = WorkGroupService(db)
    first = service.create(manager, draft(ids))
    other = service.create(
        manager, draft(ids, name="آقای برقی", kind="person", members=(("آرش برقی", ""),))
    )
    changed = service.update(
        manager,
        first.id,
        draft(ids, daily_capacity="6", active=False),
        expected_version=first.version,
    )
    assert changed.daily_capacity == 6 and not changed.active and changed.version == 2
    with pytest.raises(Conflict):
        service.update(manager, first.id, draft(ids), expected_version=first.version)
    with pytest.raises(Exception) as taken:
        service.update(
            manager, other.id, draft(ids, kind="person", members=()), expected_version=other.version
        )
    assert taken.value.code == "name_taken"


def test_consultants_may_look_but_not_edit(db, consultant, manager, ids):
    service = WorkGroupService(db)
    service.create(manager, draft(ids))
    assert len(service.list_groups(consultant)) == 1
    with pytest.raises(PermissionDenied):
        service.create(consultant, draft(ids, name="دیگری"))
