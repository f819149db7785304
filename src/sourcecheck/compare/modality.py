"""Modality and hedging, per aligned clause, and the commitment of the attribution's cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Aligned, concept, is_content, same
from .lexicon import MODAL_AGREE, MODAL_WORDS, MODALS
from .model import Difference, TextSpan
from .spans import predicate_span, token_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# what one of these makes possible, it states as a possibility, as "can" / "could" would ("allowed
# prices to rise" = prices could rise), not as done
ENABLING = frozenset({"allow", "enable", "permit", "let", "empower"})


def _modality(token: Token) -> frozenset[str]:
    """The modal classes over a predicate: its modal auxiliaries, the modal words of its clause that
    govern or modify it ("plans to build", "is likely to", "perhaps"), and "have to"."""
    sorts: set[str] = set()
    node = token
    while True:
        for child in node.children:
            low = child.lower_
            if child.tag_ == "MD" and child.dep_ == "aux" and low in MODALS:
                sorts |= MODALS[low]
            elif child.dep_ == "advmod" and low in MODAL_WORDS and MODAL_WORDS[low] in ("possible", "future"):
                sorts.add(MODAL_WORDS[low])
        if node.dep_ == "xcomp" and _modal_lemma(node.head) in MODAL_WORDS:
            sorts.add(MODAL_WORDS[_modal_lemma(node.head)])
            node = node.head
            continue
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.casefold() in ENABLING and any(
                c.lower_ == "to" for c in node.children):
            sorts.add("able")  # "allowing the cartel to emerge": the cartel could emerge
            break
        if node.dep_ in ("xcomp", "acomp", "conj") and node.head.i != node.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            node = node.head
            continue
        break
    return frozenset(sorts)


def _agree(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    if mine & theirs or (not mine and not theirs):
        return True
    return any(frozenset({a, b}) in MODAL_AGREE for a in mine for b in theirs)


def _asserted(token: Token) -> bool:
    """A predicate whose modality is read: a finite verb or one governed by another ("plans to build"),
    not a gerund or a participle, and not inside a condition ("if no candidate could be found")."""
    node = token
    while node.dep_ in ("xcomp", "conj", "acomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("pcomp", "pobj", "acl", "amod", "dobj", "nsubj", "compound"):
        return False
    if node.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                               for c in node.children):
        return False  # "leaving the states ...", "wishing to keep peace": a participle
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and (
                c.lower_ in CONDITIONS or c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "long")
                                            for c in ancestor.children):
            return False
    return True


CONDITIONS = frozenset({"if", "when", "unless", "until", "whenever", "once", "provided"})


# a clause under these is a wish or a belief, whatever its own modal ("we hope that force will never be used")
# verbs that are themselves a wish, demand or promise ("hoped for peace", "demands peace")
ROOT_MODALS = frozenset({"hope", "wish", "want", "desire", "pray", "demand", "require", "plan", "intend", "promise",
                         "pledge", "vow", "consider"})
GOVERNING = {"hope": "wish", "pray": "wish", "wish": "wish", "trust": "wish", "want": "wish"}


def _modal_lemma(token: Token) -> str:
    """The lemma, mended where the small model gets a modal verb wrong ("hoped" -> "hop")."""
    lemma = token.lemma_.casefold()
    if lemma in MODAL_WORDS:
        return lemma
    low = token.lower_
    return next((form for form in (low[:-1], low[:-2], low[:-3]) if form in ROOT_MODALS and low.endswith(("d", "s"))),
                lemma)


def _clause_modality(root: Token) -> frozenset[str]:
    """The modality of a clause: its predicate's (see _modality), the predicate's own modal meaning
    ("hoped for peace", "demands peace", "is likely"), and a wish over it ("we hope that ...")."""
    sorts = set(_modality(root))
    if root.tag_ == "MD" and root.lower_ in MODALS:
        sorts |= MODALS[root.lower_]  # "We cannot and will not tolerate": the modal heads the clause
    for conj in root.children:  # "cannot and will not tolerate": the coordinated predicate's modal too
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJECT_DEPS
                                                                          for c in conj.children):
            sorts |= _modality(conj)
    lemma = _modal_lemma(root)
    if lemma in ("have", "need", "ought") and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                                  for c in root.children):
        sorts.add("obliged")  # "had to be raised"
    if lemma in ROOT_MODALS and root.pos_ == "VERB" and not _performative(root):
        sorts.add(MODAL_WORDS[lemma])
    for child in root.children:
        infinitive = any(g.dep_ in ("xcomp", "acl") and g.tag_ == "VB" for g in (*child.children, *root.children))
        if child.dep_ in ("acomp", "attr") and child.lemma_.casefold() in MODAL_WORDS and infinitive:
            sorts.add(MODAL_WORDS[child.lemma_.casefold()])  # "my intention to ask", "likely to"
        if child.dep_ == "advmod" and MODAL_WORDS.get(child.lower_) in ("possible", "future"):
            sorts.add(MODAL_WORDS[child.lower_])
    if root.dep_ == "ccomp" and _modal_lemma(root.head) in GOVERNING:
        return frozenset({GOVERNING[_modal_lemma(root.head)]})
    elided = _elided_modal(root)
    return elided if elided is not None else frozenset(sorts)


# speech acts that wanting performs ("I want to thank ..." thanks, "I wish to say ..." says)
PERFORMATIVES = frozenset({"thank", "express", "say", "tell", "welcome", "congratulate", "commend", "acknowledge",
                           "salute", "pay", "recognize", "add", "emphasize", "stress", "report", "announce"})


def _performative(root: Token) -> bool:
    return any(c.dep_ == "xcomp" and c.lemma_.casefold() in PERFORMATIVES for c in root.children)


def _elided_modal(root: Token) -> frozenset[str] | None:
    """The modal of a clause that repeats the predicate by ellipsis ("We can strike at war taxation, and
    we must"): the speaker's last word on it, so it replaces the first modal."""
    for conj in root.children:
        if conj.dep_ == "conj" and conj.tag_ == "MD" and conj.lower_ in MODALS and not any(
                c.pos_ in ("VERB", "AUX") and c.dep_ not in ("aux", "neg") for c in conj.children):
            return MODALS[conj.lower_]
    return None


def _clauses(aligned: Aligned) -> dict[int, list[str]]:
    """Clause roots that are predicates (not gerunds, not under a condition) with their concepts."""
    found: dict[int, list[str]] = {}
    for root_i, keys in aligned.by_clause.items():
        root = aligned.doc[root_i]
        stated = root.pos_ in ("VERB", "AUX") or root.pos_ == "ADJ" and root.dep_ in ("ROOT", "ccomp")
        if stated and _asserted(root):
            found[root_i] = keys
    return found


def _head_key(root: Token) -> str | None:
    """The concept of the clause's predicate: the verb, or the complement of "be" ("is ready")."""
    if is_content(root):
        return concept(root).key
    complement = next((c for c in root.children if c.dep_ in ("acomp", "attr") and is_content(c)), None)
    return concept(complement).key if complement is not None else None


def aligned_clause(root: Token, report: Aligned, source: Aligned, least: int = 2) -> Token | None:
    """The passage clause a report clause paraphrases: the one sharing the most concepts with it (two
    at least, or one when it is the predicate); the first of equals."""
    found = aligned_clauses(root, report, source, least)
    return found[0] if found else None


def aligned_clauses(root: Token, report: Aligned, source: Aligned, least: int = 2) -> list[Token]:
    """The passage clauses sharing the most concepts with a report clause (see aligned_clause)."""
    keys = report.by_clause.get(root.i, [])
    best: list[Token] = []
    best_score = 0
    for other_i, other_keys in source.by_clause.items():
        shared = sum(1 for k in set(keys) if any(same(k, o) for o in other_keys))
        mine_head, their_head = _head_key(root), _head_key(source.doc[other_i])
        heads = mine_head is not None and their_head is not None and same(mine_head, their_head)
        score = shared + (2 if heads else 0)
        if (shared >= least or heads) and score > best_score:
            best, best_score = [source.doc[other_i]], score
        elif (shared >= least or heads) and score == best_score:
            best.append(source.doc[other_i])
    return best


def _negated_modal(root: Token) -> bool:
    return any(c.dep_ == "neg" for c in root.children) or any(
        c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ in ("no", "neither") for g in c.children)
        for c in root.children)


def modality(report: Aligned, source: Aligned) -> list[Difference]:
    """A clause of the report and the passage clause it paraphrases (the one sharing the most concepts:
    two, or one when it is the predicate) whose modalities differ: both modal in classes that do not
    agree, or a hedge, intention, wish or obligation on one side over a plain statement on the other.
    A plain report of a passage's "will" is not compared (reports write the outcome), nor a "should"
    on one side only (reports condense an invitation or a duty with it, or state it as an argument)."""
    found: list[Difference] = []
    theirs = _clauses(source)
    for root_i, keys in _clauses(report).items():
        root = report.doc[root_i]
        best, best_score = None, 0
        for other_i, other_keys in theirs.items():
            shared = sum(1 for k in set(keys) if any(same(k, o) for o in other_keys))
            mine_head, their_head = _head_key(root), _head_key(source.doc[other_i])
            heads = mine_head is not None and their_head is not None and same(mine_head, their_head)
            score = shared + (2 if heads else 0)
            if (shared >= 2 or heads) and score > best_score:
                best, best_score = source.doc[other_i], score
        if best is None:
            best = _complement_of_aligned(root, report, source, theirs)
        if best is None:
            continue
        mine, other = _clause_modality(root), _clause_modality(best)
        if _negated_modal(root) and _negated_modal(best) and (mine | other <= {"obliged", "able", "possible"}
                                                              or mine | other <= {"future", "conditional", "able"}):
            continue  # "must not allow" = "could not let", "would not return" = "cannot be restored"
        if _agree(mine, other) or (not mine and other <= {"future", "conditional", "able"}) or (
                not other and mine <= {"future", "conditional", "able", "obliged"}) or (
                not mine and other == {"obliged"}):
            continue
        found.append(Difference("modality", modal_span(root), modal_span(best)))
    return found


def _complement_of_aligned(root: Token, report: Aligned, source: Aligned, theirs: dict[int, list[str]]) -> Token | None:
    """A "that" clause aligned through the clauses governing it, when it shares too little itself
    ("prices suggested [relief might eventually come]" / "the price indicates [the day of its deliverance
    is at hand]")."""
    if root.dep_ != "ccomp" or root.head.i == root.i:
        return None
    governor = aligned_clause(root.head, report, source)
    if governor is None:
        return None
    return next((c for c in governor.children if c.dep_ == "ccomp" and c.i in theirs), None)


def modal_span(token: Token) -> TextSpan:
    """The predicate with the words that carry its modality ("was perhaps", "can strike ... we must")."""
    parts = [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "conj")
                      and (c.dep_ != "advmod" or c.lower_ in MODAL_WORDS)
                      and (c.dep_ != "conj" or c.tag_ == "MD"))]
    left = min(t.idx for t in parts)
    right = max(t.idx + len(t.text) for t in parts)
    return TextSpan(left, right, token.doc.text[left:right])


# the cue verbs that say how firmly the speaker committed ("pledged that", "hoped that")
CUE_MODALS = {"promise": "future", "pledge": "future", "vow": "future", "assure": "future", "guarantee": "future",
              "swear": "future", "hope": "wish", "wish": "wish", "pray": "wish"}
FIRM = frozenset({"future", "intend", "obliged"})
HEDGED = frozenset({"wish", "possible", "able"})


def cue_modality(cue: Doc, source: Aligned) -> list[Difference]:
    """A cue of commitment over a passage that only hopes or allows ("assured the nation that" for
    "we hope ... that it may"), or a cue of hope over a passage that commits."""
    verb = next((t for t in cue if t.pos_ == "VERB" and _modal_lemma(t) in CUE_MODALS), None)
    if verb is None:
        return []
    sort = CUE_MODALS[_modal_lemma(verb)]
    clauses = {i: _clause_modality(source.doc[i]) for i in _clauses(source)}
    sorts = set().union(*clauses.values()) if clauses else set()
    if sort == "future" and not sorts & FIRM and sorts & HEDGED:
        wanted = HEDGED
    elif sort == "wish" and sorts & FIRM and "wish" not in sorts:
        wanted = FIRM
    else:
        return []
    other = next(source.doc[i] for i, m in clauses.items() if m & wanted)
    return [Difference("modality", token_span(verb), predicate_span(other))]
