"""Quality figures: drawing the day's call list, a group's scorecard and the suggestion with
quality, on the 1,000,000-subscriber database plus 500,000 finished jobs (a year of them),
200,000 feedback, a month of call lists and 5,000 do-not-call subscribers.

The dataset is a copy of the big demo database (SQLite backup API), migrated, then filled with
bare executemany; it is made once and reused while its marker matches.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

from bench.common import Figure, figure, median, p95, timed
from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.quality.calls import CallListService
from hendazh_desktop.services.quality.records import QualitySettings
from hendazh_desktop.services.quality.scores import rebuild_scores
from hendazh_desktop.services.quality.standing import QualityStandings
from hendazh_desktop.services.wiring import wire

JOBS = 500_000
FEEDBACK_SHARE = 0.4
DAYS = 365
DO_NOT_CALL = 5_000
VERSION = 1
NOW = dt.datetime(2026, 12, 1, 6, 30, tzinfo=dt.UTC)  # 10:00 in Shiraz
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime(STAMP)


def _fill(path: Path) -> dict[str, int]:
    rng = random.Random(11)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    subs = [r[0] for r in con.execute("SELECT id FROM subscribers")]
    groups = [r[0] for r in con.execute("SELECT id FROM work_groups WHERE active")]
    skills = list(con.execute("SELECT group_id, service_id FROM group_skills"))
    user = con.execute("SELECT min(id) FROM users").fetchone()[0]
    mean = {g: rng.uniform(2.8, 4.8) for g in groups}
    first = con.execute("SELECT coalesce(max(id), 0) FROM service_requests").fetchone()[0] + 1
    jobs, feedback = [], []
    for n in range(JOBS):
        group, service = rng.choice(skills)
        done = NOW - dt.timedelta(days=rng.uniform(0.05, DAYS))
        subscriber = rng.choice(subs)
        jobs.append(
            (
                first + n,
                subscriber,
                service,
                "",
                1,
                "phone",
                "closed",
                "",
                "",
                "",
                group,
                done.date().isoformat(),
                _stamp(done),
                _stamp(done - dt.timedelta(days=2)),
                user,
                _stamp(done),
                1,
            )
        )
        if rng.random() < FEEDBACK_SHARE:
            score = max(1, min(5, round(rng.gauss(mean[group], 0.8))))
            feedback.append(
                (
                    first + n,
                    subscriber,
                    service,
                    group,
                    rng.choice(("phone", "web")),
                    score,
                    score,
                    None,
                    score,
                    None,
                    None,
                    "",
                    _stamp(done + dt.timedelta(hours=30)),
                    user,
                )
            )
    con.executemany(
        "INSERT INTO service_requests (id, subscriber_id, service_id, description, priority, "
        "channel, status, contact_name, contact_phone, contact_address, group_id, "
        "scheduled_date, done_at, created_at, created_by, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        jobs,
    )
    con.executemany(
        "INSERT INTO quality_feedback (request_id, subscriber_id, service_id, group_id, channel, "
        "overall, work, punctuality, conduct, cleanliness, price, comment, received_at, "
        "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        feedback,
    )
    # A month of earlier call lists (their subscribers are not called again) and opt-outs.
    for back in range(1, 31):
        day = (NOW - dt.timedelta(days=back)).date()
        cur = con.execute(
            "INSERT INTO quality_call_lists (day, seed, size, window_days, recent_days, retries, "
            "eligible, drawn_at, drawn_by) VALUES (?, ?, 20, 14, 90, 2, 0, ?, ?)",
            (day.isoformat(), back, _stamp(NOW - dt.timedelta(days=back)), user),
        )
        picked = rng.sample(jobs, 20)
        con.executemany(
            "INSERT INTO quality_calls (list_id, day, position, request_id, subscriber_id, kind, "
            "attempt, added_by, added_reason, outcome, note, version) "
            "VALUES (?, ?, ?, ?, ?, 'drawn', 1, ?, '', 'refused', '', 2)",
            [
                (cur.lastrowid, day.isoformat(), i + 1, j[0], j[1], user)
                for i, j in enumerate(picked)
            ],
        )
    con.executemany(
        "INSERT OR IGNORE INTO quality_do_not_call (subscriber_id, active, reason, at, by) "
        "VALUES (?, 1, 'bench', ?, ?)",
        [(s, _stamp(NOW - dt.timedelta(days=40)), user) for s in rng.sample(subs, DO_NOT_CALL)],
    )
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"jobs": len(jobs), "feedback": len(feedback)}


def dataset(big: Path) -> Path:
    path = big.parent / f"bench-quality-{big.stem.removeprefix('bench-')}.db"
    marker = path.with_suffix(".db.complete.json")
    wanted = {"source": big.name, "jobs": JOBS, "version": VERSION}
    if (
        path.exists()
        and marker.exists()
        and {k: json.loads(marker.read_text()).get(k) for k in wanted} == wanted
    ):
        db = wire(Database(str(path)))
        prepare_database(db, backup_dir=None)  # a newer schema: migrations fill what is new
        db.dispose()
        return path
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    source, copy = sqlite3.connect(big), sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    db = wire(Database(str(path)))
    prepare_database(db, backup_dir=None)  # migrate to this version's schema
    db.dispose()
    made = _fill(path)
    db = wire(Database(str(path)))
    with db.write() as uow:  # the running sums the ranking reads
        rebuild_scores(uow, QualitySettings().half_life_days)
        uow.commit()
    db.dispose()
    seconds = round(time.perf_counter() - started, 1)
    print(f"  {path.name}: {made} in {seconds} s", file=sys.stderr)
    marker.write_text(json.dumps(wanted | made | {"seconds": seconds}, indent=2) + "\n")
    return path


def _drop_today(db: Database, day: dt.date) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM quality_calls WHERE day = ?", (day.isoformat(),)).close()
        conn.exec_driver_sql(
            "DELETE FROM quality_call_lists WHERE day = ?", (day.isoformat(),)
        ).close()


def measure(big: Path, size: str) -> dict[str, Figure]:
    path = dataset(big)
    db = wire(Database(str(path)))
    actor = UserService(db).system_actor()
    calls = CallListService(db, clock=lambda: NOW)
    day = calls.today()
    draws, eligible = [], 0
    for seed in range(7):
        _drop_today(db, day)
        start = time.perf_counter()
        info = calls.draw(actor, seed=seed)
        draws.append(time.perf_counter() - start)
        eligible = info.eligible
    standings = QualityStandings(db, clock=lambda: NOW)
    with db.engine.connect() as conn:
        rated = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT group_id FROM quality_feedback GROUP BY group_id "
                "ORDER BY count(*) DESC LIMIT 20"
            )
        ]
        queued = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM service_requests WHERE status = 'queued' ORDER BY id LIMIT 30"
            )
        ]
    cards = timed(lambda g=g: standings.scorecard(actor, g) for g in rated)
    dispatch = DispatchService(db, quality=standings)
    suggest = timed(lambda r=r: dispatch.suggest(actor, r, NOW.date()) for r in queued)
    db.dispose()
    draw_ms, card_ms, suggest_ms = (median(s) * 1000 for s in (draws, cards, suggest))
    return {
        f"quality_call_list_draw_{size}_500k_jobs": figure(
            draw_ms,
            "ms",
            "≤ 500 ms",
            draw_ms <= 500,
            p95_ms=round(p95(draws) * 1000, 1),
            eligible=eligible,
        ),
        f"quality_scorecard_{size}_500k_jobs": figure(
            card_ms, "ms", "≤ 200 ms", card_ms <= 200, p95_ms=round(p95(cards) * 1000, 1)
        ),
        f"quality_suggestion_with_quality_{size}_500k_jobs": figure(
            suggest_ms,
            "ms",
            "≤ 50 ms",
            suggest_ms <= 50,
            p95_ms=round(p95(suggest) * 1000, 1),
        ),
    }
