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


def test_a_day_of_the_month_written_in_words_or_figures_is_one_date():
    passage = ("The steamer reached the port on the seventeenth of March, and on the 2d day of April the troops "
               "were landed without loss.")
    assert kinds("The steamer reached port on March 17 and the troops were landed on April 2.", passage) == []
    found = compare("The steamer reached port on March 19 and the troops were landed on April 2.", passage).differences
    assert [(d.kind, d.report.text) for d in found] == [("date", "March 19")]
    # another month is the months' difference, shown on the month
    assert differing_words("The steamer reached port on May 17 and the troops were landed on April 2.", passage) == [
        "May"]


def test_an_abbreviated_magnitude_is_that_magnitude():
    assert [q.value for q in quantities("receipts of $12.4M and $1.5bn")] == [12_400_000, 1_500_000_000]
    passage = "The customs yielded $12,400,000 in the year, while the sales of the public lands brought $1.5bn."
    assert kinds("Customs brought in $12.4M and land sales $1.5bn.", passage) == []
    assert kinds("Customs brought in $14.4M and land sales $1.5bn.", passage) == ["number"]


def test_an_ordinal_in_figures_is_the_same_ordinal_in_words():
    passage = "We meet on the one hundred and fifty-third anniversary of the battle, with 4 veterans present."
    assert kinds("The meeting fell on the 153rd anniversary of the battle.", passage) == []
    assert kinds("The meeting fell on the 135th anniversary of the battle.", passage) == ["number"]


def test_a_figure_of_many_digits_is_the_same_figure_whatever_it_counts():
    passage = ("The census gives a grand total of 23,191,876, an increase of 6,122,423 inhabitants over the count "
               "of 1840.")
    assert kinds("The census counted a population of 23,191,876, an increase of 6,122,423 over 1840.", passage) == []
    assert kinds("The census counted a population of 23,191,867, an increase of 6,122,423 over 1840.", passage) == [
        "number"]


def test_so_much_a_year_is_a_rate_not_a_length_of_time():
    passage = "Within these 6 years the Post-Office has cost the Treasury upward of $2,000,000 annually."
    assert kinds("For 6 years the post-office service cost the Treasury more than $2,000,000 a year.", passage) == []
    assert kinds("For 6 years the post-office service cost the Treasury more than $3,000,000 a year.", passage) == [
        "number"]


def test_short_of_a_figure_is_under_it():
    passage = "The expenditures of the year will fall short of $60,000,000."
    assert kinds("Spending for the year will come to less than $60,000,000.", passage) == []
    assert differing_words("Spending for the year will come to more than $60,000,000.", passage) == [
        "more than $60,000,000"]


def test_a_count_given_by_its_order_only():
    passage = "The flood drove thousands of families from their homes along the lower river."
    assert kinds("Thousands of families along the lower river were driven from their homes.", passage) == []
    assert differing_words("Hundreds of families along the lower river were driven from their homes.", passage) == [
        "Hundreds"]


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


def test_what_a_verb_of_enabling_allows_is_a_possibility():
    passage = "The harvest failed, and the price of bread could rise beyond the reach of the poor."
    assert kinds("The harvest failed, allowing the price of bread to rise beyond the reach of the poor.", passage) == []
    assert kinds("The harvest failed, and the price of bread will rise beyond the reach of the poor.", passage) == [
        "modality"]


def test_a_negating_verb_in_another_sense_negates_nothing():
    # opposing an armed force is facing it; what terminates a line marks its end
    passage = "General Greene, with 3,000 men, was opposing an army of 8,000 veterans in the Carolinas."
    assert kinds("Greene and his 3,000 men faced an army of 8,000 veterans in the Carolinas.", passage) == []
    passage = "The Senate was opposing the treaty with Spain throughout the session."
    assert kinds("Throughout the session the Senate supported the treaty with Spain.", passage) == ["negation"]
    passage = "The survey fixed the post which terminated the eastern line of the Choctaw lands at the river."
    assert kinds("The survey fixed the post marking the eastern line of the Choctaw lands at the river.", passage) == []


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


def test_a_name_before_a_dash_is_a_name():
    passage = "Our first treaty of alliance--that of 1778, with France--was the work of Franklin."
    assert kinds("The first treaty of alliance, made in 1778 with France, was Franklin's work.", passage) == []
    assert kinds("The first treaty of alliance, made in 1778 with Holland, was Franklin's work.", passage) == ["name"]


def test_a_titled_name_is_a_person_and_shared_initials_do_not_name_it():
    # the small model takes "Colonel Goodwin" for a person, "Colonel Gillespie" for a place, "General
    # Weston" for an organisation: the title says both are persons; "C. G." is not one name
    passage = "The locks will be finished within the time fixed by Colonel Goodwin, to wit, the first of May, 1880."
    assert kinds("The locks were due to be finished within Colonel Goodwin's deadline of May 1, 1880.", passage) == []
    assert kinds("The locks were due to be finished within Colonel Gillespie's deadline of May 1, 1880.",
                 passage) == ["name"]
    passage = "The first detachment, led by General Wheaton, reached the river on the ninth."
    assert kinds("General Wheaton led the first detachment to the river on the ninth.", passage) == []
    assert kinds("General Weston led the first detachment to the river on the ninth.", passage) == ["name"]


def test_what_a_comparison_compares_with_is_one_place_whatever_the_parse():
    # the small model hangs "as Lawrence" on "supplied" in one sentence, on "colleges" in the other
    passage = "Emporia counts some 9,000 people, and is for its size as well supplied as Lawrence with mills, banks, and colleges."
    assert kinds("Emporia, a town of some 9,000 people, is for its size as well supplied with mills, banks and colleges "
                 "as Lawrence.", passage) == []
    assert kinds("Emporia, a town of some 9,000 people, is for its size as well supplied with mills, banks and colleges "
                 "as Wichita.", passage) == ["name"]


# ---------------------------------------------------------------- actor


def test_the_subject_of_a_bare_participle_is_its_patient():
    passage = "It is not desirable that the people should be taxed to pay it in that time."
    assert "actor" not in kinds("he did not want the people taxed to pay it that quickly", passage)


def test_the_one_bound_by_a_binding_verb_takes_the_commitment():
    passage = "For our part, I am today committing the United States of America to support a new fund for the war on hunger."
    assert kinds("The United States committed itself to support a new fund for the war on hunger.", passage) == []
    passage = "The President asked the Congress to support a new fund for the war on hunger."
    assert kinds("The Congress asked the President to support a new fund for the war on hunger.", passage) == ["actor"]
