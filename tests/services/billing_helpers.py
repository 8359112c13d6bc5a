"""Builds requests up to the point billing takes over, through the real services."""

from __future__ import annotations

import datetime as dt
import uuid

from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService

LABOUR = LineDraft("labour", "تعویض شیر", "1", "800,000")
MATERIAL = LineDraft("material", "شیر مخلوط", "2", "1,250,000")


def op() -> str:
    return str(uuid.uuid4())


class Office:
    """One office: a group, a subscriber, and requests driven through intake and dispatch."""

    def __init__(
        self,
        db,
        actor: Actor,
        *,
        name: str = "مریم فسایی",
        phone: str = "09171234567",
        clock: Clock = system_clock,
    ) -> None:
        self.db = db
        self.clock = clock
        self.actor = actor
        catalogue = CatalogueService(db)
        self.services = {s.code: s for s in catalogue.services(actor)}
        self.zone = catalogue.zones(actor)[0].id
        self.group = WorkGroupService(db).create(
            actor,
            WorkGroupDraft(
                name=f"گروه {phone[-4:]}",
                kind="person",
                phone="0917" + phone[-7:],
                daily_capacity="20",
                members=(("مجید", ""),),
                skills=tuple((s.id, 5) for s in self.services.values()),
                zone_ids=(self.zone,),
            ),
        )
        self.card = SubscriberService(db).create(
            actor,
            SubscriberDraft(
                name=name,
                phones=(PhoneDraft(phone),),
                addresses=(AddressDraft("زند، کوچه ۵", self.zone),),
            ),
        )

    def version(self, request_id: int) -> int:
        return QueueService(self.db).get(self.actor, request_id).version

    def status(self, request_id: int) -> str:
        return QueueService(self.db).get(self.actor, request_id).status

    def new_request(self, code: str = "PLB") -> int:
        made = IntakeService(self.db, clock=self.clock).create_request(
            self.actor,
            RequestDraft(self.card.id, self.services[code].id, self.card.addresses[0].id),
        )
        return made.id

    def agreed(
        self,
        code: str = "PLB",
        lines: tuple[LineDraft, ...] = (LABOUR, MATERIAL),
        *,
        request_id: int | None = None,
    ) -> int:
        """A request (new, or ``request_id`` once queued) assigned, priced and agreed."""
        request_id = self.new_request(code) if request_id is None else request_id
        DispatchService(self.db).assign(
            self.actor,
            request_id,
            self.group.id,
            dt.date(2025, 12, 1),
            expected_version=self.version(request_id),
        )
        JobSheetService(self.db).dispatch(
            self.actor, request_id, expected_version=self.version(request_id)
        )
        pricing = PricingService(self.db)
        price = pricing.present_price(
            self.actor, request_id, list(lines), expected_version=self.version(request_id)
        )
        pricing.agree(
            self.actor,
            request_id,
            price.version,
            method="in_person",
            person="مریم",
            expected_version=self.version(request_id),
        )
        return request_id

    def start_and_finish(self, request_id: int) -> None:
        pricing = PricingService(self.db)
        pricing.start_work(self.actor, request_id, expected_version=self.version(request_id))
        pricing.finish(self.actor, request_id, expected_version=self.version(request_id))

    def done(self, code: str = "PLB", lines: tuple[LineDraft, ...] = (LABOUR,)) -> int:
        request_id = self.agreed(code, lines)
        self.start_and_finish(request_id)
        return request_id
