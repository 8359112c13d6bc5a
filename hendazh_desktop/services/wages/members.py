"""Who is paid from a group's wages: the wage members kept in step with the group's roster
(a member who left keeps their row and what they earned), their shares and Sheba."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.wages import WageMember
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.work_groups import GroupKind, parse_iban


def iban_problem(iban: str | None) -> str:
    """'' when the Sheba is valid (checksum included), else why a transfer is impossible."""
    if not iban:
        return "iban_missing"
    try:
        parse_iban(iban)
    except ValidationError:
        return "iban_invalid"
    return ""


def sync_members(uow: UnitOfWork, group: WorkGroup, day: dt.date) -> list[WageMember]:
    """The group's current wage members, created for new names on the roster and marked as
    left (on ``day``) for names no longer on it; a group without a roster is one member."""
    roster = [m.name for m in group.members] or [group.name]
    kept = uow.wages.members(group.id, include_left=False)
    by_name = {m.name: m for m in kept}
    current: list[WageMember] = []
    for position, name in enumerate(roster):
        member = by_name.pop(name, None)
        if member is None:
            single = group.kind == GroupKind.PERSON.value and len(roster) == 1
            member = WageMember(
                group_id=group.id,
                name=name,
                iban=group.iban if single else None,
                share=1,
                position=position,
            )
            uow.wages.add(member)
        elif member.position != position:
            member.position = position
        current.append(member)
    for gone in by_name.values():
        gone.left_on = day
    uow.flush()
    return current


def shares_for_payable(uow: UnitOfWork, group_id: int, day: dt.date) -> list[tuple[int, int]]:
    """(member id, share weight) of the group's current wage members, in roster order.

    When the wage members already match the roster (every payment but the first after a
    roster change) this is two Core reads; otherwise ``sync_members`` brings them in step."""
    roster = uow.splits.roster(group_id)
    if roster is None:
        raise LookupError(f"work group {group_id} does not exist")
    names = list(roster.names) or [roster.name]
    current = uow.splits.current_members(group_id)
    in_step = len(set(names)) == len(names) and [(m.name, m.position) for m in current] == [
        (name, position) for position, name in enumerate(names)
    ]
    if in_step:
        return [(m.id, m.share) for m in current]
    group = uow.work_groups.with_roster(group_id)
    assert group is not None
    return [(m.id, m.share) for m in sync_members(uow, group, day)]
