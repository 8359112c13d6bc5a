"""The structure of the taxpayers' system's invoice JSON: a document built from an invoice
passes, and every kind of departure from the structure is named."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from hendazh_desktop.domain.tax_id import tax_number
from hendazh_desktop.domain.tax_invoice import TaxInvoice, TaxLine, TaxPayment, packet, validate

ISSUED = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)
NUMBER = tax_number("A1B2C3", ISSUED, 41)
LINES = (
    TaxLine("2710000114789", "تعویض شیر", 1, 800_000, 0, 1000, 80_000, 880_000),
    TaxLine("2710000114789", "شیر مخلوط", 2, 1_250_000, 100_000, 1000, 240_000, 2_640_000),
)


def _invoice(**changes) -> TaxInvoice:
    base = dict(
        tax_number=NUMBER,
        issued_at=ISSUED,
        created_at=ISSUED - dt.timedelta(hours=1),
        seller_tin="411345678912",
        lines=LINES,
        buyer_national_code="2281234567",
        payments=(TaxPayment("card", 3_520_000, ISSUED, "123456"),),
    )
    base.update(changes)
    return TaxInvoice(**base)


def test_an_identified_sale_passes_with_its_sums():
    document = packet(_invoice())
    assert validate(document) == []
    header = document["header"]
    assert (header["inty"], header["ins"], header["tob"], header["bid"]) == (1, 1, 1, "2281234567")
    assert (header["tprdis"], header["tdis"], header["tvam"], header["tbill"]) == (
        3_300_000, 100_000, 320_000, 3_520_000,
    )  # fmt: skip
    assert header["setm"] == 1 and not {"cap", "insp"} & header.keys()  # cap/insp: setm 3 only
    assert document["body"][0]["mu"] == "1627"  # «عدد»
    assert header["inno"] == NUMBER[11:21] and header["indatim"] == 1764054000000
    assert document["payments"][0]["pmt"] == 4


def test_an_unidentified_sale_and_a_return_pass():
    unidentified = packet(_invoice(buyer_national_code="", on_credit=True))
    assert validate(unidentified) == []
    assert unidentified["header"]["inty"] == 2
    assert unidentified["header"]["setm"] == 1  # type 2 is settled in cash (FAQ 3-2), and says so
    assert packet(_invoice(on_credit=True))["header"]["setm"] == 2  # identified, on credit
    returned = packet(
        _invoice(
            tax_number=tax_number("A1B2C3", ISSUED, 42),
            original_tax_number=NUMBER,
            payments=(),
        )
    )
    assert returned["header"]["ins"] == 4 and returned["header"]["irtaxid"] == NUMBER
    assert "bid" not in returned["header"] and validate(returned) == []
    assert returned["header"]["setm"] == 1  # a return is settled too


def test_a_mixed_settlement_needs_both_parts_net_of_taxes():
    document = copy.deepcopy(packet(_invoice()))
    h = document["header"]
    h.update(setm=3, cap=3_000_000, insp=200_000)  # tbill 3,520,000 - tvam 320,000
    assert validate(document) == []
    h.update(insp=520_000)  # the whole bill: wrong, the taxes are not split
    assert any("cap + insp" in p for p in validate(document))
    del h["insp"]
    assert any("cap and insp required" in p for p in validate(document))


def _broken(change) -> list[str]:
    document = copy.deepcopy(packet(_invoice()))
    change(document)
    return validate(document)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["header"].pop("taxid"), "header.taxid: missing"),
        (lambda d: d["header"].update(taxid=NUMBER[:-1] + "0"), "check digit"),
        (lambda d: d["header"].update(inno="0000000099"), "inno"),
        (lambda d: d["header"].update(indatim=d["header"]["indatim"] + 86_400_000), "day"),
        (lambda d: d["header"].update(tbill=1), "tbill"),
        (lambda d: d["header"].update(tvam=1), "tvam"),
        (lambda d: d["header"].update(ins=4), "irtaxid"),
        (lambda d: d["header"].update(inty="1"), "header.inty: not int"),
        (lambda d: d["header"].update(inty=True), "header.inty: not int"),
        (lambda d: d["header"].update(extra=1), "header.extra: not a field"),
        (lambda d: d["body"][0].update(sstid="123"), "body[0].sstid"),
        (lambda d: d["body"][0].update(vam=1), "body[0].vam"),
        (lambda d: d["body"][1].update(prdis=1), "body[1].prdis"),
        (lambda d: d["body"].clear(), "body: at least one line"),
        (lambda d: d["payments"][0].update(pmt=9), "payments[0].pmt"),
        (lambda d: d.update(extension={}), "extension: not a part"),
        (lambda d: d["header"].update(cap=0), "cap/insp: only with setm 3"),
        (lambda d: d["header"].pop("setm"), "header.setm: missing"),
        (lambda d: d["header"].update(setm=4), "header.setm"),
    ],
)
def test_each_departure_is_named(change, says):
    problems = _broken(change)
    assert any(says in p for p in problems), problems


def test_not_an_invoice():
    assert validate([]) == ["not an invoice: header and body are required"]
