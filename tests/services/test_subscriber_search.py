"""Finding the caller: an exact phone or code in any form, and search-as-you-type over any
fragment of a name, a phone or a code; hostile text never raises or matches everything."""

from __future__ import annotations

import pytest

from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.services.subscribers.search import SubscriberSearch


@pytest.fixture
def people(new_subscriber):
    made = {}
    for name, phone in [
        ("علیرضا شریفی", "09171234567"),
        ("رضا محمدی‌نژاد", "09362223344"),
        ("مریم فسایی", "07132274517"),
        ("آرش کاظمی", "09127654321"),
        ("کامران بدحساب", "09179998877"),
    ]:
        made[name] = new_subscriber(
            name,
            phone,
            do_not_serve=name == "کامران بدحساب",
            do_not_serve_reason="بدهی" if name == "کامران بدحساب" else "",
        )
    return made


@pytest.fixture
def search(db):
    return SubscriberSearch(db)


def names(rows) -> set[str]:
    return {r.name for r in rows}


@pytest.mark.parametrize(
    "typed",
    [
        "09171234567",
        "۰۹۱۷۱۲۳۴۵۶۷",
        "٠٩١٧١٢٣٤٥٦٧",
        "+98 917 123 4567",
        "0098-917-123-4567",
        "9171234567",
        " 0917 123 4567 ",
    ],
)
def test_exact_phone_in_any_form(search, actor, people, typed):
    wanted = people["علیرضا شریفی"].id
    assert search.find_exact(actor, typed) == wanted
    assert [r.id for r in search.search(actor, typed)] == [wanted]


def test_exact_landline_and_code_in_any_form(search, actor, people):
    maryam = people["مریم فسایی"]
    for typed in ("071-3227-4517", "+98 71 3227 4517", "32274517"):
        assert search.find_exact(actor, typed) == maryam.id, typed
    code = maryam.code
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for typed in (code, persian, f" {code} ", f"{code[:4]} {code[4:]}", f"{code[:4]}-{code[4:]}"):
        assert search.find_exact(actor, typed) == maryam.id, typed
        assert search.search(actor, typed)[0].id == maryam.id, typed
    assert search.find_exact(actor, "09170000000") is None  # well-formed, not on file
    assert search.find_exact(actor, "علی") is None
    assert search.find_exact(actor, "") is None


def test_fragments_of_phones_and_codes(search, actor, people):
    assert names(search.search(actor, "۴۵۶۷")) == {"علیرضا شریفی"}  # the last digits
    assert names(search.search(actor, "2223")) == {"رضا محمدی‌نژاد"}  # the middle
    assert names(search.search(actor, "0936")) == {"رضا محمدی‌نژاد"}  # a 0917-style prefix
    assert names(search.search(actor, "0917")) == {"علیرضا شریفی", "کامران بدحساب"}
    assert names(search.search(actor, "+98 71 3227")) == {"مریم فسایی"}
    assert names(search.search(actor, "071")) == {"مریم فسایی"}
    code = people["آرش کاظمی"].code
    assert "آرش کاظمی" in names(search.search(actor, code[:5]))  # code prefix
    assert "آرش کاظمی" in names(search.search(actor, code[:2]))  # even a short one
    row = next(r for r in search.search(actor, code[:6]) if r.code == code)
    assert (row.phone, row.zone, row.do_not_serve) == ("09127654321", "منطقه ۱", False)


def test_name_fragments(search, actor, people):
    assert names(search.search(actor, "رضا")) == {"علیرضا شریفی", "رضا محمدی‌نژاد"}  # inside
    assert names(search.search(actor, "شريفي")) == {"علیرضا شریفی"}  # Arabic letters
    assert names(search.search(actor, "كاظمي")) == {"آرش کاظمی"}
    assert names(search.search(actor, "محمدینژاد")) == {"رضا محمدی‌نژاد"}  # without ZWNJ
    assert names(search.search(actor, "محمدی‌نژاد")) == {"رضا محمدی‌نژاد"}  # with it
    assert names(search.search(actor, "نژاد")) == {"رضا محمدی‌نژاد"}
    assert names(search.search(actor, "ارش")) == {"آرش کاظمی"}  # آ typed as ا
    assert names(search.search(actor, "رضا شری")) == {"علیرضا شریفی"}  # two words
    assert names(search.search(actor, "شریفی علیرضا")) == {"علیرضا شریفی"}  # any order
    assert names(search.search(actor, "رضا ش")) == {"علیرضا شریفی"}  # one long, one short
    assert names(search.search(actor, "مر")) == {"مریم فسایی"}  # two letters: name start
    assert names(search.search(actor, "ک")) == {"کامران بدحساب"}  # one letter: name start
    assert names(search.search(actor, "ﻣﺮﻳﻢ")) == {"مریم فسایی"}  # presentation forms
    bad = search.search(actor, "بدحساب")
    assert [(r.name, r.do_not_serve) for r in bad] == [("کامران بدحساب", True)]


@pytest.mark.parametrize(
    "text", ["ناموجود", "0935", "۱۲۳۴۵۶۷۸۹", "زز", "ی", "رضا ناموجود", "   ", "\u202e\u200c"]
)
def test_no_match_is_empty(search, actor, people, text):
    assert search.search(actor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        '" OR 1=1 --',
        "' OR '1'='1",
        "*",
        "**",
        "رضا*",
        "NEAR(",
        "NEAR(a b)",
        "a OR b",
        "رضا OR علی",
        "-رضا",
        "^رضا",
        "'",
        '"',
        '""',
        '"رضا',
        "%",
        "%_%",
        "_",
        "\\",
        ";DROP TABLE subscribers;--",
        "subscriber_fts:رضا",
        "{name_key}: رضا",
        "\x00",
        "رضا" * 500,
        "0" * 500,
    ],
)
def test_hostile_queries_never_raise_or_match_everything(db, search, actor, people, text):
    rows = search.search(actor, text)
    assert len(rows) < len(people)
    assert search.count(actor) == len(people)  # and the table is still there


def test_limit_pages_and_rows(db, search, actor, people, new_subscriber):
    for n in range(12):
        new_subscriber(f"رضا آزمون {'ابپتثجچحخدذر'[n]}", f"0935000{n:04d}")
    assert len(search.search(actor, "رضا", limit=5)) == 5
    assert len(search.search(actor, "0935", limit=7)) == 7
    assert search.count(actor) == len(people) + 12
    everyone = search.page(actor, 0, 100)
    assert [r.id for r in everyone] == sorted(r.id for r in everyone)
    assert [r.id for r in search.page(actor, 3, 4)] == [r.id for r in everyone[3:7]]
    assert [r.name for r in search.rows(actor, [everyone[2].id, everyone[0].id])] == [
        everyone[2].name,
        everyone[0].name,
    ]
    with pytest.raises(NotFound):
        search.rows(actor, [everyone[0].id, 99_999])


def test_every_office_role_may_search(search, accountant, consultant, people):
    assert names(search.search(accountant, "شریفی")) == {"علیرضا شریفی"}
    assert names(search.search(consultant, "شریفی")) == {"علیرضا شریفی"}
    assert search.find_exact(accountant, "09171234567") == people["علیرضا شریفی"].id


def test_two_words_with_a_short_one_find_matches_beyond_the_first_rows(
    search, actor, people, new_subscriber
):
    # «رضا» alone matches more rows than one look-up fetches: the short word «نو» must still
    # find the name registered last.
    letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمهی"
    for n in range(230):
        new_subscriber(f"رضا آزمون {letters[n % 30]}{letters[n // 30]}", f"0935{n:07d}")
    wanted = new_subscriber("رضا نوری", "09350009999")
    assert wanted.id in {r.id for r in search.search(actor, "رضا نو")}
    assert wanted.id in {r.id for r in search.search(actor, "نو رضا")}
    assert names(search.search(actor, "رضا نو")) == {"رضا نوری"}


def test_a_phone_fragment_starting_with_zero_is_found_inside_numbers(
    search, actor, people, new_subscriber
):
    wanted = new_subscriber("سپیده نادری", "09170123456")
    assert [r.id for r in search.search(actor, "01234")] == [wanted.id]
    assert [r.id for r in search.search(actor, "۰۱۲۳۴")] == [wanted.id]
    assert names(search.search(actor, "0917")) == {"علیرضا شریفی", "کامران بدحساب", "سپیده نادری"}
