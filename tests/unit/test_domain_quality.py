"""Feedback scores, the Bayesian quality score and the reason text."""

from __future__ import annotations

import pytest

from hendazh_desktop.domain.errors import ValidationError, ValidationErrors
from hendazh_desktop.domain.quality import (
    UNRATED,
    Criterion,
    Standing,
    bayesian_standing,
    check_scores,
    decay,
    parse_score,
    standing_text,
)
from hendazh_desktop.ui.messages import error_message


@pytest.mark.parametrize("value", ["1", "۵", "٣", 4, " 2 "])
def test_scores_one_to_five_accepted(value):
    assert 1 <= (parse_score(value, field="overall") or 0) <= 5


@pytest.mark.parametrize("value", ["0", "6", "-1", "4.5", "۱۰", "abc", 7, True, "²", "1e0"])
def test_scores_outside_one_to_five_refused_in_persian(value):
    with pytest.raises(ValidationError) as caught:
        parse_score(value, field="overall")
    assert caught.value.code == "score_range"
    assert "۱" in error_message(caught.value) and "۵" in error_message(caught.value)


def test_overall_score_required_criteria_optional():
    with pytest.raises(ValidationError) as caught:
        check_scores("", {})
    assert caught.value.field == "overall" and caught.value.code == "score_required"
    assert "امتیاز" in error_message(caught.value)
    scores = check_scores("4", {"work": "5", "price": ""})
    assert scores.overall == 4
    assert scores.criteria[Criterion.WORK] == 5 and scores.criteria[Criterion.PRICE] is None


def test_every_bad_score_is_reported_at_its_field():
    with pytest.raises(ValidationErrors) as caught:
        check_scores("9", {"work": "0", "conduct": "6", "colour": "3"})
    assert set(caught.value.by_field) == {"overall", "work", "conduct", "colour"}


def test_a_score_of_two_or_less_opens_a_complaint():
    assert check_scores("2", {}).opens_complaint
    assert check_scores("5", {"cleanliness": "1"}).opens_complaint
    assert not check_scores("3", {"work": "3"}).opens_complaint


def test_decay_halves_every_half_life():
    assert decay(0, 90) == 1.0
    assert decay(90, 90) == pytest.approx(0.5)
    assert decay(180, 90) == pytest.approx(0.25)
    with pytest.raises(ValueError):
        decay(1, 0)


def test_no_ratings_is_the_prior():
    standing = bayesian_standing([], half_life_days=180)
    assert standing.score == UNRATED.score and standing.count == 0 and not standing.rated


def test_a_single_rating_does_not_outrank_a_long_good_record():
    single_five = bayesian_standing([(1, 5, 1)], half_life_days=180)
    long_record = bayesian_standing([(d, 4 + (d % 2), 1) for d in range(40)], half_life_days=180)
    assert long_record.count == 40 and single_five.count == 1
    assert long_record.score > single_five.score
    assert long_record.score > 4.0


def test_older_ratings_weigh_less():
    recent_bad_old_good = bayesian_standing(
        [(2, 20, 10), (400, 50, 10)], half_life_days=90, prior_weight=1
    )
    recent_good_old_bad = bayesian_standing(
        [(2, 50, 10), (400, 20, 10)], half_life_days=90, prior_weight=1
    )
    assert recent_good_old_bad.score > 4.5 > 2.5 > recent_bad_old_good.score
    assert recent_good_old_bad.count == recent_bad_old_good.count == 20


def test_buckets_equal_single_ratings():
    one_by_one = bayesian_standing([(3, 4, 1), (3, 5, 1), (3, 2, 1)], half_life_days=30)
    bucketed = bayesian_standing([(3, 11, 3)], half_life_days=30)
    assert one_by_one.score == pytest.approx(bucketed.score)
    assert one_by_one.weight == pytest.approx(bucketed.weight)


def test_reason_text_in_persian():
    assert standing_text(Standing(4.56, 32, 30.0)) == "کیفیت ۴٫۶ از ۵، ۳۲ نظر"
    assert "شکایت باز" in standing_text(Standing(3.1, 4, 4.0, open_complaints=2))
    assert "۲" in standing_text(Standing(3.1, 4, 4.0, open_complaints=2))
    assert standing_text(UNRATED) == "کیفیت: هنوز نظری ثبت نشده"


def test_running_sums_give_the_same_score_as_the_ratings():
    import datetime as dt

    from hendazh_desktop.domain.quality import growth, standing_from_sums

    now = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    ratings = [(now - dt.timedelta(days=d), s) for d, s in ((1, 5), (40, 4), (200, 2), (400, 5))]
    by_age = bayesian_standing(
        [((now - at).total_seconds() / 86_400, s, 1) for at, s in ratings], half_life_days=90
    )
    weighted = sum(growth(at, 90) * s for at, s in ratings)
    count = sum(growth(at, 90) for at, _ in ratings)
    summed = standing_from_sums(weighted, count, 4, now=now, half_life_days=90)
    assert summed.score == pytest.approx(by_age.score)
    assert summed.weight == pytest.approx(by_age.weight) and summed.count == 4
