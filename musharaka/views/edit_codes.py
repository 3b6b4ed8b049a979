"""Codes for the records the data-entry page creates (pure): a new meeting's in the
pattern its commune's meetings use, a new recommendation's after its meeting's highest."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SERIAL = re.compile(r"(\d+)$")


def _next_serial(codes: Sequence[str], prefix: str) -> int:
    serials = [
        int(match.group(1))
        for code in codes
        if code.startswith(prefix) and (match := _SERIAL.search(code[len(prefix) :]))
    ]
    return max(serials, default=0) + 1


def commune_prefix(commune: str, commune_id: int, codes: Sequence[str]) -> str:
    """The prefix of a commune's meeting codes: the one its meetings already use
    (KHN-2019-1 -> KHN), else the first Latin letters of its name, else C and its id."""
    prefixes = [code.split("-")[0] for code in codes if "-" in code]
    if prefixes:
        return max(set(prefixes), key=prefixes.count)
    letters = re.sub(r"[^A-Za-z]", "", commune)
    return letters[:3].upper() if len(letters) >= 3 else f"C{commune_id}"


def next_meeting_code(commune: str, commune_id: int, year: int, codes: Sequence[str]) -> str:
    """A new meeting's code in the sample's pattern, PREFIX-YEAR-N, N one more than the
    highest number of the commune's codes (the codes of its meetings)."""
    prefix = commune_prefix(commune, commune_id, codes)
    serials = [int(m.group(1)) for code in codes if (m := re.search(r"-(\d+)$", code))]
    return f"{prefix}-{year}-{max(serials, default=0) + 1}"


def next_recommendation_code(meeting_code: str, codes: Sequence[str]) -> str:
    """A new recommendation's code, MEETING-Rnn, after the meeting's highest number."""
    return f"{meeting_code}-R{_next_serial(codes, f'{meeting_code}-R'):02d}"
