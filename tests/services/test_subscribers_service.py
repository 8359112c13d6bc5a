"""Registering and editing subscribers against the bad-input catalogue; nothing half-written."""

from __future__ import annotations

import pytest

from hendazh_desktop.domain.errors import Conflict, ValidationError, ValidationErrors
from hendazh_desktop.services.catalogue import CatalogueService
from hendazh_desktop.services.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.subscribers import SubscriberService


@pytest.fixture
def subs(db):
    return SubscriberService(db)


@pytest.fixture
def zone(db, manager):
    return CatalogueService(db).zones(manager)[0].id


def draft(name="علی رضایی", phones=("09171234567",), **kwargs) -> SubscriberDraft:
    return SubscriberDraft(name=name, phones=tuple(PhoneDraft(p) for p in phones), **kwargs)


def count(db, manager) -> int:
    return SubscriberSearch(db).count(manager)


def test_create_normalises_and_finds_by_persian_spelling(db, subs, manager, zone):
    card = subs.create(
        manager,
        draft(
            name="\u200cعلي  كريمي\u200c",
            phones=("+98 917 123 4567", "۰۷۱-۳۲۲۷-۴۵۱۷"),
            addresses=(AddressDraft("خيابان زند،  کوچه ۵", zone, title="منزل"),),
            national_code="۰۰۷۶۲۲۹۶۴۵",
            notes="يادداشت\u202e",
        ),
    )
    assert card.name == "علی کریمی"
    assert [p.number for p in card.phones] == ["09171234567", "07132274517"]
    assert card.addresses[0].text == "خیابان زند، کوچه ۵"
    assert card.national_code == "0076229645"
    assert card.notes == "یادداشت"
    assert len(card.code) == 8
    found = SubscriberSearch(db).search(manager, "علی کریمی")
    assert [r.id for r in found] == [card.id]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "ع"}, "name", "too_short"),
        ({"name": "علی 😀"}, "name", "name_characters"),
        ({"name": "ا" * 1_000_000}, "name", "too_long"),
        ({"name": "علی\x00رضا"}, "name", "control_characters"),
        ({"phones": ("0912123456",)}, "phone:0", "phone_length"),
        ({"phones": ("091212345678",)}, "phone:0", "phone_length"),
        ({"phones": ("+1 202 555 0100",)}, "phone:0", "phone_not_iranian"),
        ({"phones": ()}, "phone:0", "required"),
        ({"phones": ("09171234567", "۰۹۱۷۱۲۳۴۵۶۷")}, "phone:1", "phone_repeated"),
        ({"national_code": "1111111111"}, "national_code", "national_code_invalid"),
        ({"national_code": "007622964"}, "national_code", "national_code_length"),
        ({"national_code": "0076229646"}, "national_code", "national_code_invalid"),
        ({"do_not_serve": True}, "do_not_serve_reason", "required"),
        ({"referrer": "12345678"}, "referrer", "referrer_format"),
    ],
)
def test_refused_input_writes_nothing(db, subs, manager, changes, field, code):
    base = {"name": "علی رضایی", "phones": ("09171234567",)}
    base.update(changes)
    phones = base.pop("phones")
    with pytest.raises(ValidationError) as error:
        subs.create(manager, SubscriberDraft(phones=tuple(PhoneDraft(p) for p in phones), **base))
    assert (error.value.field, error.value.code) == (field, code)
    assert count(db, manager) == 0


def test_every_bad_field_at_once(db, subs, manager):
    with pytest.raises(ValidationErrors) as errors:
        subs.create(manager, draft(name="", phones=("123",), national_code="12"))
    assert set(errors.value.by_field) == {"name", "phone:0", "national_code"}
    assert count(db, manager) == 0


def test_duplicates_are_flagged_and_refused(db, subs, manager):
    first = subs.create(manager, draft(national_code="0076229645"))
    hits = subs.check_duplicates(manager, phones=["۰۹۱۷ ۱۲۳ ۴۵۶۷"], national_code="0076229645")
    assert {(h.field, h.subscriber.id) for h in hits} == {
        ("phone", first.id),
        ("national_code", first.id),
    }
    with pytest.raises(ValidationError) as phone:
        subs.create(manager, draft(name="دیگری", phones=("09171234567",)))
    assert phone.value.code == "phone_taken"
    assert phone.value.params["subscriber_code"] == first.code
    with pytest.raises(ValidationError) as national:
        subs.create(
            manager, draft(name="دیگری", phones=("09170000000",), national_code="0076229645")
        )
    assert national.value.code == "national_code_taken"
    assert subs.check_duplicates(manager, phones=["09171234567"], exclude_id=first.id) == []


def test_referrer_by_code_or_phone_then_immutable(db, subs, manager):
    referrer = subs.create(manager, draft(name="بابک لاری", phones=("09170000001",)))
    by_code = subs.create(
        manager, draft(name="شیوا لاری", phones=("09170000002",), referrer=referrer.code)
    )
    by_phone = subs.create(
        manager, draft(name="نیما لاری", phones=("09170000003",), referrer="۰۹۱۷۰۰۰۰۰۰۱")
    )
    assert by_code.referrer.id == by_phone.referrer.id == referrer.id
    assert {r.id for r in subs.card(manager, referrer.id).referred} == {by_code.id, by_phone.id}
    with pytest.raises(ValidationError) as changed:
        subs.update(
            manager,
            by_code.id,
            draft(name="شیوا لاری", phones=("09170000002",), referrer=by_phone.code),
            expected_version=by_code.version,
        )
    assert changed.value.code == "referrer_immutable"
    with pytest.raises(ValidationError) as unknown:
        subs.create(manager, draft(name="ناشناس", phones=("09170000009",), referrer="09179999999"))
    assert unknown.value.code == "referrer_not_found"


def test_referral_cycle_refused(db, subs, manager):
    a = subs.create(manager, draft(name="الف", phones=("09170000001",)))
    b = subs.create(manager, draft(name="ب ب", phones=("09170000002",), referrer=a.code))
    with pytest.raises(ValidationError) as cycle:
        subs.update(
            manager,
            a.id,
            draft(name="الف", phones=("09170000001",), referrer=b.code),
            expected_version=a.version,
        )
    assert cycle.value.code == "referrer_cycle"


def test_stale_edit_is_refused(db, subs, manager):
    card = subs.create(manager, draft())
    subs.update(manager, card.id, draft(name="علی رضایی‌نژاد"), expected_version=card.version)
    with pytest.raises(Conflict) as stale:
        subs.update(manager, card.id, draft(name="کس دیگر"), expected_version=card.version)
    assert stale.value.code == "stale"
    assert subs.card(manager, card.id).name == "علی رضایی‌نژاد"


def test_phone_moves_and_addresses_retire(db, subs, manager, zone):
    a = subs.create(
        manager,
        draft(
            name="الف الف",
            phones=("09170000001", "09170000002"),
            addresses=(AddressDraft("نشانی نخست کوچه ۱", zone),),
        ),
    )
    a = subs.update(
        manager, a.id, draft(name="الف الف", phones=("09170000001",)), expected_version=a.version
    )
    assert a.addresses == ()  # retired, not deleted: old requests still point at it
    b = subs.create(manager, draft(name="ب ب", phones=("09170000002",)))
    assert SubscriberSearch(db).find_exact(manager, "09170000002") == b.id
