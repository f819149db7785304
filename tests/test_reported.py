"""Reported speech: every attribution, with quotation marks or without, as source, cue and content.

The passages are sentences from the Wikinews articles (CC BY 2.5) and the presidential debate
transcript in tests/gold/wild, as they stand there.
"""

from __future__ import annotations

import pytest

from sourcecheck.ingest import ingest_bytes
from sourcecheck.reported import ReportedAttribution, find_reported


def reported(text: str, nlp) -> tuple[str, list[ReportedAttribution]]:
    doc = ingest_bytes(text.encode("utf-8"), name="a.txt")
    return doc.text, find_reported(doc, nlp)


def by_cue(text: str, nlp, cue: str) -> tuple[str, ReportedAttribution]:
    """The one attribution whose cue reads `cue`."""
    canonical, found = reported(text, nlp)
    (attribution,) = [r for r in found if r.cue and canonical[r.cue.start : r.cue.end] == cue]
    return canonical, attribution


def read(text: str, r: ReportedAttribution) -> tuple[str | None, str | None, str]:
    """(source name, cue, content) as the article words them."""
    cue = text[r.cue.start : r.cue.end] if r.cue else None
    return r.source.name if r.source else None, cue, text[r.content.start : r.content.end]


def test_said_that_reports_the_clause_after_that(nlp):
    # news-wikinews-trump-state-of-emergency-2019
    text = ('Trump said on Friday "I can do it [call a national emergency] if I want. I may do it." '
            "Trump also said that he would prefer to agree a solution with the opposition.")
    canonical, found = reported(text, nlp)
    indirect = [r for r in found if r.kind == "indirect"]
    assert [read(canonical, r) for r in indirect] == [
        ("Trump", "said", "he would prefer to agree a solution with the opposition"),
        ("Trump", "prefer", "to agree a solution with the opposition"),  # nested: "he" prefers
    ]
    assert indirect[0].quotes == ()
    source = indirect[0].source
    assert source is not None and canonical[source.span.start : source.span.end] == "Trump"


def test_told_reports_the_clause_after_the_listener(nlp):
    # news-wikinews-gdansk-mayor-stabbed-2019
    text = ("Prosecutor Krzysztof Sierak told reporters today psychiatric assessments will be carried out to "
            "confirm if Stefan W is fit for trial.")
    canonical, r = by_cue(text, nlp, "told")
    assert read(canonical, r) == ("Krzysztof Sierak", "told", "psychiatric assessments will be carried out to confirm if Stefan W is fit for trial")


def test_according_to_before_and_after_the_clause(nlp):
    # news-wikinews-london-bridge-bystanders-2019
    text = ("According to police, they received the first call about the attack at Fishmongers' Hall around "
            "2:00 p.m. local time. Khan reportedly started attacking people there, and one of them died inside "
            "of the hall, according to The Times.")
    canonical, found = reported(text, nlp)
    assert [read(canonical, r) for r in found] == [
        ("police", "According to",
         "they received the first call about the attack at Fishmongers' Hall around 2:00 p.m. local time"),
        ("The Times", "according to", "one of them died inside of the hall"),
    ]


def test_a_verb_with_its_object_reports_the_object(nlp):
    # news-wikinews-trump-state-of-emergency-2019
    text = ("Senate Minority Whip Dick Durbin and incoming chair of the House Intelligence Committee "
            "Represenative Adam Schiff both yesterday questioned the President's power to do as he proposed.")
    canonical, r = by_cue(text, nlp, "questioned")
    assert read(canonical, r) == ("Dick Durbin", "questioned", "the President's power to do as he proposed")
    assert r.kind == "indirect"


def test_a_trailing_cue_reports_the_clause_before_it(nlp):
    # transcript-debate-reagan-mondale-1984-10-21, Mondale speaking
    text = ("**MR. MONDALE:** No. And I have not made it an issue, nor should it be.\n\n"
            "A minute ago the President quoted Cicero, I believe. I want to quote somebody a little closer "
            "to home, Harry Truman.")
    canonical, r = by_cue(text, nlp, "believe")
    assert read(canonical, r)[1:] == ("believe", "A minute ago the President quoted Cicero")
    assert r.source is not None and canonical[r.source.span.start : r.source.span.end] == "I"
    assert "MONDALE" in r.source.name.upper()  # the speaker of the transcript's turn


def test_a_document_is_a_source(nlp):
    # news-wikinews-trump-syria-withdrawal-2019
    text = ("Late on Sunday, the United States President Donald Trump, in a statement delivered via the press "
            "secretary, announced US troops would be leaving Syria. The statement also said US troops had "
            "defeated ISIS and Turkey would be moving into Northern Syria.")
    canonical, r = by_cue(text, nlp, "said")
    assert read(canonical, r)[1:] == ("said", "US troops had defeated ISIS and Turkey would be moving into Northern Syria")
    assert r.source is not None and r.source.text == "The statement" and r.source.type == "document"


def test_mixed_a_quote_inside_reported_speech(nlp):
    # news-wikinews-anti-brexit-march-2019
    text = ('Nicola Sturgeon said it was "the moment of maximum opportunity" for stopping a no-deal Brexit.')
    canonical, r = by_cue(text, nlp, "said")
    assert read(canonical, r) == ("Nicola Sturgeon", "said",
                                  'it was "the moment of maximum opportunity" for stopping a no-deal Brexit')
    assert r.kind == "mixed"
    assert [q.text for q in r.quotes] == ["the moment of maximum opportunity"]
    _, found = reported(text, nlp)
    assert len(found) == 1  # the quote is held by the attribution, not reported again on its own


def test_a_direct_quote_keeps_its_speaker_and_cue(nlp):
    # news-wikinews-trump-state-of-emergency-2019
    text = 'Trump also said that he would prefer to agree a solution with the opposition. He also said, "I never threaten anybody."'
    canonical, found = reported(text, nlp)
    direct = [r for r in found if r.kind == "direct"]
    assert [read(canonical, r) for r in direct] == [("Trump", "said", "I never threaten anybody")]
    assert [q.text for q in direct[0].quotes] == ["I never threaten anybody."]


def test_nested_attributions_are_each_reported(nlp):
    # news-wikinews-campaign-trail-october-2020
    text = "Concerning national sovereignty, Pierce said he favored treaties over war and endorsed an audit of the Federal Reserve."
    canonical, found = reported(text, nlp)
    assert [read(canonical, r) for r in found] == [
        ("Pierce", "said", "he favored treaties over war and endorsed an audit of the Federal Reserve"),
        ("Pierce", "favored", "treaties over war"),
        ("Pierce", "endorsed", "an audit of the Federal Reserve"),
    ]
    outer, *inner = found
    assert all(outer.content.contains(r.content) for r in inner)


def test_a_proclamation_or_an_order_is_a_source(nlp):
    # tests/gold/reported/dev r1-005 and r1-019: proclamations and orders report as their authors do
    text = ("The proclamation declared that, with Britain, Austria, Prussia and their partners fighting Spain, "
            "America owed it to itself to treat every combatant with sincere friendliness and impartiality.")
    canonical, r = by_cue(text, nlp, "declared")
    assert read(canonical, r) == ("The proclamation", "declared", "with Britain, Austria, Prussia and their partners "
                                  "fighting Spain, America owed it to itself to treat every combatant with "
                                  "sincere friendliness and impartiality")
    assert r.source is not None and r.source.type == "document"
    text = ("The executive order directed that loyal local residents be favored for Treasury posts in Virginia, "
            "with people from other states to be named only when no suitable local candidate could be found.")
    canonical, r = by_cue(text, nlp, "directed")
    assert read(canonical, r)[2].startswith("loyal local residents be favored for Treasury posts")


def test_an_order_reports_its_object_and_infinitive(nlp):
    # tests/gold/reported/dev r1-020
    text = ("Johnson ordered the Secretary of War to seize all Navy Department property in Virginia and to "
            "enforce the naval laws passed by Congress there.")
    canonical, r = by_cue(text, nlp, "ordered")
    assert read(canonical, r) == ("Johnson", "ordered", "the Secretary of War to seize all Navy Department "
                                  "property in Virginia and to enforce the naval laws passed by Congress there")


def test_asked_opening_a_sentence_is_not_the_subjects_attribution(nlp):
    # tests/gold/reported/dev r1-072: the president was asked; what he reports is after "said"
    text = ("Asked whether military wives and children might be pulled out of Saigon, the president said there "
            "were no plans for such a step, despite years of rumors and press predictions.")
    canonical, found = reported(text, nlp)
    assert [read(canonical, r)[1:] for r in found] == [
        ("said", "there were no plans for such a step, despite years of rumors and press predictions")]


def test_according_to_keeps_a_subject_the_parser_gave_to_the_source(nlp):
    # tests/gold/reported/dev r1-060: "a popular government ..." parsed as an apposition of "Harding"
    text = ("According to Harding, a popular government in which the state looked to what it could do for "
            "individuals, rather than citizens asking what they could do for the country, would do more to make "
            "democracy safe than all the wars in history.")
    canonical, r = by_cue(text, nlp, "According to")
    assert read(canonical, r)[0] == "Harding"
    assert read(canonical, r)[2].startswith("a popular government in which the state looked")


def test_a_verb_with_its_own_object_after_a_comma_is_not_a_trailing_cue(nlp):
    # tests/gold/reported/dev r1-047: "as he urged citizens to help" reports its own object
    text = ("Violations of the neutrality laws would be vigorously prosecuted, Cleveland warned, as he urged "
            "citizens to help catch offenders and told federal officers to be diligent in punishing any breach.")
    canonical, found = reported(text, nlp)
    assert ("Cleveland", "warned", "Violations of the neutrality laws would be vigorously prosecuted") in \
        [read(canonical, r) for r in found]
    urged = [read(canonical, r)[2] for r in found if read(canonical, r)[1] == "urged"]
    assert urged and not any("prosecuted" in c for c in urged)


@pytest.mark.parametrize(("text", "cue", "starts", "ends"), [
    # tests/gold/reported/dev r1-012: "said A, ..., and that B" — B is reported too
    ("The president said his aim from the outset had been to end the dispute without federal troops, a goal he "
     "was proud to have achieved, and that he had turned down most of the pressing appeals to change course.",
     "said", "his aim from the outset", "and that he had turned down most of the pressing appeals to change course"),
    # r1-018: "that evidence" parsed as the object of "charged"
    ("Johnson charged that evidence gathered by military justice officials showed Lincoln's murder and the attack "
     "on Secretary Seward had been plotted by Jefferson Davis together with rebel agents sheltering in Mexico.",
     "charged", "evidence gathered by military justice officials showed", "rebel agents sheltering in Mexico"),
    # r2-031: "informed Congress that A, so B"
    ("Arthur informed Congress that Britain had been formally notified that the fishery clauses of the treaty of "
     "Washington were ending, so the mutual privileges would lapse on July 1, 1886.",
     "informed", "Britain had been formally notified", "so the mutual privileges would lapse on July 1, 1886"),
])
def test_the_content_is_every_clause_the_cue_reports(nlp, text, cue, starts, ends):
    canonical, r = by_cue(text, nlp, cue)
    content = read(canonical, r)[2]
    assert content.startswith(starts) and content.endswith(ends)
