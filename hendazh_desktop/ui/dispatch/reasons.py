"""Why a group is suggested, in Persian: the reasons of the ranked suggestion as the board
lists them (skill, zone, load, leave, quality and open complaints)."""

from __future__ import annotations

from hendazh_desktop.ui import fmt

REASON_LABELS = {
    "skill": "مهارت {detail} از ۵",
    "skill_missing": "بدون مهارت این خدمت",
    "zone": "همین منطقه را پوشش می‌دهد",
    "zone_far": "منطقه دیگر",
    "load": "بار امروز {detail}",
    "over_capacity": "ظرفیت پر",
    "leave": "مرخصی",
    "quality_unrated": "کیفیت: هنوز نظری ثبت نشده (برای همه یکسان)",
    "quality": "{detail}",
    "open_complaints": "{detail} شکایت باز",
}


def reason_text(code: str, detail: str) -> str:
    return REASON_LABELS.get(code, code).format(detail=fmt.number_text(detail))
