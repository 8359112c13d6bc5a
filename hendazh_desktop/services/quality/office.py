"""The quality use cases bundled for the window (one field of its context)."""

from __future__ import annotations

from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.quality.calls import CallListService
from hendazh_desktop.services.quality.complaints import ComplaintService, IdeaService
from hendazh_desktop.services.quality.feedback import FeedbackService
from hendazh_desktop.services.quality.settings import QualitySettingsService
from hendazh_desktop.services.quality.standing import QualityStandings
from hendazh_desktop.services.quality.webform import FeedbackImporter


@dataclass(frozen=True)
class QualityOffice:
    """Feedback, the call list, complaints, ideas, standings, settings and web-form feedback."""

    feedback: FeedbackService
    calls: CallListService
    complaints: ComplaintService
    ideas: IdeaService
    standings: QualityStandings
    settings: QualitySettingsService
    webform: FeedbackImporter

    @classmethod
    def on(cls, db: Database, *, clock: Clock = system_clock) -> QualityOffice:
        return cls(
            FeedbackService(db, clock=clock),
            CallListService(db, clock=clock),
            ComplaintService(db, clock=clock),
            IdeaService(db, clock=clock),
            QualityStandings(db, clock=clock),
            QualitySettingsService(db, clock=clock),
            FeedbackImporter(db, clock=clock),
        )
