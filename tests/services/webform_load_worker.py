"""A second process for the import-under-load test: imports a web-form file, prints JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.requests.webform_import import WebFormImporter
from hendazh_desktop.services.wiring import wire


def main(db_path: str, actor_id: int, source: str) -> None:
    db = wire(Database(db_path))
    try:
        report = WebFormImporter(db).import_file(
            Actor(actor_id, "importer", Role.MANAGER), Path(source)
        )
    finally:
        db.dispose()
    print(json.dumps({"created": len(report.created), "problems": len(report.problems)}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
