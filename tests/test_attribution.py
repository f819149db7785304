"""Attribution: the speaker and cue of each quote, as the article states them."""

from __future__ import annotations

import pytest

from sourcecheck.ingest import ingest_bytes
from sourcecheck.pipeline import analyse_quotes


def attributed(text: str, nlp, name: str = "a.txt"):
    doc = ingest_bytes(text.encode("utf-8"), name=name)
    return [(a.quote.text, a.speaker.name if a.speaker else None, a.cue.text if a.cue else None)
            for a in analyse_quotes(doc, nlp).attributions]


def speakers(text: str, nlp, name: str = "a.txt"):
    return [speaker for _, speaker, _ in attributed(text, nlp, name)]


def test_pronoun_it_resolves_to_the_document_of_the_sentence_before(nlp):
    text = ("The UN Charter was signed in San Francisco in 1945 by fifty nations. "
            "It pledged to \"save succeeding generations from the scourge of war\".")
    (quote,) = attributed(text, nlp)
    assert quote[1] == "The UN Charter" and quote[2] == "pledged"


def test_passage_in_the_document_is_the_document(nlp):
    text = ("The Harlow Accord was signed in March by the Council of the Northern States. "
            "A passage in the document reads: \"No state shall use force against another.\"")
    assert speakers(text, nlp) == ["The Harlow Accord"]


def test_speaker_far_from_a_short_quote_in_the_reported_clause(nlp):
    text = "Putin repeatedly warned that any expansion of the alliance to the east would cross a \"red line\"."
    assert attributed(text, nlp) == [("red line", "Putin", "warned")]


def test_scare_quotes_get_no_speaker(nlp):
    text = ("The government's so-called \"reforms\" have been criticised. "
            "The \"experts\" were nowhere to be seen when the budget was cut.")
    assert speakers(text, nlp) == [None, None]


def test_interrupted_quote_shares_one_speaker(nlp):
    text = ("The Pentagon published its summary on Friday. “Should deterrence fail,” the summary states, "
            "“the Joint Force is prepared to win.”")
    result = attributed(text, nlp)
    assert [r[1] for r in result] == ["the summary", "the summary"] and result[0][2] == "states"


def test_surname_and_title_resolve_to_the_full_name(nlp):
    text = ("Interior Minister Dana Keller spoke to reporters on Monday in Velmar.\n\n"
            "“We will not back down,” Keller said.\n\n"
            "She added that the plan was \"on track\".")
    assert speakers(text, nlp) == ["Dana Keller", "Dana Keller"]


def test_according_to_and_inverted_cue(nlp):
    text = ("According to the Northbridge Water Authority, the reservoir is \"at its lowest level in decades\".\n\n"
            "\"We have never seen anything like it,\" said Tom Ashby, a hydrologist at the authority.")
    assert speakers(text, nlp) == ["the Northbridge Water Authority", "Tom Ashby"]


def test_quote_paragraph_continues_the_previous_speaker(nlp):
    text = ("“We are ready,” said Mayor Lina Ortiz at the council meeting on Tuesday.\n\n"
            "“The money is there. The plans are there. What we need now is the political will.”\n\n"
            "The council will vote next week.")
    assert speakers(text, nlp) == ["Lina Ortiz", "Lina Ortiz"]


def test_colon_introduced_quote(nlp):
    text = "Senator Miriam Osei was blunt: \"This bill is dead on arrival.\""
    assert speakers(text, nlp) == ["Miriam Osei"]


def test_block_quote_introduced_by_the_paragraph_before(nlp):
    md = ("# Leaked\n\nThe ministry's internal memo, dated 3 May, is short. The memo reads:\n\n"
          "> Staff are instructed not to discuss the tender with the press.\n\nThe ministry declined to comment.\n")
    assert speakers(md, nlp, "a.md") == ["The ministry's internal memo"]


@pytest.mark.parametrize("cue", ["said", "warned", "insisted", "told reporters", "wrote", "argued", "added"])
def test_cue_verbs(nlp, cue):
    text = f"“The reforms will pass,” Prime Minister Ana Lindqvist {cue}."
    assert attributed(text, nlp)[0][1] == "Ana Lindqvist"


def test_parenthetical_cue(nlp):
    text = "Officials met on Monday. The plan, Mayor Lina Ortiz said, would \"transform the city within a decade\"."
    assert attributed(text, nlp) == [("transform the city within a decade", "Lina Ortiz", "said")]
