"""Quality of finished jobs: feedback scores and their checks, complaints, ideas, call outcomes,
and a group's Bayesian quality score per service (a prior, older ratings weighing less)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hendazh_desktop.domain.errors import FormErrorCollector, ValidationError
from hendazh_desktop.domain.text import to_ascii_digits, to_persian_digits

MIN_SCORE, MAX_SCORE = 1, 5
COMPLAINT_AT_OR_BELOW = 2  # a score this low opens a complaint for a manager
PRIOR_MEAN = 3.0  # the middle of the scale: no opinion either way
PRIOR_WEIGHT = 5.0  # as many ratings as the prior is worth


class Criterion(enum.StrEnum):
    """One aspect of the job a subscriber scores."""

    WORK = "work"
    PUNCTUALITY = "punctuality"
    CONDUCT = "conduct"
    CLEANLINESS = "cleanliness"
    PRICE = "price"


CRITERION_LABELS = {
    Criterion.WORK: "کیفیت کار",
    Criterion.PUNCTUALITY: "وقت‌شناسی",
    Criterion.CONDUCT: "رفتار",
    Criterion.CLEANLINESS: "نظافت",
    Criterion.PRICE: "انصاف در قیمت",
}


class Channel(enum.StrEnum):
    """How the feedback came; one feedback per job per channel."""

    PHONE = "phone"
    WEB = "web"
    QUALITY_CALL = "quality_call"


CHANNEL_LABELS = {
    Channel.PHONE: "تماس با دفتر",
    Channel.WEB: "فرم وب",
    Channel.QUALITY_CALL: "تماس کیفیت",
}


class CallOutcome(enum.StrEnum):
    """What came of one quality call."""

    PENDING = "pending"
    ANSWERED = "answered"  # with feedback
    NO_ANSWER = "no_answer"  # tried again on a later day, up to the retries setting
    REFUSED = "refused"
    WRONG_NUMBER = "wrong_number"


OUTCOME_LABELS = {
    CallOutcome.PENDING: "در انتظار تماس",
    CallOutcome.ANSWERED: "پاسخ داد",
    CallOutcome.NO_ANSWER: "پاسخ نداد",
    CallOutcome.REFUSED: "نخواست صحبت کند",
    CallOutcome.WRONG_NUMBER: "شماره اشتباه",
}


class ComplaintAction(enum.StrEnum):
    """What a manager did about a complaint when closing it."""

    CALL_BACK = "call_back"
    REWORK = "rework"
    WARNING = "warning"
    NO_ACTION = "no_action"


ACTION_LABELS = {
    ComplaintAction.CALL_BACK: "تماس مجدد با مشترک",
    ComplaintAction.REWORK: "درخواست دوباره‌کاری",
    ComplaintAction.WARNING: "تذکر به گروه",
    ComplaintAction.NO_ACTION: "اقدامی لازم نبود",
}


class IdeaState(enum.StrEnum):
    """Where a subscriber's suggestion, initiative or idea stands."""

    NEW = "new"
    REVIEW = "review"
    ADOPTED = "adopted"
    DECLINED = "declined"


IDEA_LABELS = {
    IdeaState.NEW: "جدید",
    IdeaState.REVIEW: "در حال بررسی",
    IdeaState.ADOPTED: "پذیرفته شد",
    IdeaState.DECLINED: "رد شد",
}

IDEA_SOURCES = {"call": "تماس کیفیت", "feedback": "نظرسنجی", "intake": "پذیرش"}


def parse_score(value: str | int | None, *, field: str, required: bool = True) -> int | None:
    """A score typed or picked: a whole number 1–5 (Persian digits accepted)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "score_required")
        return None
    if isinstance(value, bool):
        raise ValidationError(field, "score_range", minimum=MIN_SCORE, maximum=MAX_SCORE)
    text = to_ascii_digits(str(value).strip())
    if not (text.isascii() and text.isdigit()) or not MIN_SCORE <= int(text) <= MAX_SCORE:
        raise ValidationError(field, "score_range", minimum=MIN_SCORE, maximum=MAX_SCORE)
    return int(text)


@dataclass(frozen=True, slots=True)
class Scores:
    """A feedback's checked scores: the overall one and each criterion asked (None: not asked)."""

    overall: int
    criteria: Mapping[Criterion, int | None]

    @property
    def opens_complaint(self) -> bool:
        """Any score of 2 or less: a manager must look at it."""
        given = [self.overall, *(s for s in self.criteria.values() if s is not None)]
        return min(given) <= COMPLAINT_AT_OR_BELOW

    @property
    def lowest(self) -> int:
        return min([self.overall, *(s for s in self.criteria.values() if s is not None)])


def check_scores(overall: str | int | None, criteria: Mapping[str, str | int | None]) -> Scores:
    """Every score checked at once (each bad one reported at its field); an unknown criterion
    is refused. A criterion left blank was not asked."""
    errors = FormErrorCollector()
    known = {c.value for c in Criterion}
    for name in criteria:
        if name not in known:
            errors.add(name, "unknown_criterion")
    checked_overall = errors.check(parse_score, overall, field="overall")
    checked = {
        c: errors.check(parse_score, criteria.get(c.value), field=c.value, required=False)
        for c in Criterion
    }
    errors.raise_if_any()
    return Scores(int(checked_overall), checked)


@dataclass(frozen=True, slots=True)
class Standing:
    """A group's quality for one service: the Bayesian score, and what it rests on."""

    score: float  # 1–5, pulled toward the prior while ratings are few
    count: int  # ratings it rests on
    weight: float  # their weight after decay (what the prior is compared with)
    open_complaints: int = 0

    @property
    def rated(self) -> bool:
        return self.count > 0


UNRATED = Standing(PRIOR_MEAN, 0, 0.0)


def decay(age_days: float, half_life_days: float) -> float:
    """How much a rating this old still counts (1 today, ½ after one half-life)."""
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    return float(0.5 ** (max(age_days, 0.0) / half_life_days))


def bayesian_standing(
    ratings: Iterable[tuple[float, int, int]],
    *,
    half_life_days: float,
    prior_mean: float = PRIOR_MEAN,
    prior_weight: float = PRIOR_WEIGHT,
    open_complaints: int = 0,
) -> Standing:
    """The score from ``(age_days, sum_of_overall_scores, count)`` buckets (one rating, or a
    day's ratings of one group): ``(prior·k + Σ w·sum) / (k + Σ w·count)`` with w halving every
    ``half_life_days``."""
    weighted_sum = weight = 0.0
    count = 0
    for age, total, n in ratings:
        w = decay(age, half_life_days)
        weighted_sum += w * total
        weight += w * n
        count += n
    value = (prior_mean * prior_weight + weighted_sum) / (prior_weight + weight)
    return Standing(value, count, weight, open_complaints)


EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)  # ratings are stored weighted from here on


def growth(at: dt.datetime, half_life_days: float) -> float:
    """A rating's stored weight at ``at``: it doubles every half-life after the epoch, so a
    sum of stored weights scaled by ``1 / growth(now)`` is the sum of decayed weights."""
    return float(2.0 ** ((at - EPOCH).total_seconds() / 86_400 / half_life_days))


def standing_from_sums(
    weighted_sum: float,
    weighted_count: float,
    count: int,
    *,
    now: dt.datetime,
    half_life_days: float,
    open_complaints: int = 0,
    prior_mean: float = PRIOR_MEAN,
    prior_weight: float = PRIOR_WEIGHT,
) -> Standing:
    """The same score as ``bayesian_standing`` from running sums of ``growth``-weighted
    ratings (kept per group and service, so ranking reads one row per group)."""
    scale = 1.0 / growth(now, half_life_days)
    weight = weighted_count * scale
    value = (prior_mean * prior_weight + weighted_sum * scale) / (prior_weight + weight)
    return Standing(value, count, weight, open_complaints)


def format_score(value: float) -> str:
    """4.6 → «۴٫۶» (one decimal, Persian digits and decimal separator)."""
    return to_persian_digits(f"{value:.1f}").replace(".", "٫")


def standing_text(standing: Standing) -> str:
    """The suggestion's reason: «کیفیت ۴٫۶ از ۵، ۳۲ نظر» (and open complaints, if any)."""
    if not standing.rated:
        text = "کیفیت: هنوز نظری ثبت نشده"
    else:
        count = to_persian_digits(str(standing.count))
        text = f"کیفیت {format_score(standing.score)} از ۵، {count} نظر"
    if standing.open_complaints:
        text += f"؛ {to_persian_digits(str(standing.open_complaints))} شکایت باز"
    return text
