"""What the accountant records between payouts: members' shares and Sheba, a group's
withholding, advances (مساعده) and materials reimbursements (recorded, then approved)."""

from __future__ import annotations

from collections.abc import Mapping

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.wages import WageItem, WageMember, WageReimbursement, WageTerms
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.money import parse_amount, parse_percent
from hendazh_desktop.domain.operations import parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.wages import ItemKind, parse_receipt_number, parse_share
from hendazh_desktop.domain.work_groups import parse_iban
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.wages.members import iban_problem, sync_members
from hendazh_desktop.services.wages.records import (
    GroupWageTerms,
    ReimbursementRecord,
    WageItemRecord,
    WageMemberRecord,
)


def member_record(member: WageMember) -> WageMemberRecord:
    return WageMemberRecord(
        id=member.id,
        group_id=member.group_id,
        name=member.name,
        iban=member.iban or "",
        share=member.share,
        left_on=member.left_on,
        iban_problem=iban_problem(member.iban),
    )


def item_record(item: WageItem) -> WageItemRecord:
    return WageItemRecord(
        id=item.id,
        member_id=item.member_id,
        group_id=item.group_id,
        kind=item.kind,
        amount=item.amount,
        request_id=item.request_id,
        reason=item.reason,
        on_day=item.on_day,
        corrects_line_id=item.corrects_line_id,
    )


def reimbursement_record(row: WageReimbursement, approved: bool) -> ReimbursementRecord:
    return ReimbursementRecord(
        id=row.id,
        request_id=row.request_id,
        group_id=row.group_id,
        member_id=row.member_id,
        amount=row.amount,
        receipt_number=row.receipt_number,
        note=row.note,
        approved=approved,
    )


class WageLedgerService:
    """Members' terms, advances and reimbursements."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    # -- members and withholding -------------------------------------------------------------
    def terms(self, actor: Actor, group_id: int) -> GroupWageTerms:
        """The group's wage members (brought in step with its roster) and withholding."""
        require(actor, Permission.VIEW_WAGES)
        with self._db.write() as uow:
            group = self._group(uow, group_id)
            sync_members(uow, group, today_local(self._clock()))
            uow.commit()
            return self._terms(uow, group)

    def set_terms(
        self,
        actor: Actor,
        group_id: int,
        *,
        shares: Mapping[int, str],
        ibans: Mapping[int, str],
        withholding: str,
    ) -> GroupWageTerms:
        """Set members' share weights (1–100) and Sheba (checked by checksum; empty: none)
        and the group's withholding percentage; every bad field reported at once."""
        require(actor, Permission.MANAGE_WAGES)
        errors = FormErrorCollector()
        clean_shares = {
            m: errors.check(parse_share, text, field=f"share:{m}") for m, text in shares.items()
        }
        clean_ibans = {
            m: (errors.check(parse_iban, text, field=f"iban:{m}") if text.strip() else None)
            for m, text in ibans.items()
        }
        bp = (
            errors.check(parse_percent, withholding, field="withholding")
            if withholding.strip()
            else 0
        )
        errors.raise_if_any()
        with self._db.write() as uow:
            group = self._group(uow, group_id)
            members = {m.id: m for m in uow.wages.members(group_id)}
            unknown = (set(clean_shares) | set(clean_ibans)) - set(members)
            if unknown:
                raise NotFound("wage_member", min(unknown))
            before = self._snapshot(uow, group_id)
            for member_id, share in clean_shares.items():
                assert share is not None
                members[member_id].share = share
            for member_id, iban in clean_ibans.items():
                members[member_id].iban = iban
            terms = uow.wages.terms(group_id)
            if terms is None:
                uow.wages.add(WageTerms(group_id=group_id, withholding_bp=bp))
            else:
                terms.withholding_bp = bp
            uow.flush()
            record(
                uow,
                self._clock,
                actor,
                "wage_terms",
                group_id,
                AuditAction.UPDATE,
                before,
                self._snapshot(uow, group_id),
            )
            uow.commit()
            return self._terms(uow, group)

    # -- advances ----------------------------------------------------------------------------
    def record_advance(
        self, actor: Actor, member_id: int, amount: str, reason: str, *, operation_id: str
    ) -> WageItemRecord:
        """An advance paid to a member (with a reason), deducted from their next payout."""
        require(actor, Permission.MANAGE_WAGES)
        errors = FormErrorCollector()
        value = errors.check(parse_amount, amount, field="amount")
        why = errors.check(
            clean_text, reason, field="reason", max_length=300, required=True, min_length=3
        )
        op = errors.check(parse_operation_id, operation_id)
        errors.raise_if_any()
        try:
            with self._db.write() as uow:
                done = uow.wages.item_by_operation(op)
                if done is not None:
                    return self._replay(done, ItemKind.ADVANCE, member_id, -value)
                member = uow.wages.member(member_id)
                if member is None:
                    raise NotFound("wage_member", member_id)
                now = self._clock()
                item = WageItem(
                    member_id=member.id,
                    group_id=member.group_id,
                    kind=ItemKind.ADVANCE.value,
                    amount=-value,
                    reason=why,
                    operation_id=op,
                    on_day=today_local(now),
                    at=now,
                    user_id=actor.user_id,
                )
                uow.wages.add(item)
                record(
                    uow,
                    self._clock,
                    actor,
                    "wage_advance",
                    item.id,
                    AuditAction.CREATE,
                    None,
                    {"member": member.name, "amount": value, "reason": why},
                )
                uow.commit()
                return item_record(item)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.item_by_operation(op)
                assert again is not None
                return self._replay(again, ItemKind.ADVANCE, member_id, -value)

    # -- reimbursements ----------------------------------------------------------------------
    def record_reimbursement(
        self,
        actor: Actor,
        request_id: int,
        amount: str,
        receipt_number: str,
        note: str = "",
        *,
        member_id: int | None = None,
        operation_id: str,
    ) -> ReimbursementRecord:
        """Materials the job's group bought with its own money (paid, once approved, with the
        wage to ``member_id``, by default the group's first member; never commissioned)."""
        require(actor, Permission.MANAGE_WAGES)
        errors = FormErrorCollector()
        value = errors.check(parse_amount, amount, field="amount")
        receipt = errors.check(parse_receipt_number, receipt_number)
        clean_note = errors.check(clean_text, note, field="note", max_length=300)
        op = errors.check(parse_operation_id, operation_id)
        errors.raise_if_any()
        try:
            with self._db.write() as uow:
                done = uow.wages.reimbursement_by_operation(op)
                if done is not None:
                    if (done.request_id, done.amount) != (request_id, value):
                        raise Conflict("operation_replayed_differently", done="reimbursement")
                    return reimbursement_record(done, self._approved(uow, done.id))
                request = uow.requests.get(request_id)
                if request is None:
                    raise NotFound("request", request_id)
                if request.group_id is None:
                    raise ValidationError("request", "wage_no_group")
                group = self._group(uow, request.group_id)
                members = sync_members(uow, group, today_local(self._clock()))
                member = members[0] if member_id is None else uow.wages.member(member_id)
                if member is None or member.group_id != group.id:
                    raise ValidationError("member", "wage_member_not_in_group")
                row = WageReimbursement(
                    request_id=request_id,
                    group_id=group.id,
                    member_id=member.id,
                    amount=value,
                    receipt_number=receipt,
                    note=clean_note or "",
                    operation_id=op,
                    at=self._clock(),
                    user_id=actor.user_id,
                )
                uow.wages.add(row)
                uow.commit()
                return reimbursement_record(row, False)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.reimbursement_by_operation(op)
                assert again is not None
                return reimbursement_record(again, self._approved(uow, again.id))

    def approve_reimbursement(
        self, actor: Actor, reimbursement_id: int, *, operation_id: str
    ) -> WageItemRecord:
        """An accountant approves a reimbursement: it becomes an item of the member's payout
        (paid once the job's money is collected). Approving twice is refused."""
        require(actor, Permission.MANAGE_WAGES)
        op = parse_operation_id(operation_id)
        try:
            with self._db.write() as uow:
                done = uow.wages.item_by_operation(op)
                if done is not None:
                    if done.reimbursement_id != reimbursement_id:
                        raise Conflict("operation_replayed_differently", done=done.kind)
                    return item_record(done)
                row = uow.wages.reimbursement(reimbursement_id)
                if row is None:
                    raise NotFound("wage_reimbursement", reimbursement_id)
                if uow.wages.item_of_reimbursement(row.id) is not None:
                    raise Conflict("reimbursement_already_approved", id=reimbursement_id)
                now = self._clock()
                item = WageItem(
                    member_id=row.member_id,
                    group_id=row.group_id,
                    kind=ItemKind.REIMBURSEMENT.value,
                    amount=row.amount,
                    request_id=row.request_id,
                    reimbursement_id=row.id,
                    reason=f"رسید {row.receipt_number}",
                    operation_id=op,
                    on_day=today_local(now),
                    at=now,
                    user_id=actor.user_id,
                )
                uow.wages.add(item)
                record(
                    uow,
                    self._clock,
                    actor,
                    "wage_reimbursement",
                    row.id,
                    AuditAction.UPDATE,
                    {"approved": False},
                    {"approved": True, "amount": row.amount},
                )
                uow.commit()
                return item_record(item)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.item_by_operation(op)
                assert again is not None
                return item_record(again)

    # -- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _group(uow: UnitOfWork, group_id: int) -> WorkGroup:
        group = uow.work_groups.get(group_id)
        if group is None:
            raise NotFound("work_group", group_id)
        return group

    @staticmethod
    def _approved(uow: UnitOfWork, reimbursement_id: int) -> bool:
        return uow.wages.item_of_reimbursement(reimbursement_id) is not None

    @staticmethod
    def _terms(uow: UnitOfWork, group: WorkGroup) -> GroupWageTerms:
        terms = uow.wages.terms(group.id)
        return GroupWageTerms(
            group_id=group.id,
            group_name=group.name,
            withholding_bp=terms.withholding_bp if terms else 0,
            members=tuple(member_record(m) for m in uow.wages.members(group.id)),
        )

    @staticmethod
    def _snapshot(uow: UnitOfWork, group_id: int) -> dict[str, object]:
        terms = uow.wages.terms(group_id)
        return {
            "withholding_bp": terms.withholding_bp if terms else 0,
            "members": [f"{m.name}:{m.share}:{m.iban or ''}" for m in uow.wages.members(group_id)],
        }

    @staticmethod
    def _replay(done: WageItem, kind: ItemKind, member_id: int, amount: int) -> WageItemRecord:
        if (done.kind, done.member_id, done.amount) != (kind.value, member_id, amount):
            raise Conflict("operation_replayed_differently", done=done.kind, asked=kind.value)
        return item_record(done)
