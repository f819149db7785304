"""Names: a person, place or organisation of the report that the passage does not name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .align import Aligned
from .lexicon import ACTORS, AGENTS, OFFICES
from .model import Difference, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    joined = re.sub(r"(?<=\w)[.\-](?=\w)|(?<=\b\w)\.", "", text)
    found = re.findall(r"[A-Z][A-Za-z]+", joined)
    words = {w.casefold()[:5] for w in found} - {"the"}
    words |= {(w[:-3] + "a").casefold()[:5] for w in found if w.endswith("ese")}  # "Chinese" = "China"
    words |= {(w[:-3] + "y").casefold()[:5] for w in found if w.endswith("ies")}  # "the Rockies" = "Rocky"
    initials = {"".join(w[0] for w in run.split()).casefold()
                for run in re.findall(r"(?!The\b)[A-Z][a-z]+(?: [A-Z][a-z]+)+", joined)}
    aliases = {ALIASES[w] for w in words if w in ALIASES} | {CAPITALS[w] for w in words if w in CAPITALS}
    return words | initials | aliases


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
    speaker_words = name_keys(speaker.split()[-1]) if speaker and speaker.split() else set()
    governed = bool(GOVERNMENT_WORDS & {w.casefold() for w in re.findall(r"[A-Za-z]+", source.text)})
    report_words = name_keys(report.text)
    lowered = {w.casefold() for w in re.findall(r"[A-Za-z]+", report.text)}
    left_out = [e for e in source.ents if e.label_ in NAME_SORTS and not (name_keys(e.text) & report_words)
                and source.text[e.end_char:e.end_char + 1] != "-"
                and not (len(e) == 1 and e.text.casefold() in lowered)]  # "States" as "the states"
    found: list[Difference] = []
    for ent in report.ents:
        sort = NAME_SORTS.get(ent.label_)
        if sort is None or report.text[ent.end_char:ent.end_char + 1] == "-":
            continue  # "State-owned": a word, not a name
        keys = _distinctive(ent.text)
        if keys & source_words or keys & speaker_words or governed and _stands_for_government(ent.text):
            continue
        other = next((e for e in left_out if _sorts_agree(ent.label_, e.label_)), None)
        if other is not None:  # a place for an organisation may be the same thing, more precisely named
            found.append(Difference("name", TextSpan(ent.start_char, ent.end_char, ent.text),
                                    TextSpan(other.start_char, other.end_char, other.text),
                                    meaning_changing=NAME_SORTS[ent.label_] == NAME_SORTS[other.label_]))
    return found


def _stands_for_government(name: str) -> bool:
    """A capital ("Washington", "Moscow", "the Kremlin"): metonymy for a government, not a country
    ("Mexico" is a place the passage must name)."""
    words = {w.casefold()[:5] for w in re.findall(r"[A-Z][A-Za-z]+", name)}
    return bool(words) and words <= {k for k, v in CAPITALS.items() if k != v} | {"washi"}


def _distinctive(name: str) -> set[str]:
    """The keys of a name without its office word, when it has more ("House of Representatives" is
    not held by a passage's "in which House"), else all of them."""
    keys = name_keys(name)
    return keys - {office[:5] for office in OFFICES} or keys


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
