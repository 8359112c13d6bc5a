"""Registering and editing subscribers against the bad-input catalogue (RELIABILITY.md):
every entry ends as one canonical stored value, or as a field error with nothing written."""

from __future__ import annotations

import pytest

from hendazh_desktop.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.subscribers.search import SubscriberSearch


@pytest.fixture
def subs(db):
    return SubscriberService(db)


@pytest.fixture
def zone(zone_ids):
    return zone_ids[0]


def draft(name="علی رضایی", phones=("09171234567",), **kwargs) -> SubscriberDraft:
    return SubscriberDraft(name=name, phones=tuple(PhoneDraft(p) for p in phones), **kwargs)


def count(db, actor) -> int:
    return SubscriberSearch(db).count(actor)


def rows(db, sql: str) -> list[tuple]:
    """Straight from the database, past the services."""
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def table_count(db, table: str) -> int:
    return rows(db, f"SELECT count(*) FROM {table}")[0][0]


def test_create_normalises_and_finds_by_persian_spelling(db, subs, actor, zone):
    card = subs.create(
        actor,
        draft(
            name="\u200cعلي  كريمي\u200c",
            phones=("+98 917 123 4567", "۰۷۱-۳۲۲۷-۴۵۱۷"),
            addresses=(
                AddressDraft("خيابان زند،  کوچه ۵", zone, title="منزل", postal_code="۷۱۳۴۸۴۵۹۸۱"),
            ),
            national_code="۰۰۷۶۲۲۹۶۴۵",
            notes="يادداشت\u202e",
        ),
    )
    assert card.name == "علی کریمی"
    assert [(p.number, p.kind) for p in card.phones] == [
        ("09171234567", "mobile"),
        ("07132274517", "landline"),
    ]
    assert card.addresses[0].text == "خیابان زند، کوچه ۵"
    assert card.addresses[0].postal_code == "7134845981"
    assert card.national_code == "0076229645"
    assert card.notes == "یادداشت"
    assert len(card.code) == 8 and card.version == 1
    assert card == subs.card(actor, card.id)
    found = SubscriberSearch(db).search(actor, "علی کریمی")
    assert [r.id for r in found] == [card.id]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("علي كريمي", "علی کریمی"),  # Arabic yeh and kaf
        ("ﻋﻠﻲ ﻛﺮﻳﻤﻲ", "علی کریمی"),  # Arabic presentation forms
        ("\u200c\u200cمحمد\u200c\u200cرضا\u200c کریمی\u200c", "محمد\u200cرضا کریمی"),
        ("علی \u200cکریمی\u200c\u200c", "علی کریمی"),  # ZWNJ beside a space or at the end
        ("\u202bعلی\u202c \u2067کریمی\u2069\u200f\u061c", "علی کریمی"),  # bidi controls
        ("\u202eعلی کریمی", "علی کریمی"),  # right-to-left override
        ("  علی\u00a0\u00a0\tکریمی  ", "علی کریمی"),  # odd spaces
        ("علی\x07 کریمی\x1b", "علی کریمی"),  # control characters other than NUL
        ("Ａｌｉ Karimi", "Ali Karimi"),  # full-width Latin
    ],
)
def test_names_are_stored_in_one_canonical_form(db, subs, actor, typed, stored):
    card = subs.create(actor, draft(name=typed))
    assert card.name == stored
    assert rows(db, "SELECT name FROM subscribers") == [(stored,)]
    # the Persian spelling, the Arabic spelling and the typed form all find it
    search = SubscriberSearch(db)
    for query in (stored, typed, stored.replace("ی", "ي").replace("ک", "ك")):
        assert [r.id for r in search.search(actor, query)] == [card.id], query


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "\u200c\u202e \u200f"}, "name", "required"),  # nothing left once cleaned
        ({"name": "ع"}, "name", "too_short"),
        ({"name": "علی 😀"}, "name", "name_characters"),
        ({"name": "👨‍👩‍👧 خانواده"}, "name", "name_characters"),
        ({"name": "علی ❤ رضایی"}, "name", "name_characters"),
        ({"name": "علی ۲"}, "name", "name_characters"),
        ({"name": "ا" * 1_000_000}, "name", "too_long"),
        ({"name": "ا" * 101}, "name", "too_long"),
        ({"name": "علی\x00رضا"}, "name", "control_characters"),
        ({"notes": "x\x00"}, "notes", "control_characters"),
        ({"notes": "ن" * 1_000_000}, "notes", "too_long"),
        ({"phones": ("0912123456",)}, "phone:0", "phone_length"),
        ({"phones": ("091212345678",)}, "phone:0", "phone_length"),
        ({"phones": ("+1 202 555 0100",)}, "phone:0", "phone_not_iranian"),
        ({"phones": ("0912abc4567",)}, "phone:0", "phone_invalid"),
        ({"phones": ("02012345678",)}, "phone:0", "phone_invalid"),  # no such area code
        ({"phones": ("07102274517",)}, "phone:0", "phone_invalid"),  # no number starts 0
        ({"phones": ("0912\x001234567",)}, "phone:0", "phone_invalid"),
        ({"phones": ("۰۹۱۲" * 250_000,)}, "phone:0", "phone_length"),
        ({"phones": ()}, "phone:0", "required"),
        ({"phones": ("", "  ")}, "phone:0", "required"),
        ({"phones": ("09171234567", "۰۹۱۷۱۲۳۴۵۶۷")}, "phone:1", "phone_repeated"),
        ({"phones": ("09171234567", "+98 917 123 4567")}, "phone:1", "phone_repeated"),
        ({"phones": tuple(f"0917000000{n}" for n in range(6))}, "phone:5", "too_many"),
        ({"national_code": "007622964"}, "national_code", "national_code_length"),
        ({"national_code": "00762296451"}, "national_code", "national_code_length"),
        ({"national_code": "00762296a5"}, "national_code", "national_code_length"),
        ({"national_code": "0076229646"}, "national_code", "national_code_invalid"),
        ({"do_not_serve": True}, "do_not_serve_reason", "required"),
        ({"referrer": "12345678"}, "referrer", "referrer_format"),
        ({"referrer": "نام معرف"}, "referrer", "referrer_format"),
    ],
)
def test_refused_input_writes_nothing(db, subs, actor, changes, field, code):
    base = {"name": "علی رضایی", "phones": ("09171234567",)}
    base.update(changes)
    phones = base.pop("phones")
    with pytest.raises(ValidationError) as error:
        subs.create(actor, SubscriberDraft(phones=tuple(PhoneDraft(p) for p in phones), **base))
    assert (error.value.field, error.value.code) == (field, code)
    assert count(db, actor) == 0
    assert table_count(db, "subscriber_phones") == 0
    assert table_count(db, "audit_log") == 0


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_national_codes_are_refused(db, subs, actor, digit):
    """All ten pass the mod-11 checksum, and none is ever issued."""
    with pytest.raises(ValidationError) as error:
        subs.create(actor, draft(national_code=digit * 10))
    assert (error.value.field, error.value.code) == ("national_code", "national_code_invalid")
    assert count(db, actor) == 0


@pytest.mark.parametrize("typed", ["0076229645", "۰۰۷۶۲۲۹۶۴۵", "٠٠٧٦٢٢٩٦٤٥", "007-622964-5"])
def test_national_code_in_any_digits_is_stored_once(db, subs, actor, typed):
    card = subs.create(actor, draft(national_code=typed))
    assert card.national_code == "0076229645"
    hits = subs.check_duplicates(actor, phones=[], national_code="۰۰۷۶۲۲۹۶۴۵")
    assert [(h.field, h.subscriber.id) for h in hits] == [("national_code", card.id)]


@pytest.mark.parametrize(
    ("typed", "result"),
    [
        ("7134845981", "7134845981"),
        ("۷۱۹۳۶-۱۵۴۳۱", "7193615431"),
        (" 71348 45981 ", "7134845981"),
        ("1234567890", "postal_code_invalid"),  # a 2 in the first five digits
        ("7134545981", "postal_code_invalid"),  # the fifth digit is never 5
        ("1111345678", "postal_code_invalid"),  # four equal digits at the start
        ("713484598", "postal_code_length"),
        ("71348459811", "postal_code_length"),
    ],
)
def test_postal_codes(db, subs, actor, zone, typed, result):
    address = AddressDraft("شیراز، خیابان زند، پلاک ۱", zone, postal_code=typed)
    if result.isdigit():
        card = subs.create(actor, draft(addresses=(address,)))
        assert card.addresses[0].postal_code == result
        return
    with pytest.raises(ValidationError) as error:
        subs.create(actor, draft(addresses=(address,)))
    assert (error.value.field, error.value.code) == ("address:0:postal_code", result)
    assert count(db, actor) == 0


MOBILE_FORMS = [
    "09121234567",
    "۰۹۱۲۱۲۳۴۵۶۷",
    "٠٩١٢١٢٣٤٥٦٧",
    "０９１２１２３４５６７",
    "+98 912 123 4567",
    "+98 (912) 123-4567",
    "0098-912-123-4567",
    "00989121234567",
    "989121234567",
    "9121234567",
    " 0912 123 4567 ",
    "0912.123.4567",
]
LANDLINE_FORMS = ["07132274517", "071-3227-4517", "(071) 32274517", "+98 71 3227 4517", "32274517"]


@pytest.mark.parametrize(
    ("forms", "stored"), [(MOBILE_FORMS, "09121234567"), (LANDLINE_FORMS, "07132274517")]
)
def test_every_form_of_a_phone_is_one_number(db, subs, actor, forms, stored):
    first = subs.create(actor, draft(phones=(forms[1],)))
    assert [p.number for p in first.phones] == [stored]
    for typed in forms:
        hits = subs.check_duplicates(actor, phones=[typed])
        assert [(h.field, h.value, h.subscriber.id) for h in hits] == [
            ("phone", stored, first.id)
        ], typed
        with pytest.raises(ValidationError) as taken:
            subs.create(actor, draft(name="کس دیگر", phones=(typed,)))
        assert (taken.value.field, taken.value.code) == ("phone:0", "phone_taken"), typed
        assert SubscriberSearch(db).find_exact(actor, typed) == first.id, typed
    assert count(db, actor) == 1


def test_every_bad_field_at_once(db, subs, actor):
    with pytest.raises(ValidationErrors) as errors:
        subs.create(
            actor,
            SubscriberDraft(
                name="علی😀",
                phones=(PhoneDraft("123"), PhoneDraft("+44 20 7946 0958")),
                addresses=(AddressDraft("کو", None, postal_code="12"),),
                national_code="1111111111",
                do_not_serve=True,
                notes="\x00",
                referrer="نام",
            ),
        )
    assert {field: e.code for field, e in errors.value.by_field.items()} == {
        "name": "name_characters",
        "phone:0": "phone_length",
        "phone:1": "phone_not_iranian",
        "address:0:text": "too_short",
        "address:0:postal_code": "postal_code_length",
        "address:0:zone": "required",
        "national_code": "national_code_invalid",
        "do_not_serve_reason": "required",
        "notes": "control_characters",
    }
    assert count(db, actor) == 0


def test_duplicates_are_flagged_and_refused(db, subs, actor):
    first = subs.create(actor, draft(national_code="0076229645"))
    hits = subs.check_duplicates(actor, phones=["۰۹۱۷ ۱۲۳ ۴۵۶۷"], national_code="0076229645")
    assert {(h.field, h.subscriber.id) for h in hits} == {
        ("phone", first.id),
        ("national_code", first.id),
    }
    assert subs.check_duplicates(actor, phones=["not a phone", ""], national_code="12") == []
    with pytest.raises(ValidationError) as phone:
        subs.create(actor, draft(name="دیگری", phones=("09171234567",)))
    assert (phone.value.field, phone.value.code) == ("phone:0", "phone_taken")
    assert phone.value.params == {"subscriber_code": first.code, "name": first.name}
    with pytest.raises(ValidationError) as national:
        subs.create(actor, draft(name="دیگری", phones=("09170000000",), national_code="0076229645"))
    assert (national.value.field, national.value.code) == ("national_code", "national_code_taken")
    assert national.value.params["subscriber_code"] == first.code
    assert subs.check_duplicates(actor, phones=["09171234567"], exclude_id=first.id) == []
    assert count(db, actor) == 1


def test_every_taken_field_is_reported_on_its_own_row(db, subs, actor):
    first = subs.create(
        actor, draft(phones=("09171234567", "09171234568"), national_code="0076229645")
    )
    with pytest.raises(ValidationErrors) as errors:
        subs.create(
            actor,
            SubscriberDraft(
                name="دیگری",
                # a blank row first: the taken number is the form's third row
                phones=(PhoneDraft(""), PhoneDraft("09170000000"), PhoneDraft("09171234568")),
                national_code="0076229645",
            ),
        )
    assert {f: (e.code, e.params["subscriber_code"]) for f, e in errors.value.by_field.items()} == {
        "phone:2": ("phone_taken", first.code),
        "national_code": ("national_code_taken", first.code),
    }
    assert count(db, actor) == 1


def test_own_numbers_are_not_duplicates_when_editing(db, subs, actor):
    card = subs.create(actor, draft(national_code="0076229645"))
    edited = subs.update(
        actor,
        card.id,
        draft(name="علی رضایی‌فر", phones=("+98 917 123 4567",), national_code="۰۰۷۶۲۲۹۶۴۵"),
        expected_version=card.version,
    )
    assert edited.name == "علی رضایی‌فر" and edited.version == 2
    assert [p.number for p in edited.phones] == ["09171234567"]


def test_referrer_by_code_or_phone_then_immutable(db, subs, actor):
    referrer = subs.create(actor, draft(name="بابک لاری", phones=("09170000001",)))
    spaced = f"{referrer.code[:4]}-{referrer.code[4:]}"
    by_code = subs.create(
        actor, draft(name="شیوا لاری", phones=("09170000002",), referrer=referrer.code)
    )
    by_phone = subs.create(
        actor, draft(name="نیما لاری", phones=("09170000003",), referrer="۰۹۱۷۰۰۰۰۰۰۱")
    )
    by_dashed_code = subs.create(
        actor, draft(name="سیما لاری", phones=("09170000004",), referrer=spaced)
    )
    assert by_code.referrer.id == by_phone.referrer.id == by_dashed_code.referrer.id
    assert by_code.referrer.id == referrer.id
    assert subs.resolve_referrer(actor, "\t" + spaced).id == referrer.id
    assert {r.id for r in subs.card(actor, referrer.id).referred} == {
        by_code.id,
        by_phone.id,
        by_dashed_code.id,
    }
    # saving with the same referrer (named either way) is fine
    kept = subs.update(
        actor,
        by_code.id,
        draft(name="شیوا لاری", phones=("09170000002",), referrer="09170000001"),
        expected_version=by_code.version,
    )
    assert kept.referrer.id == referrer.id
    for other in (by_phone.code, ""):  # neither changed nor removed
        with pytest.raises(ValidationError) as changed:
            subs.update(
                actor,
                by_code.id,
                draft(name="شیوا لاری", phones=("09170000002",), referrer=other),
                expected_version=kept.version,
            )
        assert (changed.value.field, changed.value.code) == ("referrer", "referrer_immutable")
    assert subs.card(actor, by_code.id).referrer.id == referrer.id


def test_unknown_referrer_refused_and_nothing_written(db, subs, actor):
    known = subs.create(actor, draft(name="بابک لاری", phones=("09170000001",)))
    unused_code = next(c for c in ("10000004", "20000006") if c != known.code)  # valid codes
    for text in ("09179999999", unused_code):
        with pytest.raises(ValidationError) as unknown:
            subs.create(actor, draft(name="ناشناس", phones=("09170000009",), referrer=text))
        assert (unknown.value.field, unknown.value.code) == ("referrer", "referrer_not_found")
    assert count(db, actor) == 1


def test_referrer_added_later_and_cycles_refused(db, subs, actor):
    a = subs.create(actor, draft(name="الف الف", phones=("09170000001",)))
    b = subs.create(actor, draft(name="ب ب", phones=("09170000002",), referrer=a.code))
    c = subs.create(actor, draft(name="پ پ", phones=("09170000003",), referrer=b.code))
    for text, code in ((c.code, "referrer_cycle"), (b.code, "referrer_cycle")):
        with pytest.raises(ValidationError) as cycle:
            subs.update(
                actor,
                a.id,
                draft(name="الف الف", phones=("09170000001",), referrer=text),
                expected_version=a.version,
            )
        assert (cycle.value.field, cycle.value.code) == ("referrer", code)
    loner = subs.create(actor, draft(name="ت ت", phones=("09170000004",)))
    with pytest.raises(ValidationError) as itself:
        subs.update(
            actor,
            loner.id,
            draft(name="ت ت", phones=("09170000004",), referrer=loner.code),
            expected_version=loner.version,
        )
    assert itself.value.code == "referrer_cycle"
    assert subs.card(actor, a.id).referrer is None and subs.card(actor, a.id).version == 1
    later = subs.update(
        actor,
        loner.id,
        draft(name="ت ت", phones=("09170000004",), referrer=c.code),
        expected_version=loner.version,
    )
    assert later.referrer.id == c.id


def test_stale_edit_is_refused(db, subs, actor):
    card = subs.create(actor, draft())
    saved = subs.update(actor, card.id, draft(name="علی رضایی‌نژاد"), expected_version=1)
    assert saved.version == 2
    with pytest.raises(Conflict) as stale:
        subs.update(actor, card.id, draft(name="کس دیگر"), expected_version=card.version)
    assert stale.value.code == "stale"
    assert subs.card(actor, card.id).name == "علی رضایی‌نژاد"
    assert subs.card(actor, card.id).version == 2
    with pytest.raises(NotFound):
        subs.update(actor, 999, draft(), expected_version=1)
    with pytest.raises(NotFound):
        subs.card(actor, 999)


def test_phone_moves_between_subscribers(db, subs, actor):
    a = subs.create(actor, draft(name="الف الف", phones=("09170000001", "09170000002")))
    b = subs.create(actor, draft(name="ب ب", phones=("09170000003",)))
    with pytest.raises(ValidationError) as taken:  # still A's
        subs.update(
            actor,
            b.id,
            draft(name="ب ب", phones=("09170000003", "09170000002")),
            expected_version=1,
        )
    assert (taken.value.field, taken.value.code) == ("phone:1", "phone_taken")
    a = subs.update(actor, a.id, draft(name="الف الف", phones=("09170000001",)), expected_version=1)
    b = subs.update(
        actor, b.id, draft(name="ب ب", phones=("09170000002", "09170000003")), expected_version=1
    )
    assert [p.number for p in a.phones] == ["09170000001"]
    assert [p.number for p in b.phones] == ["09170000002", "09170000003"]
    search = SubscriberSearch(db)
    assert search.find_exact(actor, "09170000002") == b.id
    assert [r.id for r in search.search(actor, "70000002")] == [b.id]  # the fragment index
    assert [r.id for r in search.search(actor, "0917000000")] == [a.id, b.id]
    # and back again, reordered, in one subscriber's edits
    b = subs.update(
        actor, b.id, draft(name="ب ب", phones=("09170000003", "09170000002")), expected_version=2
    )
    assert [p.number for p in b.phones] == ["09170000003", "09170000002"]
    assert table_count(db, "subscriber_phones") == 3
    if db.is_sqlite:  # the fragment index follows every move
        assert table_count(db, "phone_fts") == 3


def test_removed_address_is_retired_not_deleted(db, subs, actor, zone_ids, services):
    a = subs.create(
        actor,
        draft(
            name="الف الف",
            addresses=(
                AddressDraft("نشانی نخست کوچه ۱", zone_ids[0]),
                AddressDraft("نشانی دوم کوچه ۲", zone_ids[1]),
            ),
        ),
    )
    first, second = a.addresses
    request = IntakeService(db).create_request(
        actor, RequestDraft(a.id, services["نظافت"].id, first.id)
    )
    a = subs.update(
        actor,
        a.id,
        draft(name="الف الف", addresses=(AddressDraft(second.text, second.zone_id, id=second.id),)),
        expected_version=1,
    )
    assert [x.id for x in a.addresses] == [second.id]
    assert rows(db, "SELECT id, active FROM addresses ORDER BY id") == [
        (first.id, False),
        (second.id, True),
    ]
    assert QueueService(db).get(actor, request.id).address == "نشانی نخست کوچه ۱"
    with pytest.raises(ValidationError) as retired:  # no new request to a retired address
        IntakeService(db).create_request(actor, RequestDraft(a.id, services["نظافت"].id, first.id))
    assert retired.value.code == "address_not_of_subscriber"
    back = subs.update(
        actor,
        a.id,
        draft(
            name="الف الف",
            addresses=(
                AddressDraft(first.text, first.zone_id, id=first.id),
                AddressDraft("نشانی دوم، کوچه ۲ الف", second.zone_id, id=second.id),
            ),
        ),
        expected_version=2,
    )
    assert [(x.id, x.text) for x in back.addresses] == [
        (first.id, "نشانی نخست کوچه ۱"),
        (second.id, "نشانی دوم، کوچه ۲ الف"),
    ]


def test_unknown_zone_names_its_address_row(db, subs, actor, zone):
    with pytest.raises(ValidationError) as error:
        subs.create(
            actor,
            draft(
                addresses=(
                    AddressDraft("نشانی درست کوچه ۱", zone),
                    AddressDraft("نشانی با منطقه ناموجود", 9999),
                )
            ),
        )
    assert (error.value.field, error.value.code) == ("address:1:zone", "zone_unknown")
    assert count(db, actor) == 0 and table_count(db, "addresses") == 0


def test_card_shows_referrals_and_requests(db, subs, actor, services, new_subscriber):
    parent = new_subscriber("مریم فسایی", "09171110000")
    child = new_subscriber("سارا فسایی", "09171110001", referrer=parent.code)
    made = IntakeService(db).create_request(
        actor, RequestDraft(child.id, services["برق‌کاری"].id, child.addresses[0].id)
    )
    card = subs.card(actor, child.id)
    assert card.referrer.code == parent.code and card.referrer.name == "مریم فسایی"
    assert [(r.id, r.status, r.service) for r in card.requests] == [(made.id, "queued", "برق‌کاری")]
    assert [r.id for r in subs.card(actor, parent.id).referred] == [child.id]


def test_roles_are_checked(db, subs, actor, accountant, consultant):
    card = subs.create(actor, draft())
    with pytest.raises(PermissionDenied):
        subs.create(accountant, draft(name="دیگری", phones=("09170000000",)))
    with pytest.raises(PermissionDenied):
        subs.update(accountant, card.id, draft(name="دیگری"), expected_version=1)
    assert subs.card(accountant, card.id).id == card.id  # but the accountant can look
    made = subs.create(consultant, draft(name="مشترک مشاور", phones=("09170000001",)))
    assert made.version == 1
    assert count(db, actor) == 2


def test_referrer_by_a_local_number_that_also_looks_like_a_code(db, subs, actor):
    """«32274517» passes the code's check digit, and is also a Shiraz landline."""
    landline = subs.create(actor, draft(name="تلفن ثابت", phones=("071-3227-4517",)))
    referred = subs.create(
        actor, draft(name="معرفی شده", phones=("09170000009",), referrer="32274517")
    )
    assert referred.referrer.id == landline.id
