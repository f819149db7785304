"""Where the benchmarks find the project's shared data sets: $SOURCECHECK_SHARED, else ../shared
beside the checkout (the tests read the same variable)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sourcecheck.library import SqliteLibrary

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SOURCECHECK_SHARED") or ROOT.parent / "shared")
SPEECHES = SHARED / "datasets" / "presidential-speeches"
NEWS_SENTENCES = SHARED / "datasets" / "newssd-eng"
EXAMPLES = ROOT / "examples"
# the example articles the check benchmarks time against examples/sources
EXAMPLE_ARTICLES = ("news-article.html", "opinion-piece.txt", "speaker-shapes.md", "reported-speech.txt")


def examples_library() -> SqliteLibrary:
    """examples/sources in an in-memory library, as `make run` checks the examples against."""
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.pipeline import load

    library = SqliteLibrary(":memory:")
    for path in sorted((EXAMPLES / "sources").iterdir()):
        if path.name != "README.md":
            library.add(load(str(path)))
    return library
