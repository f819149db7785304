"""Quotations: marks, apostrophes, continuation, interruption, block quotes and kinds."""

from __future__ import annotations

import pytest

from sourcecheck.ingest import ingest_bytes
from sourcecheck.quotes import find_quotes


def quotes_of(text: str, name: str = "a.txt"):
    doc = ingest_bytes(text.encode("utf-8"), name=name)
    return doc, find_quotes(doc)


def texts(text: str, name: str = "a.txt") -> list[str]:
    return [q.text for q in quotes_of(text, name)[1]]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will not yield" today.', ["we will not yield"]),
    ("He said “we will not yield” today.", ["we will not yield"]),
    ("He said ‘we will not yield’ today.", ["we will not yield"]),
    ("Le Monde wrote «nous ne céderons pas» hier.", ["nous ne céderons pas"]),
    ("Die Zeitung schrieb „wir geben nicht nach“ gestern.", ["wir geben nicht nach"]),
    ("Die Zeitung schrieb »wir geben nicht nach« gestern.", ["wir geben nicht nach"]),
    ("« Nous refusons », a déclaré le ministre.", ["Nous refusons"]),
])
def test_every_kind_of_quote_mark(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text", [
    "Russia’s claims and the ministry's plan were rejected, he said.",
    "It was the ’90s, and rock ’n’ roll still ruled the charts in the '80s too.",
    "The workers' union and the players’ lounge were closed.",
    "A 6'2\" guard and a 12\" pipe were on the list, along with 5' 11\" of rope.",
    "Don’t, won't and O’Brien's can't be quotes.",
])
def test_apostrophes_and_measures_are_not_quotes(text):
    assert texts(text) == []


def test_apostrophes_inside_a_quote_do_not_end_it():
    assert texts("She said: “Russia’s army isn’t what it was in the ’90s.” Then she left.") == [
        "Russia’s army isn’t what it was in the ’90s."]


@pytest.mark.parametrize("text", ["“He told me ‘never again’ and left,” she said.",
                                  "‘He told me “never again” and left,’ she said."])
def test_a_nested_quote_is_reported_too_inside_the_outer_one(text):
    _, (outer, inner) = quotes_of(text)
    assert outer.text in ("He told me ‘never again’ and left,", "He told me “never again” and left,")
    assert inner.text == "never again" and inner.inside == outer.index and outer.inside is None
    assert outer.outer.contains(inner.outer)


def test_quote_continued_into_next_paragraph_is_one_quote():
    text = ('"This is the first paragraph of a long quote, which goes on.\n\n'
            '"And this is the second," she said.\n\nNext paragraph.')
    doc, found = quotes_of(text)
    assert [q.text for q in found] == ["This is the first paragraph of a long quote, which goes on. "
                                       "And this is the second,"]
    assert len(found[0].segments) == 2
    assert all(doc.text[s.start : s.end] in text for s in found[0].segments)


def test_unclosed_quote_not_continued_is_kept_to_its_paragraph_end():
    found = texts('He said "we will never give in.\n\nThe next paragraph is narration.')
    assert found == ["we will never give in."]


def test_interrupted_quote_is_two_spans_in_one_group():
    doc, found = quotes_of("“Should deterrence fail,” the summary states, “the Joint Force is prepared to win.”")
    assert [q.text for q in found] == ["Should deterrence fail,", "the Joint Force is prepared to win."]
    assert found[0].group == found[1].group
    assert {q.kind for q in found} == {"direct"}


def test_separate_quotes_are_not_grouped():
    _, found = quotes_of('The plan was "reckless", he said, and "a waste of money" too. '
                         'Later a "red line" came up.')
    assert len({q.group for q in found}) == 3


def test_quote_spanning_a_line_break_in_the_file_is_one_quote():
    assert texts('He said "we will\nnot yield to\nthreats" and left.') == ["we will not yield to threats"]


def test_block_quotes_in_markdown_and_html_with_credit_line():
    md = "The letter reads:\n\n> We ask not for favours.\n> We ask for justice.\n>\n> — Mary Doe\n\nAfter it.\n"
    doc, found = quotes_of(md, "a.md")
    assert [(q.kind, q.text) for q in found] == [("block", "We ask not for favours. We ask for justice.")]
    html = ("<html><body><article><p>" + "Some article text that is long enough to count. " * 4 + "</p>"
            "<blockquote><p>“Ask not what your country can do for you.”</p></blockquote>"
            "<p>" + "More of the article follows here in a paragraph. " * 3 + "</p></article></body></html>")
    doc, found = quotes_of(html, "a.html")
    assert [(q.kind, q.text) for q in found] == [("block", "Ask not what your country can do for you.")]


@pytest.mark.parametrize("text, kind", [
    ('Keller said: "We will not back down. Not now, not ever."', "direct"),
    ('"We will not back down," Keller said.', "direct"),
    ('Keller said the plan would "put lives at risk for no reason" and left.', "partial"),
    ('The so-called "reforms" were a sham.', "scare"),
])
def test_formal_kinds(text, kind):
    assert [q.kind for q in quotes_of(text)[1]] == [kind]


def test_spans_point_at_the_quoted_words():
    doc, found = quotes_of('Intro.\n\nThe minister said “we will not yield” on Monday.')
    q = found[0]
    assert doc.text[q.start : q.end] == "we will not yield"
    assert doc.text[q.outer.start : q.outer.end] == "“we will not yield”"
