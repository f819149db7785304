"""The row-by-row pure-Python alignment that sourcecheck.alignment.align replaced: kept as the
reference the NumPy version is held to (same scores, same tie-breaking, same steps)."""

from __future__ import annotations

from sourcecheck.alignment import (
    GAP_EXTEND,
    GAP_OPEN,
    MARKED,
    MATCH,
    MAX_BRACKETED_RUN,
    MINOR,
    REPLACE,
    SCALE,
    Alignment,
    Op,
    QuoteToken,
    SourceWord,
    Step,
    is_minor_variant,
)


def reference_align(tokens: list[QuoteToken], source: list[SourceWord], lo: int = 0, hi: int | None = None) -> Alignment:
    """Best semi-global alignment of all quote tokens against source words [lo, hi).

    Gotoh's affine-gap dynamic programming over (quote token, source word) with three states:
    M (ends on a pair), D (ends skipping source words), I (ends on quote words the source lacks).
    Source words before and after the passage are free; an ellipsis absorbs any run of source
    words at no cost.
    """
    hi = len(source) if hi is None else hi
    words = source[lo:hi]
    n, m = len(words), len(tokens)
    inf = 10**15
    M = [[inf] * (n + 1) for _ in range(m + 1)]
    D = [[inf] * (n + 1) for _ in range(m + 1)]
    I = [[inf] * (n + 1) for _ in range(m + 1)]  # noqa: E741
    back = [[None] * (n + 1) for _ in range(m + 1)]  # per cell: (M from, D from, I from)
    M[0] = [0.0] * (n + 1)  # the passage may start at any source word
    for i in range(1, m + 1):
        token = tokens[i - 1]
        pm, pd, pi_ = M[i - 1], D[i - 1], I[i - 1]
        rm, rd, ri, rb = M[i], D[i], I[i], back[i]
        if token.word is None:  # ellipsis: skip any number of source words
            best, best_j, best_state = inf, 0, "M"
            for j in range(n + 1):
                for state, value in (("M", pm[j]), ("D", pd[j]), ("I", pi_[j])):
                    if value < best:
                        best, best_j, best_state = value, j, state
                rm[j] = best
                rb[j] = (("gap", best_j, best_state), None, None)
            continue
        word = token.word
        if word.bracketed:  # the writer's [word] stands for a short run of source words, or none
            for j in range(n + 1):
                best, best_j, best_state = inf, j, "M"
                for k in range(max(0, j - MAX_BRACKETED_RUN), j + 1):
                    for state, value in (("M", pm[k]), ("D", pd[k]), ("I", pi_[k])):
                        if value <= best:  # on a tie, stand for fewer source words
                            best, best_j, best_state = value, k, state
                rm[j] = best + MARKED
                rb[j] = (("bracket", best_j, best_state), None, None)
                if j and words[j - 1].norm == word.norm:  # the source has the bracketed word itself
                    value, state = min((pm[j - 1], "M"), (pd[j - 1], "D"), (pi_[j - 1], "I"))
                    if value + MATCH < rm[j]:
                        rm[j], rb[j] = value + MATCH, (("diag", j - 1, state), None, None)
            continue
        for j in range(n + 1):
            # I: this quote word has no source counterpart
            candidates = ((pm[j] + GAP_OPEN + GAP_EXTEND, "M"), (pd[j] + GAP_OPEN + GAP_EXTEND, "D"),
                          (pi_[j] + GAP_EXTEND, "I"))
            ri[j], i_from = min(candidates)
            m_from = d_from = None
            if j:
                source_norm = words[j - 1].norm
                if source_norm == word.norm:
                    step = MATCH
                elif is_minor_variant(word.norm, source_norm):
                    step = MINOR
                else:
                    step = REPLACE
                value, state = min((pm[j - 1], "M"), (pd[j - 1], "D"), (pi_[j - 1], "I"))
                rm[j], m_from = value + step, ("diag", j - 1, state)
                if i >= 2 and tokens[i - 2].word is not None and not tokens[i - 2].word.bracketed \
                        and tokens[i - 2].word.norm + word.norm == source_norm:
                    split, state = min((M[i - 2][j - 1], "M"), (D[i - 2][j - 1], "D"), (I[i - 2][j - 1], "I"))
                    if split + MATCH < rm[j]:  # "inter- national" in the quote
                        rm[j], m_from = split + MATCH, ("split", j - 1, state)
                if j >= 2 and words[j - 2].norm + source_norm == word.norm:
                    joined, state = min((pm[j - 2], "M"), (pd[j - 2], "D"), (pi_[j - 2], "I"))
                    if joined + MATCH < rm[j]:  # "inter- national" in the source
                        rm[j], m_from = joined + MATCH, ("join", j - 2, state)
                # D: skip source word j-1
                rd[j], d_from = min((rm[j - 1] + GAP_OPEN + GAP_EXTEND, "M"), (rd[j - 1] + GAP_EXTEND, "D"),
                                    (ri[j - 1] + GAP_OPEN + GAP_EXTEND, "I"))
            rb[j] = (m_from, d_from, i_from)
    end, end_state = min(((j, s) for j in range(n + 1) for s in "MI"),
                         key=lambda js: ((M if js[1] == "M" else I)[m][js[0]], -js[0]))
    total = (M if end_state == "M" else I)[m][end]
    steps = _trace(tokens, words, back, m, end, end_state, lo)
    covered = [s for s in steps if s.source_start is not None and s.op != "gap"]
    start_word = covered[0].source_start if covered else lo + end
    end_word = covered[-1].source_end if covered else lo + end
    matched = sum(1 for s in steps if s.op in ("match", "minor"))
    return Alignment(tuple(steps), total / SCALE, start_word, end_word, matched)


def _trace(tokens, words, back, i, j, state, lo) -> list[Step]:
    steps: list[Step] = []
    while i > 0:
        m_from, d_from, i_from = back[i][j]
        if state == "M":
            how, from_j, previous = m_from
            if how == "gap":
                steps.append(Step("gap", i - 1, lo + from_j, lo + j))
            elif how == "bracket":
                word, covered = tokens[i - 1].word, [w.norm for w in words[from_j:j]]
                op = "match" if covered == [word.norm] else "replace" if covered else "insert"
                steps.append(Step(op, i - 1, lo + from_j if covered else None, lo + j if covered else None))
            elif how == "join":
                steps.append(Step("match", i - 1, lo + from_j, lo + j))
            elif how == "split":  # two quote tokens, one source word
                steps.append(Step("match", i - 1, lo + j, lo + j))
                steps.append(Step("match", i - 2, lo + from_j, lo + j))
                i -= 1
            else:
                word, source_norm = tokens[i - 1].word, words[j - 1].norm
                op: Op = "match" if source_norm == word.norm else \
                    "minor" if is_minor_variant(word.norm, source_norm) else "replace"
                steps.append(Step(op, i - 1, lo + from_j, lo + j))
            i, j, state = i - 1, from_j, previous
        elif state == "D":
            steps.append(Step("delete", None, lo + j - 1, lo + j))
            j, state = j - 1, d_from
        else:
            steps.append(Step("insert", i - 1, None, None))
            i, state = i - 1, i_from
    steps.reverse()
    return steps
