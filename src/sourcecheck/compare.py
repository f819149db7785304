"""Step 3 of checking reported speech (issue 16): compare a reported clause with the passage it
reports on, item by item.

This is NOT entailment. What is compared, and only that:
- numbers and quantities: every figure of the report (digits, number words, fractions, percentages,
  with their magnitude: thousand/million/billion) must equal one of the passage's, within the slack
  its hedge allows ("about", "nearly": 10%), when the passage states figures at all; an explicit
  bound that flips ("more than half" / "fewer than half") differs too;
- dates: years, months, weekdays, and periods with a count ("in a single day") of the report must be
  among the passage's, when the passage states one of that sort;
- negation: a word the two share (same lemma) negated in one and not in the other, or a verb of the
  report whose antonym the passage uses (accepted / refused);
- named entities: a person, place, organisation or law of the report that the passage does not
  name, when the passage names one of the same sort that the report leaves out;
- quantifiers (all/every/most/many/some/few/no): a quantifier class of the report absent from the
  passage, which uses another one;
- modality and hedging (will/must/may/could, "plans to", "hopes"): a modal class of the report
  absent from the passage, which uses another (or states a plain fact where the report hedges);
- the actor: the subject of a verb both share (same lemma) differs, names or nouns on both sides.

Everything else (paraphrase, order, tense backshift, pronoun shift) is not compared. The comparison
runs on spaCy's parse (the pinned model the attribution stage already uses). `Comparer` is the
interface a stronger engine (an entailment model) can implement instead of `RuleComparer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["number", "date", "negation", "name", "quantifier", "modality", "actor"]
Verdict = Literal["consistent", "differs", "no_passage"]

NUMBER_SLACK = 0.10
SMALL = 10  # number words up to this are not compared  # "about 300 million" still agrees with 296,000,000


@dataclass(frozen=True)
class TextSpan:
    """Characters [start, end) of a text (the report's clause or the passage)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Difference:
    """One compared item on which the report and the passage disagree."""

    kind: Kind
    report: TextSpan  # into the reported clause
    passage: TextSpan | None  # into the passage: what it says instead, when one item stands for it


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    differences: tuple[Difference, ...] = ()


class Comparer(Protocol):
    """An engine comparing a reported clause with a passage: the differences it finds."""

    def differences(self, content: str, passage: str) -> list[Difference]: ...


def compare(content: str, passage: str | None, comparer: Comparer | None = None) -> Comparison:
    """`no_passage` without a passage; else `differs` with each difference, or `consistent`."""
    if passage is None:
        return Comparison("no_passage")
    found = (comparer or RuleComparer()).differences(content, passage)
    return Comparison("differs", tuple(found)) if found else Comparison("consistent")


# ---------------------------------------------------------------- the rule engine


class RuleComparer:
    """The item-by-item rules of this module's docstring, on spaCy's parse."""

    def differences(self, content: str, passage: str) -> list[Difference]:
        from .attribution.parsing import load_nlp

        nlp = load_nlp()
        report, source = nlp(content), nlp(passage)
        found: list[Difference] = []
        for rule in (_numbers, _dates, _negation, _names, _quantifiers, _modality, _actor):
            found += rule(report, source)
        return _without_overlaps(found)


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, doc.text[start:end])


def _token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def _without_overlaps(found: list[Difference]) -> list[Difference]:
    kept: list[Difference] = []
    for d in found:
        if not any(k.report.start < d.report.end and d.report.start < k.report.end for k in kept):
            kept.append(d)
    return kept


# ---------------------------------------------------------------- numbers

UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
MAGNITUDES = {"hundred": 100, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
              "billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12, "dozen": 12}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
             "fourth": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "eighth": 0.125, "tenth": 0.1}
UPWARD = ("more than", "over", "above", "at least", "upward of", "upwards of", "exceeding", "in excess of")
DOWNWARD = ("fewer than", "less than", "under", "below", "at most", "up to", "not more than")
HEDGES = ("about", "around", "nearly", "almost", "roughly", "some", "approximately", "close to", "near",
          "upward of", "upwards of", "more than", "over", "less than", "fewer than", "at least")
_NUMBER_WORDS = "|".join(sorted([*UNITS, *TENS, *MAGNITUDES, *FRACTIONS], key=len, reverse=True))
QUANTITY = re.compile(
    r"[$\d][\d,.$%]*(?:\s?(?:percent|per cent))?(?:\s+(?:hundred|thousand|million|billion|trillion)s?)*"
    rf"|\b(?:a|an|{_NUMBER_WORDS})\b(?:[\s-]+(?:and[\s-]+)?(?:a[\s-]+)?(?:{_NUMBER_WORDS})\b)*", re.IGNORECASE)
YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)s?$")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    bound: int  # +1 "more than", -1 "fewer than", 0 none


def quantities(text: str) -> list[Quantity]:
    """Figures in the text with their values; years are dates, not figures."""
    found: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        phrase = m.group().rstrip(" ,.-")
        value = _value(phrase)
        if value is None or YEAR.match(phrase.strip("$")):
            continue
        before = text[max(0, m.start() - 16): m.start()].casefold()
        bound = 1 if before.rstrip().endswith(UPWARD) else -1 if before.rstrip().endswith(DOWNWARD) else 0
        found.append(Quantity(m.start(), m.start() + len(phrase), value, bound))
    return found


def _value(phrase: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", phrase.casefold().replace("$", "").replace("percent", "")
                                 .replace("per cent", "").replace("%", "")) if w and w != "and"]
    if not words:
        return None
    if words in (["a"], ["an"]) or all(w in ("a", "an") for w in words):
        return None
    total, current, seen = 0.0, 0.0, False
    previous = ""
    for w in words:
        number = w.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", number):
            current += float(number)
            seen = True
        elif w in ("a", "an"):
            pass
        elif w == "one" and not seen:
            current += 1
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w in FRACTIONS:
            if previous in TENS or (UNITS.get(previous, 0) > 1 and not w.endswith("s")):
                return None  # "ninety-third", "fifth" after "twenty-": an ordinal
            if previous in ("a", "an") and seen:
                current += FRACTIONS[w]  # "three and a half"
            else:
                current = (current or 1) * FRACTIONS[w]
            seen = True
        elif w in MAGNITUDES:
            current = (current or 1) * MAGNITUDES[w]
            if MAGNITUDES[w] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
        previous = w
    return total + current if seen else None


def _numbers(report: Doc, source: Doc) -> list[Difference]:
    mine, theirs = quantities(report.text), quantities(source.text)
    if not theirs:
        return []
    found: list[Difference] = []
    for q in mine:
        if 1 <= q.value <= SMALL and q.bound == 0 and re.fullmatch(r"[a-zA-Z]+", report.text[q.start:q.end]):
            continue  # "two of them": a report counts what the passage lists
        same = [t for t in theirs if _close(q.value, t.value)]
        if not same:
            nearest = min(theirs, key=lambda t: abs(t.value - q.value))
            found.append(Difference("number", _span(report, q.start, q.end), _span(source, nearest.start, nearest.end)))
        elif all(t.bound and q.bound and t.bound != q.bound for t in same):
            found.append(Difference("quantifier", _span(report, q.start, q.end),
                                    _span(source, same[0].start, same[0].end)))
    return found


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= NUMBER_SLACK * max(abs(a), abs(b)) + 1e-9


# ---------------------------------------------------------------- dates

MONTHS = ("january february march april may june july august september october november december".split())
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
PERIODS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
           "year": "year", "years": "year", "decade": "decade", "decades": "decade", "century": "century",
           "centuries": "century", "fortnight": "fortnight", "hour": "hour", "hours": "hour"}


def _date_items(doc: Doc) -> dict[str, list[tuple[str, Token]]]:
    """Years, months, weekdays, seasons, and counted periods ("a single day", "seven years")."""
    items: dict[str, list[tuple[str, Token]]] = {"year": [], "month": [], "weekday": [], "season": [], "period": []}
    for token in doc:
        low = token.lower_
        if YEAR.match(token.text) and token.like_num:
            items["year"].append((token.text.rstrip("s"), token))
        elif low in MONTHS and (token.text[0].isupper() and (low != "may" or token.pos_ == "PROPN")):
            items["month"].append((low, token))
        elif low in WEEKDAYS:
            items["weekday"].append((low, token))
        elif low in SEASONS and token.pos_ == "NOUN":
            items["season"].append((low, token))
        elif low in PERIODS and any(c.dep_ in ("nummod", "amod", "det") and (c.like_num or c.lower_ in
                                                                               ("single", "a", "one", "each"))
                                    for c in token.children):
            items["period"].append((PERIODS[low], token))
    return items


def _dates(report: Doc, source: Doc) -> list[Difference]:
    mine, theirs = _date_items(report), _date_items(source)
    found: list[Difference] = []
    for sort, items in mine.items():
        if not theirs[sort]:
            continue
        values = {v for v, _ in theirs[sort]}
        for value, token in items:
            if value not in values:
                found.append(Difference("date", _token_span(token), _token_span(theirs[sort][0][1])))
    return found


# ---------------------------------------------------------------- negation

ANTONYMS = [("accept", "refuse"), ("accept", "decline"),
            ("accept", "reject"), ("approve", "reject"), ("approve", "veto"),
            ("agree", "refuse"), ("support", "oppose"), ("increase", "decrease"), ("rise", "fall"),
            ("succeed", "fail"), ("allow", "forbid"), ("allow", "prohibit"), ("permit", "forbid"),
            ("win", "lose"), ("include", "exclude"), ("admit", "deny"), ("confirm", "deny"),
            ("grow", "shrink"), ("gain", "lose"), ("strengthen", "weaken"), ("raise", "lower"),
            ("remember", "forget"), ("continue", "stop"), ("continue", "end"), ("open", "close"),
            ("ratify", "reject"), ("sign", "veto"), ("expand", "reduce"), ("help", "hurt"), ("rise", "decline")]
OPPOSITES: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    OPPOSITES.setdefault(_a, set()).add(_b)
    OPPOSITES.setdefault(_b, set()).add(_a)


def _negated(token: Token) -> bool:
    """The verb or adjective carries "not", "n't", "never" or "neither ... nor", or follows "without"
    or "no <noun> of" ("no intention of imposing"), or the verb it complements does, or the verb it
    is coordinated with when it has no subject of its own ("would neither impose ... nor devalue")."""
    if token.dep_ == "pcomp" and (token.head.lower_ == "without" or token.head.dep_ == "prep" and any(
            c.lower_ == "no" and c.dep_ == "det" for c in token.head.head.children)):
        return True
    if any(c.dep_ == "neg" or c.lower_ in ("never", "neither", "nor") for c in token.children):
        return True
    if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    return token.dep_ in ("xcomp", "acomp", "conj") and token.head is not token and _negated(token.head)


def _negation(report: Doc, source: Doc) -> list[Difference]:
    found: list[Difference] = []
    theirs: dict[str, list[Token]] = {}
    for token in source:
        if token.pos_ in ("VERB", "ADJ") and not token.is_stop:
            theirs.setdefault(token.lemma_.casefold(), []).append(token)
    for token in report:
        if token.pos_ not in ("VERB", "ADJ") or token.is_stop:
            continue
        lemma = token.lemma_.casefold()
        same = theirs.get(lemma, [])
        if same and all(_negated(t) != _negated(token) for t in same):
            found.append(Difference("negation", _token_span(token), _token_span(same[0])))
            continue
        for opposite in OPPOSITES.get(lemma, ()):
            if opposite in theirs and lemma not in theirs:
                other = theirs[opposite][0]
                if _negated(other) == _negated(token):
                    found.append(Difference("negation", _token_span(token), _token_span(other)))
                    break
    return found


# ---------------------------------------------------------------- names

NAME_SORTS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
              "ORG": "organisation", "LAW": "organisation", "EVENT": "organisation"}
# one country under its usual names: a report writes "the U.S." or "Washington" for "the United States"
ALIASES = {"usa": "us", "ameri": "us", "washi": "us"}


def _name_keys(text: str) -> set[str]:
    """Words of names as compared: dots and hyphens dropped ("U.N." = "UN", "Viet-Nam" = "Vietnam"),
    capitalised words only, their first five letters ("American" = "America"), a few aliases of the United States."""
    joined = re.sub(r"(?<=\w)[.\-](?=\w)|(?<=\b\w)\.", "", text)
    words = {w.casefold()[:5] for w in re.findall(r"[A-Z][A-Za-z]+", joined)} - {"the"}
    initials = {"".join(w[0] for w in run.split()).casefold()
                for run in re.findall(r"(?!The\b)[A-Z][a-z]+(?: [A-Z][a-z]+)+", joined)}
    return words | initials | {ALIASES[w] for w in words if w in ALIASES}


def _names(report: Doc, source: Doc) -> list[Difference]:
    source_words = _name_keys(source.text)
    report_words = _name_keys(report.text)
    missing_sorts = {NAME_SORTS[e.label_] for e in source.ents if e.label_ in NAME_SORTS
                     and not (_name_keys(e.text) & report_words) and e.label_ != "NORP"}
    found: list[Difference] = []
    for ent in report.ents:
        sort = NAME_SORTS.get(ent.label_)
        if sort is None or _name_keys(ent.text) & source_words or sort not in missing_sorts:
            continue
        other = next(e for e in source.ents if NAME_SORTS.get(e.label_) == sort
                     and not (_name_keys(e.text) & report_words))
        found.append(Difference("name", _span(report, ent.start_char, ent.end_char),
                                _span(source, other.start_char, other.end_char)))
    return found


# ---------------------------------------------------------------- quantifiers

# "always"/"never" are not here: they quantify over times, and "would always remember" restates
# "will never forget".
QUANTIFIERS = {"all": "all", "every": "all", "each": "all", "whole": "all", "entire": "all",
               "most": "most", "majority": "most", "many": "many", "numerous": "many", "much": "many",
               "some": "some", "several": "some", "certain": "some", "part": "some", "few": "few",
               "little": "few", "minority": "few", "no": "none", "none": "none"}


def _quantifier_items(doc: Doc) -> list[tuple[str, Token]]:
    items = []
    for token in doc:
        sort = QUANTIFIERS.get(token.lower_)
        if sort is None or (token.lower_ == "few" and token.i > 0 and doc[token.i - 1].lower_ == "a"):
            sort = "some" if token.lower_ == "few" else sort
        if sort and token.pos_ in ("DET", "ADJ", "PRON", "ADV", "NOUN") and token.dep_ not in ("advmod",) or (
                sort and token.lower_ == "most"):
            items.append((sort, token))
    return items


def _quantifiers(report: Doc, source: Doc) -> list[Difference]:
    mine, theirs = _quantifier_items(report), _quantifier_items(source)
    if not theirs:
        return []
    sorts = {s for s, _ in theirs}
    return [Difference("quantifier", _token_span(token), _token_span(theirs[0][1]))
            for sort, token in mine if sort not in sorts and sort != "none"]


# ---------------------------------------------------------------- modality

# "can"/"could" are left out: "could" is both the backshift of "can" and a hedge.
MODALS = {"will": "future", "shall": "future", "would": "future", "'ll": "future", "wo": "future",
          "promise": "future", "pledge": "future", "vow": "future", "guarantee": "future",
          "may": "possible", "might": "possible", "perhaps": "possible", "possibly": "possible",
          "probably": "possible", "likely": "possible", "consider": "possible", "hope": "wish",
          "wish": "wish", "must": "obliged", "should": "obliged", "ought": "obliged", "need": "obliged",
          "require": "obliged", "plan": "intend", "intend": "intend", "intention": "intend", "propose": "intend",
          "seek": "intend", "surely": "certain", "certainly": "certain", "definitely": "certain",
          "undoubtedly": "certain", "doubtless": "certain"}
COMPATIBLE = {("future", "intend"), ("intend", "future"), ("certain", "future"), ("future", "certain")}


def _modal_items(doc: Doc) -> list[tuple[str, Token]]:
    items = []
    for token in doc:
        sort = MODALS.get(token.lower_) if token.tag_ == "MD" else MODALS.get(token.lemma_.casefold())
        if sort and token.pos_ in ("AUX", "VERB", "ADV", "ADJ", "NOUN"):
            items.append((sort, token))
    return items


def _modality(report: Doc, source: Doc) -> list[Difference]:
    """A modal class of the report that the passage, itself modal, never uses (a hedge the
    report adds to a plain statement is not compared: reports condense with "would" and "should"; nor
    is a wish of the report, which is mostly the reporter's account of a motive)."""
    mine, theirs = _modal_items(report), _modal_items(source)
    if not theirs:
        return []
    sorts = {s for s, _ in theirs}
    return [Difference("modality", _token_span(token), _token_span(theirs[0][1])) for sort, token in mine
            if sort != "wish" and sort not in sorts and not any((sort, other) in COMPATIBLE for other in sorts)]


# ---------------------------------------------------------------- actor

SUBJECTS = ("nsubj", "nsubjpass", "agent")


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _actor(report: Doc, source: Doc) -> list[Difference]:
    verbs: dict[str, list[Token]] = {}
    for token in source:
        if token.pos_ == "VERB":
            verbs.setdefault(token.lemma_.casefold(), []).append(token)
    found: list[Difference] = []
    source_words = _name_keys(source.text)
    report_words = {t.lemma_.casefold() for t in report}
    for token in report:
        if token.pos_ != "VERB" or token.lemma_.casefold() not in verbs:
            continue
        mine = _subject(token)
        if mine is None or mine.pos_ not in ("NOUN", "PROPN") or mine.is_stop:
            continue
        theirs = [s for s in (_subject(v) for v in verbs[token.lemma_.casefold()]) if s is not None]
        theirs = [s for s in theirs if s.pos_ in ("NOUN", "PROPN") and not s.is_stop
                  and s.lemma_.casefold() not in report_words]
        if not theirs or _name_keys(mine.text) & source_words:
            continue
        if all(s.lemma_.casefold() != mine.lemma_.casefold() for s in theirs):
            found.append(Difference("actor", _subtree_span(mine), _subtree_span(theirs[0])))
    return found + _swapped_actors(report, source)


# who acts, in the messages of a government: a report that swaps one for another changes the actor
# ("the nation", "the people", "the country" are left out: reports write them for "we").
ACTORS = frozenset("""congress senate house president administration government states state army navy
court courts commander commanders pentagon military enemy forces allies secretary governor legislature
treasury department""".split())


def _actor_nouns(doc: Doc) -> dict[str, Token]:
    """Actor nouns of the text (ACTORS), each with the words modifying it ("federal government",
    "Secretary of War"), keyed by their lemmas."""
    found: dict[str, Token] = {}
    for token in doc:
        if token.lemma_.casefold() in ACTORS and token.pos_ in ("NOUN", "PROPN") and not (
                token.lemma_.casefold() in ("state", "states") and any(c.lower_ == "united" for c in token.children)):
            modifier = " ".join(c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i)
            noun = "government" if token.lemma_.casefold() == "administration" else token.lemma_.casefold()
            office = " ".join(o.lemma_.casefold() for c in token.children if c.lower_ == "of"
                              for o in c.children if o.dep_ == "pobj")  # "Secretary of War"
            found.setdefault(f"{modifier} {noun} {office}".strip(), token)
    return found


def _swapped_actors(report: Doc, source: Doc) -> list[Difference]:
    """An actor noun of the report the passage never names, while the passage names one the report
    leaves out ("the Secretary of War" for "the Secretary of the Navy", "the states" for Congress)."""
    mine, theirs = _actor_nouns(report), _actor_nouns(source)
    source_text = source.text.casefold().replace("administration", "government")
    report_text = report.text.casefold().replace("administration", "government")
    left_out = [t for key, t in theirs.items() if key.split()[-1] not in report_text]
    if not left_out:
        return []
    return [Difference("actor", _subtree_span(token), _subtree_span(left_out[0]))
            for key, token in mine.items() if key.split()[-1] not in source_text and key not in theirs]


def _subtree_span(token: Token) -> TextSpan:
    left = min(t.idx for t in token.subtree)
    right = max(t.idx + len(t.text) for t in token.subtree)
    return TextSpan(left, right, token.doc.text[left:right])
