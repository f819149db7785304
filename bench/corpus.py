"""A synthetic archive built from the public-domain speeches, for scale benchmarks (issue 5).

Realistic recombination, deterministic for a seed:
- the material is the transcripts' own paragraphs — a line break ends one, as the transcripts
  mark most paragraphs with a line break rather than a blank line — those over 1,200 characters
  split at sentence ends: about 50k paragraphs of 75 words on average;
- each document takes 2–16 paragraphs (7.5 on average, about 3.6 KB) from 2–4 speeches, in order
  within each speech, the speeches' runs interleaved — so long passages repeat across documents
  as they do in archives of statements, transcripts and wire copy;
- in every document one in twenty paragraphs gets a few words replaced from the same speech's
  vocabulary, so near-copies abound as well as exact copies;
- each document gets a new date (1790–2024) and its president's name swapped for another in one
  paragraph out of four, so dates and names vary where the words do not;
- a `President: NAME` header line and a dated file name, like the originals;
- every twentieth speech (the same ones bench/verify.py holds out) is never used, so that quotes
  cut from it are absent from an archive of any size (`held_out()`).

`documents(n, seed)` yields (file name, text); the first n documents of a seed are the same for
any larger n, so archives of growing size are nested. `write(folder, n, seed)` writes them as files.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator
from pathlib import Path

from shared_data import SPEECHES

MAX_PARAGRAPH_CHARS = 1200
HELD_OUT_EVERY = 20


def _paths(held_out: bool = False) -> list[Path]:
    paths = sorted(SPEECHES.glob("*.txt"))
    kept = set(paths[::HELD_OUT_EVERY])
    return [p for p in paths if (p in kept) == held_out]


@functools.cache
def _speeches(held_out: bool = False) -> list[tuple[str, list[str]]]:
    """(president, paragraphs) of the speeches the archive draws on (or of the held-out ones); read once."""
    found = []
    for path in _paths(held_out):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = [piece for line in body.split("\n") for piece in _pieces(" ".join(line.split()))
                      if len(piece.split()) >= 8]
        if paragraphs:
            found.append((header.removeprefix("President:").strip(), paragraphs))
    return found


def held_out() -> list[tuple[str, str]]:
    """(path, text) of the speeches no synthetic document draws on."""
    return [(str(p), p.read_text(encoding="utf-8").partition("\n\n")[2]) for p in _paths(held_out=True)]


def _pieces(paragraph: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """A paragraph longer than `limit` split at sentence ends (some transcripts are one paragraph)."""
    if len(paragraph) <= limit:
        return [paragraph]
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", paragraph):
        if current and len(current) + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    return pieces + [current] if current else pieces


def documents(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    speeches = _speeches()
    if not speeches:
        raise FileNotFoundError(f"no speeches in {SPEECHES}")
    presidents = sorted({name for name, _ in speeches})
    rng = random.Random(seed)
    for index in range(n):
        chosen = rng.sample(speeches, rng.randint(2, 4))
        runs = []
        for _, paragraphs in chosen:
            length = min(len(paragraphs), rng.randint(1, 4))
            start = rng.randrange(len(paragraphs) - length + 1)
            runs.append(paragraphs[start : start + length])
        author = rng.choice(presidents)
        body = []
        while any(runs):
            run = rng.choice([r for r in runs if r])
            paragraph = run.pop(0)
            if rng.random() < 0.05:
                paragraph = _reword(paragraph, rng)
            if rng.random() < 0.25:
                paragraph = _rename(paragraph, author)
            body.append(paragraph)
        year = rng.randint(1790, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield f"{date}-synthetic-{index:07d}.txt", f"President: {author}\n\n" + "\n\n".join(body) + "\n"


def _reword(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    vocabulary = [w for w in words if w.isalpha() and len(w) > 3] or ["nation"]
    for _ in range(max(1, len(words) // 40)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def _rename(paragraph: str, author: str) -> str:
    surname = author.split()[-1]
    return re.sub(r"\b(?:President|Mr\.) [A-Z][a-z]+", f"President {surname}", paragraph)


def write(folder: Path, n: int, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in documents(n, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    print(f"{len(write(Path(sys.argv[1]), count))} documents written to {sys.argv[1]}")
