"""The catalogue: ten services and the city's zones seeded once, managers' edits validated
and versioned, and the display currency."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from hendazh_desktop.domain.catalogue import DEFAULT_SERVICES, SHIRAZ_ZONES
from hendazh_desktop.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.catalogue.catalogue import CatalogueService, ServiceDraft


@pytest.fixture
def catalogue(db):
    return CatalogueService(db)


def draft_of(service, **changes) -> ServiceDraft:
    """The dialog as it opens for a service (percentages typed as text), then edited."""

    def percent(bp: int) -> str:
        return f"{bp / 100:g}"

    base = ServiceDraft(
        name=service.name,
        payment_policy=service.payment_policy,
        materials_prepayment_allowed=service.materials_prepayment_allowed,
        materials_prepayment_percent=percent(service.materials_prepayment_bp),
        vat_exempt=service.vat_exempt,
        vat_percent=percent(service.vat_rate_bp),
        commission_percent=percent(service.commission_bp),
        referrer_share_percent=percent(service.referrer_share_bp),
        recipient_share_percent=percent(service.recipient_share_bp),
        base_price=str(service.base_price),
        active=service.active,
    )
    return dataclasses.replace(base, **changes)


def audit_rows(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()


def test_ten_services_and_the_zones_are_seeded(catalogue, actor):
    services = catalogue.services(actor)
    assert [(s.code, s.name, s.payment_policy) for s in services] == [
        (d.code, d.name, d.policy.value) for d in DEFAULT_SERVICES
    ]
    assert len(services) == 10
    prepaid = {s.name for s in services if s.prepaid}
    assert prepaid == {"خدمات آموزشی", "تورهای سلامت"}
    by_name = {s.name: s for s in services}
    assert by_name["خدمات آموزشی"].vat_exempt and by_name["خدمات آموزشی"].vat_rate_bp == 0
    assert by_name["نظافت"].vat_rate_bp == 1000 and by_name["نظافت"].commission_bp == 2000
    assert all(s.base_price > 0 for s in services if s.prepaid)
    assert all(s.version == 1 and s.active for s in services)
    assert [z.name for z in catalogue.zones(actor)] == list(SHIRAZ_ZONES)


def test_seeding_again_duplicates_nothing_and_keeps_edits(db, catalogue, actor, tmp_path):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    catalogue.update_service(
        actor,
        clean.id,
        draft_of(clean, name="نظافت منزل و اداره", base_price="۱٬۲۵۰٬۰۰۰", commission_percent="۲۵"),
        expected_version=1,
    )
    for _ in range(2):
        assert prepare_database(db, backup_dir=tmp_path / "again") is None  # already current
    services = catalogue.services(actor, include_inactive=True)
    assert len(services) == 10
    assert len(catalogue.zones(actor)) == len(SHIRAZ_ZONES)
    edited = next(s for s in services if s.code == "CLN")
    assert (edited.name, edited.base_price, edited.commission_bp, edited.version) == (
        "نظافت منزل و اداره",
        1_250_000,
        2_500,
        2,
    )
    assert not (tmp_path / "again").exists()


def test_update_service_normalises_and_records(db, catalogue, actor):
    tours = next(s for s in catalogue.services(actor) if s.code == "HTR")
    before = audit_rows(db)
    saved = catalogue.update_service(
        actor,
        tours.id,
        draft_of(
            tours,
            name="  تورهاي  سلامت ",
            base_price="200,000,000",
            vat_percent="۹٫۵",
            referrer_share_percent="12.25%",
            recipient_share_percent="٪۵",
            materials_prepayment_percent="0",
        ),
        expected_version=tours.version,
    )
    assert (saved.name, saved.base_price, saved.vat_rate_bp) == ("تورهای سلامت", 200_000_000, 950)
    assert (saved.referrer_share_bp, saved.recipient_share_bp) == (1225, 500)
    assert saved.materials_prepayment_bp == 0 and saved.version == tours.version + 1
    assert audit_rows(db) == before + 1
    # saving without a change bumps the version but adds no audit entry
    again = catalogue.update_service(actor, tours.id, draft_of(saved), expected_version=2)
    assert again.version == 3 and audit_rows(db) == before + 1


def test_vat_exempt_ignores_the_rate(catalogue, actor):
    school = next(s for s in catalogue.services(actor) if s.code == "EDU")
    saved = catalogue.update_service(
        actor,
        school.id,
        draft_of(school, vat_exempt=True, vat_percent="نامعلوم"),
        expected_version=1,
    )
    assert saved.vat_exempt and saved.vat_rate_bp == 0


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"vat_percent": "101"}, "vat_percent", "percent_out_of_range"),
        ({"commission_percent": "100.01"}, "commission_percent", "percent_out_of_range"),
        (
            {"materials_prepayment_percent": "۱۵۰"},
            "materials_prepayment_percent",
            "percent_out_of_range",
        ),
        ({"commission_percent": "-5"}, "commission_percent", "percent_invalid"),
        ({"commission_percent": "NaN"}, "commission_percent", "percent_invalid"),
        ({"commission_percent": "12.345"}, "commission_percent", "percent_invalid"),
        ({"commission_percent": ""}, "commission_percent", "percent_invalid"),
        (
            {"referrer_share_percent": "60", "recipient_share_percent": "50"},
            "recipient_share_percent",
            "shares_exceed_commission",
        ),
        ({"payment_policy": "prepaid", "base_price": "0"}, "base_price", "prepaid_needs_price"),
        ({"payment_policy": "prepaid", "base_price": ""}, "base_price", "prepaid_needs_price"),
        ({"payment_policy": "later"}, "payment_policy", "invalid"),
        ({"base_price": "12.5"}, "base_price", "amount_not_integer"),
        ({"base_price": "-500"}, "base_price", "amount_negative"),
        ({"base_price": "1e9"}, "base_price", "amount_not_integer"),
        ({"base_price": "1_000"}, "base_price", "amount_not_integer"),
        ({"base_price": "1" * 5000}, "base_price", "amount_too_large"),
        ({"base_price": str(10**15 + 1)}, "base_price", "amount_too_large"),
        ({"name": ""}, "name", "required"),
        ({"name": "ن"}, "name", "too_short"),
        ({"name": "ن" * 81}, "name", "too_long"),
        ({"name": "برق‌کاری"}, "name", "name_taken"),
        ({"name": "برق\u200cكاري"}, "name", "name_taken"),  # the same once normalised
        ({"name": "برق کاری"}, "name", "name_taken"),  # a space where the ZWNJ was
        ({"name": "برقکاری"}, "name", "name_taken"),  # or nothing at all
    ],
)
def test_bad_service_edits_change_nothing(db, catalogue, actor, changes, field, code):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    before = audit_rows(db)
    with pytest.raises(ValidationError) as error:
        catalogue.update_service(actor, clean.id, draft_of(clean, **changes), expected_version=1)
    assert (error.value.field, error.value.code) == (field, code)
    assert next(s for s in catalogue.services(actor) if s.code == "CLN") == clean
    assert audit_rows(db) == before


def test_every_bad_service_field_at_once(catalogue, actor):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    bad = draft_of(
        clean,
        name="",
        payment_policy="prepaid",
        vat_percent="200",
        referrer_share_percent="80",
        recipient_share_percent="30",
        base_price="0",
    )
    with pytest.raises(ValidationErrors) as errors:
        catalogue.update_service(actor, clean.id, bad, expected_version=1)
    assert {f: e.code for f, e in errors.value.by_field.items()} == {
        "name": "required",
        "vat_percent": "percent_out_of_range",
        "recipient_share_percent": "shares_exceed_commission",
        "base_price": "prepaid_needs_price",
    }


def test_version_conflict_and_unknown_service(catalogue, actor):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    catalogue.update_service(
        actor, clean.id, draft_of(clean, base_price="5000"), expected_version=1
    )
    with pytest.raises(Conflict) as stale:
        catalogue.update_service(
            actor, clean.id, draft_of(clean, base_price="7000"), expected_version=1
        )
    assert stale.value.code == "stale"
    current = next(s for s in catalogue.services(actor) if s.code == "CLN")
    assert (current.base_price, current.version) == (5000, 2)
    with pytest.raises(NotFound):
        catalogue.update_service(actor, 999, draft_of(clean), expected_version=1)


def test_inactive_services_are_listed_only_on_request(catalogue, actor, consultant):
    moving = next(s for s in catalogue.services(actor) if s.code == "MOV")
    catalogue.update_service(actor, moving.id, draft_of(moving, active=False), expected_version=1)
    assert "MOV" not in {s.code for s in catalogue.services(consultant)}
    listed = {s.code: s for s in catalogue.services(consultant, include_inactive=True)}
    assert not listed["MOV"].active and len(listed) == 10


def test_consultants_and_accountants_cannot_edit_services(catalogue, actor, consultant, accountant):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    for who in (consultant, accountant):
        with pytest.raises(PermissionDenied) as denied:
            catalogue.update_service(
                who, clean.id, draft_of(clean, base_price="1"), expected_version=1
            )
        assert denied.value.params["permission"] == "edit_services"
    assert next(s for s in catalogue.services(consultant) if s.code == "CLN").version == 1


def test_display_currency(db, catalogue, actor, consultant):
    assert catalogue.display_currency() is CurrencyUnit.RIAL
    catalogue.set_display_currency(actor, CurrencyUnit.TOMAN)
    assert catalogue.display_currency() is CurrencyUnit.TOMAN
    assert CatalogueService(db).display_currency() is CurrencyUnit.TOMAN  # stored, not cached
    with pytest.raises(PermissionDenied):
        catalogue.set_display_currency(consultant, CurrencyUnit.RIAL)
    assert catalogue.display_currency() is CurrencyUnit.TOMAN
    with db.write() as uow:  # a value this version does not know falls back to rials
        uow.catalogue.set_setting("display_currency", "dollar")
        uow.commit()
    assert catalogue.display_currency() is CurrencyUnit.RIAL
    with pytest.raises(ValueError):
        catalogue.set_display_currency(actor, "dollar")  # type: ignore[arg-type]


def test_a_split_change_is_a_dated_rule_and_earlier_days_keep_theirs(db, manager, services):
    catalogue = CatalogueService(db, clock=lambda: dt.datetime(2025, 11, 25, 7, tzinfo=dt.UTC))
    service = services["نظافت"]
    future = dataclasses.replace(
        draft_of(service), commission_percent="۲۵", split_effective_from="1404/10/01"
    )
    saved = catalogue.update_service(manager, service.id, future, expected_version=service.version)
    assert saved.commission_bp == 2000  # 25% is not in force yet
    schedule = catalogue.split_schedule(manager, service.id)
    assert [(r.commission_bp, r.effective_from) for r in schedule] == [
        (2500, dt.date(2025, 12, 22)),
        (2000, dt.date(2000, 1, 1)),
    ]
    past = dataclasses.replace(future, split_effective_from="1404/01/01")
    with pytest.raises(ValidationError) as refused:
        catalogue.update_service(manager, service.id, past, expected_version=saved.version)
    assert (refused.value.field, refused.value.code) == ("split_effective_from", "split_day_past")


def test_add_a_service_then_retire_it(db, catalogue, actor, consultant):
    before = audit_rows(db)
    made = catalogue.create_service(actor, "  نصب  دوربین ", "postpaid", "۲٬۰۰۰٬۰۰۰")
    assert (made.name, made.base_price, made.active) == ("نصب دوربین", 2_000_000, True)
    assert made.code not in {s.code for s in catalogue.services(actor) if s.id != made.id}
    assert made.id in {s.id for s in catalogue.services(actor)}  # offered at intake
    assert audit_rows(db) == before + 1
    assert catalogue.vat_schedule(actor, made.id)  # in force from its first day
    with pytest.raises(ValidationError) as taken:
        catalogue.create_service(actor, "نصب\u200cدوربین", "postpaid")
    assert taken.value.code == "name_taken"
    with pytest.raises(ValidationError) as no_price:
        catalogue.create_service(actor, "آموزش", "prepaid")  # a prepaid service needs a price
    assert no_price.value.code == "prepaid_needs_price"
    with pytest.raises(PermissionDenied):
        catalogue.create_service(consultant, "باغبانی ویژه", "postpaid")
    retired = catalogue.update_service(
        actor, made.id, draft_of(made, active=False), expected_version=made.version
    )
    assert not retired.active
    assert made.id not in {s.id for s in catalogue.services(actor)}  # no longer offered
    assert made.id in {s.id for s in catalogue.services(actor, include_inactive=True)}


def test_the_dispatch_target_is_edited_in_persian_digits_and_audited(db, catalogue, actor):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    assert clean.dispatch_target_hours == 24  # migration 0018's default
    saved = catalogue.update_service(
        actor, clean.id, draft_of(clean, dispatch_target_hours=" ۴۸ "), expected_version=1
    )
    assert saved.dispatch_target_hours == 48
    with db.engine.connect() as conn:
        before, after = conn.exec_driver_sql(
            "SELECT before_json, after_json FROM audit_log WHERE entity = 'service' "
            "ORDER BY id DESC LIMIT 1"
        ).one()
    assert json.loads(before) == {"dispatch_target_hours": 24}
    assert json.loads(after) == {"dispatch_target_hours": 48}
    # a draft without the field (None) keeps the target
    kept = catalogue.update_service(actor, clean.id, draft_of(saved), expected_version=2)
    assert kept.dispatch_target_hours == 48


@pytest.mark.parametrize("typed", ["", "0", "۰", "721", "-5", "12.5", "۲۴ساعت", "1" * 6])
def test_a_bad_dispatch_target_changes_nothing(db, catalogue, actor, typed):
    clean = next(s for s in catalogue.services(actor) if s.code == "CLN")
    before = audit_rows(db)
    with pytest.raises(ValidationError) as error:
        catalogue.update_service(
            actor, clean.id, draft_of(clean, dispatch_target_hours=typed), expected_version=1
        )
    assert (error.value.field, error.value.code) == (
        "dispatch_target_hours",
        "dispatch_target_invalid",
    )
    assert error.value.params == {"maximum": 720}
    assert next(s for s in catalogue.services(actor) if s.code == "CLN") == clean
    assert audit_rows(db) == before
