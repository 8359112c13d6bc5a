"""The command-line chores behind ``hendazh``: each opens the database, acts as the reserved
command-line account (audited with the operating-system user), and prints plain text.

Each chore imports what it uses when it runs (a new process per chore: an invoice PDF must
not wait for the web-form importer or the demo generator, and nothing here imports Qt).
Errors propagate to ``cli``, which prints them as sentences (``command_errors``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hendazh_desktop.command_errors import CommandError
from hendazh_desktop.domain.masking import mask_passwords

if TYPE_CHECKING:
    from hendazh_desktop.config import AppPaths
    from hendazh_desktop.db.database import Database
    from hendazh_desktop.domain.permissions import Actor
    from hendazh_desktop.services.accounts.users import UserService

__all__ = ["CommandError", "run"]

CREATES_DATABASE = frozenset({"migrate"})


def _missing(where: str) -> CommandError:
    return CommandError(
        f"پایگاه داده «{where}» پیدا نشد؛ نام را بررسی کنید، یا پایگاه داده تازه را با "
        "«hendazh migrate» بسازید.",
        f"no database at {where}; only 'hendazh migrate' (or the app) creates one",
    )


def _open(paths: AppPaths, *, create: bool) -> Database:
    """Open the database; only ``migrate`` may create one (a typo never makes a new file)."""
    from hendazh_desktop.db.database import Database
    from hendazh_desktop.db.engine import database_url, sqlite_path
    from hendazh_desktop.db.migrate import stamped_revisions
    from hendazh_desktop.db.storage import NetworkShareError
    from hendazh_desktop.services.accounts.bootstrap import prepare_database
    from hendazh_desktop.services.wiring import wire

    url = database_url(paths.database)
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise CommandError(
            f"«{path}» یک پوشه است؛ پرونده پایگاه داده را با --db بدهید.",
            f"--db names a folder: {path}",
        )
    if path is not None and not path.exists() and not create:
        raise _missing(str(path))
    try:
        db = wire(Database(paths.database))
    except NetworkShareError as error:
        raise CommandError(
            "پایگاه داده روی پوشه اشتراکی شبکه است؛ برای چند رایانه از کارساز PostgreSQL "
            "استفاده کنید.",
            f"the database is on a network share ({error})",
        ) from None
    try:
        if path is None and not create and not stamped_revisions(db):
            raise _missing(mask_passwords(paths.database))
        prepare_database(db, backup_dir=paths.backup_dir)
    except BaseException:
        db.dispose()
        raise
    return db


def _users_of(db: Database) -> UserService:
    from hendazh_desktop.services.accounts.users import UserService

    return UserService(db)


def _output(text: str) -> Path:
    """A file to write: refused before any work when it is a folder or has no folder."""
    target = Path(text)
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(target))
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(target.parent))
    return target


def _password(from_stdin: bool) -> str:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError(
            "پایانه‌ای برای پرسیدن گذرواژه نیست؛ --password-stdin را به کار ببرید.",
            "no terminal to ask for the password: use --password-stdin",
        )
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise CommandError("دو گذرواژه یکی نیستند.", "the two passwords differ")
    return first


def _demo(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.demo.data import generate_demo_data

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    actor = _users_of(db).system_actor()
    summary = generate_demo_data(
        db, actor, subscribers=args.subscribers, seed=args.seed, progress=progress
    )
    print(file=sys.stderr)
    print(summary.describe())
    accounts = _users_of(db).create_demo_users(actor)
    if accounts:
        print("demo accounts (passwords are shown only this once):")
        for username, role, password in accounts:
            print(f"  {username:18} {role:11} {password}")
    return 0


def _backup(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.db.backup import backup_sqlite_file
    from hendazh_desktop.services.accounts.backups import BackupService

    if db.path is None:
        raise CommandError(
            "از پایگاه داده کارساز با ابزار خود کارساز (pg_dump) پشتیبان بگیرید.",
            "only SQLite databases are backed up by file",
        )
    service = BackupService(db, default_dir=paths.backup_dir)
    actor = _users_of(db).system_actor()
    if args.path is None:
        print(service.backup_now(actor, reason="manual"))
    else:
        print(backup_sqlite_file(db.path, _output(str(args.path))))
    return 0


def _export_db(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.services.exports.database import DatabaseExport
    from hendazh_desktop.services.exports.records import ExportFormat

    fmt = ExportFormat.CSV if args.csv else ExportFormat.XLSX
    target = Path(args.path) if args.csv else _output(str(args.path))
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(target.parent))

    def progress(done: int, total: int, table: str) -> None:
        print(f"\r{done:,}/{total:,} {table:30}", end="", file=sys.stderr, flush=True)

    result = DatabaseExport(db).export(
        _users_of(db).system_actor(), target, fmt, progress=progress
    )
    print(file=sys.stderr)
    print(f"wrote {result.path}: {result.tables} tables, {result.rows:,} rows")
    return 0


def _webform(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.services.requests.webform_import import WebFormImporter
    from hendazh_desktop.ui.messages import field_label, message_for_code

    report = WebFormImporter(db).import_file(_users_of(db).system_actor(), args.path)
    for problem in report.problems:
        where = f"ردیف {problem.line}" if problem.line else "پرونده"
        field = f" ({field_label(problem.detail)})" if problem.detail else ""
        print(
            f"{where}{field}: {message_for_code(problem.reason)} [{problem.reason}]",
            file=sys.stderr,
        )
    if not report.ok:
        print("هیچ ردیفی وارد نشد. (nothing imported)", file=sys.stderr)
        return 1
    print(
        f"created {len(report.created)} (matched {report.matched}, "
        f"unmatched {report.unmatched}), skipped {report.skipped_duplicates}"
    )
    return 0


def _audit(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.services.accounts.audit import AuditService

    result = AuditService(db).verify(None)
    if result.ok:
        print(f"audit chain intact: {result.checked} entries")
        return 0
    print(
        f"زنجیره رویدادها شکسته است: رویداد {result.broken_entry} ({result.reason}); "
        f"audit chain BROKEN at entry {result.broken_entry} ({result.reason}); "
        f"{result.checked} entries read"
    )
    return 1


def _users(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    users = _users_of(db)
    actor = users.system_actor()
    sub = args.users_command
    if sub == "list":
        for info in users.list_users(actor):
            state = ("active" if info.active else "inactive") + (", locked" if info.locked else "")
            print(f"{info.username:20} {info.role:11} {state:18} {info.full_name}")
    elif sub == "add":
        info = users.add_user(
            actor, args.username, args.full_name, args.role, _password(args.password_stdin)
        )
        print(f"created {info.username} ({info.role})")
    elif sub == "reset-password":
        users.reset_password(actor, args.username, _password(args.password_stdin))
        print(f"password of {args.username} reset")
    elif sub in ("deactivate", "activate"):
        users.set_active(actor, args.username, sub == "activate")
        print(f"{args.username} {sub}d")
    return 0


def _invoice(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.services.accounts.system_account import system_actor
    from hendazh_desktop.services.billing.documents import BillingDocuments
    from hendazh_desktop.services.files import write_private_file

    target = _output(args.output)
    actor = system_actor(db)
    if args.invoice_command == "tax-json":
        return _tax_json(db, actor, args, target)
    documents = BillingDocuments(db)
    if args.invoice_command == "pdf":
        data = documents.invoice_pdf_by_number(actor, args.number)
    else:
        from hendazh_desktop.services.subscribers.search import SubscriberSearch

        found = SubscriberSearch(db).find_exact(actor, args.code)
        if found is None:
            raise CommandError(
                f"مشترکی با کد یا تلفن «{args.code}» پیدا نشد.",
                f"no subscriber with code or phone {args.code}",
            )
        data = documents.statement_pdf(actor, found)
    write_private_file(target, data)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0


def _tax_json(db: Database, actor: Actor, args: argparse.Namespace, target: Path) -> int:
    from hendazh_desktop.domain.jalali import parse_date
    from hendazh_desktop.services.billing.tax_invoices import TaxInvoiceExport

    first, last = parse_date(args.first, field="first"), parse_date(args.last, field="last")
    export = TaxInvoiceExport(db).build(actor, first, last)
    for problem in export.problems:
        print(problem, file=sys.stderr)
    if not export.ok:
        print("سندهای بالا آماده نیستند؛ پرونده‌ای نوشته نشد. (nothing written)", file=sys.stderr)
        return 1
    TaxInvoiceExport(db).write(actor, first, last, target)
    print(f"wrote {target}: {len(export.documents)} documents")
    return 0


def _migrate(db: Database, args: argparse.Namespace, paths: AppPaths) -> int:
    print(f"database ready: {mask_passwords(db.url)}")
    return 0


HANDLERS: dict[str, Callable[[Database, argparse.Namespace, AppPaths], int]] = {
    "migrate": _migrate,
    "demo-data": _demo,
    "backup": _backup,
    "export-db": _export_db,
    "import-webform": _webform,
    "audit": _audit,
    "users": _users,
    "invoice": _invoice,
}


def _restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from hendazh_desktop.db.engine import database_url, sqlite_path
    from hendazh_desktop.services.accounts.backups import restore_database

    target = sqlite_path(database_url(paths.database))
    if target is None:
        raise CommandError(
            "بازگردانی فقط برای پرونده SQLite است؛ برای کارساز از ابزار خود آن استفاده کنید.",
            "restore replaces a SQLite file; use the server's tools for others",
        )
    if target.is_dir() or not target.exists():
        raise _missing(str(target))
    result = restore_database(
        target, args.path, paths.backup_dir, settings_dir=paths.settings_dir
    )
    print(
        f"restored {result.restored_from} (schema {result.revision}); "
        f"the replaced database was kept as {result.previous_saved_as}"
    )
    return 0


def run(command: str, args: argparse.Namespace, paths: AppPaths) -> int:
    """Run one chore; errors propagate to the caller, which turns them into a sentence."""
    if command == "restore":
        return _restore(args, paths)
    db = _open(paths, create=command in CREATES_DATABASE)
    try:
        return HANDLERS[command](db, args, paths)
    finally:
        db.dispose()
