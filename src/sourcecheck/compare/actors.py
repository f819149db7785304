"""The actor: who does the action of an aligned verb, and offices or bodies swapped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .align import Aligned, concept, is_content, same
from .lexicon import ACTORS, AGENTS, OFFICES
from .model import Difference
from .names import name_keys
from .spans import subtree_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you", "this", "that", "who", "which"})


def _roles(verb: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient): the subject of an active verb or the "by" phrase of a passive one, and the
    object or passive subject."""
    agent = patient = None
    # a bare past participle is passive: "did not want the people taxed" (the people are taxed)
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubj" and bare_participle:
            patient = child
        elif child.dep_ == "nsubj":
            agent = child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "dobj":
            patient = child
        elif child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), agent)
    purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if agent is None and (verb.dep_ == "xcomp" or purpose) and verb.head.pos_ == "VERB":  # "moving to intensify"
        # "asked Congress to draft": Congress drafts; "moved to intensify": the mover intensifies
        controller = None if purpose else next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        inherited = controller or _roles(verb.head)[0]  # "the insurgents refused to accept it": they would accept
        if not any(c.dep_ == "auxpass" for c in verb.children):
            agent = inherited
        elif patient is None:
            patient = inherited  # "the levees had to be raised"
    return agent, patient


NAMED = ("PERSON", "ORG", "GPE", "NORP")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _who(token: Token | None) -> str | None:
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
    return subtree_span(token).text


def _phrase_names(token: Token) -> set[str]:
    """Name keys of a noun phrase without its clauses ("American customs officers", "officials of China")."""
    words = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl") and a in token.subtree and a.i != token.i
                                                 for a in (t, *t.ancestors))]
    kept = [t for t in words if t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper() or t.text == "-"]
    return name_keys("".join(t.text_with_ws if t.i + 1 < len(t.doc) and t.nbor() in kept else t.text + " "
                             for t in kept))  # "Viet-Nam" kept whole


def _same_actor(a: Token, b: Token) -> bool:
    """One actor: a content word or a name shared by the two noun phrases, unless both are named
    and by different names ("American officers" / "the officials of China")."""
    names_a, names_b = _phrase_names(a), _phrase_names(b)
    if names_a and names_b and not names_a & names_b:
        return False
    country = {concept(a).key, concept(b).key} & {"=country", "=government"}
    if country and (a.ent_type_ == "GPE" or b.ent_type_ == "GPE"):
        return True  # "the country" or "the federal government" for "America"
    words_a = {concept(t).key for t in a.subtree if is_content(t)}
    words_b = {concept(t).key for t in b.subtree if is_content(t)}
    return any(same(x, y) for x in words_a for y in words_b) or bool(name_keys(_text(a)) & name_keys(_text(b)))


def _same_head(a: Token, b: Token) -> bool:
    """The two noun phrases name one actor by their head words (for roles swapped)."""
    return same(concept(a).key, concept(b).key) or bool(name_keys(a.text) & name_keys(b.text))


def actor(report: Aligned, source: Aligned, speaker: str | None = None) -> list[Difference]:
    """An aligned verb whose agent differs (nouns on both sides, a pronoun of the passage resolved),
    or whose agent is the passage's patient (roles swapped), plus an office or body of government
    swapped for another. `speaker`: who speaks the passage (its "I")."""
    found: list[Difference] = []
    for token in report.words:
        if token.pos_ != "VERB":
            continue
        agent, patient = _roles(token)
        found += _passive_subjects(token, patient, report, source)
        if agent is None:
            continue
        if _who(agent) is None:
            found += _speaker_for_another(token, agent, report, source, speaker)
            continue
        for other in source.counterparts(token, report) or _only_one(token, report, source):
            if other.pos_ != "VERB":
                continue
            their_agent, their_patient = _roles(other)
            said_by = _pronoun_actor(their_agent, speaker)
            if said_by is not None and their_agent is not None:
                if said_by is ANOTHER and _side(agent, speaker) is not None:
                    found.append(Difference("actor", subtree_span(agent), subtree_span(their_agent)))
                    break
                if said_by is SPEAKER and _other_person(agent, speaker):
                    found.append(Difference("actor", subtree_span(agent), subtree_span(their_agent)))
                    break
                their_agent = said_by if not isinstance(said_by, str) else their_agent
            if their_agent is not None and _who(their_agent) and not _same_actor(agent, their_agent):
                if any(_same_actor(agent, t) for t in _all_nominals(other.doc)) and not (
                        their_patient is not None and _same_actor(agent, their_patient)):
                    continue  # the report's agent acts in the passage too: another clause, not a swap
                if _describes(agent, their_agent, other.doc):
                    continue
                found.append(Difference("actor", subtree_span(agent), subtree_span(their_agent)))
                break
            if their_patient is not None and _same_head(agent, their_patient) and (
                    their_agent is None or not _same_actor(agent, their_agent)) and _who(their_patient) and (
                    not _binds(other)):
                found.append(Difference("actor", subtree_span(agent), subtree_span(their_patient)))
                break
    return found + _swapped_actors(report.doc, source.doc) + _other_payer(report.doc, source.doc)


# verbs by which one binds another to a course: the one bound takes on the commitment ("I am committing the
# United States to support a new fund": the United States commit themselves), so that a report making it
# the subject ("the United States committed $200 million") swaps no roles
BINDING = frozenset({"commit", "pledge", "bind", "dedicate", "devote", "obligate", "oblige", "engage"})


def _binds(verb: Token) -> bool:
    """A binding verb with the course it binds to ("committing X to support", "pledged X to the cause")."""
    return verb.lemma_.casefold() in BINDING and any(
        c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        or c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


SPEAKER = "speaker"  # the passage's "I" / "we"
ANOTHER = "another"  # the passage's "he" / "she" naming no one earlier in it: not the speaker
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
THIRD_SINGULAR = frozenset({"he", "she", "him", "her"})
THIRD_PLURAL = frozenset({"they", "them"})
# what a reporter writes for the speaker's own side ("we"): the country, its government, its people
SIDES = frozenset({"=country", "=government", "=people"})


def _pronoun_actor(token: Token | None, speaker: str | None) -> Token | str | None:
    """A passage's pronoun agent resolved: SPEAKER for "I" / "we"; for "he", "she", "they" the nearest
    noun before it in the passage that can act and agrees in number, else ANOTHER for "he" / "she"
    (a third person, not the speaker); None for anything else."""
    if token is None or token.pos_ != "PRON":
        return None
    low = token.lower_
    if low in FIRST_PERSON:
        return SPEAKER
    if low not in THIRD_SINGULAR | THIRD_PLURAL:
        return None
    plural = low in THIRD_PLURAL
    for earlier in reversed(token.doc[: token.i]):
        if earlier.pos_ not in ("NOUN", "PROPN") or earlier.dep_ == "compound" or _who(earlier) is None:
            continue
        if plural and earlier.tag_ in ("NNS", "NNPS") or not plural and _may_be_he(earlier):
            return earlier
    return None if plural else ANOTHER


def _may_be_he(token: Token) -> bool:
    """A singular noun "he" or "she" may stand for: a person, or a common noun ("the minister"),
    not a place or an organisation ("in Havana, he praised": not Havana)."""
    return token.ent_type_ == "PERSON" or token.tag_ == "NN" and token.ent_type_ == ""


def _speaker_keys(speaker: str | None) -> set[str]:
    words = (speaker or "").split()
    return name_keys(words[-1]) if words else set()


def _side(token: Token, speaker: str | None) -> str | None:
    """The report's agent as the speaker's side: the speaker by name, a pronoun standing for the
    speaker (the content's "he" with no one named before it), or the country, the government or the
    people unnamed (what a report writes for the passage's "we"); a named country may be the
    passage's third person's ("Moscow" for "he")."""
    low = token.lower_
    if token.pos_ == "PRON":
        named_before = any(t.ent_type_ == "PERSON" for t in token.doc[: token.i])
        return SPEAKER if low in FIRST_PERSON or low in ("he", "she") and not named_before else None
    if _speaker_keys(speaker) & name_keys(_text(token)):
        return SPEAKER
    if concept(token).key in SIDES and not _phrase_names(token):
        return "side"  # not a named country: "the Soviet Union" may stand for the passage's "he"
    return None


def _other_person(token: Token, speaker: str | None) -> bool:
    """The report's agent is a person named who is not the speaker (the speaker known)."""
    keys = _speaker_keys(speaker)
    return bool(keys) and token.ent_type_ == "PERSON" and not keys & name_keys(_text(token))


def _speaker_for_another(token: Token, agent: Token, report: Aligned, source: Aligned,
                         speaker: str | None) -> list[Difference]:
    """The report's pronoun agent stands for the speaker ("he would halt") where the passage's agent
    of the same verb is a third person ("He agrees to discontinue")."""
    if _side(agent, speaker) is None:
        return []
    for other in source.counterparts(token, report) or _only_one(token, report, source):
        their_agent = _roles(other)[0] if other.pos_ == "VERB" else None
        if _pronoun_actor(their_agent, speaker) is ANOTHER and their_agent is not None:
            return [Difference("actor", subtree_span(agent), subtree_span(their_agent))]
    return []


PAYING = frozenset({"pay", "fund", "finance", "defray"})
COSTS = frozenset({"expense", "cost", "charge"})


def _payers(doc: Doc) -> list[Token]:
    """Who pays, as the text says it: the agent of "paid for by X" / "X funded", or "at the expense of
    X" / "at X's cost"."""
    found = []
    for token in doc:
        lemma = token.lemma_.casefold()
        if token.pos_ == "VERB" and lemma in PAYING:
            agent = _roles(token)[0]
            if agent is not None:
                found.append(agent)
        elif token.pos_ == "NOUN" and lemma in COSTS:
            of = next((c for c in token.children if c.lower_ == "of"), None)
            payer = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            payer = payer or next((c for c in token.children if c.dep_ == "poss"), None)
            if payer is not None:
                found.append(payer)
    return [t for t in found if _who(t)]


def _other_payer(report: Doc, source: Doc) -> list[Difference]:
    """The report's payer is not the passage's ("paid for by Kentucky" / "at the expense of the United
    States")."""
    theirs = _payers(source)
    return [Difference("actor", subtree_span(mine), subtree_span(theirs[0])) for mine in _payers(report)[:1]
            if theirs and not any(_same_actor(mine, other) for other in theirs)]


def _describes(mine: Token, theirs: Token, passage: Doc) -> bool:
    """The passage's actor is an unnamed description ("that Government", "the Executive") and the
    report names one the passage mentions elsewhere ("the treaty with Spain"): the report may name whom
    the passage describes."""
    names = _phrase_names(mine)
    return bool(names) and not _phrase_names(theirs) and names <= name_keys(passage.text)


def _passive_subjects(token: Token, patient: Token | None, report: Aligned, source: Aligned) -> list[Difference]:
    """Two passives of one verb whose subjects are different actors ("our forces were pushed back" for
    "the enemy was driven back")."""
    if patient is None or patient.dep_ != "nsubjpass" or _who(patient) is None:
        return []
    for other in source.counterparts(token, report) or _only_one(token, report, source):
        theirs = next((c for c in other.children if c.dep_ == "nsubjpass"), None)
        if theirs is not None and _who(theirs) and not _same_actor(patient, theirs):
            return [Difference("actor", subtree_span(patient), subtree_span(theirs))]
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
            noun = ONE_BODY.get(token.lemma_.casefold(), token.lemma_.casefold())
            office = " ".join(o.lemma_.casefold() for c in token.children if c.lower_ == "of"
                              for o in c.children if o.dep_ == "pobj" and token.lemma_.casefold() in OFFICES)
            found.setdefault(f"{modifier} {noun} {office}".strip(), token)
    return found




# one body under two names
ONE_BODY = {"administration": "government", "tribunal": "court", "judiciary": "court"}


def _one_body(text: str) -> str:
    text = text.casefold()
    for name, body in ONE_BODY.items():
        text = text.replace(name, body)
    return text


def _swapped_actors(report: Doc, source: Doc) -> list[Difference]:
    """An actor noun of the report the passage never names, while the passage names one the report
    leaves out ("the Secretary of War" for "the Secretary of the Navy", "the states" for Congress)."""
    mine, theirs = _actor_nouns(report), _actor_nouns(source)
    source_text, report_text = _one_body(source.text), _one_body(report.text)
    left_out = [t for key, t in theirs.items() if key.split()[-1] not in report_text]
    if not left_out:
        return []
    # one office for another of its kind ("Secretary of War" / "of the Navy") changes the meaning; another
    # body may only be one more actor than the passage names
    return [Difference("actor", subtree_span(token), subtree_span(left_out[0]),
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
