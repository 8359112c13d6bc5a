"""Feedback from web-form files (CSV or JSON, UTF-8 or Windows-1256), like the requests' import:
all or nothing with a line-level report, idempotent by each submission's reference."""

from __future__ import annotations

from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.models.quality import Feedback
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import DomainError, ValidationError, ValidationErrors
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.quality import Channel, Criterion
from hendazh_desktop.domain.text import search_key, to_ascii_digits
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.quality.feedback import (
    CheckedFeedback,
    FeedbackDraft,
    check_draft,
    record_feedback,
)
from hendazh_desktop.services.requests.records import ImportProblem
from hendazh_desktop.services.requests.webform_files import read_records

ALIASES = {
    "ref": ("ref", "شناسه", "کد پیگیری"),
    "request": ("request", "شماره درخواست", "درخواست", "شماره کار"),
    "overall": ("overall", "امتیاز کلی", "امتیاز"),
    "work": ("work", "کیفیت کار"),
    "punctuality": ("punctuality", "وقت شناسی", "وقت‌شناسی"),
    "conduct": ("conduct", "رفتار"),
    "cleanliness": ("cleanliness", "نظافت"),
    "price": ("price", "انصاف در قیمت", "قیمت"),
    "comment": ("comment", "توضیح", "description"),
    "idea": ("idea", "پیشنهاد"),
}
_KEYS = {
    search_key(a.replace("_", " ")): column for column, names in ALIASES.items() for a in names
}


@dataclass(frozen=True, slots=True)
class FeedbackImportReport:
    """Feedback recorded, or every problem found (nothing written)."""

    created: tuple[int, ...]
    skipped_duplicates: int
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _fields(record: dict[str, str]) -> dict[str, str]:
    return {_KEYS.get(search_key(k.replace("_", " ")), k): v for k, v in record.items()}


def _errors(error: DomainError) -> list[ValidationError]:
    if isinstance(error, ValidationErrors):
        return list(error.errors)
    return [error] if isinstance(error, ValidationError) else []


class FeedbackImporter:
    """Reads a file of web-form feedback and records it in one transaction."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def import_file(self, actor: Actor, name: str, data: bytes) -> FeedbackImportReport:
        require(actor, Permission.RECORD_FEEDBACK)
        problems: list[ImportProblem] = []
        rows: list[tuple[int, str, CheckedFeedback]] = []
        seen: set[str] = set()
        for line, raw in read_records(name, data):
            fields = _fields(raw)
            try:
                ref = clean_text(fields.get("ref"), field="ref", max_length=80, required=True)
            except ValidationError as error:
                problems.append(ImportProblem(line, error.code, "ref"))
                continue
            if ref in seen:
                problems.append(ImportProblem(line, "ref_repeated", ref))
                continue
            seen.add(ref)
            number = to_ascii_digits(fields.get("request", "").strip())
            if not (number.isascii() and number.isdigit()):
                problems.append(ImportProblem(line, "required", "request"))
                continue
            draft = FeedbackDraft(
                int(number),
                Channel.WEB.value,
                fields.get("overall", ""),
                {c.value: fields.get(c.value, "") for c in Criterion},
                fields.get("comment", ""),
                fields.get("idea", ""),
            )
            try:
                rows.append((line, ref, check_draft(draft)))
            except (ValidationError, ValidationErrors) as error:
                problems.extend(ImportProblem(line, e.code, e.field) for e in _errors(error))
        created: list[int] = []
        skipped = 0
        now = self._clock()
        with self._db.write() as uow:
            known = {
                r[0]
                for r in uow.session.query(Feedback.external_ref).filter(
                    Feedback.external_ref.in_([ref for _, ref, _ in rows] or [""])
                )
            }
            for line, ref, checked in rows:
                if ref in known:
                    skipped += 1
                    continue
                try:
                    result = record_feedback(uow, actor, now, checked, external_ref=ref)
                except DomainError as error:
                    problems.append(ImportProblem(line, error.code, str(checked.request_id)))
                    continue
                created.append(result.feedback_id)
            if problems:
                return FeedbackImportReport((), 0, tuple(sorted(problems, key=lambda p: p.line)))
            uow.audit.append(
                at=now,
                user_id=actor.user_id,
                entity="feedback",
                entity_id=name[:80],
                action=AuditAction.IMPORT.value,
                before=None,
                after={"file": name, "created": len(created), "skipped": skipped},
            )
            uow.commit()
        return FeedbackImportReport(tuple(created), skipped, ())
