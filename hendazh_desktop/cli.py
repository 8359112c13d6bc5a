"""The ``hendazh`` command: the desktop app by default, and office chores from a terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from hendazh_desktop import __version__
from hendazh_desktop.config import AppPaths, resolve_paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hendazh", description="Hendazh Desktop")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="SQLite file or SQLAlchemy URL (default: HENDAZH_DB or the user "
                             "data folder)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help="start the desktop application (the default)")
    sub.add_parser("migrate", help="back up, then bring the database schema up to date")
    demo = sub.add_parser("demo-data", help="fill the database with realistic demo data")
    demo.add_argument("--subscribers", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    backup = sub.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("path", type=Path)
    web = sub.add_parser("import-webform", help="import web-form submissions (CSV or JSON)")
    web.add_argument("path", type=Path)
    return parser


def _open(paths: AppPaths):  # type: ignore[no-untyped-def]
    from hendazh_desktop.db.database import Database
    from hendazh_desktop.services.bootstrap import prepare_database

    db = Database(paths.database)
    prepare_database(db, backup_dir=paths.backup_dir)
    return db


def _actor(db):  # type: ignore[no-untyped-def]
    from hendazh_desktop.services.bootstrap import office_actor

    return office_actor(db, getpass.getuser())


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = resolve_paths(args.db)
    command = args.command or "gui"
    if command == "gui":
        from hendazh_desktop.app import run_gui

        return run_gui(paths)
    db = _open(paths)
    try:
        if command == "migrate":
            print(f"database ready: {db.url}")
        elif command == "demo-data":
            from hendazh_desktop.services.demo_data import generate_demo_data

            def progress(done: int, total: int) -> None:
                print(f"\r{done:,}/{total:,}", end="", file=sys.stderr, flush=True)

            summary = generate_demo_data(db, _actor(db), subscribers=args.subscribers,
                                         seed=args.seed, progress=progress)
            print(file=sys.stderr)
            print(summary.describe())
        elif command == "backup":
            from hendazh_desktop.db.backup import backup_sqlite_file

            if db.path is None:
                print("backup: only SQLite databases are backed up by file", file=sys.stderr)
                return 2
            print(backup_sqlite_file(db.path, args.path))
        elif command == "import-webform":
            from hendazh_desktop.services.webform_import import WebFormImporter

            report = WebFormImporter(db).import_file(_actor(db), args.path)
            for problem in report.problems:
                print(f"line {problem.line}: {problem.reason} {problem.detail}", file=sys.stderr)
            if not report.ok:
                print("nothing imported", file=sys.stderr)
                return 1
            print(f"created {len(report.created)} (matched {report.matched}, "
                  f"unmatched {report.unmatched}), skipped {report.skipped_duplicates}")
        return 0
    finally:
        db.dispose()
