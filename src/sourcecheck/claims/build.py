"""The claims stage: every sentence labelled, every claim's items listed and its passages found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..compare import Comparer, RuleComparer
from ..library_base import Library
from ..quotes import Quote
from ..reported import ReportedAttribution
from ..reported_check import SourceCache
from ..reported_passage import Reranker
from .evidence import check_claim
from .items import claim_items
from .labeller import Labeller, load_labeller
from .model import ClaimCheck, Claims, SentenceLabel
from .sentences import article_sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..ingest import Document


def build_claims(text: str, parsed: Doc, quotes: Sequence[Quote], attributions: Sequence[ReportedAttribution],
                 libraries: Sequence[Library] = (), *, labeller: Labeller | None = None,
                 comparer: Comparer | None = None, reranker: Reranker | None = None) -> Claims:
    """`text` is the article's canonical text and `parsed` its parse (the one the quotes' attribution
    made); `quotes` and `attributions` (reported.reported_in's, direct ones included) say which
    sentences are someone else's words. With `libraries`, each claim is checked against them."""
    labeller = labeller or load_labeller()
    found = article_sentences(text, parsed, quotes, attributions)
    own = [span for span, voice in found if voice == "own"]
    labels = iter(labeller.label([text[s.start:s.end] for s in own]))
    sentences = []
    for span, voice in found:
        if voice == "own":
            label, score, subjective, checkworthy = next(labels)
            sentences.append(SentenceLabel(span, text[span.start:span.end], voice, label, round(score, 3),
                                           round(subjective, 3), round(checkworthy, 3)))
        else:
            sentences.append(SentenceLabel(span, text[span.start:span.end], voice, None, None, None, None))
    cache = SourceCache(libraries)
    comparer = comparer or RuleComparer()
    claims = tuple(_checked(s, parsed, cache, comparer, reranker) for s in sentences if s.label == "claim")
    return Claims(tuple(sentences), claims, labeller.name, checked=bool(libraries))


def _checked(sentence: SentenceLabel, parsed: Doc, cache: SourceCache, comparer: Comparer,
             reranker: Reranker | None) -> ClaimCheck:
    items = claim_items(parsed, sentence.span)
    if not cache.libraries:
        return ClaimCheck(sentence, items, "no_passage", None)
    return check_claim(sentence, items, cache, comparer, reranker)


def find_claims(article: Document, libraries: Sequence[Library] = (), nlp: Language | None = None, *,
                labeller: Labeller | None = None, reranker: Reranker | None = None) -> Claims:
    """The article parsed, its quotes and attributions found (to know whose words each sentence is),
    then `build_claims`: what `sourcecheck claims` runs, without verifying the quotes."""
    from ..attribution.chooser import attribute_prepared, prepare
    from ..quotes import find_quotes
    from ..reported import reported_in

    quotes = find_quotes(article)
    parsed, mentions = prepare(article, quotes, nlp)
    attributions = attribute_prepared(article, parsed, mentions, quotes)
    every = reported_in(article, parsed, mentions, attributions)
    return build_claims(article.text, parsed, quotes, every, libraries, labeller=labeller, reranker=reranker)
