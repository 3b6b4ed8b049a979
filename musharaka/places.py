"""Where a recommendation or a meeting is: coordinates read from a cell (decimal degrees,
with a decimal point or comma, or degrees-minutes-seconds with a hemisphere letter),
checked to lie in Morocco, and the matching form of a place's name against a commune's
douar list. Pure: no database, no screen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from musharaka.loader_text import english
from musharaka.parsing import CellError, is_blank
from musharaka.text import fold, to_ascii_digits

Axis = Literal["latitude", "longitude"]


@dataclass(frozen=True)
class Bounds:
    """A box of latitudes and longitudes, in decimal degrees (west and south negative)."""

    south: float
    north: float
    west: float
    east: float


# Morocco with its southern provinces: from Lagouira (20.8° N) to Cap Spartel (35.8° N),
# from the Atlantic off Lagouira (17.1° W) to Figuig and Saïdia (1.0° W), with a margin.
MOROCCO = Bounds(south=20.5, north=36.1, west=-17.3, east=-0.9)

# Hemisphere letters (French writes O for ouest) and their sign; Arabic initials too.
_HEMISPHERES = {"n": 1, "s": -1, "e": 1, "w": -1, "o": -1, "ش": 1, "ج": -1, "غ": -1}
_LATITUDE_LETTERS = {"n", "s", "ش", "ج"}
_NUMBER = r"\d+(?:[.,]\d+)?"
_DMS = re.compile(
    rf"^(?P<before>[nsewoشجغ])?\s*(?P<sign>[-+−])?\s*(?P<deg>{_NUMBER})\s*(?:°|º|d|deg)?\s*"
    rf"(?:(?P<min>{_NUMBER})\s*(?:'|′|’|m|min)?\s*)?"
    rf"(?:(?P<sec>{_NUMBER})\s*(?:\"|″|''|”|s|sec)?\s*)?"
    r"(?P<after>[nsewoشجغ])?$"
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_coordinate(value: object, axis: Axis) -> float:
    """One coordinate in decimal degrees: 30.2533, '30,2533', '-9.5', '30°15'12"N',
    "9°30'W", '9 30 W'. A hemisphere letter gives the sign (W, O and S are negative) and
    must belong to the axis. Not checked against Morocco here (see `place_problem`)."""
    if isinstance(value, bool):
        raise CellError("bad_number", english("loader_not_a_coordinate", value=value))
    if isinstance(value, int | float):
        number = float(value)
        if number != number:  # NaN
            raise CellError("bad_number", english("loader_not_a_coordinate", value=value))
        return number
    text = to_ascii_digits(str(value)).strip().lower()
    match = _DMS.match(text)
    if match is None or (match["before"] and match["after"]):
        raise CellError("bad_number", english("loader_not_a_coordinate", value=value))
    letter = match["before"] or match["after"]
    degrees = _number(match["deg"])
    minutes = _number(match["min"]) if match["min"] else 0.0
    seconds = _number(match["sec"]) if match["sec"] else 0.0
    if match["min"] and ("." in match["deg"] or "," in match["deg"]):
        raise CellError("bad_number", english("loader_not_a_coordinate", value=value))
    if minutes >= 60 or seconds >= 60:
        raise CellError("bad_number", english("loader_coordinate_minutes", value=value))
    number = degrees + minutes / 60 + seconds / 3600
    if match["sign"] in ("-", "−"):
        if letter:
            raise CellError("bad_number", english("loader_not_a_coordinate", value=value))
        number = -number
    if letter:
        if (letter in _LATITUDE_LETTERS) != (axis == "latitude"):
            key = "loader_coordinate_wrong_axis"
            raise CellError("bad_number", english(key, value=value, column=axis))
        number *= _HEMISPHERES[letter]
    return round(number, 6)


def place_problem(
    latitude: float, longitude: float, bounds: Bounds = MOROCCO
) -> tuple[str, str] | None:
    """Why a point cannot be in Morocco, as (the column to blame, the message), or None
    when it can be. The message names the box, and says so when the point would be in
    Morocco with its longitude's sign changed (a west longitude written without its minus
    or its W) or with its two coordinates swapped."""
    inside_lat = bounds.south <= latitude <= bounds.north
    if inside_lat and bounds.west <= longitude <= bounds.east:
        return None
    point = f"{latitude:g}, {longitude:g}"
    box = f"{bounds.south:g}..{bounds.north:g}, {bounds.west:g}..{bounds.east:g}"
    if inside_lat and bounds.west <= -longitude <= bounds.east:
        east = english("loader_coordinate_east", point=point, longitude=f"{abs(longitude):g}")
        return "longitude", east
    if bounds.south <= longitude <= bounds.north and bounds.west <= latitude <= bounds.east:
        return "latitude", english("loader_coordinate_swapped", point=point)
    column = "latitude" if not inside_lat else "longitude"
    return column, english("loader_coordinate_outside", point=point, box=box)


def coordinates(
    latitude: object, longitude: object
) -> tuple[float | None, float | None, tuple[str, str, str] | None]:
    """Both cells read: (latitude, longitude, None), (None, None, None) when both are
    blank, or a problem (column, reason, message) for a bad cell, one cell without the
    other or a point outside Morocco."""
    if is_blank(latitude) and is_blank(longitude):
        return None, None, None
    for column, cell, other in (
        ("latitude", latitude, "longitude"),
        ("longitude", longitude, "latitude"),
    ):
        if is_blank(cell):
            message = english("loader_coordinate_alone", column=other, missing=column)
            return None, None, (column, "missing_required", message)
    try:
        lat = parse_coordinate(latitude, "latitude")
    except CellError as error:
        return None, None, ("latitude", error.reason, error.message)
    try:
        lon = parse_coordinate(longitude, "longitude")
    except CellError as error:
        return None, None, ("longitude", error.reason, error.message)
    problem = place_problem(lat, lon)
    if problem is not None:
        return None, None, (problem[0], "out_of_range", problem[1])
    return lat, lon, None


# Words that may stand before a douar's name in a `location` cell and name no place.
_PLACE_WORDS = ("douar", "dwar", "doaur", "دوار", "الدوار", "ksar", "قصر", "village", "قرية")
_FOLDED_WORDS = tuple(sorted({fold(w) for w in _PLACE_WORDS}, key=len, reverse=True))


def place_key(location: object) -> str | None:
    """The form of a place's name that a douar list is matched by: folded, without a
    leading 'douar' (دوار, ksar...): 'Douar Tagant', 'tagant' and 'دوار تاكانت' against
    'تاكانت'. None for a blank cell."""
    if is_blank(location):
        return None
    key = fold(location)
    for word in _FOLDED_WORDS:
        if key.startswith(word + " "):
            key = key[len(word) + 1 :].strip()
            break
    return key or None
