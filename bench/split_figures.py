"""What posting the money split costs the payment that completes a job, for ``make bench``.

Two copies of one office, each with the same jobs done and invoiced for a referred subscriber
(so every split has a referrer's and a recipient's credit and a wage payable): one wired as the
application is (the payment in full posts the split, its credit entries and the group's wage
payable in the same transaction), the other with billing's handlers alone (the limit: the same
payment with nothing posted). The two record their payments alternately, so they share the
machine's load; the figure is the difference of the medians.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import Figure, figure, median
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.billing import fill_company
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.billing.handlers import billing_handlers
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

JOBS = 40
GOAL_MS = 5.0
LABOUR = LineDraft("labour", "تعویض شیر", "1", "1,234,567")
MATERIAL = LineDraft("material", "شیر", "1", "500,000")


def _jobs(db: Database, actor: Actor, count: int) -> list[tuple[int, int, int]]:
    """(subscriber, invoice, total) of ``count`` postpaid jobs done and invoiced."""
    catalogue = CatalogueService(db)
    service = next(s for s in catalogue.services(actor) if s.code == "CLN")
    zone = catalogue.zones(actor)[0].id
    group = WorkGroupService(db).create(
        actor,
        WorkGroupDraft(
            name="گروه سنجش",
            kind="team",
            phone="09170001122",
            daily_capacity="20",
            members=(("مجید", ""), ("حسن", "")),
            skills=((service.id, 5),),
            zone_ids=(zone,),
        ),
    )
    subscribers = SubscriberService(db)
    referrer = subscribers.create(
        actor,
        SubscriberDraft(
            name="مریم فسایی",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("زند، کوچه ۵", zone),),
        ),
    )
    card = subscribers.create(
        actor,
        SubscriberDraft(
            name="رضا کریمی",
            phones=(PhoneDraft("09177654321"),),
            addresses=(AddressDraft("معالی‌آباد", zone),),
            referrer=referrer.code,
        ),
    )
    pricing, invoices = PricingService(db), InvoiceService(db)
    jobs = []
    for number in range(count):
        request = IntakeService(db).create_request(
            actor, RequestDraft(card.id, service.id, card.addresses[0].id)
        ).id

        def version(request: int = request) -> int:
            return QueueService(db).get(actor, request).version

        day = dt.date(2025, 12, 1) + dt.timedelta(days=number // 10)  # within capacity
        DispatchService(db).assign(actor, request, group.id, day, expected_version=version())
        JobSheetService(db).dispatch(actor, request, expected_version=version())
        lines = [LABOUR, MATERIAL]
        price = pricing.present_price(actor, request, lines, expected_version=version())
        pricing.agree(
            actor, request, price.version, method="in_person", person="رضا",
            expected_version=version(),
        )  # fmt: skip
        pricing.start_work(actor, request, expected_version=version())
        pricing.finish(actor, request, expected_version=version())
        draft = invoices.draft_final(actor, request)
        issued = invoices.issue(
            actor, draft.row.id, operation_id=str(uuid.uuid4()), expected_version=draft.row.version
        )
        jobs.append((card.id, issued.row.id, issued.row.total))
    return jobs


def _pay(db: Database, actor: Actor, job: tuple[int, int, int]) -> float:
    subscriber, invoice, total = job
    draft = PaymentDraft(str(uuid.uuid4()), subscriber, "cash", str(total), invoice_id=invoice)
    start = time.perf_counter()
    PaymentService(db).record_payment(actor, draft)
    return time.perf_counter() - start


def _split_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM job_splits").scalar() or 0)


def measure(jobs: int = JOBS) -> dict[str, Figure]:
    with tempfile.TemporaryDirectory(prefix="hendazh-split-") as folder:
        template = Path(folder) / "office.db"
        db = wire(Database(str(template)))
        prepare_database(db, backup_dir=None)
        fill_company(db)
        actor = office_actor(db, "bench", role=Role.MANAGER)
        work = _jobs(db, actor, jobs)
        db.checkpoint()
        db.dispose()
        bare_path = Path(folder) / "bare.db"
        shutil.copyfile(template, bare_path)
        posting = wire(Database(str(template)))
        bare = Database(str(bare_path))
        bare.events.wire(billing_handlers())  # the payment with nothing posted after it
        samples: dict[str, list[float]] = {"posting": [], "bare": []}
        try:
            for job in work:
                samples["posting"].append(_pay(posting, actor, job))
                samples["bare"].append(_pay(bare, actor, job))
            posted, unposted = _split_count(posting), _split_count(bare)
        finally:
            posting.dispose()
            bare.dispose()
    if posted != jobs or unposted != 0:
        raise RuntimeError(f"expected {jobs} splits posted and none bare: {posted}, {unposted}")
    with_split = median(samples["posting"]) * 1000
    without = median(samples["bare"]) * 1000
    added = with_split - without
    return {
        "split_posting_added_ms": figure(
            added,
            "ms",
            f"posting a split (credit entries, wage payable) adds ≤ {GOAL_MS:g} ms to the "
            "payment that completes the job",
            added <= GOAL_MS,
            limit=round(without, 3),
            ratio=with_split / without,
            payment_with_split_ms=round(with_split, 3),
            jobs=jobs,
        )
    }


if __name__ == "__main__":
    for key, value in measure(int(sys.argv[1]) if len(sys.argv) > 1 else JOBS).items():
        print(key, value)
