"""The audit trail's hash chain: each entry's hash covers its content and the previous hash,
so an entry edited or deleted behind the application's back breaks the chain."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


class AuditAction(enum.StrEnum):
    """What happened to a record."""

    CREATE = "create"
    UPDATE = "update"
    TRANSITION = "transition"
    IMPORT = "import"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD = "password"
    BACKUP = "backup"
    RESTORE = "restore"
    GENERATE = "generate"
    EXPORT = "export"


ACTION_LABELS = {
    AuditAction.CREATE: "ایجاد",
    AuditAction.UPDATE: "ویرایش",
    AuditAction.TRANSITION: "تغییر وضعیت",
    AuditAction.IMPORT: "ورود داده",
    AuditAction.LOGIN: "ورود به سامانه",
    AuditAction.LOGIN_FAILED: "ورود ناموفق",
    AuditAction.LOGOUT: "خروج از سامانه",
    AuditAction.PASSWORD: "تغییر گذرواژه",
    AuditAction.BACKUP: "پشتیبان‌گیری",
    AuditAction.RESTORE: "بازگردانی",
    AuditAction.GENERATE: "تولید داده نمایشی",
    AuditAction.EXPORT: "خروجی گرفتن",
}

ENTITY_LABELS = {
    "subscriber": "مشترک",
    "request": "درخواست",
    "service": "خدمت",
    "setting": "تنظیمات",
    "user": "کاربر",
    "database": "پایگاه داده",
    "work_group": "گروه کاری",
    "feedback": "نظر مشترک",
    "call_list": "فهرست تماس کیفیت",
    "quality_call": "تماس کیفیت",
    "complaint": "شکایت",
    "idea": "پیشنهاد",
    "do_not_call": "عدم تماس",
    "invoice": "صورتحساب",
    "payment": "دریافت یا پرداخت",
    "gift_credit": "اعتبار هدیه",
    "gift_item": "هدیه کاتالوگ",
    "gift_stock": "موجودی هدیه",
    "gift_order": "سفارش هدیه",
    "wage_terms": "شرایط دستمزد گروه",
    "wage_batch": "فهرست پرداخت دستمزد",
    "wage_advance": "مساعده",
    "wage_reimbursement": "هزینه خرید مصالح گروه",
    "wage_correction": "اصلاح پرداخت دستمزد",
}


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """The hashed content of one audit entry."""

    id: int
    at: dt.datetime
    user_id: int | None
    entity: str
    entity_id: str
    action: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return value


def to_json(value: Mapping[str, Any] | None) -> str | None:
    """Canonical JSON (sorted keys, no spaces, UTF-8 kept) of before/after values."""
    if value is None:
        return None
    return json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(previous: str, record: AuditRecord, key: bytes | None = None) -> str:
    """SHA-256 over the previous hash and the canonical content of this entry; keyed
    (HMAC-SHA-256) with the chain's secret, kept outside the database, when one is given —
    then rewriting the chain needs the secret too, not only the (public) code."""
    payload = json.dumps(
        [
            record.id,
            record.at.astimezone(dt.UTC).isoformat(),
            record.user_id,
            record.entity,
            record.entity_id,
            record.action,
            to_json(record.before),
            to_json(record.after),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    data = (previous + payload).encode("utf-8")
    if key is not None:
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """Where verification failed: the first entry whose link does not hold."""

    entry_id: int
    reason: str  # "hash_mismatch", "previous_mismatch", "missing_tail", "log_wiped", …


def verify_chain(
    entries: Iterable[tuple[AuditRecord, str, str]],
    head: tuple[int, str] | None,
    *,
    key: bytes | None = None,
    keyed_from: int = 1,
) -> ChainBreak | None:
    """Check (record, stored previous hash, stored hash) in id order against the head
    (last id, last hash) kept separately; None when the whole chain holds.

    Entries from ``keyed_from`` on are keyed with ``key``; earlier ones (written before the
    database had a key) are plain SHA-256."""
    previous = GENESIS_HASH
    last_id = 0
    for record, stored_previous, stored_hash in entries:
        if stored_previous != previous:
            return ChainBreak(record.id, "previous_mismatch")
        entry_key = key if key is not None and record.id >= keyed_from else None
        if entry_hash(previous, record, entry_key) != stored_hash:
            return ChainBreak(record.id, "hash_mismatch")
        previous = stored_hash
        last_id = record.id
    if head is None:
        return ChainBreak(last_id, "missing_head") if last_id else None
    if head[0] != last_id or head[1] != previous:
        return ChainBreak(last_id + 1 if head[0] > last_id else head[0], "missing_tail")
    return None


def diff(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Only the keys that changed (all keys when one side is missing)."""
    if before is None or after is None:
        return (dict(before) if before else None, dict(after) if after else None)
    keys = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return ({k: before.get(k) for k in sorted(keys)}, {k: after.get(k) for k in sorted(keys)})
