"""Where things live: the default database, backups and logs (platformdirs), and --db/HENDAZH_DB."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "hendazh"
APP_AUTHOR = "Hendazhmon"
DB_ENV = "HENDAZH_DB"
DATA_ENV = "HENDAZH_DATA_DIR"
SETTINGS_ENV = "HENDAZH_SETTINGS_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files of one installation."""

    data_dir: Path
    log_dir: Path
    database: str  # a file path or a SQLAlchemy URL

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "hendazh.log"

    @property
    def settings_dir(self) -> Path:
        """Secrets kept outside the database (the audit chain's keys), readable by the user."""
        return default_settings_dir()


def default_settings_dir() -> Path:
    """HENDAZH_SETTINGS_DIR, else HENDAZH_DATA_DIR/settings (tests, portable installs), else
    the user's configuration folder."""
    if os.environ.get(SETTINGS_ENV):
        return Path(os.environ[SETTINGS_ENV])
    override = os.environ.get(DATA_ENV)
    return Path(override) / "settings" if override else user_config_path(APP_NAME, APP_AUTHOR)


def resolve_paths(db_option: str | None = None) -> AppPaths:
    """--db wins over HENDAZH_DB, which wins over the default file in the user data folder."""
    override = os.environ.get(DATA_ENV)
    data_dir = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR)
    log_dir = data_dir / "logs" if override else user_log_path(APP_NAME, APP_AUTHOR)
    database = db_option or os.environ.get(DB_ENV) or str(data_dir / "hendazh.db")
    return AppPaths(data_dir=data_dir, log_dir=log_dir, database=database)
