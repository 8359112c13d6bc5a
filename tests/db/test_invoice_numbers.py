"""Two PCs issue invoices and receipts on one database at once: every series stays gapless
and unique, even though a quarter of the numbering transactions roll back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from hendazh_desktop.db.models.billing import Invoice, Payment
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.subscribers.register import SubscriberService

SECONDS = float(os.environ.get("HENDAZH_INVOICE_RACE_SECONDS", "8"))
WORKER = Path(__file__).with_name("invoice_number_worker.py")


def test_two_pcs_issue_gapless_unique_numbers(db, manager):
    catalogue = CatalogueService(db)
    zone = catalogue.zones(manager)[0]
    education = next(s for s in catalogue.services(manager) if s.code == "EDU")
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="مشترک آزمون",
            phones=(PhoneDraft("09170000000"),),
            addresses=(AddressDraft("شیراز، خیابان زند", zone.id),),
        ),
    )
    url = db.engine.url.render_as_string(hide_password=False)
    db.dispose()
    args = [str(manager.user_id), str(card.id), str(education.id), str(card.addresses[0].id)]
    start_at = time.time() + 2.0  # both begin together, after their imports
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, *args, str(SECONDS), str(start_at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=SECONDS + 120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["errors"] for r in results] == [[], []], results
    # both PCs really issued (on SQLite the busy handler favours whoever holds the lock)
    assert min(r["invoices"] for r in results) > 0, results
    assert sum(r["abandoned"] for r in results) > 0

    with db.read() as uow:
        invoices = uow.session.execute(
            select(Invoice.fiscal_year, Invoice.number).where(Invoice.series == "INV")
        ).all()
        receipts = uow.session.execute(
            select(Payment.fiscal_year, Payment.number).where(Payment.series == "RCP")
        ).all()
    for numbers, expected in (
        (invoices, sum(r["invoices"] for r in results)),
        (receipts, sum(r["receipts"] for r in results)),
    ):
        assert len({year for year, _ in numbers}) == 1
        assert sorted(n for _, n in numbers) == list(range(1, expected + 1))
