"""Text reuse between articles, plain Python: passages, their spans, and which article came first."""

from __future__ import annotations

from sourcecheck.reuse import ReuseArticle, date_order, find_reuse, shingle_hash

PASSAGE = ("The harbour board agreed on Tuesday to close the northern quay for eighteen months while engineers "
           "rebuild the sea wall that failed during the winter storms")


def article(index: int, path: str, text: str, date: str | None = None) -> ReuseArticle:
    return ReuseArticle(index, path, path.title(), date, text)


def test_shared_passage_found_with_spans_in_each_article():
    a = article(0, "a.txt", f"Local news. {PASSAGE}. Residents were told nothing more.", "2024-05-01")
    b = article(1, "b.txt", f"In brief: “{PASSAGE.lower()},” a notice said.", "2024-05-03")
    c = article(2, "c.txt", "A different story about the cup final and the crowd that came to watch it play out.")
    (record,) = find_reuse([a, b, c])
    assert (record["first"]["path"], record["second"]["path"], record["order"]) == ("a.txt", "b.txt", "by_date")
    (passage,) = record["passages"]
    assert passage["first"]["text"] == PASSAGE
    assert a.text[passage["first"]["start"] : passage["first"]["end"]] == PASSAGE
    assert b.text[passage["second"]["start"] : passage["second"]["end"]] == PASSAGE.lower()
    assert record["shared_words"] == len(PASSAGE.split())


def test_the_earlier_article_comes_first_whatever_the_path_order():
    later = article(0, "a-later.txt", f"Copied: {PASSAGE}.", "2024-06-10")
    earlier = article(1, "b-earlier.txt", f"Original: {PASSAGE}.", "2024-05-01")
    (record,) = find_reuse([later, earlier])
    assert (record["first"]["path"], record["order"]) == ("b-earlier.txt", "by_date")
    assert record["passages"][0]["first"]["start"] == len("Original: ")


def test_same_day_and_undated_pairs_make_no_claim_and_keep_path_order():
    for date_a, date_b, order in [("2024-05-01", "2024-05-01", "same_date"), (None, "2024-05-01", "unknown"),
                                  ("spring 2024", "2024-05-01", "unknown")]:
        (record,) = find_reuse([article(0, "x.txt", PASSAGE, date_a), article(1, "y.txt", PASSAGE, date_b)])
        assert (record["first"]["path"], record["order"]) == ("x.txt", order)
    assert date_order("2024-05-01T09:00", "2024-05-02") == "earlier"
    assert date_order("2024-02-30", "2024-05-02") == "unknown"


def test_a_changed_word_keeps_one_passage_a_short_overlap_is_not_reuse():
    changed = PASSAGE.replace("eighteen", "twenty")
    (record,) = find_reuse([article(0, "a.txt", PASSAGE), article(1, "b.txt", changed)])
    (passage,) = record["passages"]
    assert passage["first"]["text"] == PASSAGE and passage["second"]["text"] == changed
    seven_words = "close the northern quay for eighteen months"
    assert find_reuse([article(0, "a.txt", f"One {seven_words} two."), article(1, "b.txt", f"Three {seven_words}.")]) == []


def test_boilerplate_in_many_articles_is_ignored():
    footer = "Subscribe to our newsletter for the latest news from the harbour and the town every morning"
    many = [article(i, f"{i:03d}.txt", f"Story number {i} is about something else entirely. {footer}")
            for i in range(101)]
    assert find_reuse(many) == []
    assert len(find_reuse(many[:3])) == 3


def test_shingle_hash_is_fixed_not_salted_per_process():
    # Python's hash() of a str differs between processes; Spark's executors must agree with each other
    assert shingle_hash(["the", "harbour", "board"]) == 1118307582386833755
