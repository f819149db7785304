"""Reported speech, steps 2 and 3 (issue 16): finding the passage a reported clause reports on, and
comparing the two item by item. Passages are sentences of the speeches; reports are written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecheck.compare import Comparer, Difference, TextSpan, compare, quantities
from sourcecheck.ingest import ingest_path
from sourcecheck.libraries import open_library
from sourcecheck.reported_passage import find_passages, sentences

pytest.importorskip("spacy")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "sources"

FAREWELL = ("Until the latest of our world conflicts, the United States had no armaments industry. "
            "Added to this, three and a half million men and women are directly engaged in the defense "
            "establishment. We annually spend on military security more than the net income of all United "
            "States corporations.")


def kinds(content: str, passage: str) -> list[str]:
    return [d.kind for d in compare(content, passage).differences]


def differing_words(content: str, passage: str) -> list[str]:
    return [d.report.text for d in compare(content, passage).differences]


# ---------------------------------------------------------------- faithful paraphrase


def test_a_fair_paraphrase_is_consistent():
    result = compare("three and a half million Americans worked directly in the defense establishment",
                     FAREWELL)
    assert result.verdict == "consistent"
    assert result.differences == ()


def test_no_passage_without_one():
    assert compare("the debt had fallen by a third", None).verdict == "no_passage"


# ---------------------------------------------------------------- numbers


def test_a_changed_magnitude_is_a_number_difference():
    result = compare("three and a half thousand Americans worked directly in the defense establishment", FAREWELL)
    assert result.verdict == "differs"
    (difference,) = result.differences
    assert difference.kind == "number"
    assert difference.report.text == "three and a half thousand"
    assert difference.passage is not None and difference.passage.text == "three and a half million"


def test_number_words_and_figures_are_the_same_quantity():
    assert [q.value for q in quantities("$50,000 and fifty thousand dollars and 34 percent")] == [50_000, 50_000, 34]


def test_a_hedged_figure_within_its_slack_agrees():
    passage = "The public debt was reduced during the year by $296,000,000."
    assert kinds("the debt had been cut by about $300 million that year", passage) == []
    assert kinds("the debt had been cut by about $30 million that year", passage) == ["number"]


# ---------------------------------------------------------------- dates


def test_a_changed_year_is_a_date_difference():
    passage = "In 1862 the Navy numbered 7,500 seamen; it now numbers 34,000."
    assert kinds("in 1861 the Navy had 7,500 seamen", passage) == ["date"]
    assert kinds("in 1862 the Navy had 7,500 seamen", passage) == []


def test_a_changed_period_is_a_date_difference():
    passage = "The subscriptions to the Bank of the United States completed the sum allowed, in a single day."
    assert differing_words("the Bank had been fully subscribed within a single week", passage) == ["week"]


# ---------------------------------------------------------------- negation


def test_a_dropped_negation_is_a_negation_difference():
    passage = "I can not consent to their absolute and entire repeal."
    assert kinds("he could consent to repealing them", passage) == ["negation"]
    assert kinds("he could not consent to repealing them", passage) == []


def test_an_antonym_is_a_negation_difference():
    passage = "The Democrats have refused these offers."
    assert kinds("the Democrats had accepted the offers", passage) == ["negation"]


# ---------------------------------------------------------------- names


def test_a_different_country_is_a_name_difference():
    passage = "Medical supplies for the clinics were sent from the United States."
    assert differing_words("medical supplies for the clinics were sent from Japan", passage) == ["Japan"]


def test_the_usual_names_of_a_country_agree():
    passage = "The United States fully supports U.N. membership for the Republic of Korea."
    assert kinds("the U.S. fully backed UN membership for the Republic of Korea", passage) == []


# ---------------------------------------------------------------- quantifiers


def test_a_changed_quantifier_is_a_quantifier_difference():
    passage = "The liberation of all our Citizens who were prisoners in Algiers gratifies every feeling heart."
    assert "quantifier" in kinds("the release of some of the citizens held in Algiers was welcome", passage)


def test_a_flipped_bound_is_a_quantifier_difference():
    passage = "More than half of the world's people now live under democratic governments."
    assert kinds("fewer than half of the world's people lived under democracies", passage) == ["quantifier"]


# ---------------------------------------------------------------- modality


def test_a_hope_turned_into_a_pledge_is_a_modality_difference():
    passage = "We hope that military force will never be used, and we seek a peaceful outcome."
    assert "modality" in kinds("military force would never be used and the country must get a peaceful outcome",
                               passage)


def test_the_backshifted_future_is_not_a_modality_difference():
    passage = "We will never use military force."
    assert kinds("the country would never use military force", passage) == []


# ---------------------------------------------------------------- actor


def test_a_changed_subject_is_an_actor_difference():
    passage = "The Congress rejected the treaty last spring."
    assert kinds("the Senate committee rejected the treaty last spring", passage) in (["actor"], ["name"])
    assert kinds("Congress rejected the treaty last spring", passage) == []


# ---------------------------------------------------------------- the engine interface


def test_a_comparer_can_be_plugged_in():
    class Everything:
        def differences(self, content: str, passage: str) -> list[Difference]:
            return [Difference("actor", TextSpan(0, len(content), content), None)]

    engine: Comparer = Everything()
    assert compare("the Senate voted", "The House voted.", engine).verdict == "differs"


# ---------------------------------------------------------------- finding the passage


@pytest.fixture(scope="module")
def examples_library(tmp_path_factory):
    path = tmp_path_factory.mktemp("reported") / "examples.db"
    with open_library(str(path)) as library:
        library.add_many((ingest_path(p), None) for p in sorted(EXAMPLES.glob("*.txt")))
    with open_library(str(path), read_only=True) as library:
        yield library


def test_the_reported_passage_is_found(examples_library):
    passages = find_passages(examples_library, "some three and a half million men and women worked directly "
                                               "in the nation's defense establishment", "Dwight D. Eisenhower")
    assert passages
    best = passages[0]
    assert "three and a half million men and women" in best.text
    assert best.by_speaker and best.author == "Dwight D. Eisenhower"
    assert examples_library.get(best.source_id).text[best.start:best.end] == best.text


def test_a_reworded_report_finds_its_passage(examples_library):
    passages = find_passages(examples_library, "the government had to be on guard against the military-industrial "
                                               "complex gaining undue influence", "Eisenhower")
    assert "unwarranted influence" in passages[0].text


def test_nothing_close_is_no_passage(examples_library):
    assert find_passages(examples_library, "the harvest of soybeans in Brazil broke records", "Eisenhower") == []


def test_sentences_do_not_end_at_initials():
    text = "A reward of $100,000 for Jefferson C. Davis. Done on the 2d day of May, A. D. 1865.\n\nNext."
    assert [text[s:e] for s, e, _ in sentences(text)] == [
        "A reward of $100,000 for Jefferson C. Davis.", "Done on the 2d day of May, A. D. 1865.", "Next."]


def test_a_swapped_office_is_an_actor_difference():
    passage = "The Secretary of the Navy reports that the fleet is in good condition."
    assert differing_words("the Secretary of War reported the fleet was in good order", passage) == [
        "the Secretary of War"]


def test_no_intention_of_doing_is_a_negation():
    passage = "The Government has no intention of raising the duties on wool."
    assert kinds("the government would not raise the duties on wool", passage) == []
    assert kinds("the government would raise the duties on wool", passage) == ["negation"]
