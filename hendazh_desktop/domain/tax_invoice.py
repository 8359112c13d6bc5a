"""An issued invoice or credit note as the taxpayers' system's JSON (سامانه مودیان), and the
structure it must have, written from the system's published specification of the invoice's
data items (header, body, payments), checked field by field and across fields.

Nothing here sends anything: the accountant submits the file with the official tool.
A credit note is a return from sale (``ins`` 4) naming the original's tax number (``irtaxid``).
An invoice whose buyer has a national code is of type 1 (buyer identified), else type 2.
Amounts are whole rials; moments are milliseconds since 1970 (UTC).

Checked against independent implementations (December 2026), the official specification not
being reachable from here:
- measurement units (``mu``): 1627 is «عدد» (and 164 is «کیلوگرم», not «عدد» as one Python SDK's
  comment has it): kiankamgar/php-moadian src/Enums/VahedeAndazegiriEnum.php (ADAD = "1627",
  KILLO_GRAM = "164"); the SDKs' sample invoices send "1627" too.
- settlement: ``setm`` 1 نقدی, 2 نسیه, 3 نقدی/نسیه (php-moadian SettlementTypeEnum.php);
  ``cap`` the cash part, ``insp`` the credit part, ``tvop`` the VAT share of the payment
  (Jooyeshgar/moadian src/InvoiceHeader.php). The rules, from mojtabahakimian/Taxation
  TestTools/LocalMoadian/moadian_mock_full.py (a mock of the system written from its
  documents «EC_V02», «IS_V7.8/7.9» and FAQ, checked against production replies): ``setm`` is
  required on every sale and return, type 2 included (error 00028 when missing); a type-2
  invoice is taken as cash (FAQ 3-2); ``cap`` and ``insp`` belong to ``setm`` 3 only, where
  both are required and ``cap + insp = tbill - tvam - todam`` (FAQ 10-5/10-6); with ``setm``
  1 or 2 the live system answers them with warnings 14029/14030 (out of pattern). A type-2
  invoice may name its buyer (optional, FAQ 9-6). Until 2026-12 this module sent ``setm``
  only on type-1 sales (type 2 and returns would be refused) and ``cap``/``insp`` with 1 and 2.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from hendazh_desktop.domain.tax_id import tax_number_valid

SALE_PATTERN = 1  # inp: الگوی فروش
ORIGINAL, RETURN_FROM_SALE = 1, 4  # ins: اصلی، برگشت از فروش
TYPE_IDENTIFIED, TYPE_UNIDENTIFIED = 1, 2  # inty
NATURAL_PERSON = 1  # tob: حقیقی
CASH, CREDIT, MIXED = 1, 2, 3  # setm: نقدی، نسیه، نقدی/نسیه
SERVICE_UNIT = "1627"  # mu: «عدد» in the system's table of measurement units (see above)
PAYMENT_METHODS = {"cheque": 1, "cash": 3, "card": 4, "card_to_card": 6, "transfer": 7}
DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class TaxLine:
    """One invoice line as the system wants it."""

    service_id: str  # sstid: 13 digits
    description: str
    quantity: int
    unit_price: int
    discount: int
    vat_bp: int  # basis points (1000 = 10%)
    vat: int
    total: int


@dataclass(frozen=True, slots=True)
class TaxPayment:
    """Money applied to the invoice."""

    method: str  # cash, card, card_to_card, transfer, cheque
    amount: int
    paid_at: dt.datetime
    reference: str = ""


@dataclass(frozen=True, slots=True)
class TaxInvoice:
    """What the JSON of one issued invoice or credit note is made from."""

    tax_number: str
    issued_at: dt.datetime
    created_at: dt.datetime
    seller_tin: str  # the seller's economic code
    lines: tuple[TaxLine, ...]
    on_credit: bool = False  # sold on credit (نسیه)
    buyer_national_code: str = ""
    buyer_postal_code: str = ""
    original_tax_number: str = ""  # a credit note: the invoice it returns
    payments: tuple[TaxPayment, ...] = ()


def _ms(moment: dt.datetime) -> int:
    return (moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(milliseconds=1)


def _percent(basis_points: int) -> int | float:
    return basis_points // 100 if basis_points % 100 == 0 else basis_points / 100


def packet(invoice: TaxInvoice) -> dict[str, Any]:
    """The invoice as ``{"header": …, "body": […], "payments": […]}``."""
    returned = bool(invoice.original_tax_number)
    identified = bool(invoice.buyer_national_code)
    body: list[dict[str, Any]] = []
    for line in invoice.lines:
        gross = line.quantity * line.unit_price
        body.append(
            {
                "sstid": line.service_id,
                "sstt": line.description,
                "am": line.quantity,
                "mu": SERVICE_UNIT,
                "fee": line.unit_price,
                "prdis": gross,
                "dis": line.discount,
                "adis": gross - line.discount,
                "vra": _percent(line.vat_bp),
                "vam": line.vat,
                "tsstam": line.total,
            }
        )
    tprdis = sum(int(b["prdis"]) for b in body)
    tdis = sum(int(b["dis"]) for b in body)
    tvam = sum(int(b["vam"]) for b in body)
    header: dict[str, Any] = {
        "taxid": invoice.tax_number,
        "indatim": _ms(invoice.issued_at),
        "indati2m": _ms(invoice.created_at),
        "inty": TYPE_IDENTIFIED if identified else TYPE_UNIDENTIFIED,
        "inno": invoice.tax_number[11:21],
        "inp": SALE_PATTERN,
        "ins": RETURN_FROM_SALE if returned else ORIGINAL,
        "tins": invoice.seller_tin,
        "tprdis": tprdis,
        "tdis": tdis,
        "tadis": tprdis - tdis,
        "tvam": tvam,
        "todam": 0,
        "tbill": tprdis - tdis + tvam,
    }
    if returned:
        header["irtaxid"] = invoice.original_tax_number
    elif identified:
        header["tob"] = NATURAL_PERSON
        header["bid"] = invoice.buyer_national_code
        if invoice.buyer_postal_code:
            header["bpc"] = invoice.buyer_postal_code
    # Every sale and return says how it is settled; type 2 is cash (FAQ 3-2). We never
    # split one invoice between cash and credit (setm 3), so cap and insp are not sent.
    header["setm"] = CREDIT if identified and invoice.on_credit else CASH
    payments = [
        {
            "pmt": PAYMENT_METHODS[p.method],
            "pv": p.amount,
            "pdt": _ms(p.paid_at),
            **({"trn": p.reference} if p.reference else {}),
        }
        for p in invoice.payments
    ]
    return {"header": header, "body": body, "payments": payments}


# --- the structure ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldSpec:
    """One data item: its type, whether it is required, and what its value may be."""

    kind: type
    required: bool = False
    pattern: str = ""
    choices: frozenset[int] = frozenset()
    minimum: int | None = None


def _f(kind: type, required: bool = False, pattern: str = "", choices: tuple[int, ...] = (),
       minimum: int | None = None) -> FieldSpec:  # fmt: skip
    return FieldSpec(kind, required, pattern, frozenset(choices), minimum)


TAX_NUMBER = r"[A-Z0-9]{6}[0-9A-F]{15}[0-9]"
HEADER: dict[str, FieldSpec] = {
    "taxid": _f(str, True, TAX_NUMBER),
    "indatim": _f(int, True, minimum=1),
    "indati2m": _f(int, True, minimum=1),
    "inty": _f(int, True, choices=(1, 2, 3)),
    "inno": _f(str, True, r"[0-9A-F]{10}"),
    "irtaxid": _f(str, False, TAX_NUMBER),
    "inp": _f(int, True, choices=(1, 2, 3, 4, 5, 6, 7, 8)),
    "ins": _f(int, True, choices=(1, 2, 3, 4)),
    "tins": _f(str, True, r"[0-9]{10,14}"),
    "tob": _f(int, False, choices=(1, 2, 3, 4)),
    "bid": _f(str, False, r"[0-9]{10,12}"),
    "tinb": _f(str, False, r"[0-9]{10,14}"),
    "bpc": _f(str, False, r"[0-9]{10}"),
    "tprdis": _f(int, True, minimum=0),
    "tdis": _f(int, True, minimum=0),
    "tadis": _f(int, True, minimum=0),
    "tvam": _f(int, True, minimum=0),
    "todam": _f(int, True, minimum=0),
    "tbill": _f(int, True, minimum=0),
    "setm": _f(int, True, choices=(1, 2, 3)),
    "cap": _f(int, False, minimum=0),
    "insp": _f(int, False, minimum=0),
}
BODY: dict[str, FieldSpec] = {
    "sstid": _f(str, True, r"[0-9]{13}"),
    "sstt": _f(str, True, r"(?s).{1,400}"),
    "am": _f(int, True, minimum=1),
    "mu": _f(str, True, r"[0-9]{1,8}"),
    "fee": _f(int, True, minimum=0),
    "prdis": _f(int, True, minimum=0),
    "dis": _f(int, True, minimum=0),
    "adis": _f(int, True, minimum=0),
    "vra": _f(float, True, minimum=0),
    "vam": _f(int, True, minimum=0),
    "tsstam": _f(int, True, minimum=0),
}
PAYMENT: dict[str, FieldSpec] = {
    "pmt": _f(int, True, choices=(1, 2, 3, 4, 5, 6, 7, 8)),
    "pv": _f(int, True, minimum=1),
    "pdt": _f(int, True, minimum=1),
    "trn": _f(str, False, r"[0-9A-Za-z]{1,40}"),
}


def _check_fields(where: str, item: Any, spec: dict[str, FieldSpec], problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append(f"{where}: not an object")
        return
    for name in item.keys() - spec.keys():
        problems.append(f"{where}.{name}: not a field of the structure")
    for name, field in spec.items():
        if name not in item:
            if field.required:
                problems.append(f"{where}.{name}: missing")
            continue
        value = item[name]
        numeric = field.kind in (int, float)
        if isinstance(value, bool) or (
            not isinstance(value, int | float) if field.kind is float else
            not isinstance(value, field.kind)
        ):  # fmt: skip
            problems.append(f"{where}.{name}: not {field.kind.__name__}")
            continue
        if field.pattern and not re.fullmatch(field.pattern, value):
            problems.append(f"{where}.{name}: {value!r} does not match {field.pattern}")
        if field.choices and value not in field.choices:
            problems.append(f"{where}.{name}: {value!r} not one of {sorted(field.choices)}")
        if numeric and field.minimum is not None and value < field.minimum:
            problems.append(f"{where}.{name}: below {field.minimum}")


def _rules(h: dict[str, Any], body: list[dict[str, Any]]) -> list[tuple[bool, str]]:
    """The rules across fields: (holds, what it says)."""
    taxid = h["taxid"]
    sums = {k: sum(line[k] for line in body) for k in ("prdis", "dis", "adis", "vam")}
    rules = [
        (tax_number_valid(taxid), "taxid: check digit wrong"),
        (h["inno"] == taxid[11:21], "inno: not the serial of taxid"),
        (h["indatim"] // DAY_MS == int(taxid[6:11], 16), "taxid: day is not indatim's"),
        (h["tprdis"] == sums["prdis"], "tprdis: not the sum of prdis"),
        (h["tdis"] == sums["dis"], "tdis: not the sum of dis"),
        (h["tadis"] == sums["adis"] == h["tprdis"] - h["tdis"], "tadis: not tprdis - tdis"),
        (h["tvam"] == sums["vam"], "tvam: not the sum of vam"),
        (h["tbill"] == h["tadis"] + h["tvam"] + h["todam"], "tbill: not tadis + tvam + todam"),
        ((h["ins"] == 1) == ("irtaxid" not in h), "irtaxid: only (and always) on a correction"),
        (h["ins"] == 1 or tax_number_valid(h.get("irtaxid", "")), "irtaxid: not a tax number"),
        (h["inty"] != 1 or h["ins"] != 1 or {"tob", "bid"} <= h.keys(), "type 1: buyer missing"),
    ]
    split = {"cap", "insp"} & h.keys()
    if h["setm"] == MIXED:
        paid = h.get("cap", 0) + h.get("insp", 0)
        rules += [
            (split == {"cap", "insp"}, "setm 3: cap and insp required"),
            (
                paid == h["tbill"] - h["tvam"] - h["todam"],
                "setm 3: cap + insp != tbill - tvam - todam",
            ),
        ]
    else:
        rules.append((not split, "cap/insp: only with setm 3"))
    for i, line in enumerate(body):
        where = f"body[{i}]"
        vat = line["adis"] * line["vra"] / 100
        rules += [
            (line["prdis"] == line["am"] * line["fee"], f"{where}.prdis: not am × fee"),
            (line["adis"] == line["prdis"] - line["dis"], f"{where}.adis: not prdis - dis"),
            (abs(line["vam"] - vat) < 1, f"{where}.vam: not adis × vra"),
            (line["tsstam"] == line["adis"] + line["vam"], f"{where}.tsstam: not adis + vam"),
        ]
    return rules


def validate(document: Any) -> list[str]:
    """Every way ``document`` (one invoice's JSON) departs from the structure; [] when none."""
    problems: list[str] = []
    if not isinstance(document, dict) or not {"header", "body"} <= document.keys():
        return ["not an invoice: header and body are required"]
    for name in document.keys() - {"header", "body", "payments"}:
        problems.append(f"{name}: not a part of the structure")
    _check_fields("header", document["header"], HEADER, problems)
    body, payments = document["body"], document.get("payments", [])
    if not isinstance(body, list) or not body:
        return [*problems, "body: at least one line"]
    for i, line in enumerate(body):
        _check_fields(f"body[{i}]", line, BODY, problems)
    for i, payment in enumerate(payments if isinstance(payments, list) else [None]):
        _check_fields(f"payments[{i}]", payment, PAYMENT, problems)
    if problems:
        return problems  # the rules below read the fields checked above
    return [text for holds, text in _rules(document["header"], body) if not holds]
