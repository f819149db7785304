"""Dating an anchor event the way a reader does: from where the same event is told (with number
agreement and its more specific wording), from the story's own time in an article that does not
speak from its creation date, and from the clause a date really dates."""

from __future__ import annotations

from sourcecheck.timeline import build_timeline


def anchored(text: str, dct: str):
    return {a.text: a for a in build_timeline(text, dct).anchored}


def interval(found) -> tuple[str | None, str | None]:
    assert found.interval is not None, found
    return found.interval.begin, found.interval.end


# An encyclopaedia copy taken in 2019 of an account of 2016: no dateline, no "yesterday".
ENCYCLOPAEDIA = (
    "The 2016 Riverside wildfires were a series of fires that began in late November 2016 in the hills above "
    "Riverside. The first fire was reported on November 23, 2016, near a hiking trail.\n\n"
    "On November 27, the fire spread across the ridge. On November 28, park employees observed that it had "
    "crossed the containment line, and the evacuation began that afternoon. Shortly after the evacuation, "
    "winds of 80 mph pushed the flames into the town. During the evacuation, three people were injured.\n\n"
    "Cleanup crews were still working on December 12, and officials announced a review two weeks after the "
    "evacuation."
)


def test_an_account_of_past_events_is_read_in_its_own_year_not_the_copy_s():
    timeline = build_timeline(ENCYCLOPAEDIA, "2019-07-30")
    values = {d.timex.text: d.timex.value for d in timeline.timexes}
    assert values["November 27"] == "2016-11-27"
    assert values["December 12"] == "2016-12-12"
    found = anchored(ENCYCLOPAEDIA, "2019-07-30")
    assert interval(found["Shortly after the evacuation"]) == ("2016-11-28", "2016-11-28")
    assert interval(found["two weeks after the evacuation"]) == ("2016-12-12", "2016-12-12")


def test_a_news_report_still_speaks_from_its_publication_day():
    report = ("Tuesday, September 22, 2015\n\nThe student was arrested at his school on September 14 after he "
              "brought a clock to class. In 2001, the school had banned such devices. Yesterday he visited "
              "the company's headquarters.")
    values = {d.timex.text: d.timex.value for d in build_timeline(report, "2015-09-22").timexes}
    assert values["September 14"] == "2015-09-14"  # not 2001, the last year named


def test_a_story_s_weekdays_move_forward_from_the_day_it_reached():
    text = ("Keith Scott was shot on September 20, 2016, in Charlotte. Protests followed the same evening.\n\n"
            "Protests continued late Tuesday and into early Wednesday, when police used tear gas.")
    values = {d.timex.text: d.timex.value for d in build_timeline(text, "2019-08-14").timexes}
    assert values["late Tuesday"] == "2016-09-20"
    assert values["early Wednesday"] == "2016-09-21"


def test_a_date_dates_its_own_clause_not_the_one_it_reports():
    text = ("In November 2016, county prosecutors decided not to charge the officer, concluding that the "
            "shooting was justified. Protests began after the shooting.")
    found = anchored(text, "2017-01-10")["after the shooting"]
    assert found.interval is None or found.interval.begin != "2016-11"


def test_a_relative_clause_dates_the_noun_it_describes():
    text = ("The Samarinda church bombing was a terrorist attack that occurred on 13 November 2016 when a man "
            "threw a bomb in front of a church. Police arrived shortly after the bombing.")
    assert interval(anchored(text, "2019-07-30")["shortly after the bombing"]) == ("2016-11-13", "2016-11-13")


def test_the_attack_is_the_shooting_told_first_and_not_other_years_attacks():
    text = ("On 9 October 2016 in Jerusalem, a gunman shot eight people from a car near the light rail stop.\n\n"
            "Most terrorist attacks on Israelis in 2015 were stabbings. The day of the shooting, the gunman was "
            "due to begin a prison sentence for assaulting a police officer in 2013. The day after the attack, "
            "the police sealed his home.")
    assert interval(anchored(text, "2019-07-30")["The day after the attack"]) == ("2016-10-10", "2016-10-10")


def test_a_date_after_since_bounds_a_stretch_and_does_not_date_its_clause():
    text = ("Sweden beat South Korea 1-0 yesterday. This was Sweden's first victory in an opening match since "
            "1958. After the match, the coach praised the team.")
    found = anchored(text, "2018-06-19")["After the match"]
    assert found.interval is None or not found.interval.begin.startswith("1958")


def test_a_participle_or_infinitive_takes_its_matrix_clause_s_date():
    chile = ("Former dictator Augusto Pinochet was placed under house arrest on Wednesday. The dictatorship "
             "ruled Chile from 1973 until 1990, gaining power after a military coup overthrew the president.")
    assert anchored(chile, "2005-01-06")["after a military coup overthrew the president"].interval.begin == "1973"
    canada = ("Friday, August 15, 2008\n\nA sensitive document was found on an Ottawa street today. In May, the "
              "minister was forced to resign after it became known that he had left secret papers at a "
              "friend's apartment.")
    found = anchored(canada, "2008-08-15")
    assert found["after it became known that he had left secret papers at a friend's apartment"] \
        .interval.begin == "2008-05"


def test_the_evening_following_an_event_is_its_day_the_morning_after_the_next():
    text = ("On September 29, 2016, a commuter train crashed into the station at 8:45 a.m. "
            "The evening following the crash, the governor visited the station. "
            "The morning after the crash, service resumed on two lines.")
    found = anchored(text, "2019-07-30")
    assert interval(found["The evening following the crash"]) == ("2016-09-29", "2016-09-29")
    assert interval(found["The morning after the crash"]) == ("2016-09-30", "2016-09-30")


def test_another_named_event_is_not_the_article_s_own():
    text = ("On 9 December 2016, the National Assembly voted to impeach the president. The motion passed "
            "with 234 votes, far more than the 200 it needed, after weeks of candlelight protests in the "
            "capital. The president's powers passed to the prime minister the same evening, and the "
            "Constitutional Court was given 180 days to rule on the case. Hearings began in late December, "
            "with the president's lawyers arguing that the charges were built on press reports. The court "
            "heard witnesses from the presidential office, the ministries and the foundations at the heart "
            "of the scandal, which had begun with a tablet computer found in an office.\n\n"
            "The first hearing focused on the whereabouts of the president seven hours after the Sewol "
            "ferry sinking.")
    assert len(text.split("\n\n")[0]) > 600  # the other event is named after the article's opening
    found = anchored(text, "2019-07-30")["seven hours after the Sewol ferry sinking"]
    assert found.interval is None


def test_the_next_step_of_a_story_takes_the_day_its_paragraph_reached_and_background_stays_open():
    text = ("A surveillance aircraft crashed on take-off from Malta International Airport, killing all five "
            "people on board.\n\n"
            "At 07:20 on 24 October 2016, the aircraft began its takeoff roll. After leaving the ground, it "
            "pitched sharply upwards and rolled to the right.\n\n"
            "The pilot joined the company after leaving the air force.")
    found = anchored(text, "2016-10-25")
    assert interval(found["After leaving the ground"]) == ("2016-10-24", None)
    assert found["after leaving the air force"].interval is None


def test_a_relative_clause_on_the_anchor_dates_it():
    text = ("Wednesday, April 13, 2011\n\nNASA announced today where its retired shuttles will go. Atlantis "
            "will go on display at the Kennedy Space Center following the orbiter's last flight, which "
            "launches June 28.")
    assert interval(anchored(text, "2011-04-13")["following the orbiter's last flight"]) == ("2011-06-28", None)


def test_the_anchor_leaves_out_what_is_coordinated_after_it():
    text = ("Sunday, September 4, 2016\n\nCounting in the Legislative Council election began late today. "
            "At one polling station, after the polls closed at 22:30, with the long queues outside the "
            "station the last ballot there was cast at 2:30 the next day.")
    found = {a.anchor.phrase for a in build_timeline(text, "2016-09-04").anchored}
    assert "the polls closed at 22:30" in found


def test_a_phase_of_an_event_is_dated_as_that_event():
    text = ("Saturday, September 12, 2015\n\nA crane collapsed onto the Grand Mosque in Mecca yesterday, killing "
            "at least 107 people, just ten days before the beginning of the Hajj.\n\n"
            "The bombing of the station took place on 3 March 2015. Police closed the road at the start of "
            "the bombing.")
    found = anchored(text, "2015-09-12")
    assert found["just ten days before the beginning of the Hajj"].interval is None  # the Hajj is not dated
    assert interval(found["at the start of the bombing"]) == ("2015-03-03", "2015-03-03")


def test_the_deadliest_since_ends_at_the_event_not_at_an_earlier_date_of_its_sentence():
    text = ("On 9 October 2016 in Jerusalem, a gunman shot eight people near the light rail stop.\n\n"
            "Most attacks on Israelis in 2015 were stabbings, making this the deadliest attack on Israelis "
            "since the June 2016 Tel Aviv shooting.")
    found = anchored(text, "2019-07-30")["since the June 2016 Tel Aviv shooting"]
    assert interval(found) == ("2016-06", "2016-10-09")


def test_less_than_weeks_before_a_month_reaches_back_into_the_month_before():
    text = ("The Rose & Crown Bar bombing took place just less than two weeks before the start of the Ulster "
            "Workers' Council strike of May 1974.")
    found = anchored(text, "2019-07-30")
    key = next(k for k in found if k.startswith("just less than two weeks before"))
    assert interval(found[key]) == ("1974-04", "1974-05")


def test_a_when_clause_after_a_date_happens_on_that_date():
    text = ("Tuesday, November 30, 2004\n\nThe official 26-hour visit will take the American President to "
            "Canada's capital city, Ottawa and to Halifax, where he will pay tribute to the hospitality shown "
            "by Canadians on September 11, 2001, when, after the U.S. closed its airspace, more than 200 "
            "flights were diverted to Canadian airports.")
    assert interval(anchored(text, "2004-11-30")["after the U.S. closed its airspace"]) == ("2001-09-11", None)


def test_a_date_the_preposition_also_governs_belongs_to_the_anchor():
    text = ("Thursday, February 23, 2023\n\nDuring Prime Minister's Questions Wednesday, the Prime Minister "
            "defended the new asylum questionnaire.")
    found = anchored(text, "2023-02-23")["During Prime Minister's Questions Wednesday"]
    assert interval(found) == ("2023-02-22", "2023-02-22")


def test_the_same_verb_and_object_told_again_with_its_date_dates_the_anchor():
    text = ("Tuesday, September 22, 2015\n\nA 14-year-old boy was arrested at his school by police after he "
            "brought a clock to school. The boy brought the clock to school on September 14, and a teacher "
            "thought it looked like a bomb.")
    found = anchored(text, "2015-09-22")["after he brought a clock to school"]
    assert interval(found) == ("2015-09-14", None)  # not the dateline the parser ran into the sentence
