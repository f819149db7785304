"""Temporal expressions (issue 17, step 1): type, extent and TIMEX3 value on news sentences, for each
expression type, each tense and each kind of anchoring; and the TempEval-3 scorer of bench/tempeval.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sourcecheck.timex import Timex, find_timexes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from second_corpus import read_timex2  # noqa: E402
from tempeval import Span, Tally, measures, read_tml, score_document  # noqa: E402

# A Friday: the creation time of every article below unless a test says otherwise.
DCT = "2013-03-22"


def tagged(text: str, dct: str = DCT) -> dict[str, Timex]:
    found = find_timexes(text, dct)
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
    return {timex.text: timex for timex in found}


def test_explicit_date_with_weekday_and_year():
    t = tagged("The treaty was signed on Friday, March 22, 2013, in Geneva, officials said.")
    assert (t["Friday, March 22, 2013"].type, t["Friday, March 22, 2013"].value) == ("DATE", "2013-03-22")


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Police arrested the suspect on Monday after a week-long search.", "Monday", "2013-03-18"),
        ("The court will hear the case on Monday, the judge said.", "Monday", "2013-03-25"),
        ("The minister said talks would resume on Monday.", "Monday", "2013-03-25"),
        ("The company has cut 300 jobs since Wednesday.", "Wednesday", "2013-03-20"),
        ("Sales fell sharply in November, the agency said.", "November", "2012-11"),
        ("The new rules will take effect in November.", "November", "2013-11"),
    ],
)
def test_tense_decides_which_weekday_or_month(sentence, expression, value):
    assert tagged(sentence)[expression].value == value


def test_a_deadline_named_in_a_past_tense_sentence_is_still_ahead():
    t = tagged("The board set April 5 as the deadline for competing bids.")
    assert t["April 5"].value == "2013-04-05"


def test_days_weeks_and_years_relative_to_the_creation_time():
    t = tagged("The minister resigned yesterday, the talks collapsed last week, elections are due next year "
               "and the report was leaked two weeks ago.")
    assert {k: v.value for k, v in t.items()} == {
        "yesterday": "2013-03-21", "last week": "2013-W11", "next year": "2014", "two weeks ago": "2013-W10",
    }
    assert all(v.anchor == "DCT" for v in t.values())


def test_anchored_to_the_latest_date_in_the_text():
    t = tagged("The ceasefire began on June 5, 2012. Two days later, fighting resumed in the north. "
               "The next day, the envoy left the capital.")
    assert t["June 5, 2012"].value == "2012-06-05"
    assert (t["Two days later"].value, t["Two days later"].anchor) == ("2012-06-07", "2012-06-05")
    assert (t["The next day"].value, t["The next day"].anchor) == ("2012-06-08", "2012-06-07")


def test_that_year_is_the_year_the_text_named():
    t = tagged("The army withdrew in 1989. Later that year, the government fell.")
    assert (t["Later that year"].value, t["Later that year"].anchor) == ("1989", "1989")


def test_a_year_earlier_after_a_quarter_is_that_quarter_a_year_before():
    t = tagged("Revenue in the fourth quarter of 2012 was 8% higher than a year earlier.")
    assert t["the fourth quarter of 2012"].value == "2012-Q4"
    assert t["a year earlier"].value == "2011-Q4"


def test_durations_with_modifiers_and_as_adjectives():
    t = tagged("The strike lasted three weeks, the longest in more than two decades, and ended a 10-year truce.")
    assert (t["three weeks"].type, t["three weeks"].value) == ("DURATION", "P3W")
    assert (t["more than two decades"].value, t["more than two decades"].mod) == ("P20Y", "MORE_THAN")
    assert t["10-year"].value == "P10Y"
    assert tagged("Rescuers searched for 36 hours.")["36 hours"].value == "PT36H"


def test_times_of_day():
    t = tagged("The vote was held at 10:30 a.m. Tuesday, and the results came in this morning.")
    assert (t["10:30 a.m. Tuesday"].type, t["10:30 a.m. Tuesday"].value) == ("TIME", "2013-03-19T10:30")
    assert (t["this morning"].type, t["this morning"].value) == ("TIME", "2013-03-22TMO")
    assert tagged("Protesters gathered again Thursday night.")["Thursday night"].value == "2013-03-21TNI"


def test_sets():
    t = tagged("The committee meets every Thursday, the bulletin is published daily and the board convenes "
               "twice a year.")
    assert all(v.type == "SET" for v in t.values())
    assert {k: v.value for k, v in t.items()} == {
        "every Thursday": "XXXX-WXX-4", "daily": "P1D", "twice a year": "P1Y",
    }


def test_present_past_and_future_references():
    t = tagged("The plant is currently closed; it was recently sold and may reopen in the future.")
    assert {k: v.value for k, v in t.items()} == {
        "currently": "PRESENT_REF", "recently": "PAST_REF", "the future": "FUTURE_REF",
    }


def test_quarters_seasons_decades_centuries_and_modifiers():
    t = tagged("Profit rose in the third quarter. The drought last summer was the worst since the 1990s, and "
               "perhaps of the 20th century. Prices rose in early 2013 and again in mid-March.")
    assert t["the third quarter"].value == "2012-Q3"
    assert t["last summer"].value == "2012-SU"
    assert t["the 1990s"].value == "199X"
    assert t["the 20th century"].value == "19XX"
    assert (t["early 2013"].value, t["early 2013"].mod) == ("2013", "START")
    assert (t["mid-March"].value, t["mid-March"].mod) == ("2013-03", "MID")


def test_holidays():
    t = tagged("Shoppers spent less over Thanksgiving than in 2011.", dct="2012-11-26")
    assert t["Thanksgiving"].value == "2012-11-22"


def test_names_numbers_and_modals_are_not_times():
    t = tagged("Theresa May said the company employs 2000 workers and may cut 500 jobs in March.")
    assert {k: v.value for k, v in t.items()} == {"March": "2013-03"}


def test_offsets_are_into_the_text_given():
    text = "\n\nBEIRUT (AP) — Shelling resumed on Sunday.\n"
    (timex,) = find_timexes(text, DCT)
    assert (timex.start, timex.end, timex.value) == (text.index("Sunday"), text.index("Sunday") + 6, "2013-03-17")


TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>Rebels <EVENT eid="e1">attacked</EVENT> the town <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> of calm.</TEXT>
</TimeML>
"""


def test_scorer_reads_timeml_and_scores_with_the_tempeval3_measures(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_tml(path)
    assert document.dct == "2013-03-22"
    assert document.text == "Rebels attacked the town yesterday after three weeks of calm."
    assert [(g.text, g.value) for g in document.gold] == [("yesterday", "2013-03-21"), ("three weeks", "P3W")]
    tally = Tally()
    system = [Span(25, 34, "DATE", "2013-03-21", "yesterday"), Span(35, 52, "DURATION", "P2W", "after three weeks"),
              Span(0, 6, "DATE", "PAST_REF", "Rebels")]
    score_document(tally, system, document.gold, path.name)
    m = measures(tally)
    assert (m["strict_p"], m["strict_r"]) == (1 / 3, 1 / 2)
    assert (m["relaxed_p"], m["relaxed_r"]) == (2 / 3, 1.0)
    assert m["value_accuracy"] == 0.5 and m["value_f1"] == pytest.approx(0.8 * 0.5)
    assert m["type_accuracy"] == 1.0


TIMEX2_DOC = """<DOC>
<DOCID>99_Example</DOCID>
<DATETIME> <TIMEX2 val="2009-12-19T17:00:00">2009-12-19T17:00:00</TIMEX2> </DATETIME>
<TEXT>
The siege lasted until <TIMEX2 VAL="P1W" anchor_dir="ENDING">the last week of <TIMEX2 val="1918-10">October</TIMEX2></TIMEX2>, \
and for <TIMEX2>a period of calm</TIMEX2> nothing moved.
</TEXT>
</DOC>
"""


def test_wikiwars_reader_keeps_the_outermost_timex2_and_its_val(tmp_path):
    path = tmp_path / "99_Example.key.xml"
    path.write_text(TIMEX2_DOC, encoding="utf-8")
    read = read_timex2(path)
    assert read.document.dct == "2009-12-19"
    assert [(g.text, g.value, g.type) for g in read.document.gold] == [
        ("the last week of October", "P1W", ""), ("a period of calm", "", "")]
    assert all(read.document.text[g.start:g.end] == g.text for g in read.document.gold)
    assert (read.nested, read.without_value) == (1, 1)


def test_a_parse_the_caller_already_has_gives_the_same_tenses():
    from sourcecheck.attribution.parsing import load_nlp

    text = "Talks will resume on Monday.\nThe envoy left on Monday."
    parsed = load_nlp()(text)
    assert [t.value for t in find_timexes(text, DCT, parsed)] == [t.value for t in find_timexes(text, DCT)] == [
        "2013-03-25", "2013-03-18",
    ]


def test_a_creation_time_that_is_not_a_date_is_refused_in_one_sentence():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        find_timexes("The vote was held on Friday.", "last Tuesday")


def test_years_before_a_plural_noun_when_the_context_says_year():
    t = tagged("Sales will be slightly above fiscal 1989 sales, after the group began to fall apart in mid-1996 "
               "and the 1992 protests; the plant employs 2000 workers.")
    assert {k: v.value for k, v in t.items()} == {"fiscal 1989": "1989", "mid-1996": "1996", "1992": "1992"}
    assert t["mid-1996"].mod == "MID"


def test_ends_of_periods_and_last_month_day():
    t = tagged("The company aims to complete the sale by the end of the year. The doctor was shot last Oct. 23 "
               "at his home.")
    assert (t["the end of the year"].value, t["the end of the year"].mod) == ("2013", "END")
    assert t["last Oct. 23"].value == "2012-10-23"


def test_report_codes_and_day_first_numeric_dates():
    t = tagged("Revenue rose in Q3 2012 and again in Q4; FY2012 results were filed on 22/03/2013.")
    assert {k: v.value for k, v in t.items()} == {
        "Q3 2012": "2012-Q3", "Q4": "2012-Q4", "FY2012": "2012", "22/03/2013": "2013-03-22",
    }


def test_a_day_without_a_year_falls_in_the_year_the_account_is_set_in():
    text = ("In the early hours of November 2, 2016, two police officers were shot in their cars. The suspect "
            "was released from the hospital on November 3. A week later he was charged with murder.")
    values = {t.text: t.value for t in find_timexes(text, "2019-07-30")}
    assert values["November 3"] == "2016-11-03"
    assert values["A week later"] == "2016-W45"
    # a year read off the creation time ("payable Jan. 2") sets no account year
    news = "The reduced dividend is payable Jan. 2 to stock of record Dec. 15."
    values = {t.text: t.value for t in find_timexes(news, "1989-11-02")}
    assert values["Dec. 15"] == "1989-12-15"


def test_years_ago_today_is_one_day():
    found = find_timexes("Sixty-four years ago today, East German soldiers began to build the wall.", "2025-08-13")
    assert [(t.text, t.value) for t in found] == [("Sixty-four years ago today", "1961-08-13")]
    found = find_timexes("Ten years ago yesterday, the treaty entered into force.", "2025-08-13")
    assert [(t.text, t.value) for t in found] == [("Ten years ago yesterday", "2015-08-12")]


def test_years_and_decades_in_words():
    text = "In nineteen ninety-six the plant closed; by the year two thousand the nineties' boom was over."
    assert [(t.text, t.value) for t in find_timexes(text, "1998-02-13")] == [
        ("nineteen ninety-six", "1996"), ("the year two thousand", "2000"), ("the nineties", "199X")]
    # a count and an age are not years
    assert find_timexes("Nineteen twenty-five people came; she is in her nineties.", "1998-02-13") == []


def test_the_year_month_or_week_of_the_account_and_the_year_ended():
    text = ("For the year, pet food volume was flat, the company said. Sales for the full year rose 13%. "
            "The businesses had revenue of $76 million for the year ended March 31. Friday's profit-taking "
            "followed the week's buying fever.")
    found = [(x.text, x.type, x.value) for x in find_timexes(text, "1989-11-01")]
    assert found == [
        ("the year", "DATE", "1989"), ("the full year", "DATE", "1989"),
        ("the year", "DURATION", "P1Y"), ("March 31", "DATE", "1989-03-31"),  # twelve months to March 31
        ("Friday", "DATE", "1989-10-27"), ("the week", "DATE", "1989-W43"),  # the week of that Friday
    ]
    # in a war history the year is the one the account has reached, not the creation time's
    history = "On 20 July 1936 the rebels took Seville. Later in the year the front stabilised."
    assert tagged(history, dct="2009-12-19")["the year"].value == "1936"
    # "the year before", "the month of May", "the week-long strike" are not this rule's
    assert [x.text for x in find_timexes("Sales fell from the year before; the week-long strike ended.",
                                         "1989-11-01")] == []


def test_a_day_named_in_a_past_tense_clause_is_the_last_one_unless_it_is_weeks_away():
    t = tagged("Investigators have searched for Kopp since shortly after the Oct. 23 slaying.", dct="1999-05-06")
    assert t["Oct. 23"].value == "1998-10-23"
    # a deadline a few weeks ahead, reported in the past tense, is still the coming one
    t = tagged("The union said the contract would run out on Nov. 10.", dct="1999-10-28")
    assert t["Nov. 10"].value == "1999-11-10"


def test_that_quarter_each_month_and_a_couple_of_years():
    t = tagged("Profit rose in the third quarter. In that quarter sales jumped. The board meets each July and "
               "expects growth over the next couple of years.", dct="1989-10-27")
    assert t["that quarter"].value == "1989-Q3"
    assert (t["each July"].type, t["each July"].value) == ("SET", "XXXX-07")
    assert t["the next couple of years"].value == "P2Y"


def test_the_article_of_a_noun_a_hyphenated_expression_modifies_stays_outside():
    t = tagged("The third-quarter loss widened, and the 30-day review ends soon. Under a June agreement the "
               "bank will sell itself.", dct="1989-10-27")
    assert (t["third-quarter"].value, t["30-day"].value) == ("1989-Q3", "P30D")
    assert t["June"].type == "DATE"
    # a noun keeps its article: "the third quarter" is the expression
    assert tagged("Profit fell in the third quarter.", dct="1989-10-27")["the third quarter"].value == "1989-Q3"


def test_later_counts_from_the_year_or_month_the_account_has_reached():
    text = ("The plant closed in 2009. The following year it reopened, and two years later it was sold. "
            "That winter the workers struck.")
    assert [(t.text, t.value) for t in find_timexes(text, "2013-03-22")] == [
        ("2009", "2009"), ("The following year", "2010"), ("two years later", "2012"), ("That winter", "2012-WI")]
    t = tagged("The talks began in March 2011. Two months later the envoy returned.")
    assert t["Two months later"].value == "2011-05"
    # a report's "a year earlier" still compares with the quarter reported on, and a day named last
    # still anchors "two days later"
    t = tagged("Profit rose in the third quarter; a year earlier it fell. On Oct. 3 the firm said so, and two "
               "days later it sold the unit.", dct="1989-10-27")
    assert (t["a year earlier"].value, t["two days later"].value) == ("1988-Q3", "1989-10-05")


def test_bare_plurals_after_within_and_parts_of_the_day_told_of():
    t = tagged("Troops could be committed within weeks; sales grew for the first time in years.")
    assert (t["weeks"].value, t["years"].value) == ("PXW", "PXY")
    assert "days" not in tagged("It is a matter of days before the ruling.")
    text = ("Dealers said that on Friday heavy buy orders came in the morning, and by mid-afternoon prices had "
            "eased. In London at mid-afternoon yesterday, shares fell. The convoy leaves at 4 in the morning.")
    found = [(x.text, x.type, x.value) for x in find_timexes(text, "1989-10-28")]
    assert found == [
        ("Friday", "DATE", "1989-10-27"), ("the morning", "TIME", "1989-10-27TMO"),
        ("mid-afternoon", "TIME", "1989-10-27TAF"), ("mid-afternoon yesterday", "TIME", "1989-10-27TAF"),
        ("4 in the morning", "TIME", "1989-10-28T04:00"),
    ]
