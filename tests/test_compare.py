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
    assert compare("the Secretary of War reported the fleet was in good order", passage).differences[0].meaning_changing


def test_no_intention_of_doing_is_a_negation():
    passage = "The Government has no intention of raising the duties on wool."
    assert kinds("the government would not raise the duties on wool", passage) == []
    assert kinds("the government would raise the duties on wool", passage) == ["negation"]


# ---------------------------------------------------------------- per aligned item (issue 16, the comparer)
# Each compared item: a report a reporter could write that changes it, and a faithful paraphrase that
# must stay consistent.


def test_a_refusal_reported_as_a_promise_is_a_negation():
    passage = "We are not willing to raise the tariff on wool while the markets remain closed to our farmers."
    assert "negation" in kinds("the administration was prepared to raise the wool tariff", passage)
    assert kinds("the administration was unwilling to raise the wool tariff", passage) == []


def test_no_and_a_negating_verb_are_the_same_polarity():
    passage = "There was no necessity for removing the troops from the fort."
    assert "negation" in kinds("it had proved necessary to move the troops out of the fort", passage)
    assert kinds("the troops did not need to be moved out of the fort", passage) == []


def test_a_negative_subject_negates_its_clause():
    passage = "If suitable persons shall not be found in the district, persons from other districts shall be appointed."
    assert kinds("outsiders would be appointed only when no suitable person could be found in the district",
                 passage) == []


def test_rather_than_is_a_negation():
    passage = "We must seek restoration instead of revolution."
    assert kinds("the country had to seek restoration rather than revolution", passage) == []
    assert "negation" in kinds("the country had to seek revolution rather than restoration", passage)


def test_most_if_not_all_is_no_negation():
    passage = "We are destined to live out most if not all of our lives in uncertainty and peril."
    assert kinds("Americans would spend most of their lives amid uncertainty and peril", passage) == []


def test_the_backshift_of_can_is_not_a_modality_difference():
    passage = "Forty percent of our 8-year-olds cannot read on their own."
    assert kinds("two in five 8-year-olds were unable to read on their own", passage) == []


def test_a_hedge_added_to_a_certainty_is_a_modality_difference():
    passage = "But this impression is surely an optical illusion."
    assert differing_words("the impression was perhaps an optical illusion", passage) == ["was perhaps"]
    assert kinds("the impression was certainly an optical illusion", passage) == []


def test_will_reported_as_could_is_a_modality_difference():
    passage = "And very soon we will be an energy exporter."
    assert kinds("the country could become an energy exporter soon", passage) == ["modality"]
    assert kinds("the country would soon be an energy exporter", passage) == []


def test_a_wish_reported_as_a_certainty_is_a_modality_difference():
    passage = "Fondly do we hope, fervently do we pray, that this mighty scourge of war may speedily pass away."
    assert kinds("this mighty scourge of war would soon be over", passage) == ["modality"]


def test_a_condition_is_not_compared_for_modality():
    passage = "If the rivers shall rise again, the levees must be raised."
    assert "modality" not in kinds("the levees had to be raised if the rivers could rise again", passage)


def test_most_of_them_for_all_of_them_is_a_quantifier_difference():
    passage = "This position should be made clear in our relations with foreign governments. We are at peace with all of them."
    assert "quantifier" in kinds("the nation was at peace with most of them", passage)
    assert kinds("the nation was at peace with all of them", passage) == []


def test_a_handful_for_many_is_a_quantifier_difference():
    passage = "Many of my top advisers in the White House were Scouts."
    assert "quantifier" in kinds("a handful of his top advisers in the White House had been Scouts", passage)
    assert kinds("many of his top advisers in the White House had been Scouts", passage) == []


def test_a_count_of_the_same_thing_is_compared_even_in_words():
    passage = "Seven States which passed ordinances of secession have been fully restored to their places in the Union."
    assert differing_words("five of the seceding states had regained their places in the Union", passage) == ["five"]
    assert kinds("seven of the seceding states had regained their places in the Union", passage) == []


def test_a_small_change_of_an_exact_figure_is_a_number_difference():
    passage = "We did pass a lowering of the retirement age in Social Security from 65 to 62 for men."
    assert "number" in kinds("Congress had lowered the Social Security retirement age for men from 65 to 60",
                             passage)
    assert kinds("Congress had lowered the Social Security retirement age for men from 65 to 62", passage) == []


def test_a_fraction_restates_a_percentage():
    passage = "Approximately 25 percent of the working force is presently unemployed."
    assert kinds("roughly a quarter of the labor force was out of work", passage) == []
    assert kinds("roughly a third of the labor force was out of work", passage) == ["number"]


def test_a_year_like_figure_before_a_unit_is_a_quantity():
    passage = "With a sea coast of near 2000 miles in extent, our citizens apply their industry to commerce."
    assert kinds("with a coastline of nearly 20,000 miles, Americans turned to commerce", passage) == ["number"]


def test_another_agent_of_the_same_act_is_an_actor_difference():
    passage = "I would have preferred to carry through to the finish, and my family unanimously urged me to do so."
    assert "actor" in kinds("he had wanted to carry on, as his White House staff had unanimously urged him to do",
                            passage)
    assert kinds("he had wanted to carry on, as his family had unanimously urged him to do", passage) == []


def test_named_agents_of_two_countries_differ():
    passage = "The law restricting the immigration of Chinese has been violated by the officials of China."
    assert "actor" in kinds("American customs officers had broken the law restricting Chinese immigration", passage)
    assert kinds("Chinese officials had broken the law restricting Chinese immigration", passage) == []


def test_a_place_for_an_organisation_is_listed_but_not_sure_to_change_the_meaning():
    passage = "He was a man of the people since the day he saw the light first in the old Dominion of Virginia."
    (difference,) = compare("he had been a man of the people ever since his birth in Maryland", passage).differences
    assert difference.kind == "name" and difference.report.text == "Maryland"
    assert not difference.meaning_changing


def test_a_capital_stands_for_its_country():
    passage = "President Castro and I announced that the United States and Cuba would begin to normalize relations."
    assert kinds("he and Castro had announced that Washington and Havana would start to normalize relations",
                 passage) == []


def test_each_difference_keeps_both_spans_and_says_whether_it_changes_the_meaning():
    passage = "The Democrats have refused these offers."
    content = "the Democrats had accepted the offers"
    (difference,) = compare(content, passage).differences
    assert content[difference.report.start:difference.report.end] == difference.report.text
    assert difference.passage is not None
    assert passage[difference.passage.start:difference.passage.end] == difference.passage.text
    assert difference.meaning_changing


def test_a_pledge_over_a_hope_is_a_modality_difference_of_the_cue():
    passage = "Fondly do we hope, fervently do we pray, that this mighty scourge of war may speedily pass away."
    result = compare("the war would soon be over", passage, cue="Lincoln assured the nation that")
    (difference,) = result.differences
    assert difference.kind == "modality" and difference.in_cue
    assert difference.report.text == "assured"
    assert compare("the war would soon be over", passage, cue="Lincoln said that").differences == ()


def test_a_pledge_over_a_promise_agrees():
    passage = "This Administration has no intention of imposing exchange controls or devaluing the dollar."
    assert compare("his government would neither impose exchange controls nor devalue the dollar", passage,
                   cue="Kennedy pledged that").verdict == "consistent"


def test_a_refusal_of_a_passive_invitation_is_a_negation():
    passage = "I extended a friendly invitation to send experts. This invitation was declined."
    assert "negation" in kinds("the government had accepted his invitation to send experts", passage)


def test_periods_compare_by_their_length():
    passage = "For 20 years we have been the leading power in the support of the United Nations."
    assert kinds("for the past decade the country had been the leading supporter of the United Nations",
                 passage) == ["date"]
    assert kinds("for two decades the country had been the leading supporter of the United Nations", passage) == []


def test_a_governed_clause_aligns_a_belief():
    passage = "I do not believe any compromise, embracing the maintenance of the Union, is now possible."
    assert "negation" in kinds("he believed a compromise preserving the Union could now be reached", passage)
    assert "negation" not in kinds("he did not believe a compromise preserving the Union was now possible", passage)


def test_negating_verbs_of_one_sense_agree():
    passage = "I have directed the Secretary of the Treasury to suspend the sale of bonds until further notice."
    assert kinds("he had ordered the Treasury secretary to halt bond sales until further notice", passage) == []
    assert "negation" in kinds("he had ordered the Treasury secretary to continue bond sales until further notice",
                               passage)


def test_a_prohibition_is_one_whatever_its_modal():
    passage = "We must not allow the enemy to regroup."
    assert kinds("the country could not let the enemy regroup", passage) == []


def test_only_those_who_can_act_are_compared_as_actors():
    passage = "Unemployment fell to 4 percent last month, the lowest level in thirty years."
    assert kinds("joblessness had dropped to 4 percent the previous month, its lowest in three decades", passage) == []
    passage = "The Congress failed to act on my proposal for a national health program."
    assert kinds("lawmakers had not acted on his plan for a national health program", passage) == []
    assert "actor" in kinds("the states had not acted on his plan for a national health program", passage)


def test_none_as_the_object_negates_the_verb():
    passage = "None of these proposals has been adopted by the Congress."
    assert kinds("Congress had adopted none of the proposals", passage) == []
    assert "negation" in kinds("Congress had adopted the proposals", passage)


def test_not_many_is_few_and_not_a_single_is_none():
    passage = "Few Americans realize how much the farmer has contributed to our prosperity."
    assert kinds("not many Americans understood how much farmers had contributed to the nation's prosperity",
                 passage) == []
    passage = "Not a single American soldier has been lost in these operations."
    assert "quantifier" in kinds("several American soldiers had been lost in the operations", passage)


def test_the_object_of_asked_to_is_the_actor():
    passage = "I have asked the Attorney General to prepare legislation to protect the right to vote."
    assert "actor" in kinds("he had asked Congress to draft a bill protecting voting rights", passage)
    assert kinds("he had asked the attorney general to draft a bill protecting voting rights", passage) == []


def test_coordinated_modals_are_read_together():
    passage = "We cannot and will not tolerate aggression against our allies."
    assert kinds("the nation could not and would not tolerate aggression against its allies", passage) == []


def test_multiples_compare_with_multiples():
    passage = "Our exports of farm products have doubled since 1960."
    assert kinds("farm exports had tripled since 1960", passage) == ["number"]
    assert kinds("farm exports were twice what they had been in 1960", passage) == []
    assert kinds("farm exports had doubled since 1960", "Farm exports rose from 5 to 10 billion dollars since 1960.") == []


def test_unlikely_that_is_probably_not():
    passage = "It is unlikely that the talks will succeed before the end of the year."
    assert kinds("the talks would probably not succeed before year's end", passage) == []


def test_a_noun_of_a_negating_verb_does_not_negate():
    passage = "I will not permit the Government to be used for partisan purposes."
    assert kinds("he would not allow the government to be used for partisan ends", passage) == []
    assert "negation" in kinds("he would permit the government to be used for partisan ends", passage)


def test_a_name_of_several_words_is_no_common_noun():
    passage = "We shall continue to support the United Nations."
    assert kinds("the country would keep supporting the United Nations", passage) == []


def test_passives_of_one_act_with_other_subjects_differ_in_actor():
    passage = "The enemy was driven back across the river with heavy losses."
    assert "actor" in kinds("our forces had been pushed back across the river after heavy losses", passage)
    assert kinds("the enemy had been pushed back across the river after suffering heavy losses", passage) == []


def test_every_one_of_is_all():
    passage = "The Congress has refused to act on every one of these proposals."
    assert "quantifier" in kinds("lawmakers had refused to act on a few of the proposals", passage)
    assert kinds("lawmakers had refused to act on all of the proposals", passage) == []


def test_the_passages_third_person_is_not_the_speakers_side():
    passage = ("He agrees to discontinue the construction of two big new atomic reactors for the production of "
               "plutonium over the next several years.")
    assert differing_words("the administration would halt work on two big new atomic reactors meant for plutonium",
                           passage) == ["the administration"]
    assert kinds("the Soviet premier would halt work on two big new atomic reactors meant for plutonium",
                 passage) == []
    # a named country may be the third person's own: "Moscow" for "he"
    assert kinds("the Soviet Union would halt work on two big new atomic reactors meant for plutonium",
                 passage) == []


def test_a_pronoun_of_the_passage_is_resolved_to_the_actor_named_before_it():
    passage = ("I have received assurances from the leaders of Viet-Nam that they are proceeding immediately to "
               "step up the pace of military operations.")
    assert kinds("American commanders were moving at once to intensify military operations", passage) == ["actor"]
    assert kinds("the Vietnamese leaders were moving at once to intensify military operations", passage) == []


def test_with_the_speaker_known_the_passages_i_is_the_speaker():
    passage = "I will veto any bill that raises the tax on wages."
    report = "Senator Taft would veto any bill raising the wage tax"
    assert compare(report, passage).verdict == "consistent"  # who "I" is cannot be told without the speaker
    (difference,) = compare(report, passage, speaker="Harry S. Truman").differences
    assert (difference.kind, difference.report.text, difference.passage.text if difference.passage else None) == (
        "actor", "Senator Taft", "I")
    assert compare("Truman would veto any bill raising the wage tax", passage,
                   speaker="Harry S. Truman").verdict == "consistent"


def test_a_court_under_another_name_is_the_same_actor_and_congress_is_not():
    passage = "The tribunal of last resort has since declared that such expeditions are unlawful."
    assert kinds("the Supreme Court had since made clear that such expeditions were unlawful", passage) == []
    assert kinds("Congress had since made clear that such expeditions were unlawful", passage) == ["actor"]


def test_the_house_of_representatives_is_not_held_by_a_passages_house():
    passage = "I return the resolution to the Senate, in which House it originated."
    assert kinds("he returned the resolution to the House of Representatives", passage) == ["name"]
    assert kinds("the House had never voted on the resolution",
                 "The House of Representatives has never voted on the resolution.") == []


def test_rather_than_inside_the_subject_sets_one_actor_aside():
    passage = "Private charity, rather than the Federal Treasury, must carry the burden of relief."
    assert kinds("private charity rather than federal funds had to carry the burden of relief", passage) == []
    assert kinds("the federal treasury rather than private charity had to carry the burden of relief",
                 passage) == ["negation"]
    passage = "It is the business of the States, and not of the National Government, to provide a remedy."
    assert kinds("the national government, rather than the states, was responsible for providing a remedy",
                 passage) == ["negation"]
    assert kinds("the states, rather than the national government, were responsible for providing a remedy",
                 passage) == []


def test_a_that_clause_is_aligned_through_the_clause_governing_it():
    passage = "The price of cereals at last indicates that the day of its deliverance is at hand."
    assert differing_words("grain prices suggested relief for farmers might eventually come", passage) == [
        "might eventually come"]
    assert kinds("grain prices suggested relief for farmers was at hand", passage) == []
    assert kinds("the figures suggested that the recovery would continue",
                 "The figures indicate that the recovery will continue.") == []


def test_an_elided_modal_is_the_speakers_last_word():
    passage = "We can reduce the abnormal expenditures, and we will. We can strike at war taxation, and we must."
    assert differing_words("his administration might also strike at wartime taxes", passage) == ["might also strike"]
    assert kinds("his administration would reduce the abnormal expenditures and strike at wartime taxes",
                 passage) == []


def test_another_possessor_of_the_same_thing_is_a_name_difference():
    passage = "Meade's army can keep Lee's army out of Pennsylvania."
    assert differing_words("Grant's forces could keep Lee out of Pennsylvania", passage) == ["Grant"]
    assert kinds("Meade's forces could keep Lee out of Pennsylvania", passage) == []
    # a title is no name: "the President's plan" may be Roosevelt's
    assert kinds("Roosevelt's plan had been approved by Congress", "The President's plan was approved by the Congress.") == []


def test_who_pays_is_compared_across_idioms():
    passage = "The expeditions were carried on at the expense of the United States by the Militia of Kentucky."
    assert differing_words("the expeditions of the Kentucky militia had been paid for by Kentucky itself",
                           passage) == ["Kentucky itself"]
    assert kinds("the federal government had paid for the Kentucky militia expeditions", passage) == []
    assert kinds("the Kentucky militia expeditions had been paid for by the United States", passage) == []


def test_a_content_that_states_nothing_has_no_polarity_to_compare():
    # examples/opinion-piece.txt: "talking about [his own country and its arms industry]"; the
    # farewell address's sentence holds "no longer" elsewhere: no negation difference on a noun phrase
    passage = ("We can no longer risk emergency improvisation of national defense; we have been compelled to "
               "create a permanent armaments industry of vast proportions.")
    assert compare("his own country and its arms industry", passage).differences == ()
    assert compare("the country would not create a permanent arms industry", passage).verdict == "differs"


# Mechanisms added in the second session of issue 16, from the errors of the first test split
# (reported/dev/items-3 since): passages from the speeches, reports as a newspaper writes them.

def test_how_often_is_a_quantifier_of_the_clause():
    passage = ("The disinterested course is always the biggest course to pursue not only, but it is in the long "
               "run the most profitable course to pursue.")
    assert "quantifier" in kinds("an unselfish course is sometimes the grandest one to follow", passage)
    assert "quantifier" not in kinds("an unselfish course was always the biggest one to follow", passage)


def test_never_forget_is_always_remember():
    passage = "A generous country will never forget the services you rendered."
    assert kinds("a generous country would always remember their service", passage) == []
    assert "negation" in kinds("a generous country would soon forget their service", passage)


def test_a_counted_part_of_a_whole_is_a_quantifier():
    passage = ("The bill has allotted to eight of the States more than one for thirty thousand.")
    assert "quantifier" in kinds("the bill gave every state more than one representative per thirty thousand "
                                 "people", passage)
    passage = "Eleven of the thirty-six States are unrepresented in Congress at the present time."
    assert "quantifier" in kinds("most of the states still had no representation in Congress", passage)
    assert "quantifier" not in kinds("eleven of the states had no representation in Congress", passage)


def test_the_speaker_named_in_the_report_is_the_passage_s_i():
    passage = ("I would therefore recommend that such grants be made to actual settlers upon the terms "
               "which Congress may think advisable.")
    report = "Polk proposed that actual settlers receive such grants on the terms Congress might think advisable"
    assert compare(report, passage, speaker="James K. Polk").verdict == "consistent"


def test_a_capital_stands_for_the_government():
    passage = ("Most businessmen know that their Government neither wants to put them out of business nor to "
               "prevent them from earning a decent profit.")
    assert "name" not in kinds("most businessmen knew Washington did not want to put them out of business",
                               passage)
    passage = "Other rebels and traitors against the Government of the United States harbored in Canada."
    assert "name" in kinds("rebel agents against the Government of the United States sheltering in Mexico",
                           passage)


def test_a_plural_name_and_its_singular_are_one_name():
    passage = ("Our laws regulating trade with the Indian tribes east of the Rocky Mountains should be extended "
               "to such tribes as dwell beyond them.")
    assert "name" not in kinds("the laws governing trade with Indian tribes should be extended to the tribes "
                               "west of the Rockies", passage)


def test_he_is_a_person_not_the_place_before_it():
    passage = ("I criticized Mr. Nixon because in his press conference in Havana in 1955, he praised the "
               "competence and stability of the Batista dictatorship.")
    report = "Nixon had praised the competence and stability of Batista's regime at a news conference in Havana"
    assert "actor" not in kinds(report, passage)
    assert "actor" in kinds("Castro had praised the competence and stability of Batista's regime at a news "
                            "conference in Havana", passage)


def test_a_refusal_and_an_impossibility_are_one_negated_outcome():
    passage = "Prosperity cannot be restored by raids upon the Public Treasury."
    assert kinds("good times would not return through raids upon the Public Treasury", passage) == []
    assert kinds("prosperity could not be restored through raids upon the Public Treasury", passage) == []


def test_nouns_under_one_negated_predicate_are_not_compared_one_by_one():
    passage = "It reminds us that the world will not be the same for our children, or even for ourselves."
    assert kinds("it was a reminder that the world would look different for Americans' children", passage) == []


# ... and from the errors of the second test split (reported/dev/items-4, items-5 since).

def test_a_negated_bound_turns_over():
    passage = ("The expenditure upon this scale for those captured on board the Wildfire will not be less than "
               "$100,000, and may considerably exceed that sum.")
    assert kinds("caring for the Wildfire's captives would cost at least $100,000", passage) == []
    assert "quantifier" in kinds("caring for the Wildfire's captives would cost at most $100,000", passage)


def test_a_fraction_of_a_magnitude_and_a_percentage_in_words():
    passage = ("We cut over a quarter of a trillion dollars in spending. We've had a 25-percent reduction since "
               "the first year I was in office.")
    assert kinds("his administration had eliminated more than $250 billion in spending", passage) == []
    assert "number" in kinds("his administration had eliminated more than $350 billion in spending", passage)
    assert kinds("imports were down by a quarter since his first year in office", passage) == []


def test_the_fourth_of_july_is_a_day_not_a_fraction():
    passage = "I therefore invite the good people of the United States, on the approaching 4th day of July, to mark it."
    assert "number" not in kinds("Grant invited Americans to mark the coming Fourth of July", passage)


def test_no_less_is_as_much():
    passage = ("If the admission of loyal members was wise and expedient a year ago, it is no less wise and "
               "expedient now.")
    assert "negation" not in kinds("seating loyal members was just as wise as it had been a year earlier", passage)


def test_a_not_after_a_noun_negates_what_follows():
    passage = "Officeholders are the agents of the people, not their masters."
    assert kinds("officeholders served as agents of the people rather than as its masters", passage) == []


def test_wanting_to_thank_is_thanking():
    passage = ("First of all, I want to express my deep thanks to the leaders who have come here from 27 nations "
               "in our own hemisphere, 20 heads of state, for this historic occasion.")
    assert kinds("Carter thanked the leaders of 27 Western Hemisphere countries, 20 of them heads of state, for "
                 "attending", passage) == []
