"""The seeded catalogue of services, payment policies and Shiraz zones."""

from __future__ import annotations

from hendazh_desktop.domain.catalogue import (
    DEFAULT_COMMISSION_BP,
    DEFAULT_MATERIALS_PREPAYMENT_BP,
    DEFAULT_RECIPIENT_SHARE_BP,
    DEFAULT_REFERRER_SHARE_BP,
    DEFAULT_SERVICES,
    DEFAULT_VAT_BP,
    PAYMENT_POLICY_LABELS,
    SHIRAZ_ZONES,
    PaymentPolicy,
)
from hendazh_desktop.domain.text import normalize_display, search_key


def test_ten_services_with_unique_codes_and_names():
    assert len(DEFAULT_SERVICES) == 10
    codes = [s.code for s in DEFAULT_SERVICES]
    assert len(set(codes)) == 10
    assert all(len(c) == 3 and c.isascii() and c.isupper() for c in codes)
    keys = [search_key(s.name) for s in DEFAULT_SERVICES]
    assert len(set(keys)) == 10  # no two names a search would confuse


def test_service_names_are_stored_normalised():
    for service in DEFAULT_SERVICES:
        assert service.name and normalize_display(service.name) == service.name


def test_prepaid_services_have_a_price_and_no_materials_prepayment():
    prepaid = {s.code for s in DEFAULT_SERVICES if s.policy is PaymentPolicy.PREPAID}
    assert prepaid == {"EDU", "HTR"}
    for service in DEFAULT_SERVICES:
        assert isinstance(service.base_price, int) and service.base_price >= 0
        if service.policy is PaymentPolicy.PREPAID:
            assert service.base_price > 0 and not service.materials_prepayment
        else:
            assert service.base_price == 0


def test_only_education_is_vat_exempt():
    assert [s.code for s in DEFAULT_SERVICES if s.vat_exempt] == ["EDU"]


def test_default_rates_are_valid_basis_points():
    for bp in (
        DEFAULT_VAT_BP,
        DEFAULT_COMMISSION_BP,
        DEFAULT_REFERRER_SHARE_BP,
        DEFAULT_RECIPIENT_SHARE_BP,
        DEFAULT_MATERIALS_PREPAYMENT_BP,
    ):
        assert isinstance(bp, int) and 0 <= bp <= 10_000
    assert DEFAULT_VAT_BP == 1_000
    assert DEFAULT_REFERRER_SHARE_BP + DEFAULT_RECIPIENT_SHARE_BP <= 10_000


def test_policy_labels_and_zones():
    assert set(PAYMENT_POLICY_LABELS) == set(PaymentPolicy)
    assert all(label.strip() for label in PAYMENT_POLICY_LABELS.values())
    assert len(SHIRAZ_ZONES) == 11 and len(set(SHIRAZ_ZONES)) == 11
    assert SHIRAZ_ZONES[0] == "منطقه ۱" and SHIRAZ_ZONES[-1] == "منطقه ۱۱"
    assert all(normalize_display(z) == z for z in SHIRAZ_ZONES)
