"""Two dispatchers on two PCs assign the same request at the same moment: one wins, the
other is told, and the request carries exactly one assignment."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

WORKER = Path(__file__).with_name("assign_worker.py")


def test_second_dispatcher_gets_a_conflict(tmp_path):
    path = str(tmp_path / "shared.db")
    db = wire(Database(path))
    prepare_database(db, backup_dir=None)
    boss = office_actor(db, "boss", role=Role.MANAGER)
    dispatcher = office_actor(db, "dispatcher", role=Role.DISPATCHER)
    catalogue = CatalogueService(db)
    service_id = catalogue.services(boss)[0].id
    zone_id = catalogue.zones(boss)[0].id
    groups = [
        WorkGroupService(db).create(
            boss,
            WorkGroupDraft(
                name=name,
                kind="person",
                phone=f"0917000000{n}",
                daily_capacity="4",
                members=((name, ""),),
                skills=((service_id, 4),),
                zone_ids=(zone_id,),
            ),
        )
        for n, name in enumerate(("گروه الف", "گروه ب"))
    ]
    card = SubscriberService(db).create(
        boss,
        SubscriberDraft(
            name="مریم فسایی",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("زند، کوچه ۵", zone_id),),
        ),
    )
    request = IntakeService(db).create_request(
        boss, RequestDraft(card.id, service_id, card.addresses[0].id)
    )
    db.dispose()

    at = time.time() + 2.5
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                path,
                str(dispatcher.user_id),
                str(request.id),
                str(group.id),
                str(at),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for group in groups
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(outcomes) == ["assigned", "conflict stale"]

    db = wire(Database(path))
    try:
        history = QueueService(db).history(boss, request.id)
        assert [h.to_status for h in history] == ["queued", "assigned"]
        assert QueueService(db).get(boss, request.id).version == 2
    finally:
        db.dispose()
