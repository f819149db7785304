"""The stages wired together: an article in, its attributed quotations out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import limits
from .attribution import Attribution, attribute
from .errors import SourcecheckError
from .fetch import ingest_url, is_url
from .ingest import EXTENSIONS, Document, ingest_path
from .quotes import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language

FOLDER_NOTES = {"README", "LICENSE", "LICENCE", "CHANGELOG"}  # notes about a folder, not documents in it


@dataclass(frozen=True)
class QuoteAnalysis:
    article: Document
    attributions: list[Attribution]


def load(location: str, allow_private: bool = False) -> Document:
    """A document from a path or an http(s) URL."""
    if is_url(location):
        return ingest_url(location, allow_private=allow_private)
    return ingest_path(location)


def analyse_quotes(article: Document, nlp: Language | None = None) -> QuoteAnalysis:
    return QuoteAnalysis(article, attribute(article, find_quotes(article), nlp))


def within_check_limits(article: Document, what: str) -> None:
    """Refuse, with the setting to raise, an article whose check would run for minutes: too long,
    too many quote marks, a word too long for the parser, a quotation too long to align (the
    alignment's time grows with the square of its length)."""
    limits.check_article(article.text, what)
    longest = max((len(quote.text.split()) for quote in find_quotes(article)), default=0)
    limits.QUOTE_WORDS.check(longest, what)


def document_files(folder: str | Path) -> list[str]:
    """The supported documents below a folder, sorted (hidden files and folder notes left out)."""
    root = Path(folder)
    found = sorted(str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
                   and not any(part.startswith(".") for part in p.relative_to(root).parts)
                   and p.stem.upper() not in FOLDER_NOTES)
    if not found:
        raise SourcecheckError(f"{folder}: no documents found (looked for {', '.join(EXTENSIONS)})")
    return found


def expand(locations: list[str]) -> list[str]:
    """Files, URLs, and the supported files inside directories (sorted, recursively)."""
    items: list[str] = []
    for location in locations:
        if not is_url(location) and Path(location).is_dir():
            items += document_files(location)
        else:
            items.append(location)
    return items
