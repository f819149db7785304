"""The timeline stage and `sourcecheck timeline`: dates with the events they date, expressions
anchored to events ("two days after the signing") resolved against the anchor's date, the
chronology, and the command's text and JSON on realistic news text."""

from __future__ import annotations

import json

import pytest

from sourcecheck.ingest import Metadata, ingest_bytes
from sourcecheck.libraries import open_library
from sourcecheck.timeline import build_timeline

MINSK = (
    "The agreement was signed on 12 February in Minsk by the four leaders after a long debate among the delegations. "
    "Two days after the signing, the ceasefire took effect across the region. "
    "Shortly after the signing, rebels shelled the town of Debaltseve, and fighting went on until the "
    "withdrawal of heavy weapons on 24 February. "
    "The town had been besieged since the collapse of the September truce. "
    "Weeks before the signing, troops gathered near the border.\n\n"
    "Monitors counted dozens of violations during the summit."  # a paragraph without a date
)


def anchored(text: str, dct: str, library=None):
    return {a.text: a for a in build_timeline(text, dct, library=library).anchored}


def test_a_date_comes_with_the_event_it_dates():
    timeline = build_timeline(MINSK, "2015-02-27")
    signed = next(d for d in timeline.timexes if d.timex.text == "12 February")
    assert signed.timex.value == "2015-02-12"
    assert signed.event is not None and "agreement was signed" in signed.event.phrase
    assert MINSK[signed.event.span.start:signed.event.span.end].startswith("The agreement was signed")
    assert (signed.interval.begin, signed.interval.granularity) == ("2015-02-12", "day")


def test_an_offset_from_an_event_the_article_dates_elsewhere():
    found = anchored(MINSK, "2015-02-27")["Two days after the signing"]
    assert (found.relation, found.offset) == ("after", "P2D")
    assert found.anchor.phrase == "the signing"
    assert found.anchor_date.value == "2015-02-12" and found.anchor_date.evidence == "text"
    assert MINSK[found.anchor_date.span.start:found.anchor_date.span.end] == "12 February"
    assert (found.interval.begin, found.interval.end, found.interval.granularity) == ("2015-02-14", "2015-02-14", "day")
    assert found.event is not None and "ceasefire took effect" in found.event.phrase


@pytest.mark.parametrize(("expression", "relation", "begin", "end"), [
    ("Shortly after the signing", "after", "2015-02-12", "2015-02-12"),  # the same day
    ("after a long debate among the delegations", "after", "2015-02-12", None),  # dated by its sentence; open
    ("during the summit", "during", None, None),  # the summit is not dated: unresolved
    ("Weeks before the signing", "before", None, "2015-02-12"),  # a vague amount: open on the far side
])
def test_relations_and_amounts(expression, relation, begin, end):
    found = anchored(MINSK, "2015-02-27")[expression]
    assert found.relation == relation
    if expression == "during the summit":
        assert found.interval is None
    else:
        assert (found.interval.begin, found.interval.end) == (begin, end)


def test_since_until_and_during():
    text = ("The Green Belt Movement has planted 30 million trees since its founding in 1977. "
            "The embargo stays in force until the court's ruling on 3 March 2005. "
            "Two delegates walked out during the vote on 14 January 2005.")
    found = anchored(text, "2005-02-01")
    since = found["since its founding in 1977"]
    assert (since.relation, since.interval.begin, since.interval.end, since.interval.granularity) == \
        ("since", "1977", "2005-02-01", "year")
    until = found["until the court's ruling on 3 March 2005"]
    assert (until.relation, until.interval.begin, until.interval.end) == ("until", None, "2005-03-03")
    during = found["during the vote on 14 January 2005"]
    assert (during.relation, during.interval.begin, during.interval.end) == ("during", "2005-01-14", "2005-01-14")


def test_calendar_anchors_and_reasons_are_not_events():
    text = ("Prices have risen since 1958 and will stay fixed until October 10. "
            "Since he is ill, the minister stayed home. She was second after Wal-Mart in sales.")
    assert anchored(text, "2016-05-01") == {}


def test_tense_decides_which_monday():
    text = "The minister resigned on Monday. The new minister will be sworn in on Monday."
    values = [d.timex.value for d in build_timeline(text, "2016-05-04").timexes]  # a Wednesday
    assert values == ["2016-05-02", "2016-05-09"]


def test_an_anchor_dated_by_the_library(library_url):
    library = open_library(library_url)
    try:
        doc = ingest_bytes(b"The national security strategy sets out the goals of the administration.", "nss.txt")
        library.add(doc, Metadata(title="Interim National Security Strategy", date="2021-03-03"))
        text = "Two weeks after the Interim National Security Strategy, the defence review began."
        found = anchored(text, "2021-06-01", library)["Two weeks after the Interim National Security Strategy"]
    finally:
        library.close()
    assert found.anchor_date.evidence == "library" and found.anchor_date.source_title.startswith("Interim")
    assert (found.interval.begin, found.interval.granularity) == ("2021-03-17", "day")


def test_the_chronology_is_in_calendar_order_with_unresolved_last():
    timeline = build_timeline(MINSK, "2015-02-27")
    keys = [e.interval.begin or e.interval.end for e in timeline.chronology if e.interval is not None]
    assert keys == sorted(keys)
    resolved = [e.interval is not None for e in timeline.chronology]
    assert resolved == sorted(resolved, reverse=True)
    texts = [e.text for e in timeline.chronology]
    assert texts.index("12 February") < texts.index("Two days after the signing") < texts.index("24 February")
    assert texts[-1] == "during the summit"


# ------------------------------------------------------------------ the command


@pytest.fixture()
def article(write):
    return write("minsk.txt", MINSK)


def test_cli_text_shows_each_entry_with_its_granularity(cli, article):
    code, out, err = cli("timeline", article, "--date", "2015-02-27")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("timeline (creation date 2015-02-27)")
    assert any(line.startswith("2015-02-14 (day)") and "Two days after the signing" in line for line in lines)
    assert any(line.startswith("2015-02-12 (day)") and "12 February" in line for line in lines)
    assert lines[-1].startswith("unresolved")


def test_cli_json_has_the_documented_fields(cli, article):
    code, out, err = cli("timeline", article, "--date", "2015-02-27", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "sourcecheck.timeline/1"
    assert data["article"]["text"][two_days_start(data):].startswith("Two days after the signing")
    timeline = data["timeline"]
    assert timeline["dct"] == "2015-02-27"
    two_days = next(a for a in timeline["anchored"] if a["text"] == "Two days after the signing")
    assert two_days["relation"] == "after" and two_days["offset"] == "P2D"
    assert two_days["anchor"]["phrase"] == "the signing"
    assert two_days["anchor_date"]["value"] == "2015-02-12" and two_days["anchor_date"]["evidence"] == "text"
    assert two_days["interval"] == {"begin": "2015-02-14", "end": "2015-02-14", "granularity": "day"}
    entry = timeline["chronology"][0]
    assert set(entry) == {"kind", "text", "start", "end", "interval", "event"}
    assert set(data) == {"schema", "generator", "article", "timeline"}
    assert set(timeline) == {"dct", "chronology", "timexes", "anchored", "checks"}
    assert set(two_days) == {"text", "start", "end", "relation", "offset", "mod", "anchor", "anchor_date", "interval",
                             "event"}
    assert set(two_days["anchor_date"]) == {"value", "granularity", "evidence", "start", "end", "source_id",
                                            "source_title"}
    assert set(timeline["timexes"][0]) == {"text", "start", "end", "type", "value", "mod", "anchored_to", "interval",
                                           "event"}
    text = data["article"]["text"]
    for item in timeline["timexes"] + timeline["anchored"] + timeline["chronology"]:
        assert text[item["start"]:item["end"]] == item["text"]


def two_days_start(data: dict) -> int:
    return next(a["start"] for a in data["timeline"]["anchored"] if a["text"] == "Two days after the signing")


def test_cli_takes_the_date_from_the_metadata(cli, write):
    path = write("2015-02-27-minsk.txt", MINSK)
    code, out, err = cli("timeline", path, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["timeline"]["dct"] == "2015-02-27"


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "27/02/2015"], "YYYY-MM-DD"),
    (["--date", "2015-02-30"], "not a date"),
    ([], "needs the article's date"),
])
def test_cli_bad_or_missing_date_is_one_line_and_exit_2(cli, write, args, message):
    path = write("undated.txt", "The talks ended on Tuesday, two days after the signing.")
    code, out, err = cli("timeline", path, *args)
    assert code == 2 and out == ""
    assert err.startswith("error:") and message in err and len(err.strip().splitlines()) == 1


def test_cli_a_missing_article_is_an_error(cli, tmp_path):
    code, _, err = cli("timeline", tmp_path / "nowhere.txt", "--date", "2015-02-27")
    assert code == 2 and err.startswith("error:")


def test_an_undated_article_without_relative_dates_needs_no_date(cli, write):
    path = write("plain.txt", "The treaty was signed on 12 February 2015 in Minsk.")
    code, out, err = cli("timeline", path)
    assert code == 0, err
    assert "2015-02-12 (day)" in out


def test_the_article_event_is_not_its_dateline():
    text = ("Friday, August 21, 2015\n\n"
            "North and South Korea exchanged artillery fire across the border on Thursday. "
            "Shortly after the attack, the South evacuated about 80 people from Yeoncheon.")
    found = anchored(text, "2015-08-21")["Shortly after the attack"]
    assert (found.interval.begin, found.interval.end) == ("2015-08-20", "2015-08-20")


CRASH = (
    "On 24 October 2016, a surveillance aircraft crashed shortly after take-off from Malta International "
    "Airport, killing all five people on board. The aircraft rolled sharply within four seconds of rotation. "
    "Less than three weeks before the crash, the aircraft had passed an inspection. "
    "The airport was closed for four hours after the crash. "
    "The day before the crash, the crew had flown a training mission. "
    "Prior to the accident, no fault had been reported, and the wreck stayed in place until after the "
    "investigators arrived. It was the deadliest accident in Malta since the crash of an Avro Vulcan bomber in 1975."
)


@pytest.mark.parametrize(("expression", "relation", "offset", "mod", "begin", "end"), [
    ("shortly after take-off from Malta International Airport", "after", None, None, "2016-10-24", "2016-10-24"),
    ("within four seconds of rotation", "after", "PT4S", "EQUAL_OR_LESS", "2016-10-24", "2016-10-24"),
    ("Less than three weeks before the crash", "before", "P3W", "LESS_THAN", "2016-10-03", "2016-10-24"),
    ("for four hours after the crash", "after", "PT4H", None, "2016-10-24", "2016-10-24"),
    ("The day before the crash", "before", "P1D", None, "2016-10-23", "2016-10-23"),
    ("Prior to the accident", "before", None, None, None, "2016-10-24"),
    ("after the investigators arrived", "after", None, None, None, None),  # an event of its own, undated
    ("since the crash of an Avro Vulcan bomber in 1975", "since", None, None, "1975", "2016-10-24"),
])
def test_each_kind_of_anchored_expression_in_an_accident_report(expression, relation, offset, mod, begin, end):
    found = anchored(CRASH, "2019-07-30")[expression]
    assert (found.relation, found.offset, found.mod) == (relation, offset, mod)
    if begin is None and end is None:
        assert found.interval is None
    else:
        assert (found.interval.begin, found.interval.end) == (begin, end)


def test_this_attack_is_the_one_just_told():
    text = ("On 16 May 1990 the IRA detonated a bomb under a military minibus in Wembley. "
            "After this attack, the IRA released a statement. "
            "On 1 June 1990 gunmen attacked soldiers at Lichfield station.")
    found = anchored(text, "2019-07-30")["After this attack"]
    assert found.anchor_date.value == "1990-05-16"
    assert (found.interval.begin, found.interval.end) == ("1990-05-16", None)


def test_years_since_an_undated_event_count_back_from_the_creation_date():
    text = "The new recording comes 20 years since the first single, which raised millions for famine relief."
    found = anchored(text, "2004-11-18")["20 years since the first single"]
    assert found.anchor_date.evidence == "creation"
    assert (found.interval.begin, found.interval.end, found.interval.granularity) == ("1984", "2004-11-18", "year")


def test_a_rule_or_a_plan_is_not_dated():
    text = ("On 8 November 2016 voters approved the proposal. Under the proposed constitution, a special "
            "election is held no more than 174 days after the office becomes vacant, and the state would "
            "hold a convention two years after it is admitted to the union.")
    found = anchored(text, "2016-11-09")
    assert found and all(a.interval is None for a in found.values())


def test_yesterday_dates_the_event_it_stands_in():
    text = ("North and South Korea exchanged artillery fire yesterday. After the exchange of fire, "
            "the South evacuated about 80 people.")
    found = anchored(text, "2015-08-21")["After the exchange of fire"]
    assert (found.interval.begin, found.interval.end) == ("2015-08-20", None)


KENNEDY = "Three days before Kennedy spoke, his predecessor had delivered a warning that is quoted widely today."


def test_an_author_speaking_is_dated_by_their_one_document_in_the_library(library_url):
    library = open_library(library_url)
    try:
        doc = ingest_bytes(b"Let the word go forth from this time and place, to friend and foe alike.", "jfk.txt")
        library.add(doc, Metadata(title="Inaugural address", author="John F. Kennedy", date="1961-01-20"))
        found = anchored(KENNEDY, "2025-01-20", library)["Three days before Kennedy spoke"]
    finally:
        library.close()
    assert found.anchor_date.evidence == "library" and found.anchor_date.value == "1961-01-20"
    assert (found.interval.begin, found.interval.end) == ("1961-01-17", "1961-01-17")
    assert found.event is not None and "predecessor had delivered" in found.event.phrase


def test_a_date_in_another_clause_does_not_date_the_anchor():
    found = anchored(KENNEDY, "2025-01-20")["Three days before Kennedy spoke"]
    assert found.interval is None  # "today" dates the quoting, not the speech


def test_seasons_and_reliance_are_not_events():
    text = ("The ministry will ask the Council before the summer. America's leadership depends upon its "
            "strength. Upon arrival in Halifax on 1 December 2004, the president thanked the city.")
    found = anchored(text, "2004-11-30")
    assert list(found) == ["Upon arrival in Halifax"]
