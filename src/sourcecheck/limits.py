"""What one document may cost: size, pages, characters, quote marks, unpacked bytes and time.

Hostile or broken files (decompression bombs, a PDF whose cross-reference table loops, 10^5 quote
marks, a 20 MB single line) must end in a clear error, not in a stalled or swapped-out machine.
Every limit can be raised by an environment variable, which the error message names.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from .errors import LimitError


@dataclass(frozen=True)
class Limit:
    noun: str  # what is counted: "pages", "characters"…
    env: str
    default: float  # in base units (bytes, characters, seconds)
    unit: str = ""  # "MB": the variable is in megabytes

    def value(self) -> float:
        raw = os.environ.get(self.env, "").strip().replace("_", "")
        try:
            value = float(raw) if raw else None
        except ValueError:
            raise LimitError(f"{self.env}={raw!r} is not a number") from None
        if value is None:
            return self.default
        return value * 1e6 if self.unit == "MB" else value

    def check(self, amount: float, what: str = "") -> None:
        """LimitError when `amount` is over the limit; `what` says where ("report.pdf", "a stream")."""
        limit = self.value()
        if limit > 0 and amount > limit:
            raise self.exceeded(what, amount, limit)

    def exceeded(self, what: str = "", amount: float | None = None, limit: float | None = None) -> LimitError:
        limit = self.value() if limit is None else limit
        where = f"{what}: " if what else ""
        have = f"{self._amount(amount)} {self.noun}, " if amount is not None else f"{self.noun} "
        return LimitError(f"{where}{have}over the limit of {self._amount(limit)}; set {self.env} to raise it "
                          "(0: no limit)")

    def _amount(self, value: float) -> str:
        if self.unit == "MB":
            return f"{value / 1e6:,.0f} MB" if value >= 1e6 else f"{value / 1e6:.2f} MB"
        return f"{value:,.0f}"


FILE_BYTES = Limit("in the file", "SOURCECHECK_MAX_FILE_MB", 100e6, "MB")
UNPACKED_BYTES = Limit("unpacked", "SOURCECHECK_MAX_UNPACKED_MB", 200e6, "MB")
CHARACTERS = Limit("characters of text", "SOURCECHECK_MAX_CHARS", 20e6)
PAGES = Limit("pages", "SOURCECHECK_MAX_PAGES", 2000)
HTML_CHARACTERS = Limit("characters outside tags in an HTML page", "SOURCECHECK_MAX_HTML_CHARS", 1_000_000)
DEPTH = Limit("levels of nesting", "SOURCECHECK_MAX_DEPTH", 100)
ARTICLE_CHARACTERS = Limit("characters in an article to check", "SOURCECHECK_MAX_ARTICLE_CHARS", 500_000)
QUOTE_MARKS = Limit("quotation marks in an article to check", "SOURCECHECK_MAX_QUOTE_MARKS", 2_000)
QUOTE_WORDS = Limit("words in one quotation to check", "SOURCECHECK_MAX_QUOTE_WORDS", 2_000)
WORD_CHARACTERS = Limit("characters in one word (no space between)", "SOURCECHECK_MAX_WORD_CHARS", 1_000)
SECONDS = Limit("seconds", "SOURCECHECK_MAX_SECONDS", 10)
# each indirect attribution costs a passage search and a comparison (30-300 ms): its own budget
REPORTED_SECONDS = Limit("seconds", "SOURCECHECK_MAX_REPORTED_SECONDS", 60)

QUOTE_MARK_CHARS = "\"“”„‟«»‹›「」『』‘‚"  # not ' and ’: apostrophes, a thousand in a long transcript


def check_article(text: str, what: str) -> None:
    """An article is parsed (spaCy) and each quote looked up: its size, its quote marks and its
    longest word (the tokenizer is quadratic in a word's length) bound the time that takes."""
    ARTICLE_CHARACTERS.check(len(text), what)
    QUOTE_MARKS.check(sum(text.count(mark) for mark in QUOTE_MARK_CHARS), what)
    WORD_CHARACTERS.check(max(map(len, text.split()), default=0), what)


@contextmanager
def time_budget(what: str, limit: Limit = SECONDS) -> Iterator[None]:
    """Raise LimitError when the block runs longer than the limit allows.

    Uses SIGALRM, so it works on the main thread only (the CLI); elsewhere it does nothing. Pure
    Python loops are interrupted at once; a long call into C (a regular expression, a parser)
    at its end."""
    global _budget_running
    seconds = limit.value()
    if (seconds <= 0 or _budget_running or not hasattr(signal, "SIGALRM")
            or threading.current_thread() is not threading.main_thread()):
        yield  # no limit, or an outer budget already governs this block
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.25)  # again, should a parser's `except Exception` swallow this
        raise LimitError(f"{what}: stopped after {seconds:g} s, the time limit per document; "
                         f"set {limit.env} to raise it (0: no limit)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _budget_running = True
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _budget_running = False


_budget_running = False
