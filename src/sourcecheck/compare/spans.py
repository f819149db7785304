"""Spans of the report and the passage as differences carry them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Token


def token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def subtree_span(token: Token) -> TextSpan:
    left = min(t.idx for t in token.subtree)
    right = max(t.idx + len(t.text) for t in token.subtree)
    return TextSpan(left, right, token.doc.text[left:right])


def predicate_span(token: Token) -> TextSpan:
    """The word with its auxiliaries and negation ("would not sign")."""
    parts = [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < token.i)]
    left = min(t.idx for t in parts)
    right = token.idx + len(token.text)
    return TextSpan(left, right, token.doc.text[left:right])
