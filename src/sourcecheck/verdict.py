"""Verdicts: from an alignment to what a reader must know — verbatim, marked edits, altered, not found.

Every difference is listed as an edit with a category. Negations, numbers, names and content
words change meaning; other forms of one word (plural, tense, spelling) and function words are
minor but still reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .alignment import Alignment, QuoteToken, QuoteWord, SourceWord, Step, is_minor_variant
from .spans import QuoteSpan, SourceSpan

Verdict = Literal["verbatim", "marked_edits", "altered", "not_found"]
EditOp = Literal["insert", "delete", "replace", "move"]
Category = Literal["negation", "number", "name", "morphology", "function_word", "content_word"]

NEGATIONS = frozenset("not no never none nobody nothing nowhere neither nor without cannot n't".split())
NUMBER_WORDS = frozenset("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion trillion first second third fourth fifth sixth seventh eighth ninth tenth half dozen once twice
thrice double triple percent
""".split())
FUNCTION_WORDS = frozenset("""
a an the and or but if of to in on at by for with from into onto upon as than that this these those it its
is are was were be been being am do does did have has had will would shall should can could may might must
i me my we us our you your he him his she her they them their there here which who whom whose what when
where why how so such then too very also just only all any each every some both either about over under
again further once up down out off through during before after above below between against while because
until nor own same other s 't 're 've 'll 'd
""".split())
MEANING_CHANGING = {"negation", "number", "name", "content_word"}
MIN_MATCHED_SHARE = 0.6  # of the quote's own (unbracketed) words, for a passage to count as found
MIN_MATCHED_RUN = 5  # or a run this long of exact words, when the writer added much of their own
# An unmarked change at the quote's very start or end is what a chance look-alike looks like (a
# common phrase that then goes its own way): it counts only beside this much evidence.
EDGE_EDIT_WORDS = 2  # at most this many words changed there ("we shall never negotiate" for "let us never ...")
EDGE_EDIT_RUN = 4  # a run of exact words this long
EDGE_EDIT_CONTENT = 3  # and this many content words matched
WORDS_PER_EDIT = 10  # a quote may carry one unmarked edit, and one more per this many words
MAX_REPLACED_WORDS = 2  # more words than this replaced in one place is a paraphrase
FLANK_RUN = 4  # an edit of more than one word needs a run this long of matched words beside it
LONG_FLANK_RUN = 6  # or, when the other side is a single word, a run this long


@dataclass(frozen=True)
class Edit:
    op: EditOp
    article: str  # the quote's words in this edit ("" for a delete)
    source: str  # the source's words ("" for an insert)
    category: Category
    meaning_changing: bool
    marked: bool  # the writer marked it: an ellipsis or [brackets]
    quote_span: QuoteSpan  # the article's words, as offsets into the quote text (empty for a delete)
    source_span: SourceSpan  # the source's words, as offsets into the source text (empty for an insert)
    moved_to: int | None = None  # a move: where in the source text the words now stand


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    edits: tuple[Edit, ...]
    matched_share: float  # of the quote's words matched (exactly or in another form)


def judge(quote_text: str, tokens: list[QuoteToken], source_text: str, words: list[SourceWord],
          alignment: Alignment) -> Judgement:
    own = [t for t in tokens if t.word is not None and not t.word.bracketed]
    matched_share = _matched_share(tokens, own, alignment)
    found = matched_share >= MIN_MATCHED_SHARE or (
        _longest_exact_run(alignment) >= MIN_MATCHED_RUN and matched_share >= 0.45)
    if not own or not found or (len(own) <= 2 and matched_share < 1.0):
        return Judgement("not_found", (), matched_share)
    edits = tuple(_moves(list(_edits(quote_text, tokens, source_text, words, alignment.steps))))
    if not edits:
        return Judgement("verbatim", (), matched_share)
    if all(e.marked for e in edits):
        return Judgement("marked_edits", edits, matched_share)
    if not explains_as_edited_copy(tokens, words, alignment):
        return Judgement("not_found", (), matched_share)  # a look-alike: shown as the nearest passage
    return Judgement("altered", edits, matched_share)


def explains_as_edited_copy(tokens: list[QuoteToken], words: list[SourceWord], alignment: Alignment) -> bool:
    """Does the alignment explain the quote as this passage with a few edits, rather than as a chance
    look-alike that shares some common words? What the writer marked (an ellipsis, [brackets]) is
    left aside; unmarked edits must be few, inside the quote, and held in place by runs of matched
    words on both sides. Like-for-like changes of numbers count as evidence at the edges too."""
    steps = [s for s in alignment.steps if s.op != "gap" and not _bracketed(tokens, s)]
    matched = [s.op in ("match", "minor") for s in steps]
    runs = _runs(matched, True)
    if not runs:
        return False
    edits = _runs(matched, False)
    quote_words = sum(1 for s in steps if s.quote is not None)
    if len(edits) > 1 + quote_words // WORDS_PER_EDIT:
        return False
    longest = max(end - start for start, end in runs)
    content = sum(1 for s in steps if s.op in ("match", "minor") and (w := _word(tokens, s)) is not None
                  and w.norm not in FUNCTION_WORDS)
    for start, end in edits:
        run = steps[start:end]
        if start == 0 or end == len(steps):
            if len(run) > EDGE_EDIT_WORDS or not (
                    longest >= EDGE_EDIT_RUN and content >= EDGE_EDIT_CONTENT
                    or len(run) == 1 and _like_for_like_numbers(run[0], tokens, words) and longest >= 3):
                return False
            continue
        if sum(1 for s in run if s.op == "replace") > MAX_REPLACED_WORDS:
            return False  # words reworded, not a passage with a word changed
        before = next(e - s for s, e in runs if e == start)
        after = next(e - s for s, e in runs if s == end)
        if len(run) > 1 and (max(before, after) < FLANK_RUN
                             or len(run) > 2 and min(before, after) < 2 and max(before, after) < LONG_FLANK_RUN):
            return False
    return True


def _word(tokens: list[QuoteToken], step: Step) -> QuoteWord | None:
    """The quote word a step stands on (None for a source word the quote leaves out, or an ellipsis)."""
    return tokens[step.quote].word if step.quote is not None else None


def _bracketed(tokens: list[QuoteToken], step: Step) -> bool:
    word = _word(tokens, step)
    return word is not None and word.bracketed


def _runs(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of `value` in flags."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for i, flag in enumerate([*flags, not value]):
        if flag == value and start is None:
            start = i
        elif flag != value and start is not None:
            found.append((start, i))
            start = None
    return found


def _like_for_like_numbers(step: Step, tokens: list[QuoteToken], words: list[SourceWord]) -> bool:
    """A number replaced by another number: "14,000 acres" for "8,000 acres"."""
    word = _word(tokens, step)
    if step.op != "replace" or word is None or step.source_start is None:
        return False
    source = [words[index].norm for index in step.source_words]
    return _is_number(word.norm) and bool(source) and all(_is_number(w) for w in source)


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or any(c.isdigit() for c in word)


def _matched_share(tokens: list[QuoteToken], own: list[QuoteToken], alignment: Alignment) -> float:
    """Share of the quote's words the passage holds; counted over content words when there are a
    few, since "of", "the" and "to" match anywhere."""
    matched = {s.quote for s in alignment.steps if s.op in ("match", "minor") and not _bracketed(tokens, s)}
    content = [t for t in own if t.word is not None and t.word.norm not in FUNCTION_WORDS]
    counted = content if len(content) >= 3 else own
    if not counted:
        return 0.0
    return sum(1 for t in counted if tokens.index(t) in matched) / len(counted)


def _longest_exact_run(alignment: Alignment) -> int:
    longest = current = 0
    for step in alignment.steps:
        current = current + 1 if step.op == "match" else 0
        longest = max(longest, current)
    return longest


def _edits(quote_text: str, tokens: list[QuoteToken], source_text: str, words: list[SourceWord],
           steps: tuple[Step, ...]) -> Iterator[Edit]:
    """Runs of non-matching steps between matches, each one edit. An ellipsis opening or closing
    the quote ("Four score and seven years ago...") only says the passage goes on: no edit."""
    while steps and steps[-1].op == "gap":
        steps = steps[:-1]
    while steps and steps[0].op == "gap":
        steps = steps[1:]
    run: list[Step] = []
    last_source_end = next((s.source_start for s in steps if s.source_start is not None), 0)
    for step in [*steps, None]:
        if step is None or step.op in ("match", "gap", "minor"):
            if run:
                edit = _edit_from_run(quote_text, tokens, source_text, words, run, last_source_end)
                if edit is not None:
                    yield edit
                run = []
            if step is not None and step.op != "match":
                edit = _edit_from_run(quote_text, tokens, source_text, words, [step], last_source_end)
                if edit is not None:
                    yield edit
            if step is not None and step.source_end is not None:
                last_source_end = step.source_end
            continue
        run.append(step)


def _edit_from_run(quote_text: str, tokens: list[QuoteToken], source_text: str, words: list[SourceWord],
                   run: list[Step], source_cursor: int) -> Edit | None:
    quote_words = [word for s in run if (word := _word(tokens, s)) is not None]
    source_steps = [s for s in run if s.source_words]
    article = " ".join(w.text for w in quote_words)
    quote_span = QuoteSpan(quote_words[0].start, quote_words[-1].end) if quote_words else \
        _quote_point(tokens, run, quote_text)
    if source_steps:
        first, last = source_steps[0].source_words[0], source_steps[-1].source_words[-1]
        source_span = SourceSpan(words[first].start, words[last].end)
    else:
        at = words[source_cursor - 1].end if 0 < source_cursor <= len(words) else 0
        source_span = SourceSpan(at, at)
    source = " ".join(source_text[source_span.start : source_span.end].split())
    if run[0].op == "gap":
        if not source:
            return None
        category = _category([], source, source_text, words, source_steps)
        deleted_at = QuoteSpan(quote_span.start, quote_span.start)
        return Edit("delete", "", source, category, False, True, deleted_at, source_span)
    if run[0].op == "minor":
        return Edit("replace", article, source, "morphology", False, False, quote_span, source_span)
    marked = bool(quote_words) and all(w.bracketed for w in quote_words)
    op: EditOp = "replace" if article and source else "insert" if article else "delete"
    category = _category(quote_words, source, source_text, words, source_steps, quote_text=quote_text)
    return Edit(op, article, source, category, category in MEANING_CHANGING and not marked, marked, quote_span,
                source_span)


def _quote_point(tokens: list[QuoteToken], run: list[Step], quote_text: str) -> QuoteSpan:
    """Where in the quote a deletion happened: just before the next quote word."""
    index = run[0].quote
    if index is not None and tokens[index].word is None:
        return QuoteSpan(tokens[index].ellipsis_at, tokens[index].ellipsis_at)
    return QuoteSpan(0, 0)


def _category(quote_words: list[QuoteWord], source: str, source_text: str, words: list[SourceWord],
              source_range: list[Step], quote_text: str = "") -> Category:
    article_norms = [w.norm for w in quote_words]
    source_norms = [w.translate({0x2019: 39}).casefold() for w in re.findall(r"\w+(?:['’]\w+)*", source)]
    both = article_norms + source_norms
    if any(w in NEGATIONS or w.endswith("n't") for w in both):
        return "negation"
    if any(w in NUMBER_WORDS or any(c.isdigit() for c in w) for w in both):
        return "number"
    if _has_name(quote_words, quote_text) or _source_has_name(source_text, words, source_range):
        return "name"
    if len(article_norms) == 1 and len(source_norms) == 1 and is_minor_variant(article_norms[0], source_norms[0]):
        return "morphology"
    if all(w in FUNCTION_WORDS for w in both):
        return "function_word"
    return "content_word"


def _has_name(quote_words: list[QuoteWord], quote_text: str) -> bool:
    """A capitalised word that does not start a sentence of the quote."""
    for word in quote_words:
        before = quote_text[: word.start].rstrip()
        sentence_start = not before or before.endswith((".", "!", "?", ":", "\"", "“"))
        if word.text[:1].isupper() and not sentence_start and word.norm not in FUNCTION_WORDS | {"i"}:
            return True
    return False


def _source_has_name(source_text: str, words: list[SourceWord], source_range: list[Step]) -> bool:
    for step in source_range:
        for index in step.source_words:
            word = words[index]
            text = source_text[word.start : word.end]
            before = source_text[max(0, word.start - 3) : word.start].strip()
            if text[:1].isupper() and not before.endswith((".", "!", "?")) and word.norm not in FUNCTION_WORDS | {"i"}:
                return True
    return False


def _moves(edits: list[Edit]) -> Iterator[Edit]:
    """An insert and a delete of the same words is one move."""
    used: set[int] = set()
    for i, edit in enumerate(edits):
        if i in used:
            continue
        partner = None
        if edit.op in ("insert", "delete") and not edit.marked:
            other_op = "delete" if edit.op == "insert" else "insert"
            words = (edit.article or edit.source).casefold()
            partner = next((j for j in range(i + 1, len(edits)) if j not in used and edits[j].op == other_op
                            and (edits[j].article or edits[j].source).casefold() == words), None)
        if partner is None:
            yield edit
            continue
        used.add(partner)
        removed, added = (edit, edits[partner]) if edit.op == "delete" else (edits[partner], edit)
        yield Edit("move", added.article, removed.source, removed.category, removed.category in MEANING_CHANGING,
                   False, added.quote_span, removed.source_span, moved_to=added.source_span.start)
