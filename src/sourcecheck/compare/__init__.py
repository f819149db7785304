"""Step 3 of checking reported speech (issue 16): compare a reported clause with the passage it
reports on, item by item.

This is NOT entailment (no inference model runs; a report may say something the passage never
says and still be `consistent`). What is compared, and only that:

- numbers and quantities (numbers.py): every figure of the report (digits, number words, fractions,
  percentages, with their magnitude) must equal one of the passage's: exactly, or within 10% when
  either side hedges it ("about", "nearly", "more than"), or as the passage's large figure rounded
  ("300 million" for 296,000,000); a figure counting a thing ("five states") is compared with the
  passage's figures counting the same thing ("Seven States"); an explicit bound that flips ("more
  than half" / "fewer than half") differs too;
- dates: years, months, weekdays, seasons and counted periods ("in a single day") of the report
  must be among the passage's, when the passage states one of that sort;
- negation, per aligned word (align.py): a word of the report and the passage word it paraphrases
  (same lemma, stem or paraphrase class) stand under opposite polarity: "not", "never", "no",
  "without", "no longer", a subject with "no", negating verbs ("refused to", "failed to", "denied"),
  antonyms ("accepted" / "refused", "rose" / "fell"), double negation cancelling out;
- modality and hedging, per aligned predicate: will/shall vs may/might, must/should, "plans to",
  "hopes", "is likely to", "perhaps"; the backshift of reported speech (will -> would, can -> could)
  is not a change;
- quantifiers, per aligned noun: all/every/most/many/some/few/no/"a handful of"/"a large share of";
- the actor, per aligned verb: the agent (the subject, or "by X" of a passive) differs, or is the
  passage's patient (roles swapped); an office or body of government swapped for another;
- names: a person, place, organisation or law of the report that the passage does not name, when
  the passage names one of the same sort that the report leaves out;
- the cue, when given: a cue of commitment ("pledged", "assured") over a passage that only hopes or
  allows, or a cue of hope over a passage that commits (the difference has `in_cue`).

Words are aligned only when their clauses share another concept as well. Everything else
(paraphrase, order, tense, pronoun shift, what the report adds) is not compared. The comparison runs
on spaCy's parse (the pinned model the attribution stage already uses). `Comparer` is the interface a
stronger engine (an entailment model) can implement instead of `RuleComparer`.
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
            cue: str | None = None) -> Comparison:
    """`no_passage` without a passage; else `differs` with each difference, or `consistent`. With the
    attribution's cue ("pledged that"), an engine that compares cues (`cue_differences`) adds its own."""
    if passage is None:
        return Comparison("no_passage")
    engine = comparer or RuleComparer()
    found = engine.differences(content, passage)
    cue_differences = getattr(engine, "cue_differences", None)
    if cue and cue_differences is not None:
        found += cue_differences(cue, passage)
    return Comparison("differs", tuple(found)) if found else Comparison("consistent")


class RuleComparer:
    """The item-by-item rules of this package's docstring, on spaCy's parse."""

    def differences(self, content: str, passage: str) -> list[Difference]:
        from ..attribution.parsing import load_nlp
        from .align import Aligned
        from .items import actor, modality, names, negation, quantifier
        from .numbers import dates, numbers

        nlp = load_nlp()
        report, source = Aligned(nlp(content)), Aligned(nlp(passage))
        found = numbers(report.doc, source.doc) + dates(report.doc, source.doc)
        for rule in (negation, quantifier, modality, actor):
            found += rule(report, source)
        found += names(report.doc, source.doc)
        return _without_overlaps(found)

    def cue_differences(self, cue: str, passage: str) -> list[Difference]:
        """The cue's commitment against the passage's (spans into the cue)."""
        from dataclasses import replace

        from ..attribution.parsing import load_nlp
        from .align import Aligned
        from .items import cue_modality

        nlp = load_nlp()
        return [replace(d, in_cue=True) for d in cue_modality(nlp(cue), Aligned(nlp(passage)))]


def _without_overlaps(found: list[Difference]) -> list[Difference]:
    kept: list[Difference] = []
    for d in found:
        if not any(k.report.start < d.report.end and d.report.start < k.report.end for k in kept):
            kept.append(d)
    return kept
