"""Names: a person, place or organisation of the report that the passage does not name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .align import Aligned
from .lexicon import ACTORS, AGENTS, OFFICES
from .model import Difference, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_SORTS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
              "ORG": "organisation", "LAW": "organisation", "EVENT": "organisation"}
# one country under its usual names: a report writes "the U.S." or "Washington" for "the United States"
ALIASES = {"usa": "us", "ameri": "us", "washi": "us"}
# a capital written for its country's government (metonymy), by the first five letters of both
CAPITALS = {"havan": "cuba", "saigo": "vietn", "hanoi": "vietn", "baghd": "iraq", "tehra": "iran", "mosco": "sovie",
            "kremi": "sovie", "pekin": "china", "beiji": "china", "londo": "brita", "paris": "franc", "berli": "germa",
            "tokyo": "japan", "ottaw": "canad", "kabul": "afgha", "pyong": "korea", "seoul": "korea", "jerus": "israe",
            "cairo": "egypt", "mexic": "mexic", "damas": "syria", "kiev": "ukrai", "kyiv": "ukrai"}


def name_keys(text: str) -> set[str]:
    """Words of names as compared: dots and hyphens dropped ("U.N." = "UN", "Viet-Nam" = "Vietnam"),
    capitalised words only, their first five letters ("American" = "America"), a few aliases of the United States."""
    words = _word_keys(text)
    initials = _initials(text)
    aliases = {ALIASES[w] for w in words if w in ALIASES} | {CAPITALS[w] for w in words if w in CAPITALS}
    return words | initials | aliases


def _joined(text: str) -> str:
    return re.sub(r"(?<=\w)[.\-](?=\w)|(?<=\b\w)\.", "", text)


def _word_keys(text: str) -> set[str]:
    found = re.findall(r"[A-Z][A-Za-z]+", _joined(text))
    words = {w.casefold()[:5] for w in found} - {"the"}
    words |= {(w[:-3] + "a").casefold()[:5] for w in found if w.endswith("ese")}  # "Chinese" = "China"
    words |= {(w[:-3] + "y").casefold()[:5] for w in found if w.endswith("ies")}  # "the Rockies" = "Rocky"
    return words


def _initials(text: str) -> set[str]:
    return {"".join(w[0] for w in run.split()).casefold()
            for run in re.findall(r"(?!The\b)[A-Z][a-z]+(?: [A-Z][a-z]+)+", _joined(text))}


def _acronym(name: str) -> str:
    """The initials of the whole name ("CBO" for "the Congressional Budget Office")."""
    return "".join(w[0] for w in re.findall(r"[A-Z][A-Za-z]+", _joined(name)) if w != "The").casefold()


# words naming what kind of thing a name is, and titles: they do not tell one name from another of its
# kind ("the Virginia Legislature" / "the Kentucky Legislature", "Lake Managua" / "Lake Nicaragua")
KIND_WORDS = frozenset(w[:5] for w in """bank office department river lake city county legislature company
committee commission court act university college street island sea bay mount mountain fort port ocean gulf
canal board bureau agency institute association society church hall park valley district province territory
president general secretary senator governor king queen judge justice colonel captain admiral lieutenant
sir lord prince emperor chancellor minister premier""".split()) | {o[:5] for o in OFFICES}
# abbreviations that are titles or common words, not of a name ("Mr.", "St.")
NOT_NAME_ABBREVIATIONS = frozenset("""mr mrs ms dr st jr sr gen col capt lt gov sen rep hon rev no vol co inc ltd
mt ft vs""".split())


def _telling(name: str) -> set[str]:
    """The keys telling a name from others of its kind: its words without kind words and titles."""
    words = _word_keys(name)
    return words - KIND_WORDS or words


def _abbreviations(text: str) -> set[str]:
    """Words the text abbreviates with a dot ("Kansas City, Mo.")."""
    return {a.casefold() for a in re.findall(r"\b([A-Z][a-z]{1,3})\.", text)} - NOT_NAME_ABBREVIATIONS


def _abbreviates(short: str, word: str) -> bool:
    """"mo" for "missouri", "md" for "maryland": the same first letter, the rest in order."""
    if not word.startswith(short[0]) or len(word) <= len(short):
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def _named(name: str, keys: set[str], abbreviations: set[str], names: list[str], text: str) -> bool:
    """The other `text` (its name `keys`, the words it abbreviates, its `names`) names `name`: by a word
    telling it from others of its kind, written out or abbreviated ("Mo." for "Missouri"; not by
    "Bank" alone: "the Bank of North America" is not "the Bank of the United States"), unless that
    word's compass point differs ("North Dakota" / "South Dakota"); or by its initials ("CBO") or
    alias ("America" for "the U.S."); or the name holds one of the other text's names whole ("the
    United States of America" / "the United States")."""
    telling = _telling(name)
    if not telling:
        return True
    full = {w.casefold() for w in re.findall(r"[A-Z][A-Za-z]+", _joined(name))}
    found = {k for k in telling - COMPASS_KEYS or telling if k in keys or any(
        _abbreviates(a, w) for a in abbreviations for w in full if w[:5] == k)}
    if found and not _other_point(name, text):
        return True
    alias = {ALIASES.get(k) for k in telling} | {CAPITALS.get(k) for k in telling} if len(telling) == 1 else set()
    # its initials only where the other text writes them as one word ("CBO"): two names sharing initials
    # ("Colonel Goethals" / "Colonel Gorgas") are two names
    if alias & keys or len(_acronym(name)) > 1 and _acronym(name)[:5] in _word_keys(text):
        return True
    return any(other and other <= telling for other in map(_telling, names))


COMPASS = re.compile(r"\b(North|South|East|West|Northern|Southern|Eastern|Western)\s+([A-Z][a-z]+)")
COMPASS_KEYS = frozenset(w[:5] for w in "north south east west northern southern eastern western".split())


def _other_point(name: str, text: str) -> bool:
    """The other text puts only another compass point before the name's place ("South Dakota" for
    "North Dakota")."""
    mine = {place: point[:4] for point, place in COMPASS.findall(name)}
    theirs = [(place, point[:4]) for point, place in COMPASS.findall(text) if place in mine]
    return bool(theirs) and all(point != mine[place] for place, point in theirs)


# what a passage says for its own country's government, which a report names by its capital
# ("Washington had no wish to ..." for "their Government neither wants to ...")
GOVERNMENT_WORDS = frozenset({"government", "administration", "federal", "nation", "national", "country",
                              "congress", "executive", "we", "our", "us"})


def names(report: Doc, source: Doc, speaker: str | None = None) -> list[Difference]:
    """A name of the report the passage does not hold, when the passage names one of the same sort
    that the report leaves out (a place of the report may stand for an organisation of the passage:
    the small model tags "the Dominion of Virginia" as one). The speaker named in the report is the
    passage's "I"; a capital stands for the government the passage speaks of."""
    source_words = name_keys(source.text)
    speaker_words = _word_keys(speaker.split()[-1]) if speaker and speaker.split() else set()
    governed = bool(GOVERNMENT_WORDS & {w.casefold() for w in re.findall(r"[A-Za-z]+", source.text)})
    report_words = name_keys(report.text)
    lowered = {w.casefold() for w in re.findall(r"[A-Za-z]+", report.text)}
    report_names = [e.text for e in report.ents if e.label_ in NAME_SORTS]
    source_names = [e.text for e in source.ents if e.label_ in NAME_SORTS]
    left_out = [e for e in source.ents if e.label_ in NAME_SORTS and not _word_part(source.text, e.end_char)
                and not _named(e.text, report_words, _abbreviations(report.text), report_names, report.text)
                and not (len(e) == 1 and e.text.casefold() in lowered)]  # "States" as "the states"
    abbreviated = _abbreviations(source.text)
    found: list[Difference] = []
    for ent in report.ents:
        sort = NAME_SORTS.get(ent.label_)
        if sort is None or _word_part(report.text, ent.end_char):
            continue  # "State-owned": a word, not a name
        if _named(ent.text, source_words, abbreviated, source_names, source.text) or (
                _telling(ent.text) & speaker_words or governed and _stands_for_government(ent.text)):
            continue
        other = next((e for e in left_out if _sorts_agree(_sort(ent), _sort(e))), None)
        if other is not None:  # a place for an organisation may be the same thing, more precisely named
            found.append(Difference("name", TextSpan(ent.start_char, ent.end_char, ent.text),
                                    TextSpan(other.start_char, other.end_char, other.text),
                                    meaning_changing=NAME_SORTS[_sort(ent)] == NAME_SORTS[_sort(other)]))
            continue
        other = next((e for e in left_out if _same_slot(ent, e)), None)
        if other is not None:  # the small model's sorts disagree, the sentences put both in one place
            found.append(Difference("name", TextSpan(ent.start_char, ent.end_char, ent.text),
                                    TextSpan(other.start_char, other.end_char, other.text)))
    return found


def _word_part(text: str, end: int) -> bool:
    """A name joined by one hyphen to the next word ("State-owned") is part of a word; a dash written
    as two hyphens ("with France--has been") only ends the name."""
    return text[end:end + 1] == "-" and text[end + 1:end + 2] != "-"


# a title before a name makes it a person's ("General Dearborn", "Colonel Goethals"), whatever sort the
# small model gives it (it often takes a military title for an organisation)
PERSON_TITLES = frozenset("""general colonel captain admiral lieutenant major sergeant commodore commander
senator governor president secretary ambassador minister judge justice mr mrs ms dr sir lord lady""".split())


def _sort(ent: Span) -> str:
    """The name's sort: a person's after a capitalised title, inside the name or just before it."""
    words = ent.text.split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in PERSON_TITLES and words[1][:1].isupper():
        return "PERSON"
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.text[:1].isupper() and before.lower_.rstrip(".") in PERSON_TITLES:
        return "PERSON"
    return ent.label_


def _same_slot(mine: Span, theirs: Span) -> bool:
    """Two names in one place of sentences saying the same: the object of one preposition under
    predicates of one concept ("agreed at Reykjavik" / "agreed to at Geneva"), or modifying nouns of
    one concept ("the Navy Department" / "the War Department")."""
    from .align import concept, same

    a, b = mine.root, theirs.root
    if a.dep_ == "pobj" and b.dep_ == "pobj" and _standard(a) and _standard(b):
        return a.head.lower_ == b.head.lower_  # "as well provided as Guthrie" / "as Tulsa", wherever it hangs
    if a.dep_ == "pobj" and b.dep_ == "pobj":
        return a.head.lower_ == b.head.lower_ and same(concept(a.head.head).key, concept(b.head.head).key)
    if a.dep_ in ("compound", "poss") and b.dep_ == a.dep_:
        return same(concept(a.head).key, concept(b.head).key)
    return False


def _standard(name: Token) -> bool:
    """The name is what its sentence compares with: the object of the second "as" of "as ... as" or of
    "than" after a comparative, one place of the sentence however the parse attaches it."""
    preposition = name.head
    if preposition.lower_ == "than":
        return any(t.tag_ in ("JJR", "RBR") and t.i < preposition.i for t in name.doc)
    return preposition.lower_ == "as" and any(
        t.lower_ == "as" and t.dep_ == "advmod" and t.i < preposition.i for t in name.doc)


def _stands_for_government(name: str) -> bool:
    """A capital ("Washington", "Moscow", "the Kremlin"): metonymy for a government, not a country
    ("Mexico" is a place the passage must name)."""
    words = {w.casefold()[:5] for w in re.findall(r"[A-Z][A-Za-z]+", name)}
    return bool(words) and words <= {k for k, v in CAPITALS.items() if k != v} | {"washi"}


def _sorts_agree(mine: str, theirs: str) -> bool:
    return NAME_SORTS[mine] == NAME_SORTS[theirs] or (mine in ("GPE", "LOC") and theirs == "ORG")


def possessors(report: Aligned, source: Aligned) -> list[Difference]:
    """Two names owning one thing: the report's possessor of a noun ("Grant's forces") that the
    passage does not name, where the passage's aligned noun has a possessor the report does not name
    ("Meade's army"), whatever sorts the small model gives the two names."""
    source_words, report_words = name_keys(source.doc.text), name_keys(report.doc.text)
    found: list[Difference] = []
    for noun in report.words:
        mine = _possessor(noun)
        if mine is None or name_keys(mine.text) & source_words:
            continue
        for other in source.counterparts(noun, report, nominal=True):
            theirs = _possessor(other)
            if theirs is not None and not name_keys(theirs.text) & report_words:
                found.append(Difference("name", TextSpan(mine.idx, mine.idx + len(mine.text), mine.text),
                                        TextSpan(theirs.idx, theirs.idx + len(theirs.text), theirs.text)))
                break
    return found


def _possessor(noun: Token) -> Token | None:
    """The name owning the noun: a proper noun tagged as a name, not a title or common noun written
    with a capital ("the President's plan", "the Nation's allies")."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None or owner.ent_type_ not in NAME_SORTS and owner.ent_type_ not in ("NORP",):
        return None
    return None if owner.lower_ in ACTORS | AGENTS else owner
