"""What the wages do when gift credit posts or reverses a job's split: the group's fee becomes a
payable divided among its members, and a reversal after payment becomes a clawback."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.events import Subscription, on
from hendazh_desktop.db.models.wages import WageItem
from hendazh_desktop.domain.events import SplitPosted, SplitReversed
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.wages import ItemKind, divide_by_shares
from hendazh_desktop.services.wages.members import shares_for_payable


def on_split_posted(uow: UnitOfWork, event: SplitPosted) -> None:
    """The job is done and its money collected: its group's fee is due, in members' shares.
    Core statements only (see ``SplitPostingRepository``): this runs inside the payment."""
    request = uow.requests.get(event.request_id)
    if request is None or request.group_id is None or event.fee <= 0:
        return
    day = today_local(event.at)
    members = shares_for_payable(uow, request.group_id, day)
    payable_id = uow.splits.insert_payable(
        {
            "split_id": event.split_id,
            "request_id": request.id,
            "group_id": request.group_id,
            "service_id": request.service_id,
            "fee": event.fee,
            "on_day": day,
            "at": event.at,
        }
    )
    parts = divide_by_shares(event.fee, [share for _, share in members])
    assert sum(parts) == event.fee
    uow.wages.insert_items(
        [
            {
                "member_id": member_id,
                "group_id": request.group_id,
                "kind": ItemKind.FEE.value,
                "amount": part,
                "payable_id": payable_id,
                "request_id": request.id,
                "reason": f"درخواست {request.id}",
                "on_day": day,
                "at": event.at,
                "user_id": event.actor.user_id,
            }
            for (member_id, _), part in zip(members, parts, strict=True)
            if part > 0
        ]
    )


def on_split_reversed(uow: UnitOfWork, event: SplitReversed) -> None:
    """The job's collection is undone: an unpaid payable goes back to held (its split is
    reversed, so no batch takes it); each share already paid is clawed back from its member's
    next payout, never edited."""
    uow.wages.lock_payouts()
    payable = uow.wages.payable_of_split(event.reverses_id, for_update=True)
    if payable is None:
        return
    shares = [i for i in uow.wages.items_of_payable(payable.id) if i.kind == ItemKind.FEE.value]
    paid = uow.wages.paid_item_ids(i.id for i in shares)
    day = today_local(event.at)
    uow.wages.add_all(
        [
            WageItem(
                member_id=share.member_id,
                group_id=share.group_id,
                kind=ItemKind.CLAWBACK.value,
                amount=-share.amount,
                payable_id=payable.id,
                request_id=payable.request_id,
                reason=f"برگشت وصول درخواست {payable.request_id}: {event.cause}"[:300],
                on_day=day,
                at=event.at,
                user_id=event.actor.user_id,
            )
            for share in shares
            if share.id in paid
        ]
    )


def wage_handlers() -> list[Subscription[Any]]:
    """The wages' subscriptions."""
    return [on(SplitPosted, on_split_posted), on(SplitReversed, on_split_reversed)]
