"""Two accountants on two PCs build and pay a batch for the same period at the same moment:
no payable ends up in two paid batches, and what was paid is exactly what was due."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from billing_helpers import Office
from wage_helpers import collected, today

from hendazh_desktop.db.repositories.wage_lists import PayableFilter
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.wages.queries import WageQueries

WORKER = Path(__file__).with_name("wage_batch_worker.py")
FEE = 800_000


def test_two_accountants_batching_the_same_period(db, manager):
    office = Office(db, manager)
    for _ in range(3):
        collected(db, manager, office)
    first = office_actor(db, "acc1", role=Role.ACCOUNTANT)
    second = office_actor(db, "acc2", role=Role.ACCOUNTANT)
    url = db.engine.url.render_as_string(hide_password=False)
    at = time.time() + 2.5
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, str(a.user_id), today(), str(at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for a in (first, second)
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(o.split()[0] for o in outcomes) == ["paid", "refused"], outcomes
    (winner,) = [o for o in outcomes if o.startswith("paid")]
    assert int(winner.split()[2]) == 3 * FEE
    queries = WageQueries(db)
    assert queries.paid_by_group(manager) == {office.group.id: 3 * FEE}
    rows = queries.payables(manager, PayableFilter(), 0, 10)
    assert [r.state for r in rows] == ["paid"] * 3
    paid_batches = [b for b in queries.batches(manager) if b.state == "paid"]
    assert len(paid_batches) == 1
