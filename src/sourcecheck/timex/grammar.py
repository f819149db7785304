"""Regular-expression pieces for the shapes of English temporal expressions."""

from __future__ import annotations

from .lexicon import MONTHS, NUMBER_WORDS, ORDINALS, VAGUE_NUMBERS, alternation

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_SHORT_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
# Month and weekday names must be capitalised: "march", "may" and "sat" are words too.
MONTH = (
    "(?-i:(?:" + "|".join(m.capitalize() for m in _FULL_MONTHS) + ")|(?:"
    + "|".join(m.capitalize() for m in _SHORT_MONTHS) + r")\b\.?"
    + "|(?:" + "|".join(m.upper() for m in _FULL_MONTHS) + "))"
)
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY = "(?-i:" + "|".join(_WEEKDAY_NAMES + [w.upper() for w in _WEEKDAY_NAMES]) + ")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
# "mid-1996" and "post-1959" are years; the second of "1990-1991" is a range's end and stays apart
YEAR = r"(?<![\d$£€#.,/])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d)"
_NUMBER_WORDS = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]
NUMWORD = "(?:" + alternation(_NUMBER_WORDS) + ")"
NUMBER = (
    r"(?:\d+(?:[.,]\d+)?(?:\s+and\s+a\s+half|\s+1/2)?|" + NUMWORD + r"(?:[-\s]" + NUMWORD + r")?(?:\s+and\s+a\s+half)?"
    + "|" + alternation([w for w in NUMBER_WORDS if " " in w] + sorted(VAGUE_NUMBERS)) + r"|an?(?:\s+and\s+a\s+half)?)"
)
ORDINAL = "(?:" + alternation(ORDINALS) + ")"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|century|centuries|yrs?)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# "over" and "only" stay out: before "the past two years" or "three years" they are mostly a
# preposition or a focus word, which TimeML leaves outside the extent.
DURATION_MODIFIER = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|close\s+to|more\s+than|upwards\s+of|less\s+than"
    r"|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|well\s+over|just\s+over|just\s+under)"
)
TIMEZONE = r"(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|local\s+time)"
