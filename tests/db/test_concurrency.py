"""Two app instances (two processes) read-modify-write the same values at the same time:
every successful increment is in the final value (no lost update), and not one
"database is locked" reaches the user (RELIABILITY.md: BEGIN IMMEDIATE, versions)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

WORKER = Path(__file__).with_name("rmw_worker.py")
ROUNDS = 200
PROCESSES = 2


def test_two_processes_lose_no_update(tmp_path):
    path = str(tmp_path / "shared.db")
    db = wire(Database(path))
    prepare_database(db, backup_dir=None)
    actor = office_actor(db, "setup")
    card = SubscriberService(db).create(
        actor, SubscriberDraft(name="مشترک مشترک", phones=(PhoneDraft("09170000000"),), notes="0")
    )
    db.dispose()

    start_at = time.time() + 1.5  # both begin together, after their imports
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                path,
                str(actor.user_id),
                str(card.id),
                str(ROUNDS),
                str(start_at),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert [r["errors"] for r in results] == [[]] * PROCESSES  # no "database is locked"
    assert [r["increments"] for r in results] == [ROUNDS] * PROCESSES
    assert [r["updates"] for r in results] == [ROUNDS] * PROCESSES
    # they really overlapped: each started before the other finished
    assert max(r["started"] for r in results) < min(r["finished"] for r in results)

    db = wire(Database(path))
    try:
        with db.read() as uow:
            assert int(uow.catalogue.setting("rmw_counter") or 0) == PROCESSES * ROUNDS
            assert uow.audit.verify()[1] is None  # the audit chain survived both writers
        final = SubscriberService(db).card(actor, card.id)
        assert int(final.notes) == PROCESSES * ROUNDS  # every saved edit counted once
        assert final.version == 1 + PROCESSES * ROUNDS
    finally:
        db.dispose()
