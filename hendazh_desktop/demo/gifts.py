"""Demo gift catalogue: about forty handicrafts with pictures drawn in their craft's colours,
stock received (some low, some gone, two retired), redemption orders in every state, and the
deepest referral chain (up to five subscribers) given jobs done and paid thirteen months ago
under a six-month expiry term: its unspent credit has expired, what was spent on a gift has
not."""

from __future__ import annotations

import datetime as dt
import io
import random
import tempfile
import uuid
from pathlib import Path

from PIL import Image, ImageDraw

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.domain.gifts import CRAFTS, DeliveryWay
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.clock import Clock
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.credit.ledger import GiftCreditLedger
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
from hendazh_desktop.services.gifts.orders import GiftOrders
from hendazh_desktop.services.gifts.records import GiftItemDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.subscribers.search import SubscriberSearch

# (name, craft, city, credit price in rials)
ITEMS = (
    ("بشقاب میناکاری", "میناکاری", "اصفهان", 1_800_000),
    ("گلدان میناکاری", "میناکاری", "اصفهان", 2_400_000),
    ("قاب آینه میناکاری", "میناکاری", "اصفهان", 3_100_000),
    ("جعبه جواهر خاتم", "خاتم‌کاری", "شیراز", 2_900_000),
    ("قاب عکس خاتم", "خاتم‌کاری", "شیراز", 1_200_000),
    ("قلمدان خاتم", "خاتم‌کاری", "شیراز", 950_000),
    ("شکلات‌خوری خاتم", "خاتم‌کاری", "شیراز", 2_100_000),
    ("سینی قلم‌زنی مس", "قلم‌زنی", "اصفهان", 3_600_000),
    ("گلدان قلم‌زنی", "قلم‌زنی", "زنجان", 2_700_000),
    ("قندان قلم‌زنی", "قلم‌زنی", "اصفهان", 1_500_000),
    ("کاسه فیروزه‌کوب", "فیروزه‌کوبی", "مشهد", 2_300_000),
    ("گلدان فیروزه‌کوب", "فیروزه‌کوبی", "مشهد", 3_400_000),
    ("شمعدان فیروزه‌کوب", "فیروزه‌کوبی", "اصفهان", 1_900_000),
    ("کاسه سفالی لالجین", "سفالگری", "همدان", 650_000),
    ("کوزه سفالی", "سفالگری", "میبد", 800_000),
    ("بشقاب سفالی میبد", "سفالگری", "میبد", 540_000),
    ("گلدان سفالی کلپورگان", "سفالگری", "سراوان", 1_100_000),
    ("جعبه منبت", "منبت‌کاری", "آباده", 2_600_000),
    ("قاب منبت گردو", "منبت‌کاری", "آباده", 3_900_000),
    ("جاکلیدی منبت", "منبت‌کاری", "آباده", 450_000),
    ("گلیم قشقایی کوچک", "گلیم‌بافی", "فیروزآباد", 4_800_000),
    ("پشتی گلیمی", "گلیم‌بافی", "سنندج", 2_200_000),
    ("زیرلیوانی گلیمی", "گلیم‌بافی", "شیراز", 380_000),
    ("رومیزی ترمه", "ترمه‌دوزی", "یزد", 2_500_000),
    ("کیف ترمه", "ترمه‌دوزی", "یزد", 1_400_000),
    ("جلد قرآن ترمه", "ترمه‌دوزی", "یزد", 1_700_000),
    ("تابلوی معرق", "معرق‌کاری", "تبریز", 3_300_000),
    ("جعبه معرق", "معرق‌کاری", "شیراز", 1_650_000),
    ("گردنبند ملیله", "ملیله‌کاری", "زنجان", 2_800_000),
    ("گوشواره ملیله", "ملیله‌کاری", "زنجان", 1_350_000),
    ("سینی ملیله", "ملیله‌کاری", "تبریز", 4_200_000),
    ("کیف سوزن‌دوزی", "سوزن‌دوزی بلوچ", "زاهدان", 1_600_000),
    ("رومیزی سوزن‌دوزی", "سوزن‌دوزی بلوچ", "زاهدان", 2_350_000),
    ("کوسن سوزن‌دوزی", "سوزن‌دوزی بلوچ", "سراوان", 1_250_000),
    ("سفره قلمکار", "قلمکار", "اصفهان", 1_450_000),
    ("رومیزی قلمکار", "قلمکار", "اصفهان", 1_050_000),
    ("دستمال قلمکار", "قلمکار", "اصفهان", 420_000),
    ("کاشی هفت‌رنگ", "سفالگری", "اصفهان", 900_000),
    ("آینه شمعدان قلم‌زنی", "قلم‌زنی", "اصفهان", 4_600_000),
    ("جعبه چای خاتم", "خاتم‌کاری", "شیراز", 1_550_000),
)
CHAIN_LENGTH = 5
EXPIRY_MONTHS = "6"
CHAIN_FROM = 1000
MONTHS_AGO = 13


def _op() -> str:
    return str(uuid.uuid4())


def _at(moment: dt.datetime) -> Clock:
    return lambda: moment


def draw_gift(craft: str, seed: int, size: tuple[int, int] = (640, 480)) -> bytes:
    """A patterned tile in the craft's colours (PNG bytes): background, a lattice, medallions."""
    background, pattern, accent = CRAFTS.get(craft, ("#9e9e9e", "#eeeeee", "#616161"))
    rng = random.Random(seed)
    image = Image.new("RGB", size, background)
    pen = ImageDraw.Draw(image)
    step = rng.choice((40, 48, 64, 80))
    for x in range(0, size[0] + step, step):
        pen.line((x, 0, x - size[1], size[1]), fill=pattern, width=3)
        pen.line((x - step, 0, x - step + size[1], size[1]), fill=pattern, width=3)
    cx, cy = size[0] // 2, size[1] // 2
    for r in range(min(size) // 2 - 20, 20, -rng.choice((24, 32, 40))):
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), outline=accent, width=6)
    pen.regular_polygon((cx, cy, 46), rng.choice((6, 8, 12)), fill=accent, outline=pattern)
    pen.rectangle((6, 6, size[0] - 7, size[1] - 7), outline=accent, width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def make_gifts(
    db: Database, actor: Actor, rng: random.Random, now: dt.datetime, *, subscribers: int
) -> int:
    """The catalogue, orders in every state and, in demo databases of at least
    ``CHAIN_FROM`` subscribers, the expired referral chain (four jobs more: the small
    databases the tests build keep their exact counts); returns how many orders exist."""
    items = make_catalogue(db, actor, rng)
    if subscribers >= CHAIN_FROM:
        make_expired_chain(db, actor, now, items)
    return make_orders(db, actor, rng, items)


def make_catalogue(db: Database, actor: Actor, rng: random.Random) -> list[int]:
    """About forty gifts with pictures; stock received for most (a few at their reorder
    level, a few with none), and two retired."""
    catalogue = GiftCatalogue(db)
    made: list[int] = []
    with tempfile.TemporaryDirectory(prefix="hendazh-gifts-") as folder:
        for n, (name, craft, city, price) in enumerate(ITEMS):
            picture = Path(folder) / f"{n}.png"
            picture.write_bytes(draw_gift(craft, n))
            item = catalogue.create(
                actor,
                GiftItemDraft(
                    name=name,
                    craft=craft,
                    city=city,
                    credit_price=str(price),
                    company_cost=str(price * rng.choice((55, 60, 70)) // 100),
                    reorder_level=str(rng.choice((1, 2, 3))),
                    description=f"{craft} {city}، دست‌ساز و انتخاب‌شده از کارگاه‌های استاد",
                    photo_path=str(picture),
                ),
            )
            stock = 0 if n % 11 == 5 else rng.choice((2, 3, 5, 8, 12, 20))
            if stock:
                catalogue.receive(actor, item.id, str(stock), "خرید از کارگاه")
            made.append(item.id)
    for item_id in made[-2:]:
        item = catalogue.item(actor, item_id)
        if item.stock > 1:
            catalogue.adjust(actor, item_id, "-1", "یک عدد در جابه‌جایی شکست")
        catalogue.set_active(actor, item_id, False, expected_version=item.version)
    return made[:-2]


def make_orders(db: Database, actor: Actor, rng: random.Random, items: list[int]) -> int:
    """Orders for subscribers with gift credit: placed, prepared, delivered at the office,
    delivered by a work group, cancelled (credit and stock back)."""
    ledger, orders, catalogue = GiftCreditLedger(db), GiftOrders(db), GiftCatalogue(db)
    earned = ledger.page(actor, LedgerFilter(kind="earned_recipient"), 0, 300)
    holders = sorted({e.subscriber_id for e in earned})
    credit = GiftCreditService(db)
    offered = [catalogue.item(actor, i) for i in items]
    placed = []
    search = SubscriberSearch(db)
    newest = search.page(actor, max(0, search.count(actor) - 40), 40)
    holders += [r.id for r in newest if r.id not in holders]  # this run's newest subscribers
    holders = [h for h in holders if ledger.gift_credit(actor, h) >= 0][:12]
    for n, subscriber_id in enumerate(holders):
        # the office tops up a few loyal subscribers so every kind of order is shown
        credit.adjust(actor, subscriber_id, "3000000", "جایزه جشنواره وفاداری",
                      decrease=False, operation_id=_op())  # fmt: skip
        balance = ledger.gift_credit(actor, subscriber_id)
        choices = [i for i in offered if i.stock > 0 and i.credit_price <= balance]
        if not choices:
            continue
        gift = rng.choice(choices)
        quantity = 2 if n % 5 == 4 and gift.credit_price * 2 <= balance else 1
        order = orders.place(actor, subscriber_id, [(gift.id, quantity)], operation_id=_op())
        placed.append(order)
        offered = [catalogue.item(actor, i) for i in items]
    groups = WorkGroupService(db).list_groups(actor, include_inactive=False)
    for n, order in enumerate(placed):
        step = n % 5  # 0 stays placed
        if step in (1, 2, 3):
            order = orders.prepare(actor, order.id, expected_version=order.version)
        if step == 2:
            orders.deliver(actor, order.id, DeliveryWay.OFFICE, expected_version=order.version)
        elif step == 3 and groups:
            orders.deliver(actor, order.id, DeliveryWay.WORK_GROUP,
                           expected_version=order.version, work_group_id=groups[0].id)  # fmt: skip
        elif step == 4:
            orders.cancel(actor, order.id, "مشترک هدیه دیگری خواست",
                          expected_version=order.version)  # fmt: skip
    return len(placed)


def deepest_chain(db: Database, length: int) -> list[int]:
    """Up to ``length`` subscribers, each referred by the one before (top first): the
    ancestry of the subscriber with the most referrers above them (lowest id on a tie)."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, referrer_id FROM subscribers").all()
    referrer: dict[int, int | None] = {int(r[0]): r[1] for r in rows}
    depth: dict[int, int] = {}

    def depth_of(sid: int) -> int:
        path: list[int] = []
        while sid not in depth and referrer.get(sid) is not None and len(path) < 100:
            path.append(sid)
            sid = referrer[sid] or 0
        base = depth.setdefault(sid, 0)
        for n, below in enumerate(reversed(path), start=1):
            depth[below] = base + n
        return depth[path[0]] if path else base

    bottom = min(referrer, key=lambda s: (-depth_of(s), s)) if referrer else None
    chain: list[int] = []
    while bottom is not None and len(chain) < length:
        chain.append(bottom)
        bottom = referrer.get(bottom)
    return list(reversed(chain))


def make_expired_chain(db: Database, actor: Actor, now: dt.datetime, items: list[int]) -> None:
    """The deepest referral chain of the demo (up to five subscribers, each referred by the one
    before), whose jobs were
    done and paid
    thirteen months ago under a six-month expiry term (earlier in the previous fiscal year,
    so their invoices and receipts number in their own year); one spent part of the credit
    on a gift before it expired. The expiry run today takes what was left."""
    then = now - dt.timedelta(days=30 * MONTHS_AGO)
    run = len(WorkGroupService(db).list_groups(actor, "نمونه کیانی"))  # demo data run again
    credit = GiftCreditService(db, clock=_at(then))
    before = credit.expiry_months(actor)
    credit.set_expiry_months(actor, EXPIRY_MONTHS)
    catalogue = CatalogueService(db)
    service = next(s for s in catalogue.services(actor) if s.payment_policy != "prepaid")
    group = WorkGroupService(db, clock=_at(then)).create(
        actor,
        WorkGroupDraft(
            name="گروه نمونه کیانی" + (f" {run + 1}" if run else ""),
            kind="person",
            phone=f"0991990{run:04d}",
            daily_capacity="20",
            members=(("کیوان کیانی", ""),),
            skills=((service.id, 5),),
            zone_ids=tuple(z.id for z in catalogue.zones(actor)),
        ),
    )
    people = SubscriberService(db)
    cards = [people.card(actor, i) for i in deepest_chain(db, CHAIN_LENGTH)]
    for n, card in enumerate(cards[1:], start=1):
        if not card.do_not_serve and card.addresses:
            _paid_job(db, actor, then + dt.timedelta(days=n), card, service.id, group.id)
    spender = cards[min(2, len(cards) - 1)]
    spent_at = then + dt.timedelta(days=40)
    offered = [g for g in (GiftCatalogue(db).item(actor, i) for i in items) if g.stock > 0]
    balance = GiftCreditLedger(db).gift_credit(actor, spender.id)
    cheap = min(offered, key=lambda g: g.credit_price)
    if 0 < cheap.credit_price <= balance:
        orders = GiftOrders(db, clock=_at(spent_at))
        order = orders.place(actor, spender.id, [(cheap.id, 1)], operation_id=_op())
        order = orders.prepare(actor, order.id, expected_version=order.version)
        orders.deliver(actor, order.id, DeliveryWay.OFFICE, expected_version=order.version)
    GiftCreditService(db, clock=_at(now)).expire_due(actor)
    # from today the office's credit no longer expires (as it was before this story)
    GiftCreditService(db, clock=_at(now)).set_expiry_months(actor, str(before or ""))


def _paid_job(
    db: Database, actor: Actor, at: dt.datetime, card: object, service_id: int, group_id: int
) -> None:
    """A job for ``card`` taken from the call to the payment on one day in the past."""
    clock = _at(at)
    subscriber_id, address_id = card.id, card.addresses[0].id  # type: ignore[attr-defined]
    request_id = (
        IntakeService(db, clock=clock)
        .create_request(actor, RequestDraft(subscriber_id, service_id, address_id))
        .id
    )
    queue = QueueService(db)

    def version() -> int:
        return queue.get(actor, request_id).version

    DispatchService(db, clock=clock).assign(
        actor, request_id, group_id, at.date(), expected_version=version()
    )
    JobSheetService(db, clock=clock).dispatch(actor, request_id, expected_version=version())
    pricing = PricingService(db, clock=clock)
    lines = [LineDraft("labour", "بازسازی کامل لوله‌کشی ساختمان", "1", "60000000")]
    price = pricing.present_price(actor, request_id, lines, expected_version=version())
    pricing.agree(actor, request_id, price.version, method="in_person", person="صاحب‌خانه",
                  expected_version=version())  # fmt: skip
    pricing.start_work(actor, request_id, expected_version=version())
    pricing.finish(actor, request_id, expected_version=version())
    invoices = InvoiceService(db, clock=_at(at + dt.timedelta(hours=1)))
    draft = invoices.draft_final(actor, request_id)
    issued = invoices.issue(actor, draft.row.id, operation_id=_op(),
                            expected_version=draft.row.version)  # fmt: skip
    PaymentService(db, clock=_at(at + dt.timedelta(hours=2))).record_payment(
        actor,
        PaymentDraft(_op(), subscriber_id, "cash", str(issued.row.total), invoice_id=issued.row.id),
    )
