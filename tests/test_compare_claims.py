"""The item comparer on claims (issue 18): an article's own sentence against the passage that speaks to
it. Passages are in the register of the presidential messages; claims are written here, each rule
tested both ways (the faithful claim consistent, one item changed found)."""

from __future__ import annotations

import pytest

from sourcecheck.compare import compare, quantities

pytest.importorskip("spacy")


def kinds(claim: str, passage: str) -> list[str]:
    return [d.kind for d in compare(claim, passage).differences]


def differing_words(claim: str, passage: str) -> list[str]:
    return [d.report.text for d in compare(claim, passage).differences]


# ---------------------------------------------------------------- figures


def test_a_half_after_a_magnitude_is_half_of_it():
    assert [q.value for q in quantities("Seven millions and a half of dollars")] == [7_500_000]
    passage = "Seven millions and a half of dollars were expended upon the fortifications during the year."
    assert kinds("$7.5 million was spent on the fortifications that year", passage) == []
    assert kinds("$8.5 million was spent on the fortifications that year", passage) == ["number"]


def test_a_fraction_with_a_slash_before_a_magnitude():
    assert [q.value for q in quantities("about $1/2 billion")] == [500_000_000]
    passage = "The Congress appropriated about $1/2 billion for summer jobs for young people."
    assert kinds("Congress set aside about half a billion dollars for summer jobs for the young", passage) == []
    assert kinds("Congress set aside about two billion dollars for summer jobs for the young", passage) == ["number"]


def test_one_in_so_many_is_a_share_not_the_number_one():
    passage = "In that year only one out of every five farm families had electric power."
    assert kinds("In that year only one farm family in five had electric power.", passage) == []
    assert kinds("In that year only one farm family in three had electric power.", passage) == ["number"]
    assert [q.value for q in quantities("one ship in 10 days")] == [1, 10]  # a count and a period, not a share


def test_the_unit_of_a_range_holds_for_both_ends():
    passage = "The tariff rates, which now range between 10 and 45 percent, would be cut to a range of 5 to 25 percent."
    assert kinds("Tariff rates running from 10 to 45 percent would be lowered to 5 to 25 percent.", passage) == []
    assert kinds("Tariff rates running from 10 to 55 percent would be lowered to 5 to 25 percent.", passage) == [
        "number"]
    assert [q.value for q in quantities("between 5 and 6 million acres")] == [5_000_000, 6_000_000]


def test_a_bound_turned_over_is_shown_with_its_words():
    passage = ("The public debt at the beginning of the year was $40,583,631, and the debt remaining at this "
               "time is less than $40,000,000.")
    assert kinds("The public debt is now below $40,000,000.", passage) == []
    # the exact figure is the one restated, not $40,583,631 within the slack of "above"
    assert differing_words("The public debt is now above $40,000,000.", passage) == ["above $40,000,000"]


def test_what_a_figure_counts_after_of():
    passage = "For the average family of five it means a tax of about $150 a year for national purposes alone."
    assert kinds("For the average family of five, national taxes alone come to about $150 a year.", passage) == []
    assert kinds("For the average family of four, national taxes alone come to about $150 a year.", passage) == [
        "number"]


# ---------------------------------------------------------------- negation


def test_neither_nor_negates_the_verb_of_its_objects():
    passage = "Most of these villages have no telegraph office and no railway station."
    assert kinds("Most of these villages have neither a telegraph office nor a railway station.", passage) == []
    assert "negation" in kinds("Most of these villages have a telegraph office and a railway station.", passage)


def test_the_agent_of_a_negating_verb_is_not_negated():
    passage = ("The vote resulted in the rejection by a large majority of the plan submitted to the people by "
               "the legislature.")
    assert kinds("The plan the legislature had submitted was rejected by a large majority.", passage) == []


def test_a_noun_made_from_a_negating_verb_negates_as_it_does():
    passage = "The session closed with the rejection of the treaty by the Senate."
    assert kinds("The session closed when the Senate did not accept the treaty.", passage) == []
    assert "negation" in kinds("The session closed when the Senate accepted the treaty.", passage)


def test_an_exception_is_a_negation_and_a_name_is_not_a_common_noun():
    passage = ("The insurrection was declared to be still existing in the States aforesaid, with the exception "
               "of certain counties in the State of Tennessee.")
    assert kinds("The insurrection was declared still in existence in those states except for certain counties "
                 "of Tennessee.", passage) == []


def test_of_equal_alignments_the_same_word():
    passage = ("Although 12 of our States have passed laws against child labor, the Territories are still "
               "without such a statute.")
    assert kinds("Twelve states have passed laws against child labor, but the Territories still have no such "
                 "statute.", passage) == []


def test_a_word_joined_by_a_stem_only_is_aligned_with_the_same_word():
    passage = ("Over 20,000 towns are receiving their mail at post-offices where money orders and postal notes "
               "are not issued.")
    assert kinds("Over 20,000 towns get their mail at offices that issue neither money orders nor postal notes.",
                 passage) == []


# ---------------------------------------------------------------- how often, how many agreed


def test_how_often_a_figure_holds():
    passage = "The depth of the rivers of the plain is rarely more than 8 feet, and never more than 12."
    assert kinds("The rivers of the plain are rarely deeper than 8 feet and never deeper than 12.", passage) == []
    assert kinds("The rivers of the plain are usually deeper than 8 feet and never deeper than 12.", passage) == [
        "quantifier"]


def test_unanimously_is_all_of_them():
    passage = ("The Congress created a Commission on Waterways which unanimously recommended in its report the "
               "deepening of the channel.")
    assert differing_words("The Commission on Waterways by a narrow majority recommended deepening the channel.",
                           passage) == ["by a narrow majority"]
    assert kinds("The Commission on Waterways unanimously recommended deepening the channel.", passage) == []


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(("claim", "changed"), [
    ("He was first elected to the Ohio Legislature in 1803.", "Ohio Legislature"),
    ("The loan came from the Bank of North America.", "Bank of North America"),
    ("The canal joins Lake Huron to the river.", "Lake Huron"),
])
def test_a_name_differs_by_the_words_that_tell_it_from_its_kind(claim, changed):
    passage = ("He was first elected to the Indiana Legislature in 1803. The loan came from the Bank of the United "
               "States. The canal joins Lake Erie to the river.")
    found = compare(claim, passage).differences
    assert [d.kind for d in found] == ["name"]
    assert changed in found[0].report.text


def test_an_office_changed_for_another_of_its_kind():
    passage = "Based on Congressional Budget Office estimates, fewer than 5 percent of the people would enroll."
    assert kinds("Congressional Budget Office estimates put enrollment under 5 percent of the people.", passage) == []
    assert kinds("Government Accountability Office estimates put enrollment under 5 percent of the people.",
                 passage) == ["name"]


def test_a_place_written_out_for_its_abbreviation():
    passage = "It was in Kansas City, Mo., in 1900, that the convention met."
    assert kinds("The convention met in Kansas City, Missouri, in 1900.", passage) == []
    assert set(kinds("The convention met in Omaha, Nebraska, in 1900.", passage)) == {"name"}


def test_a_name_holding_the_others_whole_is_the_same():
    passage = "For our part, I am today committing the United States of America to a fund of $200 million."
    assert "name" not in kinds("The United States committed $200 million to the fund.", passage)


def test_another_compass_point_is_another_place():
    passage = "We added another 18 counties in Minnesota and 53 in South Dakota to those receiving aid."
    assert kinds("Aid went to 18 more counties in Minnesota and 53 in South Dakota.", passage) == []
    assert kinds("Aid went to 18 more counties in North Dakota and 53 in South Dakota.", passage) == ["name"]
    passage = "The United Nations admitted the Republic of Korea as a member."
    assert kinds("The United Nations admitted South Korea as a member.", passage) == []


def test_a_name_in_the_same_place_of_the_sentence_whatever_its_sort():
    passage = "He and I made real progress toward our goal first agreed to at Geneva: deep cuts in our arsenals."
    assert kinds("The goal of deep cuts in the arsenals was first agreed at Reykjavik.", passage) == ["name"]
    assert kinds("The goal of deep cuts in the arsenals was first agreed at Geneva.", passage) == []


# ---------------------------------------------------------------- actor


def test_the_subject_of_a_bare_participle_is_its_patient():
    passage = "It is not desirable that the people should be taxed to pay it in that time."
    assert "actor" not in kinds("he did not want the people taxed to pay it that quickly", passage)


def test_the_one_bound_by_a_binding_verb_takes_the_commitment():
    passage = "For our part, I am today committing the United States of America to support a new fund for the war on hunger."
    assert kinds("The United States committed itself to support a new fund for the war on hunger.", passage) == []
    passage = "The President asked the Congress to support a new fund for the war on hunger."
    assert kinds("The Congress asked the President to support a new fund for the war on hunger.", passage) == ["actor"]
