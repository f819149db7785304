"""Numba is optional (the `fast` extra): without it the index is built by the NumPy twins of the
compiled kernels, and is the same index."""

from __future__ import annotations

import os
import subprocess
import sys

from sourcecheck import grams, kernels, segments

from .conftest import BUNDLED_SPEECHES, ROOT, needs_numba

# real text: the bundled speeches and fictional sources, repeated past the sizes from which the
# compiled kernels take over (1 MB of text, 200,000 words, 200,000 postings)
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED_SPEECHES.iterdir()) if p.name != "README.md"] * 30

BUILD = """
import hashlib, sys
import numpy as np
from sourcecheck import grams, segments

def index_digest(texts):
    ids, offsets = grams.batch_word_ids(texts)
    postings = grams.batch_postings(ids, offsets, np.arange(1, len(texts) + 1))
    built = segments.build_flat(*postings, 1000)
    first = segments.build_flat(*(a[: len(a) // 2] for a in postings), 1000)
    second = segments.build_flat(*(a[len(a) // 2 :] for a in postings), 1000)
    merged = segments.merge([first, second], np.zeros(0, np.int64), 1000)
    digest = hashlib.sha256(ids.tobytes() + offsets.tobytes())
    for arrays in (built, merged):
        for name in ("keys", "counts", "starts", "sources", "positions"):
            digest.update(np.ascontiguousarray(getattr(arrays, name)).tobytes())
    return digest.hexdigest()
"""


def _index_digest(texts: list[str]) -> str:
    scope: dict = {}
    exec(BUILD, scope)  # the same code runs in the subprocess below
    return scope["index_digest"](texts)


@needs_numba
def test_the_numpy_fallback_builds_the_index_the_compiled_kernels_build(monkeypatch):
    assert sum(len(t) for t in TEXTS) > grams.COMPILED_FROM
    calls = []
    for module, name in ((grams, "_compiled_word_ids"), (segments, "_compiled_sorted"),
                         (segments, "_compiled_merge")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _f=original, _n=name: calls.append(_n) or _f(*a))
    compiled = _index_digest(TEXTS)
    assert {"_compiled_word_ids", "_compiled_sorted", "_compiled_merge"} <= set(calls)  # the kernels ran
    calls.clear()
    monkeypatch.setattr(kernels, "AVAILABLE", False)
    assert _index_digest(TEXTS) == compiled
    assert calls == []  # ... and here they did not


@needs_numba
def test_without_numba_installed_the_index_is_the_same(tmp_path):
    """In a process where `import numba` fails, as without the fast extra."""
    script = tmp_path / "build.py"
    script.write_text(f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from tests.hide_modules import hide
hide("numba")
from tests.test_numba_optional import TEXTS, _index_digest
from sourcecheck import kernels
print(kernels.AVAILABLE, "numba" in sys.modules, _index_digest(TEXTS))
""", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert run.returncode == 0, run.stderr
    available, imported, digest = run.stdout.split()
    assert (available, imported) == ("False", "False")
    assert digest == _index_digest(TEXTS)
