"""No invoice is issued without the seller's economic code and national ID (the tax office
does not accept it); the message says where to fill them in, and demo data fills them."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op

from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.accounts.settings import SettingsService
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.ui.messages import error_message


def clear_identity(db, *keys: str) -> None:
    with db.write() as uow:
        for key in keys:
            uow.catalogue.set_setting(key, "")
        uow.commit()


def count(db, sql: str) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar()


@pytest.mark.parametrize(
    "missing", [("economic_code",), ("national_id",), ("economic_code", "national_id")]
)
def test_issuing_without_the_sellers_codes_is_refused_and_says_where(
    db, manager, accountant, missing
):
    office = Office(db, manager)
    invoices = InvoiceService(db)
    draft = invoices.draft_final(accountant, office.done("PLB"))
    clear_identity(db, *missing)
    with pytest.raises(Conflict) as error:
        invoices.issue(
            accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
        )
    assert error.value.code == "seller_identity_missing"
    message = error_message(error.value)
    assert "کد اقتصادی" in message and "شناسه ملی" in message
    assert "تنظیمات دفتر" in message  # where to fill them in
    assert count(db, "SELECT count(*) FROM invoices WHERE number IS NOT NULL") == 0
    with pytest.raises(Conflict):  # a prepaid request's invoice too: the request is not made
        office.new_request("EDU")
    assert count(db, "SELECT count(*) FROM invoices") == 1  # only the draft


def test_the_test_fixtures_fill_the_sellers_codes(db):
    settings = SettingsService(db).get()
    assert settings.economic_code and settings.national_id


def test_demo_data_fills_the_sellers_codes(db):
    from hendazh_desktop.demo.data import generate_demo_data

    clear_identity(db, "economic_code", "national_id", "legal_name")
    admin = office_actor(db, "admin", role=Role.ADMIN)
    summary = generate_demo_data(db, admin, subscribers=300, seed=2)
    settings = SettingsService(db).get()
    assert settings.economic_code and settings.national_id and settings.legal_name
    assert summary.invoices > 0
