"""Payslips, the bank file and the statement of earnings of a real batch: the PDF read back
with pdftotext, the workbook with openpyxl and the CSV with the csv module."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import unicodedata

import openpyxl
import pytest
from billing_helpers import Office, op
from wage_helpers import VALID_IBAN, collected, make_team, today

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.domain.work_groups import parse_iban
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wages.documents import WageDocuments
from hendazh_desktop.services.wages.ledger import WageLedgerService

HOSTILE = '=HYPERLINK("http://x")'


@pytest.fixture
def batch(db, manager, accountant):
    """A paid batch of a team of three: one member with a valid Sheba, one whose name is a
    formula, one without a Sheba (paid in cash)."""
    office = Office(db, manager)
    group_id = make_team(office, ("علی رضایی", "حسن", "محمد"))
    ledger = WageLedgerService(db)
    ali, hasan, _mohammad = ledger.terms(manager, group_id).members
    ledger.set_terms(
        manager,
        group_id,
        shares={ali.id: "2"},
        ibans={ali.id: VALID_IBAN, hasan.id: "IR820540102680020817909002"},
        withholding="5",
    )
    collected(db, manager, office)
    collected(db, manager, office)
    ledger.record_advance(accountant, ali.id, "50000", "مساعده", operation_id=op())
    batches = WageBatchService(db)
    built = batches.build(accountant, "1400/01/01", today(), operation_id=op())
    return batches.pay(
        accountant,
        built.batch.id,
        bank_ref="TR-9981",
        paid_on=today(),
        expected_version=built.batch.version,
        operation_id=op(),
    )


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    folded = strip_bidi_controls(unicodedata.normalize("NFKC", out)).replace("\u200c", "")
    return re.sub(r"\s+", " ", folded)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_payslips_print_the_jobs_the_net_and_its_words(db, accountant, batch, tmp_path):
    documents = WageDocuments(db)
    docs = documents.payslip_documents(accountant, batch.batch.id)
    assert sorted(d.net for d in docs) == sorted(line.net for line in batch.lines)
    ali = next(d for d in docs if d.member_name == "علی رضایی")
    assert ali.fees == 800_000 and ali.advances == 50_000 and ali.withholding == 40_000
    assert len(ali.jobs) == 2 and all(j.subscriber_code for j in ali.jobs)
    (pdf,) = [
        data
        for name, data in documents.payslip_pdfs(accountant, batch.batch.id)
        if name == ali.member_name
    ]
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    assert "فیش دستمزد" in text
    assert "علی رضایی" in text
    assert "۷۱۰٬۰۰۰" in text  # 800,000 − 50,000 − 40,000
    assert "هفتصد و ده هزار ریال" in text
    assert "مساعده" in text


def test_the_bank_file_has_valid_shebas_and_the_batch_amounts(db, accountant, batch):
    documents = WageDocuments(db)
    transfers = [line for line in batch.lines if line.method == "transfer"]
    cash = [line for line in batch.lines if line.method == "cash"]
    assert [line.problem for line in cash] == ["iban_missing"]
    book = openpyxl.load_workbook(
        io.BytesIO(documents.bank_file(accountant, batch.batch.id, "xlsx"))
    )
    sheet = book.active
    assert sheet.sheet_view.rightToLeft
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert len(body) == len(transfers)
    for number, iban, _holder, amount, description in body:
        assert isinstance(number, int) and isinstance(amount, int)
        assert parse_iban(iban) == iban
        assert description.startswith("دستمزد فهرست")
    assert sorted(r[3] for r in body) == sorted(line.net for line in transfers)
    assert total[3] == sum(line.net for line in transfers)
    raw = documents.bank_file(accountant, batch.batch.id, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert read[0][1] == "شماره شبا"
    assert sorted(int(r[3]) for r in read[1:]) == sorted(line.net for line in transfers)
    assert all(parse_iban(r[1]) == r[1] for r in read[1:])


def test_hostile_names_are_neutralised_in_both_files(db, manager, accountant):
    office = Office(db, manager)
    ledger = WageLedgerService(db)
    (member,) = ledger.terms(manager, office.group.id).members
    ledger.set_terms(
        manager, office.group.id, shares={}, ibans={member.id: VALID_IBAN}, withholding=""
    )
    collected(db, manager, office)
    built = WageBatchService(db).build(accountant, "1400/01/01", today(), operation_id=op())
    documents = WageDocuments(db)
    rows = documents.bank_rows(accountant, built.batch.id)
    hostile = [r.__class__(r.row, r.iban, HOSTILE, r.amount, "+SUM(A1)") for r in rows]
    from hendazh_desktop.reports.bank_file import bank_file_csv, bank_file_xlsx

    sheet = openpyxl.load_workbook(io.BytesIO(bank_file_xlsx(hostile))).active
    assert sheet.cell(2, 3).value == "'" + HOSTILE and sheet.cell(2, 3).data_type == "s"
    assert sheet.cell(2, 5).value == "'+SUM(A1)"
    line = list(csv.reader(io.StringIO(bank_file_csv(hostile).decode("utf-8-sig"))))[1]
    assert line[2] == "'" + HOSTILE and line[4] == "'+SUM(A1)"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_statement_of_earnings_adds_up(db, accountant, batch, tmp_path):
    documents = WageDocuments(db)
    group_id = batch.lines[0].group_id
    doc = documents.earnings_document(accountant, group_id, "1400/01/01", today())
    assert doc.paid == sum(line.net for line in batch.lines) + sum(
        line.withholding for line in batch.lines
    )
    assert doc.unpaid == 0
    text = _text(documents.earnings_pdf(accountant, group_id, "1400/01/01", today()), tmp_path)
    assert "صورت کارکرد و دستمزد گروه" in text
