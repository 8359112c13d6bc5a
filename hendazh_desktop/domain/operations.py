"""Operation ids: the UUID a form sends with a money action so a replay takes effect once."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from hendazh_desktop.domain.errors import Conflict, ValidationError

_CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.ASCII)


def parse_operation_id(text: str) -> str:
    """A UUID in its canonical lower-case form; anything else (empty, the nil UUID, other
    shapes) is refused, since a shared or guessable id would merge unrelated actions."""
    value = text.strip().lower() if isinstance(text, str) else ""
    if not _CANONICAL.match(value) or uuid.UUID(value).int == 0:
        raise ValidationError("operation_id", "operation_id_invalid")
    return value


@dataclass(frozen=True, slots=True)
class Operation:
    """What an operation id did: the kind of action and the content that identifies it."""

    kind: str  # payment, refund, issue, credit_note, cheque_cleared, cheque_bounced
    content: tuple[object, ...]


def check_replay(recorded: Operation | None, wanted: Operation) -> bool:
    """True when the id already did exactly ``wanted`` (a replay: return the first result);
    False when the id is unused. The id doing anything else is refused."""
    if recorded is None:
        return False
    if recorded != wanted:
        raise Conflict("operation_replayed_differently", done=recorded.kind, asked=wanted.kind)
    return True
