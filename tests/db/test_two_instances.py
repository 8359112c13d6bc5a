"""Two app instances on one SQLite file for 8 s (HENDAZH_TWO_INSTANCE_SECONDS for a longer soak):
no lost update, no "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.requests import QueueQuery
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

# Without BEGIN IMMEDIATE nearly half of such read-modify-writes are lost (RELIABILITY.md), so
# a few seconds of both instances writing show it; 30 s held both of the suite's cores for half
# a minute. The test still requires each instance to have done more than ten increments.
SECONDS = float(os.environ.get("HENDAZH_TWO_INSTANCE_SECONDS", "8"))
WORKER = Path(__file__).with_name("two_instance_worker.py")


def test_two_instances_lose_nothing(tmp_path):
    db_path = str(tmp_path / "shared.db")
    db = wire(Database(db_path))
    prepare_database(db, backup_dir=None)
    actor = office_actor(db, "setup")
    zone = CatalogueService(db).zones(actor)[0]
    card = SubscriberService(db).create(
        actor,
        SubscriberDraft(
            name="مشترک مشترک",
            phones=(PhoneDraft("09170000000"),),
            addresses=(AddressDraft("شیراز، خیابان زند", zone.id),),
        ),
    )
    db.dispose()

    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                db_path,
                str(actor.user_id),
                str(card.id),
                str(SECONDS),
                tag,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("pc-a", "pc-b")
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=SECONDS + 120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert [r["errors"] for r in results] == [[], []]  # not one "database is locked"
    edits = sum(r["edits"] for r in results)
    requests = sum(r["requests"] for r in results)
    increments = sum(r["increments"] for r in results)
    assert min(r["increments"] for r in results) > 10  # both really ran concurrently

    db = wire(Database(db_path))
    try:
        final = SubscriberService(db).card(actor, card.id)
        assert final.version == 1 + edits  # every saved edit counted once, none lost
        with db.read() as uow:
            assert int(uow.catalogue.setting("invoice_footer") or 0) == increments
            assert uow.requests.count(QueueQuery()) == requests
            assert uow.audit.verify()[1] is None  # the chain survived concurrent appends
    finally:
        db.dispose()
