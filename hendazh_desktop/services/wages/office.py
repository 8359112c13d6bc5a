"""The wages' use cases together, as the window's context holds them."""

from __future__ import annotations

from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wages.corrections import WageCorrections
from hendazh_desktop.services.wages.documents import WageDocuments
from hendazh_desktop.services.wages.ledger import WageLedgerService
from hendazh_desktop.services.wages.queries import WageQueries


@dataclass(frozen=True)
class WageOffice:
    """Lists, terms and deductions, batches and documents of the wages."""

    queries: WageQueries
    ledger: WageLedgerService
    batches: WageBatchService
    documents: WageDocuments
    corrections: WageCorrections

    @classmethod
    def on(cls, db: Database) -> WageOffice:
        return cls(
            WageQueries(db),
            WageLedgerService(db),
            WageBatchService(db),
            WageDocuments(db),
            WageCorrections(db),
        )
