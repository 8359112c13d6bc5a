"""Every kind of record the services audit has a Persian name in the audit view."""

from __future__ import annotations

import re
from pathlib import Path

from hendazh_desktop.domain.audit import ENTITY_LABELS

SERVICES = Path(__file__).resolve().parents[2] / "hendazh_desktop" / "services"
# record(uow, clock, actor, "entity", …) however the arguments are spread over lines
RECORDED = re.compile(r"\brecord\(\s*uow,\s*[^,()]+,\s*[^,()]+,\s*\"([a-z_]+)\"")


def test_every_audited_entity_has_a_persian_label():
    used = {m for path in SERVICES.rglob("*.py") for m in RECORDED.findall(path.read_text())}
    assert {"subscriber", "service", "invoice", "payment"} <= used  # the scan finds them
    missing = sorted(used - set(ENTITY_LABELS))
    assert missing == [], f"shown in English in the audit view: {missing}"
