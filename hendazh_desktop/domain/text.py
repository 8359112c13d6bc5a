"""Persian text normalisation: the stored display form, the search key and digit conversion."""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"

_TO_ASCII_DIGITS = str.maketrans(
    _PERSIAN_DIGITS + _ARABIC_DIGITS + _FULLWIDTH_DIGITS, "0123456789" * 3
)
_TO_PERSIAN_DIGITS = str.maketrans("0123456789", _PERSIAN_DIGITS)

# Arabic letter forms that Persian keyboards and old systems produce, mapped to Persian.
_ARABIC_TO_PERSIAN = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ئ",
        "ك": "ک",
        "ە": "ه",
        "ۀ": "هٔ",
        "ة": "ه",
    }
)

# Bidi controls reorder what is printed (a U+202E can make "0001" read "1000"), so user text
# never keeps them. ZWNJ (U+200C) is a Persian letter-joining control and is kept.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_STRIP_BIDI = str.maketrans("", "", BIDI_CONTROLS)

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MULTI_ZWNJ = re.compile(f"{ZWNJ}{{2,}}")
# A ZWNJ joins letters: beside a space or at either end it is noise (lookarounds, so that
# "a\u200c \u200cb" loses both).
_ZWNJ_EDGES = re.compile(rf"(?<=\s){ZWNJ}+|{ZWNJ}+(?=\s)|^{ZWNJ}+|{ZWNJ}+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_OTHER_DIGITS = re.compile(r"(?![0-9])\d")  # any other decimal digit (Unicode Nd)


def to_ascii_digits(text: str) -> str:
    """Persian, Arabic-Indic and full-width digits to ASCII; everything else unchanged."""
    return text.translate(_TO_ASCII_DIGITS)


def to_persian_digits(text: str) -> str:
    """ASCII digits to Persian digits, for display."""
    return text.translate(_TO_PERSIAN_DIGITS)


def strip_bidi_controls(text: str) -> str:
    """Remove every bidi embedding/override/isolate/mark character (ZWNJ is kept)."""
    return text.translate(_STRIP_BIDI)


def has_control_characters(text: str) -> bool:
    """True if the text holds NUL or other C0/C1 control characters (newlines excepted)."""
    return bool(_CONTROL.search(text))


def normalize_display(text: str, *, multiline: bool = False) -> str:
    """The form in which user text is stored and shown.

    NFKC folds Arabic presentation forms and full-width letters; Arabic ي/ك become Persian
    ی/ک; bidi controls and control characters are removed; runs of spaces collapse; ZWNJ is
    kept but never doubled nor left at a word edge.
    """
    # Controls go before NFKC: removing one later could bring a letter and a mark together
    # that a second pass would then compose (not idempotent).
    text = text.translate(_STRIP_BIDI).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    # ۀ becomes ه + U+0654: NFC puts any following marks back in canonical order.
    text = unicodedata.normalize("NFC", text.translate(_ARABIC_TO_PERSIAN))
    text = _MULTI_ZWNJ.sub(ZWNJ, text)
    lines = [_SPACES.sub(" ", _ZWNJ_EDGES.sub("", line)).strip() for line in text.split("\n")]
    if multiline:
        return "\n".join(lines).strip("\n")
    return " ".join(line for line in lines if line)


def search_key(text: str) -> str:
    """The key that searches compare: no ZWNJ, diacritics, tatweel or case; ASCII digits."""
    text = normalize_display(text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.replace("آ", "ا").replace("أ", "ا").replace("إ", "ا").replace("ؤ", "و")
    text = text.replace("هٔ", "ه").replace("\u0654", "")
    text = text.replace(ZWNJ, "").replace("\u200d", "")
    text = _OTHER_DIGITS.sub(lambda m: str(unicodedata.decimal(m[0])), to_ascii_digits(text))
    text = _SPACES.sub(" ", text).strip().casefold()
    # Removing marks, ZWNJ or tatweel can leave a letter next to a mark, and casefold can
    # decompose (ß́ → sś): a final NFKC makes the key its own key.
    return unicodedata.normalize("NFKC", text)


def digits_only(text: str) -> str:
    """Just the digits of a text (any script), as ASCII."""
    return "".join(ch for ch in to_ascii_digits(text) if "0" <= ch <= "9")


def identity_key(text: str) -> str:
    """The key under which two names are the same name: the search key without spaces, so
    «نصب کولر», «نصب‌کولر» and «نصبکولر» (space, ZWNJ or nothing between) are one name."""
    return search_key(text).replace(" ", "")


# Persian alphabetical order (آ with ا, as the search key folds them). Unicode puts پ چ ژ ک گ
# after every Arabic letter and ه before و, so a plain comparison misplaces them.
PERSIAN_ALPHABET = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
_COLLATE = str.maketrans({ch: chr(0xE000 + i) for i, ch in enumerate(PERSIAN_ALPHABET)})


def collation_key_of_search_key(key: str) -> str:
    """The collation key of a text whose search key is ``key``."""
    return key.translate(_COLLATE)


def collation_key(text: str) -> str:
    """The key names sort by in Persian alphabetical order, the same on every database: the
    search key with each Persian letter moved to a private-use code point in alphabet order
    (a code-point comparison of it is the alphabetical comparison of the text)."""
    return collation_key_of_search_key(search_key(text))
