"""Verification benchmark: quotes cut from the speeches with controlled edits, checked against the
whole speech library plus decoys, side by side with the PyPI package quotecheck.

Cases (seeded, reproducible): a passage of 4-60 words of a random speech, then one planted change:

| case | change | right verdict |
| --- | --- | --- |
| verbatim | none | verbatim |
| typography | straight/curly quotes and apostrophes, dashes, first letter's case | verbatim |
| ellipsis | 2-6 inner words left out, marked … | marked_edits |
| brackets | a word replaced by a [bracketed] word | marked_edits |
| stitched | two passages of one speech joined with ... | marked_edits |
| insert | one content word inserted | altered |
| drop | one inner word dropped | altered |
| replace | one content word replaced | altered |
| morphology | a word's plural/singular or tense changed | altered |
| negation | "not" inserted, or a negation dropped | altered |
| number | a number changed | altered |
| name | a capitalised name replaced | altered |
| clause | a clause of 4-7 words inserted | altered |
| absent | a passage of a speech held out of the library | not_found |
| phrase | 3-8 words of a real news sentence (NewsSD-ENG, CC BY 4.0) that no speech holds word for word | not_found |

Each quote is checked as an article would credit it: to the president whose speech it was cut from
(for `absent`, the held-out speech's president; a `phrase` is credited to nobody).

Decoys: documents made by splicing paragraphs of several speeches, with some words replaced, so the
library holds near-copies of real passages as archives do.
"""

from __future__ import annotations

import csv
import random
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from shared_data import NEWS_SENTENCES, SPEECHES

ROOT = Path(__file__).resolve().parents[1]
CASES = ["verbatim", "typography", "ellipsis", "brackets", "stitched", "insert", "drop", "replace", "morphology",
         "negation", "number", "name", "clause", "absent", "phrase"]
EXPECTED = {"verbatim": "verbatim", "typography": "verbatim", "ellipsis": "marked_edits",
            "brackets": "marked_edits", "stitched": "marked_edits", "absent": "not_found", "phrase": "not_found"}
CONTENT = ["freedom", "justice", "prosperity", "courage", "commerce", "liberty", "union", "progress", "duty",
           "honor", "industry", "labor", "peace", "strength", "wisdom", "faith"]
CLAUSES = ["as we have always said", "and we will never forget it", "whatever our critics may claim",
           "in every corner of the land", "as history has shown us", "without any further delay"]
NUMBERS = {"one": "two", "two": "three", "three": "four", "four": "five", "five": "six", "ten": "twelve",
           "first": "second", "second": "third", "hundred": "thousand", "thousand": "million",
           "million": "billion", "half": "third"}
NEGATIONS = ["not", "never", "no"]
WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass
class Case:
    kind: str
    quote: str
    source_path: str
    planted: list[tuple[str, str]] = field(default_factory=list)  # (article words, source words)
    span: tuple[int, int] | None = None  # the source passage the quote was cut from, in the text given


def speeches() -> list[Path]:
    return sorted(SPEECHES.glob("*.txt"))


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 2)[-1]


def make_cases(n: int, library_paths: list[Path], held_out: list[Path], seed: int = 11,
               in_library=lambda quote: False) -> list[Case]:
    """`in_library(quote)` tells an `absent` passage or a `phrase` that some library document holds
    word for word."""
    rng = random.Random(seed)
    sentences = news_sentences()
    cases: list[Case] = []
    while len(cases) < n:
        kind = CASES[len(cases) % len(CASES)]
        if kind == "phrase":
            case = _phrase(rng.choice(sentences), rng) if sentences else None
        else:
            case = _make(kind, rng.choice(held_out if kind == "absent" else library_paths), rng)
        # absent words must be absent; altered words that stand verbatim in another speech would
        # rightly be found verbatim there (as bench/scale.py keeps them out too)
        if case is not None and not (expected(kind) in ("not_found", "altered") and in_library(case.quote)):
            cases.append(case)
    return cases


def president(source_path: str) -> str | None:
    """Whom an article quoting this speech would credit: its `President:` line."""
    if not source_path.endswith(".txt") or not Path(source_path).is_file():
        return None
    first = Path(source_path).read_text(encoding="utf-8").split("\n", 1)[0]
    return first.split(":", 1)[1].strip() if first.startswith("President:") else None


def news_sentences() -> list[str]:
    """NewsSD-ENG's English news sentences (shared/datasets/newssd-eng), or none without the data set."""
    sentences = []
    for path in sorted(NEWS_SENTENCES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sentences += [row["Sentence"].strip() for row in csv.DictReader(handle)]
    return [s for s in sentences if len(s.split()) >= 8]


def _phrase(sentence: str, rng: random.Random) -> Case | None:
    """3-8 words of a news sentence, as a writer would quote a phrase."""
    words = sentence.split()
    length = rng.randint(3, 8)
    start = rng.randint(0, len(words) - length)
    quote = " ".join(words[start : start + length]).strip(" ,;:\"“”'‘’()")
    return Case("phrase", quote, "newssd-eng") if len(quote.split()) >= 3 else None


def _passage(text: str, rng: random.Random, low: int = 4, high: int = 60) -> tuple[str, int, int] | None:
    sentences = [m for m in re.finditer(r"[^.!?\n]+[.!?](?!\d)", text) if low <= len(m.group().split()) <= 80]
    if not sentences:
        return None
    sentence = rng.choice(sentences)
    words = [m for m in re.finditer(r"\S+", sentence.group())]
    length = rng.randint(low, min(high, len(words)))
    start = rng.randint(0, len(words) - length)
    a = sentence.start() + words[start].start()
    b = sentence.start() + words[start + length - 1].end()
    return text[a:b].strip(" ,;:"), a, b


def _make(kind: str, path: Path, rng: random.Random) -> Case | None:
    return make_case(kind, body(path), str(path), rng)


def make_case(kind: str, text: str, source: str, rng: random.Random) -> Case | None:
    """One quote of `kind` cut from `text` (`source` names it), or None when the text has no fit."""
    found = _passage(text, rng, low=8 if kind in ("ellipsis", "stitched", "clause") else 4)
    if found is None:
        return None
    quote, start, end = found
    words = quote.split()
    inner = list(range(1, len(words) - 1))
    planted: list[tuple[str, str]] = []
    if kind in ("verbatim", "absent"):
        pass
    elif kind == "typography":
        quote = quote.replace("'", "’").replace(" - ", " — ").replace("--", "—")
        quote = quote[0].swapcase() + quote[1:] if quote[0].isalpha() else quote
    elif kind == "ellipsis":
        if len(words) < 10:
            return None
        cut = rng.randint(2, min(6, len(words) - 6))
        at = rng.randint(2, len(words) - cut - 2)
        quote = " ".join(words[:at] + ["…"] + words[at + cut :])
    elif kind == "brackets":
        candidates = [i for i in inner if WORD.fullmatch(words[i].strip(",.;:")) and words[i][0].islower()]
        if not candidates:
            return None
        i = rng.choice(candidates)
        words[i] = f"[{rng.choice(CONTENT)}]"
        quote = " ".join(words)
    elif kind == "stitched":
        rest = text[end:]
        skip = re.match(r"(?:\s*\S+){3,}?\s", rest)  # leave out at least three words
        nearby = rest[skip.end() : skip.end() + 2000] if skip else ""  # stitched from the same stretch
        other = _passage(nearby, rng, low=5, high=20) if skip else None
        if other is None:
            return None
        quote = quote + " ... " + other[0]
        end = end + skip.end() + other[2]
    elif kind == "insert":
        word = rng.choice(CONTENT)
        words.insert(rng.choice(inner or [1]), word)
        planted.append((word, ""))
        quote = " ".join(words)
    elif kind == "drop":
        if not inner:
            return None
        i = rng.choice(inner)
        planted.append(("", _bare(words[i])))
        del words[i]
        quote = " ".join(words)
    elif kind == "replace":
        candidates = [i for i in inner if len(_bare(words[i])) > 3 and _bare(words[i]).islower()]
        if not candidates:
            return None
        i = rng.choice(candidates)
        new = rng.choice([w for w in CONTENT if w != _bare(words[i]).lower()])
        planted.append((new, _bare(words[i])))
        words[i] = words[i].replace(_bare(words[i]), new)
        quote = " ".join(words)
    elif kind == "morphology":
        candidates = [i for i in range(len(words)) if re.fullmatch(r"[a-z]{4,}", _bare(words[i]))]
        if not candidates:
            return None
        i = rng.choice(candidates)
        old = _bare(words[i])
        new = old[:-1] if old.endswith("s") and not old.endswith("ss") else old + "s"
        planted.append((new, old))
        words[i] = words[i].replace(old, new)
        quote = " ".join(words)
    elif kind == "negation":
        negated = [i for i in range(len(words)) if _bare(words[i]).lower() in ("not", "never", "no")]
        if negated and rng.random() < 0.5:
            i = rng.choice(negated)
            planted.append(("", _bare(words[i])))
            del words[i]
        else:
            i = rng.choice(inner or [1])
            word = rng.choice(NEGATIONS)
            words.insert(i, word)
            planted.append((word, ""))
        quote = " ".join(words)
        if len(quote.split()) < 3:
            return None
    elif kind == "number":
        candidates = [i for i in range(len(words)) if _bare(words[i]).lower() in NUMBERS
                      or re.fullmatch(r"\d+", _bare(words[i]))]
        if not candidates:
            return None
        i = rng.choice(candidates)
        old = _bare(words[i])
        new = str(int(old) + rng.randint(1, 9)) if old.isdigit() else NUMBERS[old.lower()]
        planted.append((new, old))
        words[i] = words[i].replace(old, new)
        quote = " ".join(words)
    elif kind == "name":
        candidates = [i for i in inner if re.fullmatch(r"[A-Z][a-z]{3,}", _bare(words[i]))]
        if not candidates:
            return None
        i = rng.choice(candidates)
        old = _bare(words[i])
        new = rng.choice(["Madison", "Lincoln", "Europe", "Mexico", "Britain", "Congress", "Virginia", "Texas"])
        if new == old:
            return None
        planted.append((new, old))
        words[i] = words[i].replace(old, new)
        quote = " ".join(words)
    elif kind == "clause":
        clause = rng.choice(CLAUSES)
        words.insert(rng.choice(inner or [1]), clause + ",")
        planted.append((clause, ""))
        quote = " ".join(words)
    return Case(kind, quote, source, planted, (start, end))


def _bare(word: str) -> str:
    match = WORD.search(word)
    return match.group() if match else word


def make_decoys(paths: list[Path], n: int, seed: int = 5) -> list[str]:
    """Documents spliced from paragraphs of several speeches, a few words changed in each."""
    rng = random.Random(seed)
    paragraphs = [p for path in paths for p in body(path).split("\n\n") if len(p.split()) > 20]
    decoys = []
    for _ in range(n):
        chosen = rng.sample(paragraphs, 6)
        edited = []
        for paragraph in chosen:
            words = paragraph.split()
            for _ in range(max(1, len(words) // 25)):
                words[rng.randrange(len(words))] = rng.choice(CONTENT)
            edited.append(" ".join(words))
        decoys.append("\n\n".join(edited))
    return decoys


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    cases: int = 0
    right: int = 0
    false_verbatim: int = 0
    planted: int = 0
    planted_found: int = 0
    reported: int = 0
    reported_right: int = 0
    seconds: list[float] = field(default_factory=list)


def _words(text: str) -> set[str]:
    return {w.casefold().replace("’", "'") for w in WORD.findall(text)}


def edit_hits(planted: list[tuple[str, str]], edits) -> tuple[int, int]:
    """(planted edits found, reported unmarked edits that are planted ones)."""
    def covers(edit, plant) -> bool:
        article, source = plant
        return _words(article) <= _words(edit["article"]) and _words(source) <= _words(edit["source"])

    unmarked = [e for e in edits if not e["marked"]]
    found = sum(1 for p in planted if any(covers(e, p) for e in unmarked))
    right = sum(1 for e in unmarked if any(covers(e, p) for p in planted))
    return found, right


def expected(kind: str) -> str:
    return EXPECTED.get(kind, "altered")


def quotecheck_verdict(status: str) -> str:
    return {"found": "verbatim", "interleaved": "verbatim", "drift": "altered", "absent": "not_found"}[status]


# ---------------------------------------------------------------- running


def run(n_cases: int = 2100, n_decoys: int = 200, quotecheck_cases: int | None = None) -> list[str]:
    import tempfile

    from sourcecheck.attribution import Attribution, Speaker
    from sourcecheck.check import _SourceCache, verify_quote
    from sourcecheck.ingest import ingest_bytes, ingest_path
    from sourcecheck.library import SqliteLibrary
    from sourcecheck.quotes import Quote
    from sourcecheck.spans import ArticleSpan
    from sourcecheck.tokens import normalized_words

    paths = speeches()
    held_out = paths[::20]
    in_library = [p for p in paths if p not in held_out]
    with tempfile.TemporaryDirectory() as folder:
        library = SqliteLibrary(Path(folder) / "bench.db")
        started = time.perf_counter()
        for path in in_library:
            library.add(ingest_path(path))
        for i, decoy in enumerate(make_decoys(in_library, n_decoys)):
            library.add(ingest_bytes(decoy.encode("utf-8"), name=f"decoy-{i}.txt"))
        build_seconds = time.perf_counter() - started
        cases = make_cases(n_cases, in_library, held_out,
                           in_library=lambda quote: bool(library.phrase_sources(normalized_words(quote))))
        cache = _SourceCache([library])
        ours: dict[str, Tally] = {kind: Tally() for kind in CASES}
        for case in cases:
            doc = ingest_bytes(case.quote.encode("utf-8"), name="quote.txt")
            quote = Quote(0, (ArticleSpan(0, len(doc.text)),), "direct", doc.text, (), 0)
            said_by = president(case.source_path)  # the article credits the speech's president
            speaker = Speaker(said_by, ArticleSpan(0, 0), said_by, "person") if said_by else None
            started = time.perf_counter()
            result = verify_quote(doc, Attribution(quote, speaker, None, "cue" if speaker else "none"), cache)
            elapsed = time.perf_counter() - started
            edits = [{"article": e.article, "source": e.source, "marked": e.marked} for e in result.edits]
            _score(ours[case.kind], case, result.verdict, edits, elapsed)
        library.close()
    theirs = _run_quotecheck(cases[:quotecheck_cases] if quotecheck_cases else cases)
    return _table(ours, theirs, len(cases), len(in_library), n_decoys, build_seconds)


def _score(tally: Tally, case: Case, verdict: str, edits: list[dict], seconds: float) -> None:
    tally.cases += 1
    tally.right += verdict == expected(case.kind)
    tally.false_verbatim += verdict == "verbatim" and expected(case.kind) != "verbatim"
    tally.seconds.append(seconds)
    if case.planted:
        found, right = edit_hits(case.planted, edits)
        tally.planted += len(case.planted)
        tally.planted_found += found
    else:
        right = 0
    tally.reported += sum(1 for e in edits if not e["marked"])
    tally.reported_right += right


def _run_quotecheck(cases: list[Case]) -> dict[str, Tally]:
    """quotecheck has no library: it is given each quote's own speech, its best case."""
    try:
        import quotecheck
    except ImportError:
        return {}
    tallies: dict[str, Tally] = {kind: Tally() for kind in CASES}
    texts: dict[str, str] = {}
    for case in cases:
        if case.kind in ("absent", "phrase"):  # not in the library: give it another speech
            text = texts.setdefault("decoy", body(speeches()[1]))
        else:
            text = texts.setdefault(case.source_path, body(Path(case.source_path)))
        started = time.perf_counter()
        match = quotecheck.check(case.quote, text)
        elapsed = time.perf_counter() - started
        _score(tallies[case.kind], case, quotecheck_verdict(match.status), [], elapsed)
    return tallies


def _table(ours: dict[str, Tally], theirs: dict[str, Tally], n: int, n_sources: int, n_decoys: int,
           build_seconds: float) -> list[str]:
    lines = [
        "## Quote verification (speeches, controlled edits)", "",
        f"{n} quotes: 4–60 words cut from the speeches with one planted change each, and short phrases of real news "
        "sentences that no speech holds (`phrase`, NewsSD-ENG) (bench/verify.py, seed 11); each quote is credited, as "
        "an article would, to the president whose speech it was cut from (a phrase to nobody), "
        f"checked against a library of {n_sources} speeches plus {n_decoys} decoys (paragraphs of several "
        f"speeches spliced, a few words changed); library built in {build_seconds:.0f} s. The `absent` quotes come "
        "from speeches held out of the library. quotecheck 0.1.0 (PyPI) has no library or index: it is given each "
        "quote's own speech (its best case; for `absent`, another speech); its verdicts map found/interleaved → "
        "verbatim, drift → altered, absent → not_found, and it lists no edits.", "",
        "| case | right verdict | n | sourcecheck accuracy | quotecheck accuracy | sourcecheck false verbatim "
        "| quotecheck false verbatim | edit recall | edit precision | sourcecheck ms/quote (median) "
        "| quotecheck ms/quote (median) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    total_ours, total_theirs = Tally(), Tally()
    for kind in CASES:
        a, b = ours[kind], theirs.get(kind, Tally())
        for total, part in ((total_ours, a), (total_theirs, b)):
            for name in ("cases", "right", "false_verbatim", "planted", "planted_found", "reported", "reported_right"):
                setattr(total, name, getattr(total, name) + getattr(part, name))
            total.seconds += part.seconds
        lines.append(_row(kind, expected(kind), a, b))
    lines.append(_row("**all**", "", total_ours, total_theirs))
    lines.append("")
    lines.append("Edit recall: planted unmarked edits that a reported unmarked edit covers (its words include the "
                 "planted article and source words). Edit precision: reported unmarked edits that cover a planted "
                 "edit (cases with no planted edit count every reported unmarked edit as wrong).")
    return lines + [""]


def _row(kind: str, verdict: str, a: Tally, b: Tally) -> str:
    def pct(x: int, y: int) -> str:
        return f"{x / y:.3f}" if y else "–"

    def ms(t: Tally) -> str:
        return f"{statistics.median(t.seconds) * 1000:.1f}" if t.seconds else "–"

    return (f"| {kind} | {verdict} | {a.cases} | {pct(a.right, a.cases)} | {pct(b.right, b.cases)} "
            f"| {a.false_verbatim} | {b.false_verbatim if b.cases else '–'} | {pct(a.planted_found, a.planted)} "
            f"| {pct(a.reported_right, a.reported)} | {ms(a)} | {ms(b)} |")


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2100
    print("\n".join(run(count)))
