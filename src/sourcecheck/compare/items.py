"""Negation, modality, quantifiers and the actor, each compared between a report word and the passage
word it paraphrases (align.py), and names over the whole texts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .align import Aligned, concept, is_content, polarities, same
from .lexicon import ACTORS, AGENTS, MODAL_AGREE, MODAL_WORDS, MODALS, QUANTIFIER_AGREE, QUANTIFIERS, SYNONYMS
from .model import Difference, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def _subtree_span(token: Token) -> TextSpan:
    left = min(t.idx for t in token.subtree)
    right = max(t.idx + len(t.text) for t in token.subtree)
    return TextSpan(left, right, token.doc.text[left:right])


def _predicate_span(token: Token) -> TextSpan:
    """The word with its auxiliaries and negation ("would not sign")."""
    parts = [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < token.i)]
    left = min(t.idx for t in parts)
    right = token.idx + len(token.text)
    return TextSpan(left, right, token.doc.text[left:right])


# ---------------------------------------------------------------- negation


def negation(report: Aligned, source: Aligned) -> list[Difference]:
    """A report word whose aligned passage words all stand in the other polarity (one per clause)."""
    found: list[Difference] = []
    clauses_done: set[int] = set()
    for token in sorted(report.words, key=lambda t: (t.pos_ not in ("VERB", "ADJ"), t.i)):
        clause = report.clause[token.i]
        if clause in clauses_done or token.pos_ == "PROPN":
            continue
        mine = polarities(token)
        if not mine:
            continue
        theirs = [(t, polarities(t)) for t in source.counterparts(token, report) or source.only_one(token, report)]
        theirs = [(t, p) for t, p in theirs if p]
        if theirs and all(not p & mine for _, p in theirs):
            other = theirs[0][0]
            found.append(Difference("negation", _predicate_span(token), _predicate_span(other)))
            clauses_done.add(clause)
    return found


# ---------------------------------------------------------------- modality


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
    if lemma in ROOT_MODALS and root.pos_ == "VERB":
        sorts.add(MODAL_WORDS[lemma])
    for child in root.children:
        if child.dep_ in ("acomp", "attr") and child.lemma_.casefold() in MODAL_WORDS and any(
                g.dep_ in ("xcomp", "acl") and g.tag_ == "VB" for g in child.children):
            sorts.add(MODAL_WORDS[child.lemma_.casefold()])  # "my intention to ask", "likely to"
        if child.dep_ == "advmod" and MODAL_WORDS.get(child.lower_) in ("possible", "future"):
            sorts.add(MODAL_WORDS[child.lower_])
    if root.dep_ == "ccomp" and _modal_lemma(root.head) in GOVERNING:
        return frozenset({GOVERNING[_modal_lemma(root.head)]})
    return frozenset(sorts)


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
            continue
        mine, other = _clause_modality(root), _clause_modality(best)
        if _negated_modal(root) and _negated_modal(best) and mine | other <= {"obliged", "able", "possible"}:
            continue  # "must not allow" = "could not let": a prohibition either way
        if _agree(mine, other) or (not mine and other <= {"future", "conditional", "able"}) or (
                not other and mine <= {"future", "conditional", "able", "obliged"}) or (
                not mine and other == {"obliged"}):
            continue
        found.append(Difference("modality", _predicate_span(root), _predicate_span(best)))
    return found


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
    return [Difference("modality", _token_span(verb), _predicate_span(other))]


# ---------------------------------------------------------------- quantifiers

SIZES = ("large", "great", "small", "greater")  # of a portion: "a large share of"
PORTIONS = frozenset({"portion", "part", "share", "number", "percentage", "proportion", "majority", "minority",
                      "handful", "bulk"})


def _quantifier(noun: Token) -> str | None:
    """The quantifier over a noun: its determiner or "all of" / "most of" above it, or a portion
    word ("a large share of", "a handful of")."""
    for child in noun.children:
        low = child.lower_
        if low in ("single", "one") and child.i > 1 and noun.doc[child.i - 2].lower_ == "not":
            return "none"  # "not a single soldier", "not one"
        if child.dep_ in ("det", "amod", "nummod", "predet") and low in QUANTIFIERS and low not in SIZES:
            return QUANTIFIERS[low]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PRON", "ADJ", "DET", "NUM"):
        portion = head.head
        if portion.lower_ in QUANTIFIERS and portion.lower_ not in ("large", "small", "great", "number"):
            return QUANTIFIERS[portion.lower_]
        if portion.lower_ == "one":  # "every one of these proposals"
            det = next((c.lower_ for c in portion.children if c.dep_ == "det" and c.lower_ in QUANTIFIERS), None)
            if det is not None:
                return QUANTIFIERS[det]
        if portion.lemma_.casefold() in PORTIONS:
            if portion.lemma_.casefold() in QUANTIFIERS and portion.lemma_.casefold() != "number":
                return QUANTIFIERS[portion.lemma_.casefold()]
            size = next((c.lower_ for c in portion.children if c.lower_ in SIZES), None)
            return {"large": "many", "great": "many", "greater": "most", "small": "few"}.get(size or "", "some")
    if noun.lemma_.casefold() in PORTIONS:
        size = next((c.lower_ for c in noun.children if c.lower_ in SIZES), None)
        if size:
            return {"large": "many", "great": "many", "greater": "most", "small": "few"}[size]
    return None


NOT_QUANTIFIED = {"many": "few", "all": "some", "most": "few", "some": "none"}


def _quantified(doc: Doc) -> list[tuple[str, Token, Token]]:
    """(class, the quantifier's word, the noun or pronoun it quantifies) of a text: "all our citizens",
    "most of them", "a handful of aides", "the whole of the United States", "only that conspirator"."""
    found = []
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            sort = _quantifier(token) if token.pos_ != "PRON" or token.dep_ == "pobj" else None
            if sort is None and any(c.lower_ == "only" for c in token.children):
                sort = "few"
            if sort is not None:
                word = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token
                if word.lower_ == "all" and word.i > 0 and doc[word.i - 1].lower_ in ("almost", "nearly"):
                    sort = "most"
                if word.i > 1 and doc[word.i - 2].lower_ == "if" and doc[word.i - 1].lower_ == "not":
                    continue  # "most if not all": the hedge, not a second quantifier
                said = next((c for c in token.children if c.lower_ in QUANTIFIERS), word)
                if said.i > 0 and doc[said.i - 1].lower_ == "not":
                    sort = NOT_QUANTIFIED.get(sort, sort)  # "not many" = few, "not all" = some
                found.append((sort, word, token))
    return found


def quantifier(report: Aligned, source: Aligned) -> list[Difference]:
    """A quantifier of the report whose counterparts in the passage (the same noun quantified, or any
    quantifier of the passage clause the report's clause paraphrases) all fall in classes that do not
    agree ("all the conspirators" / "only that conspirator", "all of them" / "most of them")."""
    found: list[Difference] = []
    theirs = _quantified(source.doc)
    for sort, word, noun in _quantified(report.doc):
        nouns = set(source.counterparts(noun, report)) if noun.i in report.concepts else set()
        if nouns:
            matched = [(s, w) for s, w, n in theirs if n in nouns]
        else:  # the noun paraphrased or a pronoun: the quantifiers of the aligned clause on nouns the report leaves out
            clauses = {c.i for c in aligned_clauses(report.doc[report.clause_of(noun)], report, source,
                                                    least=1 if noun.pos_ == "PRON" else 2)}
            told = [c.key for c in report.concepts.values()]
            matched = [(s, w) for s, w, n in theirs if source.clause_of(n) in clauses
                       and not (n.i in source.concepts and any(same(source.concepts[n.i].key, k) for k in told))]
        if matched and all(s != sort and frozenset({s, sort}) not in QUANTIFIER_AGREE for s, _ in matched):
            start = min(word.idx, noun.idx)
            end = max(word.idx + len(word.text), noun.idx + len(noun.text))
            found.append(Difference("quantifier", TextSpan(start, end, report.doc.text[start:end]),
                                    _token_span(matched[0][1])))
    return found


# ---------------------------------------------------------------- actor

PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you", "this", "that", "who", "which"})


def _roles(verb: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient): the subject of an active verb or the "by" phrase of a passive one, and the
    object or passive subject."""
    agent = patient = None
    for child in verb.children:
        if child.dep_ == "nsubj":
            agent = child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "dobj":
            patient = child
        elif child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), agent)
    if agent is None and verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)  # "asked Congress to draft"
        inherited = controller or _roles(verb.head)[0]  # "the insurgents refused to accept it": they would accept
        if not any(c.dep_ == "auxpass" for c in verb.children):
            agent = inherited
        elif patient is None:
            patient = inherited  # "the levees had to be raised"
    return agent, patient


NAMED = ("PERSON", "ORG", "GPE", "NORP")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _who(token: Token | None, names: set[str]) -> str | None:
    """A comparable actor: a name, or a noun for those who can act ("Congress", "the commanders", "the
    officials"; not "unemployment"), keyed by its concept."""
    if token is None or token.lower_ in PRONOUNS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = token.lemma_.casefold()
    named = any(t.ent_type_ in NAMED for t in (token, *(c for c in token.children if c.dep_ in ("amod", "compound"))))
    agentive = (named or token.pos_ == "PROPN" or lemma in ACTORS
                or lemma in AGENTS or concept(token).key in {"=people", "=congress", "=government", "=country"}
                or lemma.endswith(("ist", "ian")))
    return concept(token).key if agentive else None


def _text(token: Token) -> str:
    return _subtree_span(token).text


def _phrase_names(token: Token) -> set[str]:
    """Name keys of a noun phrase without its clauses ("American customs officers", "officials of China")."""
    words = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl") and a in token.subtree and a.i != token.i
                                                 for a in (t, *t.ancestors))]
    return _name_keys(" ".join(t.text for t in words if t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper()))


def _same_actor(a: Token, b: Token) -> bool:
    """One actor: a content word or a name shared by the two noun phrases, unless both are named
    and by different names ("American officers" / "the officials of China")."""
    names_a, names_b = _phrase_names(a), _phrase_names(b)
    if names_a and names_b and not names_a & names_b:
        return False
    if {concept(a).key, concept(b).key} & {"=country"} and (a.ent_type_ == "GPE" or b.ent_type_ == "GPE"):
        return True  # "the country" for "America"
    words_a = {concept(t).key for t in a.subtree if is_content(t)}
    words_b = {concept(t).key for t in b.subtree if is_content(t)}
    return any(same(x, y) for x in words_a for y in words_b) or bool(_name_keys(_text(a)) & _name_keys(_text(b)))


def _same_head(a: Token, b: Token) -> bool:
    """The two noun phrases name one actor by their head words (for roles swapped)."""
    return same(concept(a).key, concept(b).key) or bool(_name_keys(a.text) & _name_keys(b.text))


def actor(report: Aligned, source: Aligned) -> list[Difference]:
    """An aligned verb whose agent differs (nouns on both sides), or whose agent is the passage's
    patient (roles swapped), plus an office or body of government swapped for another."""
    found: list[Difference] = []
    for token in report.words:
        if token.pos_ != "VERB":
            continue
        agent, patient = _roles(token)
        found += _passive_subjects(token, patient, report, source)
        if agent is None or _who(agent, set()) is None:
            continue
        for other in source.counterparts(token, report) or _only_one(token, report, source):
            if other.pos_ != "VERB":
                continue
            their_agent, their_patient = _roles(other)
            if their_agent is not None and _who(their_agent, set()) and not _same_actor(agent, their_agent):
                if any(_same_actor(agent, t) for t in _all_nominals(other.doc)) and not (
                        their_patient is not None and _same_actor(agent, their_patient)):
                    continue  # the report's agent acts in the passage too: another clause, not a swap
                if _describes(agent, their_agent, other.doc):
                    continue
                found.append(Difference("actor", _subtree_span(agent), _subtree_span(their_agent)))
                break
            if their_patient is not None and _same_head(agent, their_patient) and (
                    their_agent is None or not _same_actor(agent, their_agent)) and _who(their_patient, set()):
                found.append(Difference("actor", _subtree_span(agent), _subtree_span(their_patient)))
                break
    return found + _swapped_actors(report.doc, source.doc)


def _describes(mine: Token, theirs: Token, passage: Doc) -> bool:
    """The passage's actor is an unnamed description ("that Government", "the Executive") and the
    report names one the passage mentions elsewhere ("the treaty with Spain"): the report may name whom
    the passage describes."""
    names = _phrase_names(mine)
    return bool(names) and not _phrase_names(theirs) and names <= _name_keys(passage.text)


def _passive_subjects(token: Token, patient: Token | None, report: Aligned, source: Aligned) -> list[Difference]:
    """Two passives of one verb whose subjects are different actors ("our forces were pushed back" for
    "the enemy was driven back")."""
    if patient is None or patient.dep_ != "nsubjpass" or _who(patient, set()) is None:
        return []
    for other in source.counterparts(token, report) or _only_one(token, report, source):
        theirs = next((c for c in other.children if c.dep_ == "nsubjpass"), None)
        if theirs is not None and _who(theirs, set()) and not _same_actor(patient, theirs):
            return [Difference("actor", _subtree_span(patient), _subtree_span(theirs))]
    return []


def _only_one(token: Token, report: Aligned, source: Aligned) -> list[Token]:
    """The passage's one verb of the same lemma, when each text has exactly one ("urged")."""
    lemma = token.lemma_.casefold()
    mine = [t for t in report.words if t.lemma_.casefold() == lemma]
    theirs = [t for t in source.words if t.lemma_.casefold() == lemma and t.pos_ == "VERB"]
    return theirs if len(mine) == 1 and len(theirs) == 1 else []


def _all_nominals(doc: Doc) -> list[Token]:
    return [t for t in doc if t.dep_ in ("nsubj", "agent") and t.pos_ in ("NOUN", "PROPN")]


def _actor_nouns(doc: Doc) -> dict[str, Token]:
    """Actor nouns of the text (ACTORS), each with the words modifying it ("federal government",
    "Secretary of War"), keyed by their lemmas."""
    found: dict[str, Token] = {}
    for token in doc:
        if token.lemma_.casefold() in ACTORS and token.pos_ in ("NOUN", "PROPN") and not (
                token.lemma_.casefold() in ("state", "states") and any(c.lower_ == "united" for c in token.children)):
            modifier = " ".join(c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i)
            noun = "government" if token.lemma_.casefold() == "administration" else token.lemma_.casefold()
            office = " ".join(o.lemma_.casefold() for c in token.children if c.lower_ == "of"
                              for o in c.children if o.dep_ == "pobj" and token.lemma_.casefold() in OFFICES)
            found.setdefault(f"{modifier} {noun} {office}".strip(), token)
    return found


OFFICES = frozenset({"secretary", "department", "commander"})  # "Secretary of War", "Department of State"


def _swapped_actors(report: Doc, source: Doc) -> list[Difference]:
    """An actor noun of the report the passage never names, while the passage names one the report
    leaves out ("the Secretary of War" for "the Secretary of the Navy", "the states" for Congress)."""
    mine, theirs = _actor_nouns(report), _actor_nouns(source)
    source_text = source.text.casefold().replace("administration", "government")
    report_text = report.text.casefold().replace("administration", "government")
    left_out = [t for key, t in theirs.items() if key.split()[-1] not in report_text]
    if not left_out:
        return []
    # one office for another of its kind ("Secretary of War" / "of the Navy") changes the meaning; another
    # body may only be one more actor than the passage names
    return [Difference("actor", _subtree_span(token), _subtree_span(left_out[0]),
                       meaning_changing=token.lemma_.casefold() == left_out[0].lemma_.casefold())
            for key, token in mine.items() if key.split()[-1] not in source_text and key not in theirs
            and _acts(token)]


def _acts(token: Token) -> bool:
    """The noun (or a noun it is coordinated with) is the agent of a verb: its subject, not a copula's,
    or its "by" phrase."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "nsubj":
        return node.head.pos_ == "VERB"
    if node.dep_ == "pobj" and (node.head.dep_ == "agent" or node.head.head.pos_ == "VERB"):
        return True  # "by X", or an argument of an action ("rest with X")
    if node.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in node.head.children):
        return True  # "ordered the Secretary of War to seize"
    return node.dep_ in ("compound", "poss") and _acts(node.head)


# ---------------------------------------------------------------- names

NAME_SORTS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
              "ORG": "organisation", "LAW": "organisation", "EVENT": "organisation"}
# one country under its usual names: a report writes "the U.S." or "Washington" for "the United States"
ALIASES = {"usa": "us", "ameri": "us", "washi": "us"}
# a capital written for its country's government (metonymy), by the first five letters of both
CAPITALS = {"havan": "cuba", "saigo": "vietn", "hanoi": "vietn", "baghd": "iraq", "tehra": "iran", "mosco": "sovie",
            "kremi": "sovie", "pekin": "china", "beiji": "china", "londo": "brita", "paris": "franc", "berli": "germa",
            "tokyo": "japan", "ottaw": "canad", "kabul": "afgha", "pyong": "korea", "seoul": "korea", "jerus": "israe",
            "cairo": "egypt", "mexic": "mexic", "damas": "syria", "kiev": "ukrai", "kyiv": "ukrai"}


def _name_keys(text: str) -> set[str]:
    """Words of names as compared: dots and hyphens dropped ("U.N." = "UN", "Viet-Nam" = "Vietnam"),
    capitalised words only, their first five letters ("American" = "America"), a few aliases of the United States."""
    joined = re.sub(r"(?<=\w)[.\-](?=\w)|(?<=\b\w)\.", "", text)
    found = re.findall(r"[A-Z][A-Za-z]+", joined)
    words = {w.casefold()[:5] for w in found} - {"the"}
    words |= {(w[:-3] + "a").casefold()[:5] for w in found if w.endswith("ese")}  # "Chinese" = "China"
    initials = {"".join(w[0] for w in run.split()).casefold()
                for run in re.findall(r"(?!The\b)[A-Z][a-z]+(?: [A-Z][a-z]+)+", joined)}
    aliases = {ALIASES[w] for w in words if w in ALIASES} | {CAPITALS[w] for w in words if w in CAPITALS}
    return words | initials | aliases


def names(report: Doc, source: Doc) -> list[Difference]:
    """A name of the report the passage does not hold, when the passage names one of the same sort
    that the report leaves out (a place of the report may stand for an organisation of the passage:
    the small model tags "the Dominion of Virginia" as one)."""
    source_words = _name_keys(source.text)
    report_words = _name_keys(report.text)
    lowered = {w.casefold() for w in re.findall(r"[A-Za-z]+", report.text)}
    left_out = [e for e in source.ents if e.label_ in NAME_SORTS and not (_name_keys(e.text) & report_words)
                and source.text[e.end_char:e.end_char + 1] != "-"
                and not (len(e) == 1 and e.text.casefold() in lowered)]  # "States" as "the states"
    found: list[Difference] = []
    for ent in report.ents:
        sort = NAME_SORTS.get(ent.label_)
        if sort is None or report.text[ent.end_char:ent.end_char + 1] == "-":
            continue  # "State-owned": a word, not a name
        if _name_keys(ent.text) & source_words:
            continue
        other = next((e for e in left_out if _sorts_agree(ent.label_, e.label_)), None)
        if other is not None:  # a place for an organisation may be the same thing, more precisely named
            found.append(Difference("name", TextSpan(ent.start_char, ent.end_char, ent.text),
                                    TextSpan(other.start_char, other.end_char, other.text),
                                    meaning_changing=NAME_SORTS[ent.label_] == NAME_SORTS[other.label_]))
    return found


def _sorts_agree(mine: str, theirs: str) -> bool:
    return NAME_SORTS[mine] == NAME_SORTS[theirs] or (mine in ("GPE", "LOC") and theirs == "ORG")


__all__ = ["SYNONYMS", "actor", "modality", "names", "negation", "quantifier"]
