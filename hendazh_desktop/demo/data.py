"""Realistic demo data, deterministic for a seed and fast enough for a million subscribers."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from hendazh_desktop.db.bulk import BulkWriter, bulk_writer
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo import names as words
from hendazh_desktop.demo.billing import fill_company, make_billing
from hendazh_desktop.demo.credit import make_gift_credit
from hendazh_desktop.demo.dispatch import advance_jobs, make_groups
from hendazh_desktop.demo.gifts import make_gifts
from hendazh_desktop.demo.quality import make_quality
from hendazh_desktop.demo.wages import make_wages, prepare_wage_terms
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.requests import Channel, Priority, RequestStatus
from hendazh_desktop.domain.subscription_code import BODY_MAX, BODY_MIN, damm_digit
from hendazh_desktop.domain.text import (
    collation_key_of_search_key,
    search_key,
    to_persian_digits,
)
from hendazh_desktop.services.clock import Clock, system_clock

CHUNK = 10_000  # rows of subscribers per executemany, and per progress report
MOBILE_PREFIXES = ("0917", "0936", "0901", "0912", "0935", "0903", "0938", "0919", "0939", "0990")
LANDLINE_PREFIX = "0713"  # Shiraz: 071 and an 8-digit number starting with 3
PHONE_PREFIXES = (*MOBILE_PREFIXES, LANDLINE_PREFIX)
SUFFIXES = 10**7  # seven digits after each four-digit prefix
REQUESTS_PER_SUBSCRIBERS = 20
MAX_REQUESTS = 50_000
MIN_GROUPS, MAX_GROUPS = 12, 500
DISPATCHED_JOBS = 48
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What a demo-data run created."""

    subscribers: int
    phones: int
    addresses: int
    requests: int
    seconds: float
    groups: int = 0
    dispatched_jobs: int = 0
    invoices: int = 0

    def describe(self) -> str:
        return (
            f"demo data: {self.subscribers:,} subscribers, {self.phones:,} phones, "
            f"{self.addresses:,} addresses, {self.requests:,} requests, {self.groups} work "
            f"groups, {self.dispatched_jobs} jobs taken through dispatch, "
            f"{self.invoices:,} invoices in {self.seconds:.1f} s"
        )


class _Bitset:
    """Which integers of ``range(size)`` are taken, one bit each (all codes fit in 1.1 MB)."""

    __slots__ = ("_bits",)

    def __init__(self, size: int) -> None:
        self._bits = bytearray((size + 7) >> 3)

    def add(self, i: int) -> bool:
        """Take ``i``; False if it was already taken."""
        byte, mask = i >> 3, 1 << (i & 7)
        if self._bits[byte] & mask:
            return False
        self._bits[byte] |= mask
        return True


@lru_cache(maxsize=65_536)
def _key(name: str) -> str:
    return search_key(name)


def _national_code(rng: random.Random) -> str:
    """Ten digits with a valid mod-11 check digit, never all equal."""
    while True:
        body = f"{rng.randrange(10**9):09d}"
        if len(set(body)) == 1:
            continue
        remainder = sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
        return body + str(remainder if remainder < 2 else 11 - remainder)


_FA = [to_persian_digits(str(n)) for n in range(251)]  # house numbers, once


def _address(rng: random.Random) -> str:
    text = (
        f"شیراز، {rng.choice(words.NEIGHBORHOODS)}، {rng.choice(words.STREETS)}، "
        f"کوچه {_FA[rng.randint(1, 60)]}، پلاک {_FA[rng.randint(1, 250)]}"
    )
    if rng.random() < 0.3:
        text += f"، طبقه {_FA[rng.randint(1, 8)]}، واحد {_FA[rng.randint(1, 24)]}"
    return text


def _phone_count(rng: random.Random) -> int:
    roll = rng.random()
    return 1 if roll < 0.65 else 2 if roll < 0.93 else 3


class _Generator:
    """Makes the rows of one run; every code and number unique against what the database
    holds (bitsets over the code bodies and the phone number space keep memory small)."""

    def __init__(self, writer: BulkWriter, rng: random.Random, now: dt.datetime) -> None:
        self.w, self.rng, self.now = writer, rng, now
        self.taken_codes = _Bitset(BODY_MAX - BODY_MIN + 1)
        for code in writer.scalars("SELECT code FROM subscribers"):
            if len(code) == 8 and code.isdigit() and BODY_MIN <= int(code[:7]) <= BODY_MAX:
                self.taken_codes.add(int(code[:7]) - BODY_MIN)
        self.taken_phones = _Bitset(len(PHONE_PREFIXES) * SUFFIXES)
        prefix_index = {p: n for n, p in enumerate(PHONE_PREFIXES)}
        for number in writer.scalars("SELECT number FROM subscriber_phones"):
            n = prefix_index.get(number[:4])
            if n is not None and len(number) == 11 and number.isdigit():
                self.taken_phones.add(n * SUFFIXES + int(number[4:]))
        self.taken_national = writer.existing(
            "SELECT national_code FROM subscribers WHERE national_code IS NOT NULL"
        )
        self.first_sub = self.sub_id = writer.next_id("subscribers")
        self.first_phone = self.phone_id = writer.next_id("subscriber_phones")
        self.first_address = self.address_id = writer.next_id("addresses")
        self.phones = self.addresses = 0

    def code(self) -> str:
        while True:
            body = self.rng.randint(BODY_MIN, BODY_MAX)
            if self.taken_codes.add(body - BODY_MIN):
                text = str(body)
                return text + str(damm_digit(text))

    def phone(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            n = len(MOBILE_PREFIXES) if rng.random() < 0.15 else rng.randrange(len(MOBILE_PREFIXES))
            suffix = rng.randrange(SUFFIXES)
            if self.taken_phones.add(n * SUFFIXES + suffix):
                kind = "landline" if n == len(MOBILE_PREFIXES) else "mobile"
                return f"{PHONE_PREFIXES[n]}{suffix:07d}", kind

    def _phone_rows(self, subscriber: int) -> list[tuple[object, ...]]:
        rows: list[tuple[object, ...]] = []
        for position in range(_phone_count(self.rng)):
            number, kind = self.phone()
            if kind == "landline":
                label = "منزل" if position == 0 or self.rng.random() < 0.5 else "محل کار"
            else:
                label = "همراه" if position == 0 else self.rng.choice(("همسر", "همراه دوم"))
            rows.append((self.phone_id, subscriber, number, kind, label, position))
            self.phone_id += 1
        return rows

    def subscribers(self, count: int, zones: list[int], progress: Progress | None) -> None:
        rng = self.rng
        three_years = 3 * 365 * 86400
        for start in range(0, count, CHUNK):
            subs, phones, addresses = [], [], []
            for _ in range(min(CHUNK, count - start)):
                female = rng.random() < 0.5
                first = rng.choice(words.FEMALE_NAMES if female else words.MALE_NAMES)
                name = f"{first} {rng.choice(words.SURNAMES)}"
                national = None
                if rng.random() < 0.15:
                    national = _national_code(rng)
                    if national in self.taken_national:
                        national = None
                    else:
                        self.taken_national.add(national)
                referrer = (
                    rng.randint(self.first_sub, self.sub_id - 1)
                    if self.sub_id > self.first_sub and rng.random() < 0.3
                    else None
                )
                blocked = rng.random() < 0.01
                created = self.now - dt.timedelta(seconds=rng.randrange(three_years))
                stamp = created.replace(tzinfo=None)
                subs.append(
                    (
                        self.sub_id,
                        self.code(),
                        name,
                        _key(name),
                        collation_key_of_search_key(_key(name)),
                        national,
                        referrer,
                        blocked,
                        rng.choice(words.DO_NOT_SERVE_REASONS) if blocked else "",
                        "",
                        stamp,
                        stamp,
                        1,
                    )
                )
                phones += self._phone_rows(self.sub_id)
                zone = rng.choice(zones)
                addresses.append(
                    (self.address_id, self.sub_id, "منزل", zone, _address(rng), None, True)
                )
                self.address_id += 1
                self.sub_id += 1
            self.w.insert("subscribers", subs)
            self.w.insert("subscriber_phones", phones)
            self.w.insert("addresses", addresses)
            self.phones += len(phones)
            self.addresses += len(addresses)
            if progress is not None:
                progress(start + len(subs), count)

    def requests(self, count: int, services: list[tuple[int, bool]], actor: Actor) -> int:
        """Requests of the last 60 days for this run's subscribers, each with its history."""
        rng = self.rng
        request_id = self.w.next_id("service_requests")
        event_id = self.w.next_id("request_events")
        requests: list[tuple[object, ...]] = []
        events: list[tuple[object, ...]] = []
        for _ in range(count):
            sub = rng.randrange(self.first_sub, self.sub_id)
            service_id, prepaid = rng.choice(services)
            created = (self.now - dt.timedelta(minutes=rng.randrange(60 * 24 * 60))).replace(
                tzinfo=None
            )
            channel = Channel.WEB_FORM.value if rng.random() < 0.12 else Channel.PHONE.value
            first = (
                RequestStatus.TO_VERIFY
                if channel == Channel.WEB_FORM.value
                else RequestStatus.AWAITING_PREPAYMENT
                if prepaid
                else RequestStatus.QUEUED
            )
            cancelled = rng.random() < 0.1 and first is not RequestStatus.TO_VERIFY
            status = RequestStatus.CANCELLED if cancelled else first
            preferred = (
                (created + dt.timedelta(days=rng.randint(0, 10))).date()
                if rng.random() < 0.6
                else None
            )
            start_hour = rng.choice((8, 9, 10, 14, 16)) if preferred else None
            requests.append(
                (
                    request_id,
                    sub,
                    service_id,
                    self.first_address + (sub - self.first_sub),
                    rng.choice(words.REQUEST_DESCRIPTIONS),
                    preferred,
                    dt.time(start_hour) if start_hour else None,
                    dt.time(start_hour + 2) if start_hour else None,
                    rng.choices(
                        (Priority.LOW, Priority.NORMAL, Priority.URGENT, Priority.EMERGENCY),
                        (5, 80, 12, 3),
                    )[0].value,
                    channel,
                    status.value,
                    "",
                    "",
                    "",
                    None,
                    created,
                    actor.user_id,
                    created,
                    2 if cancelled else 1,
                )
            )
            events.append((event_id, request_id, created, actor.user_id, None, first.value, ""))
            event_id += 1
            if cancelled:
                events.append(
                    (
                        event_id,
                        request_id,
                        created + dt.timedelta(hours=2),
                        actor.user_id,
                        first.value,
                        status.value,
                        rng.choice(words.CANCEL_REASONS),
                    )
                )
                event_id += 1
            request_id += 1
        self.w.insert("service_requests", requests)
        self.w.insert("request_events", events)
        return len(requests)


def generate_demo_data(
    db: Database,
    actor: Actor,
    *,
    subscribers: int,
    seed: int = 1,
    progress: Progress | None = None,
    clock: Clock = system_clock,
) -> DemoSummary:
    """Add ``subscribers`` Persian subscribers (phones, Shiraz addresses, referrals) and their
    requests in one transaction; the same seed on an empty database gives the same data."""
    require(actor, Permission.GENERATE_DEMO_DATA)
    started = time.perf_counter()
    now = clock()
    rng = random.Random(seed)
    fill_company(db)
    with db.read() as uow:
        zones = [z.id for z in uow.catalogue.zones()]
        services = [(s.id, s.payment_policy == "prepaid") for s in uow.catalogue.services()]
    request_count = min(MAX_REQUESTS, max(1, subscribers // REQUESTS_PER_SUBSCRIBERS))
    with bulk_writer(db) as writer:
        gen = _Generator(writer, rng, now)
        gen.subscribers(subscribers, zones, progress)
        made = gen.requests(request_count, services, actor) if subscribers else 0
        writer.index_search(gen.first_sub, gen.first_phone)
    groups = jobs = invoices = 0
    if subscribers:
        group_rng = random.Random(seed + 1)
        groups = len(
            make_groups(db, actor, group_rng, min(MAX_GROUPS, max(MIN_GROUPS, subscribers // 2000)))
        )
        prepare_wage_terms(db, actor, random.Random(seed + 4))
        jobs = advance_jobs(db, actor, group_rng, min(DISPATCHED_JOBS, made))
        invoices = make_billing(db, actor, group_rng)
        make_gift_credit(db, actor, random.Random(seed + 3))
        make_wages(db, actor, random.Random(seed + 5))
        make_gifts(db, actor, random.Random(seed + 4), now, subscribers=subscribers)
        make_quality(db, actor, random.Random(seed + 2), now)
    summary = DemoSummary(
        subscribers,
        gen.phones,
        gen.addresses,
        made,
        time.perf_counter() - started,
        groups,
        jobs,
        invoices,
    )
    with db.write() as uow:
        uow.audit.append(
            at=now,
            user_id=actor.user_id,
            entity="database",
            entity_id="demo",
            action=AuditAction.GENERATE.value,
            before=None,
            after={"subscribers": subscribers, "requests": made, "seed": seed},
        )
        uow.commit()
    return summary
