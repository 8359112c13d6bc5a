"""The ``hendazh`` command: the desktop app by default, and office chores from a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from hendazh_desktop import __version__


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints in Persian (and the English gist)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: دستور نادرست است؛ راهنما: hendazh --help ({message})\n")


def _count(text: str) -> int:
    """A positive whole number (of demo subscribers)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(
            f"تعداد باید عددی از ۱ تا ۱٬۰۰۰٬۰۰۰ باشد، نه «{text}» (a count from 1 to 1,000,000)"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hendazh", description="Hendazh Desktop")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or SQLAlchemy URL (default: HENDAZH_DB or the user data folder)",
    )
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="start the desktop application (the default)")
    # CI: start, sign in without the dialog, exit 0 once the main window shows its views.
    gui.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub.add_parser("migrate", help="back up, then bring the database schema up to date")
    demo = sub.add_parser("demo-data", help="fill the database with realistic demo data")
    demo.add_argument("--subscribers", type=_count, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    backup = sub.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument(
        "path",
        type=Path,
        nargs="?",
        help="file to write (default: a dated file in the backup folder)",
    )
    restore = sub.add_parser("restore", help="replace the database by a checked backup")
    restore.add_argument("path", type=Path)
    dump = sub.add_parser(
        "export-db", help="every table to one Excel workbook, or (--csv) a folder of CSV files"
    )
    dump.add_argument("path", type=Path, help="the .xlsx file, or with --csv a new folder")
    dump.add_argument("--csv", action="store_true", help="one CSV file (UTF-8) per table")
    web = sub.add_parser("import-webform", help="import web-form submissions (CSV or JSON)")
    web.add_argument("path", type=Path)
    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check the hash chain; report the first broken link")
    invoice = sub.add_parser("invoice", help="print invoices and statements")
    invoice_sub = invoice.add_subparsers(dest="invoice_command", required=True)
    pdf = invoice_sub.add_parser("pdf", help="write an issued invoice as PDF")
    pdf.add_argument("number", help="the invoice number, e.g. 1404-000123 or CRN-1404-000002")
    pdf.add_argument("-o", "--output", required=True, help="the PDF file to write")
    tax = invoice_sub.add_parser(
        "tax-json", help="the invoices of a Jalali range as the taxpayers' system's JSON"
    )
    tax.add_argument("first", help="the first Jalali day, e.g. 1404/09/01")
    tax.add_argument("last", help="the last Jalali day, e.g. 1404/09/30")
    tax.add_argument("-o", "--output", required=True, help="the JSON file to write")
    statement = invoice_sub.add_parser("statement", help="a subscriber's statement as PDF")
    statement.add_argument("code", help="the subscription code")
    statement.add_argument("-o", "--output", required=True, help="the PDF file to write")
    users = sub.add_parser("users", help="manage user accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--full-name", required=True)
    add.add_argument(
        "--role",
        required=True,
        choices=["consultant", "dispatcher", "accountant", "manager", "admin"],
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    users_sub.add_parser("list", help="list accounts")
    reset = users_sub.add_parser("reset-password", help="set a new password (lifts a lock)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    deactivate = users_sub.add_parser("deactivate", help="stop an account from signing in")
    deactivate.add_argument("username")
    activate = users_sub.add_parser("activate", help="let a deactivated account sign in")
    activate.add_argument("username")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # --help and --version end here, having imported nothing
    from hendazh_desktop.command_errors import CommandError, report
    from hendazh_desktop.config import resolve_paths

    command = args.command or "gui"
    log_file: Path | None = None
    try:
        if args.db is not None and not args.db.strip():
            raise CommandError(
                "--db خالی است: پرونده یا نشانی پایگاه داده را بنویسید.", "--db is empty"
            )
        paths = resolve_paths(args.db)
        log_file = paths.log_file
        if command == "gui" and getattr(args, "smoke_test", False):
            from hendazh_desktop.smoke import run_smoke

            return run_smoke(paths)
        if command == "gui":
            from hendazh_desktop.app import run_gui

            return run_gui(paths)
        from hendazh_desktop import commands

        return commands.run(command, args, paths)
    except (Exception, KeyboardInterrupt) as error:
        print(f"hendazh: {report(error, log_file)}", file=sys.stderr)
        return 130 if isinstance(error, KeyboardInterrupt) else 2
