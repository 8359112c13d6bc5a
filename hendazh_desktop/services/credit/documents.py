"""The printed gift-credit statement: its data from the ledger, rendered by reports."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.credit import CREDIT_KIND_LABELS, CreditKind
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.reports.document_data import CreditLine, CreditStatementDocument
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.credit.ledger import GiftCreditLedger


class GiftCreditDocuments:
    """A subscriber's gift-credit statement as a PDF."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock
        self._ledger = GiftCreditLedger(db)

    def statement_document(
        self, actor: Actor, subscriber_id: int, *, today: dt.date | None = None
    ) -> CreditStatementDocument:
        statement = self._ledger.statement(actor, subscriber_id)  # checks the permission
        with self._db.read() as uow:
            company = load_settings(uow).legal_name or "هنداژمون"
        return CreditStatementDocument(
            company=company,
            subscriber_name=statement.subscriber_name,
            subscription_code=statement.subscription_code,
            printed_on=today or today_local(self._clock()),
            lines=tuple(
                CreditLine(
                    on=entry.on_day,
                    kind=CREDIT_KIND_LABELS[CreditKind(entry.kind)],
                    description=entry.reason,
                    request=str(entry.request_id) if entry.request_id else "",
                    amount=entry.amount,
                    after=after,
                )
                for entry, after in statement.entries
            ),
            gift_credit=statement.gift_credit,
        )

    def statement_pdf(self, actor: Actor, subscriber_id: int) -> bytes:
        return _render(self.statement_document(actor, subscriber_id))


def _render(document: CreditStatementDocument) -> bytes:
    from hendazh_desktop.reports.credit_statement_pdf import render_credit_statement

    return render_credit_statement(document)
