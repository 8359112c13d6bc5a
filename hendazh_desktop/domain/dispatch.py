"""Choosing the best work group for a request: a ranked suggestion with its reasons, and the
warnings a dispatcher must override (with a reason) before a questionable assignment."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from hendazh_desktop.domain.quality import PRIOR_MEAN, UNRATED, Standing, standing_text

SKILL_POINTS = 20  # per level, 1–5
ZONE_POINTS = 40
FREE_CAPACITY_POINTS = 30  # scaled by the share of the day still free
QUALITY_POINTS = 10  # per point of the Bayesian quality score above or below the prior (3)
LEAVE_PENALTY = 1_000
OVER_CAPACITY_PENALTY = 200


class DispatchWarning(enum.StrEnum):
    """Why an assignment is questionable."""

    SKILL_MISSING = "skill_missing"
    ZONE_NOT_COVERED = "zone_not_covered"
    ON_LEAVE = "on_leave"
    CAPACITY_EXCEEDED = "capacity_exceeded"
    DO_NOT_SERVE = "do_not_serve"
    INACTIVE = "inactive"
    OTHER_DAY = "other_day"


WARNING_LABELS = {
    DispatchWarning.SKILL_MISSING: "این گروه مهارت این خدمت را ندارد",
    DispatchWarning.ZONE_NOT_COVERED: "منطقه این نشانی را پوشش نمی‌دهد",
    DispatchWarning.ON_LEAVE: "در این روز مرخصی است",
    DispatchWarning.CAPACITY_EXCEEDED: "ظرفیت این روزش پر است",
    DispatchWarning.DO_NOT_SERVE: "به این مشترک خدمت داده نمی‌شود",
    DispatchWarning.INACTIVE: "این گروه غیرفعال است",
    DispatchWarning.OTHER_DAY: "مشترک روز دیگری را خواسته است",
}


@dataclass(frozen=True, slots=True)
class GroupFacts:
    """What is known about one group for one request on one day."""

    group_id: int
    name: str
    skill_level: int | None  # None: the group does not do this service
    covers_zone: bool
    on_leave: bool
    load: int  # jobs already assigned that day
    capacity: int
    quality: Standing = UNRATED  # the Bayesian score from feedback, and what it rests on
    active: bool = True


class QualitySource(Protocol):
    """What dispatch reads of quality (the quality feature provides it; dispatch imports
    nothing of that feature): each group's standing for a service, rated groups and groups
    with open complaints only (the others stand at the prior)."""

    def standings(self, service_id: int) -> Mapping[int, Standing]: ...


class NoQuality:
    """A source with no feedback at all: every group at the prior (tools and tests)."""

    def standings(self, service_id: int) -> Mapping[int, Standing]:
        return {}


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of "why": a code for the UI and the points it added."""

    code: str
    points: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One group's place in the ranking, with its reasons and warnings."""

    group_id: int
    name: str
    score: float
    reasons: tuple[Reason, ...]
    warnings: tuple[DispatchWarning, ...]


def assignment_warnings(
    facts: GroupFacts, *, do_not_serve: bool, other_day: bool = False
) -> tuple[DispatchWarning, ...]:
    """Everything questionable about giving this request to this group (``other_day``: the
    day planned is not the day the subscriber asked for)."""
    found = []
    if not facts.active:
        found.append(DispatchWarning.INACTIVE)
    if facts.skill_level is None:
        found.append(DispatchWarning.SKILL_MISSING)
    if not facts.covers_zone:
        found.append(DispatchWarning.ZONE_NOT_COVERED)
    if facts.on_leave:
        found.append(DispatchWarning.ON_LEAVE)
    if facts.load >= facts.capacity:
        found.append(DispatchWarning.CAPACITY_EXCEEDED)
    if do_not_serve:
        found.append(DispatchWarning.DO_NOT_SERVE)
    if other_day:
        found.append(DispatchWarning.OTHER_DAY)
    return tuple(found)


def score(facts: GroupFacts) -> tuple[float, tuple[Reason, ...]]:
    """The group's points for the request, and each part of them."""
    reasons = []
    if facts.skill_level is not None:
        reasons.append(Reason("skill", facts.skill_level * SKILL_POINTS, str(facts.skill_level)))
    else:
        reasons.append(Reason("skill_missing", 0))
    reasons.append(Reason("zone", ZONE_POINTS) if facts.covers_zone else Reason("zone_far", 0))
    free = max(facts.capacity - facts.load, 0)
    share = free / facts.capacity if facts.capacity else 0.0
    reasons.append(
        Reason("load", round(share * FREE_CAPACITY_POINTS, 1), f"{facts.load} از {facts.capacity}")
    )
    if facts.load >= facts.capacity:
        reasons.append(Reason("over_capacity", -OVER_CAPACITY_PENALTY))
    if facts.on_leave:
        reasons.append(Reason("leave", -LEAVE_PENALTY))
    standing = facts.quality
    if not standing.rated:
        # No feedback yet: the same for every group, and shown as such.
        reasons.append(Reason("quality_unrated", 0, standing_text(UNRATED)))
    else:
        points = round((standing.score - PRIOR_MEAN) * QUALITY_POINTS, 1)
        shown = Standing(standing.score, standing.count, standing.weight)  # complaints below
        reasons.append(Reason("quality", points, standing_text(shown)))
    if standing.open_complaints:
        reasons.append(Reason("open_complaints", 0, str(standing.open_complaints)))
    return sum(r.points for r in reasons), tuple(reasons)


def rank(
    groups: Sequence[GroupFacts], *, do_not_serve: bool = False, other_day: bool = False
) -> list[Suggestion]:
    """Active groups best first (ties by lighter load, then name)."""
    suggestions = []
    for facts in groups:
        if not facts.active:
            continue
        points, reasons = score(facts)
        suggestions.append(
            Suggestion(
                facts.group_id,
                facts.name,
                points,
                reasons,
                assignment_warnings(facts, do_not_serve=do_not_serve, other_day=other_day),
            )
        )
    by_load = {g.group_id: g.load for g in groups}
    return sorted(suggestions, key=lambda s: (-s.score, by_load[s.group_id], s.name))
