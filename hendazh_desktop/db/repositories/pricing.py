"""Price versions and agreements."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hendazh_desktop.db.models.pricing import Agreement, PriceVersion


class PricingRepository:
    """Append-only records of prices presented on site and the answers to them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def versions(self, request_id: int) -> list[PriceVersion]:
        """Newest first."""
        stmt = (
            select(PriceVersion)
            .where(PriceVersion.request_id == request_id)
            .options(selectinload(PriceVersion.lines))
            .order_by(PriceVersion.version.desc())
        )
        return list(self.session.execute(stmt).scalars())

    def next_version(self, request_id: int) -> int:
        stmt = select(func.coalesce(func.max(PriceVersion.version), 0)).where(
            PriceVersion.request_id == request_id
        )
        return int(self.session.execute(stmt).scalar_one()) + 1

    def agreements(self, request_id: int) -> list[Agreement]:
        stmt = select(Agreement).where(Agreement.request_id == request_id).order_by(Agreement.id)
        return list(self.session.execute(stmt).scalars())

    def agreed_price(self, request_id: int) -> PriceVersion | None:
        """The price version of the latest agreement, if the latest answer is a yes."""
        answers = self.agreements(request_id)
        if not answers or answers[-1].decision != "agreed":
            return None
        return self.session.get(PriceVersion, answers[-1].price_id)

    def add(self, obj: PriceVersion | Agreement) -> None:
        self.session.add(obj)
        self.session.flush()
