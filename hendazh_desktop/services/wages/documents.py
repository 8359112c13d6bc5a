"""The wage documents and files: payslips (A5 PDF), the bank's group-transfer file (xlsx and
CSV) and a group's statement of earnings, their data read by the wage queries."""

from __future__ import annotations

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import parse_date, today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.wages import (
    IBAN_PROBLEM_LABELS,
    ITEM_KIND_LABELS,
    PAY_METHOD_LABELS,
    ItemKind,
    PayMethod,
)
from hendazh_desktop.domain.work_groups import parse_iban
from hendazh_desktop.reports.wage_data import (
    BankRow,
    EarningsLine,
    EarningsStatementDocument,
    PayslipDeduction,
    PayslipDocument,
    PayslipJob,
)
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.wages.queries import WageQueries
from hendazh_desktop.services.wages.records import Payslip


def payslip_document(company: str, slip: Payslip) -> PayslipDocument:
    line = slip.line
    return PayslipDocument(
        company=company,
        batch_number=slip.batch.number,
        day_from=slip.batch.day_from,
        day_to=slip.batch.day_to,
        paid_on=slip.batch.paid_on,
        bank_ref=slip.batch.bank_ref,
        member_name=line.member_name,
        group_name=line.group_name,
        iban=line.iban,
        method=PAY_METHOD_LABELS[PayMethod(line.method)],
        problem=IBAN_PROBLEM_LABELS.get(line.problem, ""),
        jobs=tuple(
            PayslipJob(
                day=job.day,
                service=job.service_name,
                request=str(job.request_id),
                subscriber_code=job.subscriber_code,
                kind=ITEM_KIND_LABELS[ItemKind(job.kind)],
                amount=job.amount,
            )
            for job in slip.jobs
        ),
        deductions=tuple(
            PayslipDeduction(
                day=item.on_day,
                kind=ITEM_KIND_LABELS[ItemKind(item.kind)],
                reason=item.reason,
                amount=item.amount,
            )
            for item in slip.deductions
        ),
        fees=line.fees,
        reimbursements=line.reimbursements,
        advances=line.advances,
        clawbacks=line.clawbacks,
        corrections=line.corrections,
        withholding=line.withholding,
        net=line.net,
        net_in_words=amount_in_words(line.net),
    )


class WageDocuments:
    """Payslips, the bank file and statements of earnings."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock
        self._queries = WageQueries(db)

    def _company(self) -> str:
        with self._db.read() as uow:
            return load_settings(uow).legal_name or "هنداژمون"

    def payslip_documents(self, actor: Actor, batch_id: int) -> list[PayslipDocument]:
        slips = self._queries.payslips(actor, batch_id)  # checks the permission
        company = self._company()
        return [payslip_document(company, slip) for slip in slips]

    def payslip_pdfs(self, actor: Actor, batch_id: int) -> list[tuple[str, bytes]]:
        """(member name, PDF bytes) of every payslip of the batch."""
        from hendazh_desktop.reports.payslip_pdf import render_payslip

        return [(d.member_name, render_payslip(d)) for d in self.payslip_documents(actor, batch_id)]

    def payslips_pdf(self, actor: Actor, batch_id: int) -> bytes:
        """Every payslip of the batch in one PDF (one page each), to preview and print."""
        from hendazh_desktop.reports.payslip_pdf import render_payslips

        return render_payslips(self.payslip_documents(actor, batch_id))

    def bank_rows(self, actor: Actor, batch_id: int) -> list[BankRow]:
        """The batch's transfers (lines paid in cash are not in the bank file); every Sheba is
        checked by its checksum again."""
        detail = self._queries.batch(actor, batch_id)
        rows: list[BankRow] = []
        for line in detail.lines:
            if line.method != PayMethod.TRANSFER.value:
                continue
            rows.append(
                BankRow(
                    row=len(rows) + 1,
                    iban=parse_iban(line.iban),
                    holder=line.member_name,
                    amount=line.net,
                    description=f"دستمزد فهرست {detail.batch.number} - {line.group_name}",
                )
            )
        if not rows:
            raise ValidationError("batch", "wage_no_transfers")
        return rows

    def bank_file(self, actor: Actor, batch_id: int, fmt: str) -> bytes:
        """The bank file as ``xlsx`` or ``csv`` bytes."""
        from hendazh_desktop.reports.bank_file import bank_file_csv, bank_file_xlsx

        rows = self.bank_rows(actor, batch_id)
        return bank_file_xlsx(rows) if fmt == "xlsx" else bank_file_csv(rows)

    def earnings_document(
        self, actor: Actor, group_id: int, day_from: str, day_to: str
    ) -> EarningsStatementDocument:
        start, end = parse_date(day_from, field="day_from"), parse_date(day_to, field="day_to")
        if end < start:
            raise ValidationError("day_to", "date_range_reversed")
        statement = self._queries.statement(actor, group_id, start, end)
        numbers = {b.id: b.number for b in self._queries.batches(actor)}
        return EarningsStatementDocument(
            company=self._company(),
            group_name=statement.group_name,
            day_from=start,
            day_to=end,
            printed_on=today_local(self._clock()),
            lines=tuple(
                EarningsLine(
                    day=item.on_day,
                    member=member,
                    kind=ITEM_KIND_LABELS[ItemKind(item.kind)],
                    description=item.reason,
                    request=str(item.request_id or ""),
                    amount=item.amount,
                    paid_in=str(numbers.get(batch, "")) if batch else "",
                )
                for item, member, batch in statement.items
            ),
            totals=tuple((ITEM_KIND_LABELS[ItemKind(k)], v) for k, v in statement.totals),
            paid=statement.paid,
            unpaid=statement.unpaid,
        )

    def earnings_pdf(self, actor: Actor, group_id: int, day_from: str, day_to: str) -> bytes:
        from hendazh_desktop.reports.earnings_pdf import render_earnings_statement

        return render_earnings_statement(self.earnings_document(actor, group_id, day_from, day_to))
