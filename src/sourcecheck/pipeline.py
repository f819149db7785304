"""The stages wired together: an article in, its attributed quotations out."""

from __future__ import annotations

from dataclasses import dataclass

from .attribution import Attribution, attribute
from .fetch import ingest_url, is_url
from .ingest import Document, ingest_path
from .quotes import find_quotes


@dataclass(frozen=True)
class QuoteAnalysis:
    article: Document
    attributions: list[Attribution]


def load(location: str, allow_private: bool = False) -> Document:
    """A document from a path or an http(s) URL."""
    if is_url(location):
        return ingest_url(location, allow_private=allow_private)
    return ingest_path(location)


def analyse_quotes(article: Document, nlp=None) -> QuoteAnalysis:
    return QuoteAnalysis(article, attribute(article, find_quotes(article), nlp))
