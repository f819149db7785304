"""Pronouns, surnames and descriptions taken back to the fullest earlier mention they stand for."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..spans import ArticleSpan
from .lexicon import GENDERED_PRONOUNS, GENDERED_WORDS, GENERIC_DOCUMENTS, PART_NOUNS, PRONOUNS
from .model import Mention
from .names import all_name_words, last_word, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan



def pronoun_subject_sentences(parsed: Doc) -> frozenset[tuple[str, int]]:
    """(pronoun kind, sentence start) of sentences whose main subject is a personal pronoun."""
    found = set()
    for sent in parsed.sents:
        for child in sent.root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in PRONOUNS:
                found.add((PRONOUNS[child.lower_], sent.start_char))
    return frozenset(found)


def find_antecedent(kind: str, before: int, pronoun_sentence_start: int, mentions: list[Mention],
                pronoun_sentences: frozenset[tuple[str, int]] = frozenset(), gender: str | None = None,
                genders: dict[ArticleSpan, str] | None = None) -> Mention | None:
    """Nearest earlier mention that fits the pronoun (a person, a group, a thing).

    Sentences are searched from the nearest earlier one back; in the first with fitting
    mentions, the main subject wins (centering). A sentence whose main subject is itself such a
    pronoun ("she paused") only continues the same person, so the search goes on past it.
    Parts of documents ("Article 4") are not what "it" or "the document" stands for.
    """
    fitting = [m for m in mentions if m.span.end <= before and _fits(kind, m)]
    if gender and genders:  # "she" is not a man the article calls "he" or "Mr."
        fitting = [m for m in fitting if genders.get(m.span, gender) == gender]
    if kind != "person":  # "In a statement, it said": not the statement
        fitting = [m for m in fitting if m.sentence < pronoun_sentence_start] or fitting
    for sentence in sorted({m.sentence for m in fitting}, reverse=True):
        candidates = [m for m in fitting if m.sentence == sentence]
        # a name before a description: "Its foreign minister, Leila Hamdani-Voss, has ..."
        subjects = sorted((m for m in candidates if m.subject), key=lambda m: not m.proper)
        if not subjects and (kind, sentence) in pronoun_sentences and sentence != pronoun_sentence_start:
            continue
        return fullest_naming(subjects[0] if subjects else candidates[-1], mentions)
    return None


def _person_key(mention: Mention, mentions: list[Mention]) -> str:
    """Who a mention names, for gender: the surname of its fullest naming."""
    return last_word(fullest_naming(mention, mentions).name) if mention.proper else mention.text.lower()


def genders_of_people(parsed: Doc, mentions: list[Mention]) -> dict[ArticleSpan, str]:
    """What the article itself says of each person's gender: a title or a gendered noun beside the
    name ("Mr.", "spokeswoman"), and the pronoun that takes up a person who was a sentence's only
    named subject ("Smith said she ...", or "he" as the next sentence's subject). Only clear
    majorities count; a person the article gives no sign for fits any pronoun. Keyed by each
    mention's span, all mentions of one person (one surname) sharing the verdict."""
    votes: dict[str, Counter[str]] = {}
    people = [m for m in mentions if m.type == "person" and m.proper and not m.plural]
    keys = {m.span: _person_key(m, mentions) for m in people}
    by_sentence: dict[int, list[Mention]] = {}
    for m in people:
        if m.subject:
            by_sentence.setdefault(m.sentence, []).append(m)

    def vote(mention: Mention, gender: str) -> None:
        votes.setdefault(keys[mention.span], Counter())[gender] += 1

    for mention in people:
        tokens: TokenSpan | list[Token] = parsed.char_span(mention.span.start, mention.span.end,
                                                           alignment_mode="expand") or []
        before = parsed[tokens[0].i - 1] if len(tokens) and tokens[0].i > 0 else None
        words = [t.lower_.rstrip(".") for t in tokens] + ([before.lower_.rstrip(".")] if before is not None else [])
        words += [c.lemma_.lower() for t in tokens for c in t.children if c.dep_ == "appos"]
        for word in words:
            if word in GENDERED_WORDS:
                vote(mention, GENDERED_WORDS[word])
    sentences = list(parsed.sents)
    for index, sent in enumerate(sentences):
        subjects = by_sentence.get(sent.start_char, [])
        if len(subjects) != 1:
            continue
        following = [t for t in sent if t.lower_ in GENDERED_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")
                     and t.idx > subjects[0].span.end]
        if index + 1 < len(sentences):
            following += [c for c in sentences[index + 1].root.children
                          if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in GENDERED_PRONOUNS]
        for pronoun in following[:2]:
            vote(subjects[0], GENDERED_PRONOUNS[pronoun.lower_])
    decided = {key: max(count, key=lambda g: count[g]) for key, count in votes.items()
               if max(count.values()) >= 2 * min(count.get("m", 0), count.get("f", 0)) + 1}
    return {span: decided[key] for span, key in keys.items() if key in decided}


def _fits(kind: str, mention: Mention) -> bool:
    if kind == "person":
        return mention.type == "person" and not mention.plural
    if kind == "group":
        return mention.type == "organisation" or (mention.plural and mention.type == "person")
    return mention.type in ("document", "organisation") and not mention.plural and (
        mention.head not in PART_NOUNS or mention.subject)


def fullest_naming(mention: Mention, mentions: list[Mention]) -> Mention:
    """The fullest earlier naming of a mention.

    A name takes the longest earlier name holding its words ("Keller" -> "Dana Keller"); a
    description takes the nearest earlier name with its head ("the ministry" -> "the Ministry of
    Defence"; "the document" -> the last named document), else the nearest fuller description
    with the same head ("the memo" -> "the ministry's internal memo").
    """
    earlier = [m for m in mentions if m.span.start < mention.span.start and m.type == mention.type]
    if mention.proper:
        words = name_words(mention.name)
        if len(words) > 1 and not mention.name.isupper():
            return mention  # already a full name: "George W. Bush" is not "George H. W. Bush"
        # a longer name: not "JOHN CALVIN COOLIDGE JR." (typography), and a person's keeps the surname
        named = [m for m in earlier if m.proper and words and words < name_words(m.name)
                 and not m.name.isupper() and all_name_words(m.name)
                 and (mention.type != "person" or last_word(m.name) == last_word(mention.name))]
        return _likeliest_name(named, mentions) or mention
    for other in reversed(earlier):
        if other.proper and (mention.head in other.text.lower()
                             or (mention.head in GENERIC_DOCUMENTS and other.type == "document")):
            return other
    fuller = [m for m in earlier if m.head == mention.head and len(m.text) > len(mention.text)
              and m.text.split()[0].lower() not in ("a", "an", "any", "every", "some", "no", "each")]
    return fuller[-1] if fuller else mention


def _likeliest_name(named: list[Mention], mentions: list[Mention]) -> Mention | None:
    """Of the fuller names a surname may stand for, the one the article uses most ("Coolidge" is
    Calvin Coolidge, not his mother named once), and of equals the one introduced first (the
    article's own subject: Joe Biden before his son)."""
    if not named:
        return None
    uses = Counter(m.name.casefold() for m in mentions if m.proper)
    first: dict[str, Mention] = {}
    for m in named:
        first.setdefault(m.name.casefold(), m)
    return max(first.values(), key=lambda m: (uses[m.name.casefold()], -m.span.start))


def person_named(name: str, mentions: list[Mention]) -> Mention | None:
    """The fullest person mention whose name holds the last word of `name` ("Reagan" → Ronald Reagan)."""
    words = name_words(name)
    if not words:
        return None
    last = name.split()[-1].lower().rstrip("’'s")
    people = [m for m in mentions if m.type == "person" and m.proper and last in name_words(m.name)]
    return max(people, key=lambda m: len(name_words(m.name)), default=None)
