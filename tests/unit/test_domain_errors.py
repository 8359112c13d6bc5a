"""Domain errors and the form error collector."""

from __future__ import annotations

import pytest

from hendazh_desktop.domain.errors import (
    Conflict,
    DomainError,
    FormErrorCollector,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.jalali import parse_date
from hendazh_desktop.domain.money import parse_amount


def test_domain_error_keeps_code_and_params():
    error = DomainError("stale_version", expected=3, found=4)
    assert error.code == "stale_version"
    assert error.params == {"expected": 3, "found": 4}
    assert isinstance(error, Exception)


def test_subclasses_and_their_codes():
    assert NotFound("subscriber", 12).code == "not_found"
    assert NotFound("subscriber", 12).params == {"entity": "subscriber", "key": 12}
    denied = PermissionDenied("edit_services", "consultant")
    assert denied.code == "permission_denied"
    assert denied.params == {"permission": "edit_services", "role": "consultant"}
    conflict = Conflict("illegal_transition", current="closed")
    assert conflict.code == "illegal_transition" and conflict.params == {"current": "closed"}
    for cls in (ValidationError, ValidationErrors, NotFound, Conflict, PermissionDenied):
        assert issubclass(cls, DomainError)


def test_validation_error_names_its_field():
    error = ValidationError("price", "amount_too_large", maximum=10)
    assert (error.field, error.code, error.params) == ("price", "amount_too_large", {"maximum": 10})
    assert str(error) == "price: amount_too_large {'maximum': 10}"
    assert str(ValidationError("name", "required")) == "name: required"


def test_params_are_copied():
    params = {"maximum": 5}
    error = DomainError("too_long", **params)
    params["maximum"] = 6
    assert error.params == {"maximum": 5}


def test_collector_with_no_errors_does_not_raise():
    errors = FormErrorCollector()
    assert errors.check(parse_amount, "۱٬۰۰۰", field="price") == 1000
    errors.raise_if_any()
    assert errors.errors == []


def test_collector_with_one_error_raises_it_alone():
    errors = FormErrorCollector()
    assert errors.check(parse_amount, "abc", field="price") is None
    with pytest.raises(ValidationError) as raised:
        errors.raise_if_any()
    assert (raised.value.field, raised.value.code) == ("price", "amount_not_integer")


def test_collector_reports_every_bad_field_at_once():
    errors = FormErrorCollector()
    errors.add("name", "required")
    assert errors.check(parse_date, "1404/12/30", field="date") is None
    assert errors.check(parse_amount, "12.5", field="price") is None
    errors.add("name", "too_short", minimum=2)  # a second error on the same field
    assert errors.check(parse_amount, "500", field="deposit") == 500
    with pytest.raises(ValidationErrors) as raised:
        errors.raise_if_any()
    multi = raised.value
    assert multi.code == "invalid_form" and multi.params == {"count": 4}
    assert len(multi.errors) == 4
    assert set(multi.by_field) == {"name", "date", "price"}
    assert multi.by_field["name"].code == "required"  # the first one per field
    assert multi.by_field["date"].code == "date_nonexistent"
    assert multi.by_field["price"].code == "amount_not_integer"
    assert "date: date_nonexistent" in str(multi) and str(multi).count(";") == 3


def test_collector_lets_other_exceptions_through():
    errors = FormErrorCollector()

    def boom() -> None:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        errors.check(boom)
    assert errors.errors == []
