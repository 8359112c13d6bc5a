"""The subscriber form as typed, and its validation into normalised values."""

from __future__ import annotations

from dataclasses import dataclass

from hendazh_desktop.domain.errors import FormErrorCollector
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.identity import parse_national_code, parse_postal_code
from hendazh_desktop.domain.phones import PhoneNumber, parse_phone

MAX_PHONES = 5
MAX_ADDRESSES = 10


@dataclass(frozen=True, slots=True)
class PhoneDraft:
    """One phone row of the subscriber form, as typed."""

    number: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class AddressDraft:
    """An address as typed; ``id`` is set when editing an address already on file."""

    text: str
    zone_id: int | None
    title: str = ""
    postal_code: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SubscriberDraft:
    """Every field of the subscriber dialog, as raw text."""

    name: str
    phones: tuple[PhoneDraft, ...]
    addresses: tuple[AddressDraft, ...] = ()
    national_code: str = ""
    referrer: str = ""  # subscription code or phone of the referrer
    do_not_serve: bool = False
    do_not_serve_reason: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CleanAddress:
    """An address of the subscriber form, validated and normalised."""

    id: int | None
    title: str
    zone_id: int
    text: str
    postal_code: str | None


@dataclass(frozen=True, slots=True)
class CleanSubscriber:
    """The subscriber form, validated and normalised."""

    name: str
    phones: tuple[tuple[PhoneNumber, str], ...]
    addresses: tuple[CleanAddress, ...]
    national_code: str | None
    referrer: str
    do_not_serve: bool
    do_not_serve_reason: str
    notes: str
    # The form field of each phone above (blank rows of the form are skipped, so the n-th
    # clean phone is not always the n-th row).
    phone_fields: tuple[str, ...] = ()


def phone_field(index: int) -> str:
    return f"phone:{index}"


def address_field(index: int, part: str) -> str:
    return f"address:{index}:{part}"


def clean_address(
    errors: FormErrorCollector, index: int, draft: AddressDraft
) -> CleanAddress | None:
    text = errors.check(
        clean_text,
        draft.text,
        field=address_field(index, "text"),
        max_length=300,
        required=True,
        min_length=5,
    )
    title = errors.check(
        clean_text, draft.title, field=address_field(index, "title"), max_length=40
    )
    postal = None
    if draft.postal_code.strip():
        postal = errors.check(
            parse_postal_code, draft.postal_code, field=address_field(index, "postal_code")
        )
    if draft.zone_id is None:
        errors.add(address_field(index, "zone"), "required")
    if text is None or title is None or draft.zone_id is None:
        return None
    return CleanAddress(draft.id, title, draft.zone_id, text, postal)


def clean_subscriber(draft: SubscriberDraft) -> CleanSubscriber:
    """Validate and normalise every field; raises with every bad field, writes nothing."""
    errors = FormErrorCollector()
    name = errors.check(clean_person_name, draft.name, field="name")
    phones: list[tuple[PhoneNumber, str]] = []
    fields: list[str] = []
    if not any(p.number.strip() for p in draft.phones):
        errors.add(phone_field(0), "required")
    if len(draft.phones) > MAX_PHONES:
        errors.add(phone_field(MAX_PHONES), "too_many", maximum=MAX_PHONES)
    seen: set[str] = set()
    for index, phone in enumerate(draft.phones[:MAX_PHONES]):
        if not phone.number.strip():
            continue
        parsed = errors.check(parse_phone, phone.number, field=phone_field(index))
        label = errors.check(clean_text, phone.label, field=f"phone_label:{index}", max_length=40)
        if parsed is None or label is None:
            continue
        if parsed.number in seen:
            errors.add(phone_field(index), "phone_repeated")
            continue
        seen.add(parsed.number)
        phones.append((parsed, label))
        fields.append(phone_field(index))
    if len(draft.addresses) > MAX_ADDRESSES:
        errors.add(address_field(MAX_ADDRESSES, "text"), "too_many", maximum=MAX_ADDRESSES)
    addresses = [clean_address(errors, i, a) for i, a in enumerate(draft.addresses[:MAX_ADDRESSES])]
    national = None
    if draft.national_code.strip():
        national = errors.check(parse_national_code, draft.national_code, field="national_code")
    reason = errors.check(
        clean_text,
        draft.do_not_serve_reason,
        field="do_not_serve_reason",
        max_length=300,
        required=draft.do_not_serve,
    )
    notes = errors.check(clean_text, draft.notes, field="notes", max_length=2000, multiline=True)
    referrer = errors.check(clean_text, draft.referrer, field="referrer", max_length=40)
    errors.raise_if_any()
    return CleanSubscriber(
        name=name,
        phones=tuple(phones),
        addresses=tuple(a for a in addresses if a is not None),
        national_code=national,
        referrer=referrer or "",
        do_not_serve=draft.do_not_serve,
        do_not_serve_reason=reason if draft.do_not_serve else "",
        notes=notes or "",
        phone_fields=tuple(fields),
    )
