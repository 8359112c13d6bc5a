"""Catalogue queries: services, zones and settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.core import Service, Setting, Zone
from hendazh_desktop.domain.text import identity_key


class CatalogueRepository:
    """Reads and writes of the service catalogue, zones and key/value settings."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def services(self, *, include_inactive: bool = True) -> list[Service]:
        stmt = select(Service).order_by(Service.sort_order, Service.id)
        if not include_inactive:
            stmt = stmt.where(Service.active.is_(True))
        return list(self.session.execute(stmt).scalars())

    def service(self, service_id: int) -> Service | None:
        return self.session.get(Service, service_id)

    def service_by_name(self, name: str) -> Service | None:
        """The service with this name, however its words are joined (space, ZWNJ, none)."""
        key = identity_key(name)
        for service in self.services():
            if identity_key(service.name) == key:
                return service
        return None

    def zones(self) -> list[Zone]:
        return list(self.session.execute(select(Zone).order_by(Zone.sort_order, Zone.id)).scalars())

    def zone(self, zone_id: int) -> Zone | None:
        return self.session.get(Zone, zone_id)

    def add(self, obj: Service | Zone | Setting) -> None:
        self.session.add(obj)

    def setting(self, key: str) -> str | None:
        row = self.session.get(Setting, key)
        return row.value if row else None

    def settings(self) -> dict[str, str]:
        """Every stored setting in one query (printing a document reads a dozen of them)."""
        rows = self.session.execute(select(Setting.key, Setting.value))
        return {key: value for key, value in rows}

    def set_setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value
