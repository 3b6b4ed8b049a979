"""Text folding for matching what people type against the vocabulary.

`fold` is the one normalisation used for headers, sheet names, statuses, domains,
month names and names of communes and associations: it ignores case, accents,
surrounding and repeated spaces, Arabic diacritics and tatweel, and treats the
Arabic letter variants that spreadsheets mix freely as one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic-Indic (U+0660..) and Persian/Urdu (U+06F0..) digits, read as ASCII digits.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS |= {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}

# Letters that writers interchange: hamza seats and alef forms, taa marbuta, alef maqsura.
_LETTERS = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ة"): "ه",
    ord("ى"): "ي",
    ord("ـ"): None,  # tatweel (kashida) only stretches a word
    ord("\u200c"): None,  # zero-width non-joiner
    ord("\u200d"): None,  # zero-width joiner
    ord("\u200e"): None,  # left-to-right mark
    ord("\u200f"): None,  # right-to-left mark
    ord("\u061c"): None,  # Arabic letter mark
    ord("\ufeff"): None,  # a stray byte-order mark
}
_LETTERS |= _DIGITS

# Separators that mean "a space" in a header or a key: in_progress, meeting-id, N°.
_SPACES = re.compile(r"[\s_\-–—/\\.,:;*'’`\"«»“”]+")
# The Arabic "and" is written joined to its word or apart: "الطرق والنقل", "الطرق و النقل".
_ARABIC_AND = re.compile(r"(^|\s)و\s+")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits, everything else unchanged."""
    # Most ids are ASCII, which holds no such digit: a test in C instead of a lookup per
    # character (every recommendation and status update of a national load has an id).
    return text if text.isascii() else text.translate(_DIGITS)


def fold(text: object) -> str:
    """The matching form of a header or value: 'Réunion ', 'réunion' and 'REUNION' fold alike."""
    if text is None:
        return ""
    if type(text) is str and len(text) <= 200:
        return _fold_cached(text)
    return _fold(str(text))


@functools.lru_cache(maxsize=200_000)
def _fold_cached(text: str) -> str:
    # Names, statuses and dates repeat across millions of rows: fold each text once.
    return _fold(text)


def _accent_free_table() -> dict[int, str | None]:
    """One translation table doing what decomposition does for Latin and Arabic letters:
    é -> e, ؤ -> و, tashkeel removed; with the letter variants above."""
    table: dict[int, str | None] = {}
    for block in (range(0xA0, 0x250), range(0x600, 0x700), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            parts = unicodedata.normalize("NFKD", char)
            base = "".join(c for c in parts if not unicodedata.combining(c))
            if base != char:
                table[code] = base.translate(_LETTERS) or None
    table.update(_LETTERS)
    return table


_ACCENT_FREE = _accent_free_table()
# Text the table cannot fold alone: lone combining marks, presentation forms (ﻻ, ﺍ).
_NEEDS_DECOMPOSITION = re.compile(r"[\u0300-\u036f\u0653-\u0655\ufb50-\ufdff\ufe20-\ufeff]")


def _fold(text: str) -> str:
    if not _NEEDS_DECOMPOSITION.search(text):
        # The common case, at the speed of str.translate: search texts of a national
        # load are folded once per recommendation.
        value = text.translate(_ACCENT_FREE).casefold()
        value = value.replace("œ", "oe").replace("æ", "ae")
        return _SPACES.sub(" ", value).strip()
    return _fold_decomposed(text)


def _fold_decomposed(text: str) -> str:
    value = text.translate(_LETTERS)
    # Compatibility decomposition splits accents and Arabic hamza/madda marks off their
    # letters and turns presentation forms (ﻻ, ﺍ) into plain letters.
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = value.translate(_LETTERS).casefold()
    value = value.replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", value).strip()


def stem_word(word: str) -> str:
    """A word with its gender and number endings removed (French and Arabic).

    Lets 'réalisé', 'réalisée', 'réalisés' and 'منجز', 'منجزة', 'منجزات' match one
    vocabulary entry. Applied to both sides of a comparison, so it only has to be
    consistent, not linguistically exact.
    """
    if len(word) > 3 and word.endswith("ات"):
        return word[:-2]
    if len(word) > 2 and word.endswith("ه") and _is_arabic(word):
        return word[:-1]
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def stem(text: object) -> str:
    """`fold`, then every word stemmed: the key used to match statuses and similar values."""
    folded = _ARABIC_AND.sub(r"\1و", fold(text))
    return " ".join(stem_word(w) for w in folded.split())


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def has_arabic(text: str) -> bool:
    """True when the text contains Arabic letters (used to pick a name's language)."""
    return _is_arabic(text)


def stored_text(value: object) -> str | None:
    """A text cell as stored: trimmed, blank as None, never escaped or truncated."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN: how data frames hold a blank cell
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


_LIST_SPLIT = re.compile(r"\s*(?:;|؛|،|\r?\n)\s*")


def split_list(value: object) -> list[str]:
    """A list cell ('a; b', 'أ، ب', one per line) as its trimmed items, duplicates dropped."""
    text = stored_text(value)
    if not text:
        return []
    items: list[str] = []
    seen: set[str] = set()
    for item in _LIST_SPLIT.split(text):
        item = item.strip()
        key = fold(item)
        if item and key not in seen:
            seen.add(key)
            items.append(item)
    return items


def search_key(*parts: object) -> str:
    """The searchable form of several texts: folded like headers, so 'إنارة' finds 'الإنارة'
    and 'eclairage' finds 'Éclairage'. Stored beside a recommendation, matched with LIKE."""
    return " ".join(f for f in (fold(p) for p in parts if p) if f)
