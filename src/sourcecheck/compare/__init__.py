"""Step 3 of checking reported speech (issue 16): compare a reported clause with the passage it
reports on, item by item.

This is NOT entailment (no inference model runs offline): a report may add what the passage never
says and still be `consistent`; `consistent` means only that none of the items below differs. What
is compared, and only that:

- numbers and quantities (numbers.py): every figure of the report (digits, number words, fractions,
  percentages, multiples such as "doubled", with their magnitude, abbreviated or not: "$8.5M") must
  equal one of the passage's (a figure of three significant digits or more anywhere in it, an ordinal
  in figures its ordinal in words: "126th" = "one hundred and twenty-sixth"):
  exactly, or within 10% when either side hedges it ("about", "nearly", "more than"), or as the
  passage's large figure rounded ("300 million" for 296,000,000); "eleven millions and a half",
  "$1/2 billion", a share ("one family in four" = "one out of four families"), a range's unit for both
  ends ("from 20 to 91 percent"), "short of" a figure under it; a count given by its order only
  ("hundreds of men" / "dozens of men"); a figure counting a thing ("five states", "a family of five")
  is compared with the passage's figures counting the same thing ("Seven States"); a bound that flips
  ("more than half" / "fewer than half") differs too, shown with its words;
- dates (numbers.py): years, months, weekdays, seasons, and periods by their length ("in a single
  day", "twelve months" = a year; not a rate: "$3,000,000 a year") must be among the passage's, when
  it states one of that sort; a day of a month however written ("December 10" = "the tenth of
  December"), when the passage states a day of that month;
- negation (negation.py, align.py), per aligned word: a word of the report and the passage word it
  paraphrases stand under opposite polarity: "not", "never", "no", "none", "without", "no longer",
  "rather than", a subject or object with "no" or "neither ... nor", negating verbs ("refused to",
  "failed to", "halted", "is unlikely that") and the nouns made from them ("rejection", "exception"),
  antonyms ("accepted" / "refused", "rose" / "fell"); double negation cancels; inside a subject or the
  "by" phrase of who acts only what "rather than" / "instead of" / "without" sets aside ("the national
  government, rather than the states, is responsible");
- modality and hedging (modality.py), per aligned clause: will/shall vs may/might/could, must/should,
  "plans to", "hopes", "is likely to", "perhaps", a wish over a "that" clause; the backshift of
  reported speech (will -> would, can -> could) is no change, nor a dropped "can" or a "should" on
  one side only; an elided modal is the last word ("We can strike at war taxation, and we must");
  a "that" clause sharing too little is aligned through the clauses governing it ("prices suggested
  [...]" / "the price indicates [...]"); with the attribution's cue given, a cue of commitment
  ("pledged", "assured") over a passage that only hopes or allows, or a cue of hope over one that
  commits (`in_cue`);
- quantifiers (quantifiers.py), per aligned noun (a noun, not a verb of its stem; "the country" for
  the passage's named country, "the Americans" for "our citizens") or, for a pronoun ("most of
  them"), per aligned clause: all/every/most/many/some/few/none, "a handful of", "a large share
  of", "not many"; how often ("rarely", "never more than 10") and how many agreed ("unanimously" /
  "by a narrow majority"), per aligned clause or predicate; what a verb of enabling allows is a
  possibility ("allowing the cartel to emerge" = "the cartel could emerge");
- the actor (actors.py), per aligned verb: its agent (the subject, "by X" of a passive, the object of
  "asked X to", the subject over "moved to intensify") differs from the passage's, both being names
  or those who can act (Congress, the states, officers; not "unemployment"), or is the passage's
  patient (roles swapped); a pronoun of the passage resolved: "I" / "we" is the speaker (given as
  `speaker=`, optional), "he" / "she" / "they" the nearest earlier actor of its number, else a third
  person, who is not the report's speaker nor the unnamed country or government ("the administration
  would halt" for "He agrees to discontinue"; a named country may be his); two passives with other
  subjects; an office or body of government swapped for another; who pays ("paid for by X" / "at the
  expense of Y"); the one a binding verb binds takes the commitment ("committing the United States to
  support" / "the United States committed");
- names (names.py): a person, place or organisation of the report that the passage does not name,
  when the passage names one of the same sort that the report leaves out, or one in the same place of
  its sentence whatever the sorts ("agreed at Reykjavik" / "agreed to at Geneva"; what a comparison
  compares with: "as well provided as Guthrie" / "as Tulsa"). A name is named by
  a word telling it from others of its kind, not by its kind word or an office word alone ("the
  Virginia Legislature" / "the Kentucky Legislature", "in which House" / "the House of
  Representatives"), written out or abbreviated ("Mo." for Missouri), unless with another compass
  point ("North" / "South Dakota"); or by its initials, or holding the other's name whole ("the
  United States of America"); two possessors of one thing ("Grant's forces" / "Meade's army") whatever
  sorts the small model gives them. A capitalised title in or just before a name makes it a person's
  ("Colonel Goethals", which the small model may take for an organisation); initials name only an
  acronym written as a word ("Colonel Gorgas" does not name "Colonel Goethals"); a dash written as
  two hyphens ends a name ("with France--has been").

Aligned (align.py): a report word and a passage word of the same lemma, stem or paraphrase class
whose predicates share another concept (or the only two of their concept, when they state); of
equals, one in the same part of its sentence (what it states, or an adjunct: "because ...", "on
account of ..."), then the same word; the same word always where only a stem joins them ("postal" /
"post-offices"); not a word of a long name for a common noun ("the State of Virginia" / "those
states"). Each
`Difference` keeps both spans and `meaning_changing`: False where the report may only be more precise
(a place for the passage's organisation) or name one more actor than the passage. Everything else
(wording, order, tense, pronoun shift, what the report adds or leaves out) is not compared. The rules
run on spaCy's parse (the pinned model the attribution stage already uses). `Comparer` is the
interface a stronger engine (an entailment model) can implement instead of `RuleComparer`.
"""

from __future__ import annotations

from typing import Protocol

from .model import Comparison, Difference, Kind, TextSpan, Verdict
from .numbers import quantities

__all__ = ["Comparer", "Comparison", "Difference", "Kind", "RuleComparer", "TextSpan", "Verdict", "compare",
           "quantities"]


class Comparer(Protocol):
    """An engine comparing a reported clause with a passage: the differences it finds."""

    def differences(self, content: str, passage: str) -> list[Difference]: ...


def compare(content: str, passage: str | None, comparer: Comparer | None = None, *,
            cue: str | None = None, speaker: str | None = None) -> Comparison:
    """`no_passage` without a passage; else `differs` with each difference, or `consistent`. With the
    attribution's cue ("pledged that"), an engine that compares cues (`cue_differences`) adds its own.
    With the speaker of the passage ("Lyndon B. Johnson"), an engine that reads it (`differences_for`)
    takes the passage's "I" and "we" for the speaker and their side."""
    if passage is None:
        return Comparison("no_passage")
    engine = comparer or RuleComparer()
    differences_for = getattr(engine, "differences_for", None)
    found = (differences_for(content, passage, speaker) if speaker and differences_for is not None
             else engine.differences(content, passage))
    cue_differences = getattr(engine, "cue_differences", None)
    if cue and cue_differences is not None:
        found += cue_differences(cue, passage)
    return Comparison("differs", tuple(found)) if found else Comparison("consistent")


class RuleComparer:
    """The item-by-item rules of this package's docstring, on spaCy's parse."""

    def differences(self, content: str, passage: str) -> list[Difference]:
        return self.differences_for(content, passage, None)

    def differences_for(self, content: str, passage: str, speaker: str | None) -> list[Difference]:
        """The differences, the passage spoken by `speaker` (its "I"), when known."""
        from ..attribution.parsing import load_nlp
        from .actors import actor
        from .align import Aligned
        from .modality import modality
        from .names import names, possessors
        from .negation import negation
        from .numbers import dates, numbers
        from .quantifiers import quantifier

        nlp = load_nlp()
        report, source = Aligned(nlp(content)), Aligned(nlp(passage))
        found = numbers(report.doc, source.doc) + dates(report.doc, source.doc)
        stated = any(t.pos_ in ("VERB", "AUX") for t in report.doc)
        # a content that states nothing ("talking about [his own country and its arms industry]",
        # "offered [the other half of the lesson]") has no polarity or modality to compare
        for rule in (negation, quantifier, modality) if stated else (quantifier,):
            found += rule(report, source)
        found += actor(report, source, speaker)
        found += names(report.doc, source.doc, speaker) + possessors(report, source)
        return _without_overlaps(found)

    def cue_differences(self, cue: str, passage: str) -> list[Difference]:
        """The cue's commitment against the passage's (spans into the cue)."""
        from dataclasses import replace

        from ..attribution.parsing import load_nlp
        from .align import Aligned
        from .modality import cue_modality

        nlp = load_nlp()
        return [replace(d, in_cue=True) for d in cue_modality(nlp(cue), Aligned(nlp(passage)))]


def _without_overlaps(found: list[Difference]) -> list[Difference]:
    kept: list[Difference] = []
    for d in found:
        if not any(k.report.start < d.report.end and d.report.start < k.report.end for k in kept):
            kept.append(d)
    return kept
