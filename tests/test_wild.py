"""Quotes and speakers in text written by others (tests/gold/wild, provenance in its README).

Each test names the pattern it holds, on a passage of a real article: credit lines of a quote
list, footnote markers and invisible characters beside quote marks, first person in a transcript,
quotes nested in quotes and in block quotes set off by indentation only, participle and passive
cues, and the verdicts for quotes that are not in the library.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecheck.ingest import ingest_bytes, ingest_path
from sourcecheck.pipeline import analyse_quotes

WILD = Path(__file__).resolve().parent / "gold" / "wild"


@pytest.fixture(scope="module")
def analysed(nlp):
    cache: dict[str, list] = {}

    def _analyse(name: str):
        if name not in cache:
            path = next(WILD.glob(f"*/{name}"))
            cache[name] = analyse_quotes(ingest_path(path), nlp).attributions
        return cache[name]

    return _analyse


def find(attributions, start: str):
    found = [a for a in attributions if a.quote.text.startswith(start)]
    assert found, f"no quote starting {start!r}"
    return found[0]


def speaker(attributions, start: str) -> str | None:
    found = find(attributions, start)
    return found.speaker.name if found.speaker else None


@pytest.mark.parametrize("quote, expected", [
    ("We are all Republicans", "Thomas Jefferson"),  # "...", Thomas Jefferson's First Inaugural.[1]
    ("Our Federal Union", "Andrew Jackson"),  # "...", toast famously made by Andrew Jackson
    ("Senator, you're no Jack Kennedy", "Lloyd Bentsen"),  # "..." Senator Lloyd Bentsen to Senator Dan Quayle
    ("Yes, we can", "Barack Obama"),  # "..." used by Barack Obama during the 2008 campaign
])
def test_a_quote_list_credits_the_person_named_after_each_quote(analysed, quote, expected):
    assert speaker(analysed("wiki-us-political-catchphrases.md"), quote) == expected


def test_footnote_markers_after_a_closing_mark_neither_break_the_quote_nor_the_name(analysed):
    attributions = analysed("wiki-inauguration-of-donald-trump.md")
    carnage = find(attributions, "American carnage")  # what he referred to as "American carnage,"[105][106][107]
    assert carnage.quote.text == "American carnage," and carnage.speaker.name == "Donald Trump"
    assert speaker(attributions, "some weird shit") == "George W. Bush"  # not "George H. W. Bush"


def test_an_invisible_character_inside_a_sentence_does_not_hide_its_speaker(analysed):
    # signed a letter saying the Post'<ZWJ>s report "has all the classic earmarks ..."
    assert speaker(analysed("news-wikinews-campaign-trail-october-2020.txt"),
                   "has all the classic earmarks") == "Fifty former intelligence officials"


def test_a_zero_width_space_after_a_closing_mark_still_closes_the_quote(nlp):
    doc = ingest_bytes("\"We will not back down,\"\u200b Johnson said.".encode(), name="a.txt")
    (only,) = analyse_quotes(doc, nlp).attributions
    assert only.quote.text == "We will not back down," and only.speaker.name == "Johnson"


def test_first_person_in_a_transcript_is_the_speaker_of_the_turn(analysed):
    # **PRESIDENT REAGAN:** ... I am not going to ... hypothetically say, "Oh, yes, we would send troops there."
    assert speaker(analysed("transcript-debate-reagan-mondale-1984-10-21.txt"), "Oh, yes, we would") == \
        "Ronald Reagan"


def test_a_quote_nested_in_a_quote_is_reported_with_its_own_speaker(analysed):
    attributions = analysed("news-wikinews-streatham-knife-attack-2020.txt")
    outer = find(attributions, "His fascination with dying")
    inner = find(attributions, "life goals")  # ... Amman had scrawled his 'life goals' in the notepad
    assert outer.speaker.name == "Alexis Boon"
    assert inner.quote.inside == outer.quote.index and inner.speaker.name in ("Amman", "Sudesh Amman")


def test_an_indented_quotation_after_a_colon_is_a_block_quote(analysed):
    attributions = analysed("wiki-reaganomics.md")
    block = find(attributions, "I used the phrase")  # Greg Mankiw ... wrote in 2007:\n\n  I used the phrase ...
    inner = find(attributions, "charlatans and cranks")
    assert block.quote.kind == "block" and block.speaker.name == "Greg Mankiw"
    assert inner.quote.inside == block.quote.index and inner.speaker.name == "Greg Mankiw"


@pytest.mark.parametrize("quote, expected", [
    ("I was crossing the road", "An eyewitness"),  # An eyewitness described how the attack unfolded, stating, "..."
    ("knife-obsessed", "the police"),  # Amman, who was described as "knife-obsessed" by the police
])
def test_participle_and_passive_cues_find_the_clause_that_speaks(analysed, quote, expected):
    assert speaker(analysed("news-wikinews-streatham-knife-attack-2020.txt"), quote) == expected


def test_titles_and_names_of_things_get_no_speaker(nlp):
    text = ("Kennedy won a Pulitzer Prize for a book called \"Profiles in Courage\" in 1957. "
            "The programme, known as \"Operation Warp Speed\", began in May.")
    doc = ingest_bytes(text.encode(), name="a.txt")
    assert [a.speaker for a in analyse_quotes(doc, nlp).attributions] == [None, None]


def test_a_turn_labelled_by_a_role_is_the_transcripts_author(nlp):
    text = ("President: Donald Trump\n\nTHE PRESIDENT: Thank you. As soon as we heard the word, I said, "
            "\"Get out there.\"\n\nQ: Did you tell them \"Go now\"?\n")
    doc = ingest_bytes(text.encode(), name="2020-04-13-briefing.txt")
    found = [(a.quote.text, a.speaker.name if a.speaker else None) for a in analyse_quotes(doc, nlp).attributions]
    assert found[0] == ("Get out there.", "Donald Trump")
