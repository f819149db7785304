"""The words of temporal expressions: months, weekdays, numbers, units, modifiers."""

from __future__ import annotations

import re

from .calendar import Unit

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "dozen": 12, "a dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5, "single": 1, "couple": 2,
    "a couple of": 2, "a couple": 2,
}
VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "the few", "dozens of", "hundreds of", "a number of"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
    "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12, "12th": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "21st": 21,
}
UNITS: dict[str, Unit] = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "night": "day", "week": "week",
    "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year", "decade": "decade",
    "century": "century", "centuries": "century", "half": "half", "yr": "year", "hr": "hour", "min": "minute",
}
MODIFIERS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "nearly": "APPROX",
    "almost": "APPROX", "some": "APPROX", "close to": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "upwards of": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than":
    "EQUAL_OR_LESS", "early": "START", "the beginning of": "START", "the start of": "START", "late": "END",
    "the end of": "END", "mid": "MID", "the middle of": "MID", "mid-": "MID", "the turn of": "",
}


def alternation(words: object) -> str:
    """A regex alternation of `words`, longest first, spaces matching any run of spaces."""
    items = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def number_value(phrase: str) -> float | None:
    """1 for "a", 3 for "three" or "3", 25 for "twenty-five", None for "several"."""
    words = re.sub(r"\s+", " ", phrase.strip().lower())
    if words in VAGUE_NUMBERS:
        return None
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    for half in (" 1/2", " and a half"):
        if words.endswith(half):
            whole = number_value(words[: -len(half)])
            return None if whole is None else whole + 0.5
    digits = words.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]|\band\b", words):
        if not part:
            continue
        if part not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[part]
        total = total * value if value == 100 and total else total + value
    return total or None


def unit_of(word: str) -> Unit:
    key = word.lower().rstrip(".")
    if key.endswith("ies"):
        key = key[:-3] + "y"
    if key not in UNITS and key.endswith("s"):
        key = key[:-1]
    return UNITS[key]
