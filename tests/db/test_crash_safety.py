"""SIGKILL a writer at random moments: nothing it reported committed is ever lost, and no
half-written transaction is ever visible (RELIABILITY.md: WAL + synchronous=FULL)."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time

import pytest

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.audit import AuditService
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

KILLS = 50


def _writer(db_path: str, actor_id: int, generation: int, out_fd: int) -> None:
    """Child: register subscribers forever, reporting each id once its commit returned."""
    from hendazh_desktop.domain.permissions import Actor, Role

    db = wire(Database(db_path))
    service = SubscriberService(db, rng=random.Random(generation))
    actor = Actor(actor_id, "writer", Role.MANAGER)
    n = 0
    while True:
        phone = f"0917{generation:03d}{n:04d}"
        card = service.create(
            actor, SubscriberDraft(name="مشترک آزمون", phones=(PhoneDraft(phone),))
        )
        os.write(out_fd, f"{card.id}\n".encode())
        n += 1


def _check(db_path: str, committed: set[int]) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        present = {r[0] for r in conn.execute("SELECT id FROM subscribers")}
        assert committed <= present, f"lost commits: {sorted(committed - present)[:5]}"
        # all or nothing: every subscriber has its phone, its search row and its audit entry
        orphans = conn.execute(
            "SELECT count(*) FROM subscribers s WHERE NOT EXISTS (SELECT 1 FROM "
            "subscriber_phones p WHERE p.subscriber_id = s.id) OR NOT EXISTS (SELECT 1 FROM "
            "audit_log a WHERE a.entity = 'subscriber' AND a.entity_id = CAST(s.id AS TEXT)) "
            "OR NOT EXISTS (SELECT 1 FROM subscriber_fts f WHERE f.rowid = s.id)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_never_loses_a_reported_commit(tmp_path):
    db_path = str(tmp_path / "crash.db")
    setup = wire(Database(db_path))
    prepare_database(setup, backup_dir=None)
    actor_id = office_actor(setup, "writer").user_id
    setup.dispose()
    rng = random.Random(20251120)
    committed: set[int] = set()
    for generation in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns to pytest
            os.close(read_fd)
            try:
                _writer(db_path, actor_id, generation, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        # the writer is writing (its first commit reported, however loaded the machine),
        # then killed at a random moment of what follows
        ready, _, _ = select.select([read_fd], [], [], 30)
        assert ready, "the writer reported no commit within 30 s"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_fd, "rb") as pipe:
            reported = {int(line) for line in pipe.read().split() if line}
        committed |= reported
        _check(db_path, committed)
    assert len(committed) > KILLS  # the writer really wrote between kills
    verify = wire(Database(db_path))
    try:
        result = AuditService(verify).verify(None)
        assert result.ok, result
    finally:
        verify.dispose()
