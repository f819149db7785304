"""Which word of the passage a word of the report paraphrases, and in which polarity each stands.

A word's concept: its class in the paraphrase lexicon, else a light stem of its lemma ("protection"
and "protect", "necessity" and "necessary" meet). A report word is aligned with the passage words of
the same concept whose clause shares the most other concepts with its own clause, and only when they
share at least one: a word alone ("stand") is not enough to say two clauses speak of the same thing.

Polarity: how many negations a word stands under, counted on the path from the word up to the root
of its clause: "not"/"never"/"no"/"without", a subject with "no" ("no candidate was found"), "no
longer", and negating words ("refused to sign" = "did not sign"); an antonym counts for itself only.
Subjects, and the "by" phrase of who acts, are outside a negation's scope, so words inside them have
no polarity; a negating verb reaches its complements, not the words coordinated with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import ANTONYMS, NEGATORS, SYNONYMS, VERB_ONLY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CONTENT = ("NOUN", "VERB", "ADJ", "PROPN")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
# a clause of its own: the negation or modality of the clause above does not reach into it
CLAUSES = ("advcl", "relcl", "acl", "parataxis", "ccomp", "csubj", "csubjpass", "appos", "ROOT")
SUFFIXES = sorted(("ation", "ition", "ion", "ment", "ness", "ity", "ance", "ence", "ary", "ery", "ive", "ous",
                   "ful", "ing", "ial", "al", "ed", "es", "er", "or", "ly", "e", "y", "s"), key=len, reverse=True)


@dataclass(frozen=True)
class Concept:
    key: str  # "=class" from the lexicon, else a stem
    flip: int  # 0 plain, 1 a negating word (scopes over what it governs), 2 an antonym (itself only)


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "ation" else 4):
            return word[: -len(suffix)]  # "taxation" / "tax"
    return word


def _lemma(token: Token) -> str:
    """The lemma, mended where the small model gets a plural wrong ("taxes" -> "taxis")."""
    low = token.lower_
    if token.tag_ == "NNS" and low.endswith("xes") and token.lemma_.casefold() != low[:-2]:
        return low[:-2]
    return token.lemma_.casefold()


def _phrase(token: Token) -> str:
    """The lemma, with the particle of a phrasal verb ("turn down", "hold off")."""
    lemma = _lemma(token)
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if token.pos_ == "VERB" and (particle is None or f"{lemma} {particle}" not in SYNONYMS | NEGATORS.keys()):
        # "keep ... from", "make up for", "steer clear of", "head off"
        particle = next((c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "acomp", "advmod", "dobj")
                         and f"{lemma} {c.lower_}" in SYNONYMS.keys() | NEGATORS.keys()), particle)
    return f"{lemma} {particle}" if particle else lemma


def _in_long_name(token: Token) -> bool:
    """A word of a name of several words ("the United Nations"): compared as a name, not as a word."""
    if not token.ent_type_ or token.pos_ != "PROPN":
        return False
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end - start > 1


def concept(token: Token) -> Concept:
    word = _phrase(token)
    lemma = _lemma(token)
    if token.lower_ in SYNONYMS and token.dep_ in ("acomp", "amod") and word == lemma:
        word = lemma = token.lower_  # "prepared" (ready), not "prepare" (draft)
    if token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS"):
        return Concept("=people", 0)  # "the Americans" for "our citizens", "the people"
    if _in_long_name(token):
        return Concept(stem(lemma), 0)
    if token.pos_ != "VERB" and (word in VERB_ONLY or lemma in VERB_ONLY):
        return Concept(stem(lemma), 0)  # "partisan ends", "close to four million"
    if word not in NEGATORS and word not in ANTONYMS and word not in SYNONYMS:
        word = lemma
    if word == "decline" and not any(c.dep_ in ("xcomp", "dobj", "auxpass") for c in token.children):
        return Concept("=" + SYNONYMS.get("grow", "grow"), 2)  # a fall, not a refusal
    if word in NEGATORS and _other_sense(word, token):
        return Concept(stem(lemma), 0)
    if word in NEGATORS:
        return Concept("=" + SYNONYMS.get(NEGATORS[word], NEGATORS[word]), 1)
    if word in ANTONYMS:
        return Concept("=" + SYNONYMS.get(ANTONYMS[word], ANTONYMS[word]), 2)
    if word in SYNONYMS:
        return Concept("=" + SYNONYMS[word], 0)
    stemmed = stem(lemma)
    if token.pos_ == "NOUN" and stemmed in NOMINAL_NEGATORS and lemma not in NEGATORS:
        return Concept("=" + NOMINAL_NEGATORS[stemmed], 1)  # "the rejection of", "with the exception of"
    if stemmed in SYNONYMS:
        return Concept("=" + SYNONYMS[stemmed], 0)
    return Concept(stemmed, 0)


# Negating verbs with another sense, told by their object (selectional restriction): one opposes or
# resists an armed force by facing it in the field, not by refusing to support it ("opposing an army of
# 11,000 regulars"); what terminates or ends a line, a part or a boundary marks its limit, not its stop
# ("the point which terminated the northernmost part of the 31st degree").
ADVERSARY_WORDS = frozenset("""army armies force forces troops regulars enemy enemies fleet fleets militia
invader invaders host legions battalions regiment regiments squadron""".split())
SPATIAL_WORDS = frozenset("""part parts line lines boundary boundaries border borders edge point portion section
segment limit limits end extremity range ridge coast road railroad railway canal""".split())
OTHER_SENSES = {"oppose": ADVERSARY_WORDS, "resist": ADVERSARY_WORDS, "terminate": SPATIAL_WORDS,
                "end": SPATIAL_WORDS}


def _other_sense(word: str, token: Token) -> bool:
    objects = OTHER_SENSES.get(word)
    return objects is not None and token.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lower_ in objects for c in token.children)


# the nouns made from negating verbs negate as they do ("rejection" / "rejected", "refusal", "exception"),
# by their stems; not a noun that is the verb's own form with another sense ("the object", "a block")
NOMINAL_NEGATORS = {stem(word): SYNONYMS.get(NEGATORS[word], NEGATORS[word]) for word in NEGATORS
                    if " " not in word and word not in VERB_ONLY}


def same(a: str, b: str) -> bool:
    """Two concept keys name one thing: equal, or stems one of which extends the other by a letter or
    two ("reduc" / "reduct", "protec" / "protect")."""
    if a == b:
        return True
    if a.startswith("=") or b.startswith("="):
        return False
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.startswith(short) and len(long) - len(short) <= 2


def _markers(token: Token, via: Token | None = None) -> int:
    """Negations a word carries itself (not those of the words above it); `via`: the child the count
    comes up from, whose own negation is already counted."""
    count = 0
    # "no telegraph office and no railway station": the second "no" is the station's own, not another
    own_no = via is not None and via.dep_ == "conj" and _no_det(via)
    for child in token.children:
        low = child.lower_
        if own_no and child.dep_ in ("det", "preconj") and low in ("no", "neither"):
            continue
        if child.dep_ == "mark" and low == "unless":
            count += 1  # "unless Congress acts" = if Congress does not act
            continue
        if child.dep_ == "acomp" and (via is None or child.i != via.i) and concept(child).flip == 1:
            count += 1  # "it is unlikely that ...": the copula carries its complement's negation
            continue
        if child.dep_ == "dobj" and (via is None or child.i != via.i) and (
                low in ("none", "nothing") or _no_det(child)):
            count += 1  # "adopted none of the proposals", "received no answer": the verb is negated
            continue
        if child.dep_ == "neg" and child.i + 1 < len(child.doc) and child.doc[child.i + 1].lower_ == "less":
            continue  # "no less wise than a year ago": as wise
        if child.dep_ == "neg" and token.pos_ in ("NOUN", "PROPN") and child.i > token.i:
            continue  # "the agents of the people, not their masters": the "not" is for what follows
        if child.dep_ == "neg" or (low == "never" and child.dep_ != "neg"):
            count += child.i == 0 or child.doc[child.i - 1].lower_ != "if"  # "most if not all" is no negation
        elif child.dep_ == "preconj" and low == "neither":
            count += 1
        elif child.dep_ == "det" and low in ("no", "neither") and token.dep_ not in SUBJECTS:
            count += 1
        elif child.dep_ in SUBJECTS and (child.lower_ in ("nothing", "nobody", "none", "neither") or _no_det(child)):
            count += 1  # "no suitable candidate could be found": the clause is negated
        elif low == "longer" and any(g.lower_ == "no" for g in child.children):
            count += 1
    if token.lower_ in ("nothing", "none", "nobody", "nowhere") and token.dep_ not in SUBJECTS:
        count += 1
    if set_aside(token):
        count += 1  # "healing rather than revolution": not revolution
    if concept(token).flip:
        count += 1
    return count


def _boundary(node: Token, loose: bool) -> bool:
    """Where a negation's scope ends going up from a word. Strictly: at a clause, and at a verb
    coordinated by "and" (a "not" on one verb of "did not hear and called" leaves the other); loosely
    (the parse may have cut a list into clauses): at a clause with its own subject or conjunction."""
    if node.head.i == node.i:
        return True
    own_subject = any(c.dep_ in SUBJECTS for c in node.children)
    if node.dep_ == "conj":
        if own_subject:
            return True
        joined_by = {c.lower_ for c in (*node.head.children, *node.children) if c.dep_ == "cc"}
        return not loose and node.pos_ in ("VERB", "AUX") and not joined_by & {"or", "nor"}
    if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
        return not loose  # an adjunct ("for the first time") may be outside the negation's scope
    if node.dep_ == "ccomp" and loose:
        return False  # "it is unlikely that the talks will succeed": the talks will probably not succeed
    if node.dep_ in CLAUSES:
        return not loose or own_subject or any(c.dep_ == "mark" for c in node.children) or node.dep_ != "advcl"
    return False


def set_aside(token: Token) -> bool:
    """The word is what a phrase sets aside: "rather than X", "instead of X", "without X", "except X"."""
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ("without", "except"):
        return True
    rather = head.lower_ == "than" and head.i > 0 and token.doc[head.i - 1].lower_ == "rather"
    if token.dep_ in ("pobj", "pcomp") and rather:
        return True
    if token.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "than" and c.i > 0
                                    and c.doc[c.i - 1].lower_ == "rather" for c in head.children):
        return True  # parsed as a coordination
    if token.dep_ in ("pobj", "conj") and head.lower_ == "of" and head.i > 0 and (
            token.doc[head.i - 1].lower_ == "instead"):
        return True
    left = token.left_edge.i  # the parse lost the phrase ("fall on the cities rather than the states")
    return token.pos_ in ("NOUN", "PROPN", "PRON") and left >= 2 and token.doc[left - 1].lower_ == "than" and (
        token.doc[left - 2].lower_ == "rather")


def polarities(token: Token) -> set[int]:
    """Negations over the word, even or odd, read strictly and loosely (see _boundary); empty inside a
    subject (outside any negation's scope), unless the subject itself sets the word aside ("the
    national government, rather than the states, is responsible")."""
    found = set()
    for loose in (False, True):
        count = _markers(token)
        node = token
        inside_subject = excluded = False
        while not _boundary(node, loose):
            if node.dep_ in SUBJECTS or _agent_phrase(node):
                if node.i == token.i and _no_det(token):
                    count = (concept(token).flip > 0) + polarity_of_verb(token.head)  # "no reduction shall be made"
                    break
                # "the national government, rather than the states, is": not the states, but the government
                inside_subject = not (excluded or any(set_aside(t) for t in node.subtree))
                break
            excluded = excluded or set_aside(node)
            via_conj = node.dep_ == "conj"
            child, node = node, node.head
            count += _markers(node, child) - _not_over(node, via_conj)
        if not inside_subject:
            found.add(count % 2)
    return found


def _no_det(token: Token) -> bool:
    """The noun carries "no" or "neither" ("no answer", "neither money orders nor postal notes")."""
    return any(c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in token.children)


def polarity_of_verb(verb: Token) -> int:
    found = polarities(verb)
    return min(found) if len(found) == 1 else 0


def polarity(token: Token) -> int | None:
    """The strict reading of polarities(): None inside a subject."""
    count = _markers(token)
    node = token
    while not _boundary(node, False):
        if node.dep_ in SUBJECTS or _agent_phrase(node):
            return None
        via_conj = node.dep_ == "conj"
        child, node = node, node.head
        count += _markers(node, child) - _not_over(node, via_conj)
    return count % 2


def _not_over(node: Token, via_conj: bool) -> int:
    """1 where the word's own negation (counted by _markers) does not reach the word the count comes
    up from: an antonym ("taxes fell") is a negation of itself only, a negating verb does not negate
    the verbs coordinated with it."""
    flip = concept(node).flip
    return 1 if flip == 2 or via_conj and flip else 0


def _agent_phrase(node: Token) -> bool:
    """The "by" phrase naming who acts, of a passive verb or of a noun made from a verb ("the rejection
    by a large majority"): the logical subject, outside a negation's scope as a subject is."""
    return node.dep_ == "agent" or node.dep_ == "prep" and node.lower_ == "by" and node.head.pos_ == "NOUN"


def clause_root(token: Token) -> Token:
    node = token
    while not _boundary(node, True) and node.dep_ not in CLAUSES:
        node = node.head
    return node


def is_content(token: Token) -> bool:
    return token.pos_ in CONTENT and not token.is_stop and token.is_alpha and len(token.text) > 1


def _predicative(token: Token) -> bool:
    """A verb or adjective, or a noun under a negation ("no reduction", "not with entire confidence"):
    the words that may align alone (an object noun alone says little of its clause)."""
    if token.tag_ in ("VBN", "VBG") and not any(c.dep_ in ("aux", "auxpass") or c.dep_ in SUBJECTS
                                                for c in token.children):
        return False  # "Asked whether ...": a participle frames, it does not state
    if token.pos_ in ("VERB", "ADJ"):
        return True
    return token.pos_ == "NOUN" and 1 in polarities(token)


def _predicate(token: Token) -> Token:
    """The verb or adjective a word belongs to (itself for one), within its clause."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.dep_ not in CLAUSES and node.head.i != node.i:
        node = node.head
    return node


def _in_adjunct(token: Token) -> bool:
    """The word stands in what its sentence adds, not in what it states: a phrase added to a verb
    ("on account of such reduction"), a clause describing a noun ("the wages paid by ..."), or an
    adverbial clause with its conjunction ("because their hours had been reduced")."""
    return any(node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX") or node.dep_ in ("acl", "relcl")
               or node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children)
               for node in (token, *token.ancestors))


class Aligned:
    """The content words of a parsed text by clause, with their concepts, for aligning with another."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words = [t for t in doc if is_content(t)]
        self.concepts = {t.i: concept(t) for t in self.words}
        self.clause = {t.i: clause_root(t).i for t in self.words}
        self.by_clause: dict[int, list[str]] = {}
        for t in self.words:
            self.by_clause.setdefault(self.clause[t.i], []).append(self.concepts[t.i].key)

    def clause_of(self, token: Token) -> int:
        return self.clause[token.i] if token.i in self.clause else clause_root(token).i

    def context(self, token: Token) -> list[str]:
        """The concepts around the word: those of its predicate (the verb or adjective it belongs to,
        with its arguments but not the predicates coordinated with it) and of the clauses that
        predicate governs ("did not believe [that a compromise was possible]"), the word left out."""
        predicate = _predicate(token)
        skip = {c.i for c in predicate.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ")}
        words = [t for t in predicate.subtree if not any(a.i in skip for a in (t, *t.ancestors))]
        if predicate.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in predicate.children):
            words += [c for c in predicate.head.children if c.dep_ in SUBJECTS]
        return [self.concepts[t.i].key for t in words if t.i in self.concepts and t.i != token.i]

    def counterparts(self, token: Token, report: Aligned, *, nominal: bool = False) -> list[Token]:
        """The words of this text (the passage) that the report's word paraphrases: same concept, in
        the clauses sharing the most other concepts with the report word's clause (at least one); of
        equals, those in the same part of their sentence as the report's word: what it states, or an
        adverbial clause or phrase ("no reduction shall be made", not "on account of such reduction",
        for "the pay be cut"), else the same word. A word joined by a stem only (not by the lexicon) is
        the same word where the passage has it ("postal notes", not "post-offices"). `nominal`: nouns only."""
        scored = self.sharing(token, report, nominal=nominal)
        if not scored:
            return []
        if not report.concepts[token.i].key.startswith("="):  # a stem joins words apart ("postal", "post"):
            lemma = _lemma(token)  # the same word, where the passage has it, is the one paraphrased
            scored = [(n, c) for n, c in scored if _lemma(c) == lemma] or scored
        most = max(shared for shared, _ in scored)
        best = [candidate for shared, candidate in scored if shared == most]
        if len(best) > 1:
            same_part = [c for c in best if _in_adjunct(c) == _in_adjunct(token)]
            best = same_part or best
        if len(best) > 1:  # of equals still, the same word ("enacted measures" / "measures", not "a law")
            best = [c for c in best if _lemma(c) == _lemma(token)] or best
        return best

    def sharing(self, token: Token, report: Aligned, *, nominal: bool = False) -> list[tuple[int, Token]]:
        """(concepts shared, word) for each word of this text of the report word's concept whose
        context shares at least one concept with the report word's."""
        key = report.concepts[token.i].key
        mine = report.context(token)
        found = []
        named = _in_long_name(token)
        for candidate in self.words:
            if not same(key, self.concepts[candidate.i].key) or nominal and candidate.pos_ not in ("NOUN", "PROPN"):
                continue
            if _in_long_name(candidate) and not named:
                continue  # a word of a name is not the common noun: "the State of Virginia" / "those states"
            theirs = self.context(candidate)
            shared = sum(1 for k in set(mine) if any(same(k, o) for o in theirs))
            if shared:
                found.append((shared, candidate))
        return found

    def only_one(self, token: Token, report: Aligned) -> list[Token]:
        """The passage's one predicate of the concept, when each text has exactly one (the alignment
        for a clause too short to share another concept: "he was fully confident")."""
        key = report.concepts[token.i].key
        mine = [t for t in report.words if same(report.concepts[t.i].key, key)]
        theirs = [t for t in self.words if same(self.concepts[t.i].key, key)]
        if len(mine) == 1 and len(theirs) == 1 and _predicative(token) and _predicative(theirs[0]):
            return theirs
        return []
