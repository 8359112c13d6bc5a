"""Backups (daily, on demand, rotated, user-only), restore round-trips, office settings."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import pytest

from hendazh_desktop.db.backup import list_backups
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.storage import NetworkShareError, refuse_network_share
from hendazh_desktop.domain.errors import PermissionDenied, ValidationError, ValidationErrors
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.progress import Cancelled
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.backups import BackupError, BackupService, restore_database
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.accounts.settings import SettingsDraft, SettingsService
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 11, 20, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def fresh_db(tmp_path):
    db = wire(Database(str(tmp_path / "office.db")))
    prepare_database(db, backup_dir=tmp_path / "backups")
    yield db
    db.dispose()


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _add(db, actor, name: str, phone: str) -> int:
    return (
        SubscriberService(db)
        .create(actor, SubscriberDraft(name=name, phones=(PhoneDraft(phone),)))
        .id
    )


def test_database_and_backups_are_readable_by_the_user_only(fresh_db, tmp_path):
    manager = office_actor(fresh_db, "boss", role=Role.MANAGER)
    assert _mode(fresh_db.path) == 0o600
    service = BackupService(fresh_db, default_dir=tmp_path / "backups")
    path = service.backup_now(manager)
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    label = service.backup_dir().name  # the database's own folder and names
    assert path.parent == tmp_path / "backups" / label
    assert "-manual" in path.name and path.name.startswith(f"hendazh-{label}-14")


def test_daily_backup_only_when_the_newest_is_a_day_old(fresh_db, tmp_path):
    clock = Clock()
    service = BackupService(fresh_db, default_dir=tmp_path / "daily", clock=clock)
    first = service.ensure_daily()
    assert first is not None
    assert service.ensure_daily() is None
    os.utime(first, (first.stat().st_atime, first.stat().st_mtime - 2 * 86400))
    clock.now = dt.datetime.now(dt.UTC)
    assert service.ensure_daily() is not None


def test_rotation_keeps_the_configured_number(fresh_db, tmp_path):
    admin = office_actor(fresh_db, "root", role=Role.ADMIN)
    settings = SettingsService(fresh_db)
    settings.set_value(admin, "backups_kept", "3")
    service = BackupService(fresh_db, default_dir=tmp_path / "rot")
    made = [service.backup_now(admin, reason=f"n{n}") for n in range(5)]
    kept = list_backups(service.backup_dir())
    assert len(kept) == 3
    assert made[-1] in kept and made[0] not in kept


def test_backup_reports_pages_and_can_be_cancelled_leaving_nothing(fresh_db, tmp_path):
    admin = office_actor(fresh_db, "root", role=Role.ADMIN)
    service = BackupService(fresh_db, default_dir=tmp_path / "steps")
    seen: list[tuple[int, int]] = []
    path = service.backup_now(admin, progress=lambda done, total, _m: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0  # the last report: every page copied
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    with fresh_db.read() as uow:
        audited = uow.audit.verify()[0]

    asked: list[int] = []
    with pytest.raises(Cancelled):
        service.backup_now(admin, cancelled=lambda: bool(asked.append(1)) or True)
    assert asked  # it was asked between steps
    assert list_backups(service.backup_dir()) == [path]  # no second backup, no partial file
    assert not list(service.backup_dir().glob("*.part"))
    with fresh_db.read() as uow:
        assert uow.audit.verify()[0] == audited  # a cancelled backup is not recorded


def test_restore_reports_its_steps(tmp_path):
    db_file = tmp_path / "office.db"
    db = Database(str(db_file))
    prepare_database(db, backup_dir=tmp_path / "backups")
    backup = BackupService(db, default_dir=tmp_path / "backups").backup_now(None)
    db.dispose()
    steps: list[tuple[int, int]] = []
    restore_database(
        db_file, backup, tmp_path / "backups", progress=lambda d, t, _m: steps.append((d, t))
    )
    assert steps == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_consultant_cannot_back_up(fresh_db, tmp_path):
    consultant = office_actor(fresh_db, "sara", role=Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        BackupService(fresh_db, default_dir=tmp_path).backup_now(consultant)


def test_restore_round_trip(tmp_path):
    db_file = tmp_path / "office.db"
    db = wire(Database(str(db_file)))
    prepare_database(db, backup_dir=tmp_path / "backups")
    manager = office_actor(db, "boss", role=Role.MANAGER)
    kept_id = _add(db, manager, "پیش از پشتیبان", "09171111111")
    backup = BackupService(db, default_dir=tmp_path / "backups").backup_now(manager)
    _add(db, manager, "پس از پشتیبان", "09172222222")
    db.dispose()

    result = restore_database(db_file, backup, tmp_path / "backups")
    assert result.previous_saved_as.exists()
    restored = wire(Database(str(db_file)))
    try:
        search = SubscriberService(restored)
        assert search.card(manager, kept_id).name == "پیش از پشتیبان"
        with restored.read() as uow:
            assert uow.subscribers.id_by_phone("09172222222") is None
            assert uow.audit.verify()[1] is None
    finally:
        restored.dispose()
    # the replaced database was kept and still has the later subscriber
    saved = sqlite3.connect(result.previous_saved_as)
    names = {r[0] for r in saved.execute("SELECT name FROM subscribers")}
    saved.close()
    assert names == {"پیش از پشتیبان", "پس از پشتیبان"}


def test_restore_refuses_a_broken_or_foreign_file(tmp_path, fresh_db):
    target = fresh_db.path
    fresh_db.dispose()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError) as not_sqlite:
        restore_database(target, junk, tmp_path / "backups")
    assert not_sqlite.value.code == "backup_not_sqlite"
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError) as no_schema:
        restore_database(target, other, tmp_path / "backups")
    assert no_schema.value.code == "backup_no_schema"


def test_network_share_is_refused(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"//server/office {tmp_path}/share cifs rw 0 0\n"
        f"nas:/export {tmp_path}/nfs nfs4 rw 0 0\n",
        encoding="utf-8",
    )
    (tmp_path / "share").mkdir()
    (tmp_path / "nfs").mkdir()
    with pytest.raises(NetworkShareError):
        refuse_network_share(tmp_path / "share" / "hendazh.db", mounts)
    with pytest.raises(NetworkShareError):
        refuse_network_share(tmp_path / "nfs" / "sub" / "hendazh.db", mounts)
    with pytest.raises(NetworkShareError):
        refuse_network_share(__import__("pathlib").Path("//server/office/hendazh.db"), mounts)
    refuse_network_share(tmp_path / "local.db", mounts)


def _draft(**changes: str) -> SettingsDraft:
    base = dict(
        legal_name="شرکت هنداژمون",
        economic_code="10380284790",
        national_id="10380284790",
        registration_number="۱۲۳۴۵",
        province="فارس",
        city="شیراز",
        address="شیراز، بلوار زند",
        postal_code="7134845678",
        phone="۰۷۱۳۲۲۷۴۵۱۷",
        display_currency="toman",
        default_vat_percent="۱۰",
        vat_rounding="truncate",
        invoice_footer="با سپاس",
        backup_dir="",
        backups_kept="۱۴",
    )
    base.update(changes)
    return SettingsDraft(**base)  # type: ignore[arg-type]


def test_settings_saved_normalised_and_audited(fresh_db):
    manager = office_actor(fresh_db, "boss", role=Role.MANAGER)
    service = SettingsService(fresh_db)
    saved = service.update(manager, _draft())
    assert saved.phone == "07132274517"
    assert saved.registration_number == "۱۲۳۴۵"
    assert saved.default_vat_bp == 1000 and saved.backups_kept == 14
    assert service.get() == saved
    with fresh_db.read() as uow:
        assert (
            uow.audit.count(
                __import__(
                    "hendazh_desktop.db.repositories.audit", fromlist=["AuditQuery"]
                ).AuditQuery(entity="setting")
            )
            == 1
        )


def test_bad_settings_report_every_field_and_write_nothing(fresh_db):
    manager = office_actor(fresh_db, "boss", role=Role.MANAGER)
    service = SettingsService(fresh_db)
    before = service.get()
    with pytest.raises(ValidationErrors) as errors:
        service.update(
            manager,
            _draft(
                national_id="10380284791",
                postal_code="0123456789",
                default_vat_percent="۱۲۰",
                backups_kept="0",
            ),
        )
    fields = set(errors.value.by_field)
    assert fields == {"national_id", "postal_code", "default_vat_percent", "backups_kept"}
    assert service.get() == before
    consultant = office_actor(fresh_db, "sara", role=Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        service.update(consultant, _draft())


def test_logo_must_be_a_small_image(fresh_db, tmp_path):
    manager = office_actor(fresh_db, "boss", role=Role.MANAGER)
    service = SettingsService(fresh_db)
    text_file = tmp_path / "logo.txt"
    text_file.write_text("hello")
    with pytest.raises(ValidationError) as bad:
        service.update(manager, _draft(logo_path=str(text_file)))
    assert bad.value.field == "logo" and bad.value.code == "logo_format"
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert service.update(manager, _draft(logo_path=str(png))).logo.startswith(b"\x89PNG")


def test_restore_through_the_service_needs_the_permission_and_names_who(tmp_path):
    db_file = tmp_path / "office.db"
    db = Database(str(db_file))
    prepare_database(db, backup_dir=tmp_path / "backups")
    admin = office_actor(db, "root", role=Role.ADMIN)
    manager = office_actor(db, "boss", role=Role.MANAGER)
    service = BackupService(db, default_dir=tmp_path / "backups")
    backup = service.backup_now(admin)
    later = _add(db, admin, "پس از پشتیبان", "09173333333")
    with pytest.raises(PermissionDenied):
        service.restore(manager, backup)
    result = service.restore(admin, backup)  # the handle's own connections closed first
    assert result.previous_saved_as.exists()
    with db.read() as uow:  # the same handle reconnects to the restored file
        assert uow.subscribers.id_by_phone("09173333333") is None
        assert uow.audit.verify()[1] is None
    assert later
    raw = sqlite3.connect(db_file)
    (after,) = raw.execute(
        "SELECT after_json FROM audit_log WHERE entity_id = 'restore' ORDER BY id DESC"
    ).fetchone()
    raw.close()
    assert '"by": "root"' in after or '"by":"root"' in after
    db.dispose()
