"""The words attribution reads: reporting verbs and phrases, nouns of people, bodies and documents, pronouns."""

from __future__ import annotations

import re

from .model import SpeakerType

CUE_VERBS = frozenset("""
say tell warn pledge read write add state argue insist note vow claim declare announce explain stress
emphasize emphasise promise urge ask answer reply respond acknowledge admit concede recall call describe
dub label term brand deny assert contend maintain predict suggest tweet post testify complain conclude
observe remark quip joke comment agree caution repeat proclaim affirm concur report commit recommend
demand boast lament confirm reveal characterize characterise dismiss hail praise criticise criticize
accuse charge allege recount mention inform shout whisper mutter reiterate underline underscore signal
hint stipulate provide specify establish guarantee require oblige find estimate put summarise summarize
thunder fume scoff snap retort counter protest plead pray beg sigh laugh cry exclaim murmur concede
describe recount record set outline envisage envision pronounce brief advise tout question wonder speak talk
credit attribute
refer blast slam attack decry condemn denounce deplore lambaste chide scold rebuke mock ridicule tease brag
gloat grumble mourn regret apologize apologise laud congratulate applaud blame challenge dispute reject
object disagree swear confess reassure assure notify remind indicate disclose reaffirm echo portray
quote recite chant yell scream mumble gush rave enthuse marvel muse reflect speculate forecast reckon opine
editorialize editorialise lecture preach chat elaborate clarify instruct inquire enquire implore exhort
prophesy interject interrupt acknowledge dub nickname coin liken compare rate deem hail scrawl scribble jot
continue
""".split())
PHRASE_CUES = (("according", "to"), ("in", "the", "words", "of"), ("quoted", "as"))
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person", "they": "group",
            "them": "group", "their": "group", "it": "thing", "its": "thing", "we": "group", "i": "person"}
DOCUMENT_NOUNS = frozenset("""
document treaty charter accord agreement declaration communique communiqué report strategy paper memo
memorandum letter statement resolution law act constitution bill directive order manifesto review study
text summary draft plan convention protocol pact note brief briefing guidance white-paper whitepaper
email e-mail message transcript proposal framework policy filing ruling judgment judgement verdict
lawsuit complaint indictment motion petition survey analysis assessment audit minutes article clause
section passage paragraph chapter preamble annex release editorial column book essay speech post tweet
proclamation decree edict statute
""".split())
GENERIC_DOCUMENTS = frozenset("document text paper".split())
PART_NOUNS = frozenset("passage section line paragraph clause article part sentence page excerpt chapter "
                       "preamble annex footnote wording".split())
ORG_NOUNS = frozenset("""
government ministry department agency committee council company party administration union office
board authority commission court bank firm group organisation organization institute university
parliament congress senate assembly police army military navy campaign coalition alliance bureau
cabinet regulator utility association federation league club team newspaper paper outlet network
kremlin white-house whitehouse embassy consulate secretariat tribunal panel delegation
""".split())
PERSON_NOUNS = frozenset("""
minister president senator official spokesman spokeswoman spokesperson analyst diplomat expert
secretary chairman chairwoman chair director chief leader mayor governor judge lawyer attorney
prosecutor professor researcher scientist economist author writer columnist editor ambassador
general officer commander manager executive founder ceo coach player captain resident witness
doctor nurse teacher student voter farmer worker victim activist campaigner candidate lawmaker
legislator councillor councilor member representative envoy negotiator adviser advisor aide source
man woman prime king queen prince pope bishop priest economist historian scholar critic observer
""".split())
ENTITY_TYPES: dict[str, SpeakerType] = {"PERSON": "person", "ORG": "organisation", "NORP": "organisation",
                                        "GPE": "organisation", "FAC": "organisation",
                                        "LAW": "document", "WORK_OF_ART": "document"}
CONTINUED_WORDS = 4  # a quote this long, with nobody named since the last quote, goes on with its speaker
MAX_TAIL_TOKENS = 14  # "...," Flynn, a top Trump surrogate, said: words between a quote and its verb
CREDIT_REACH = 150  # characters after a quote list's quote where its speaker may be named
PLACE_PREPOSITIONS = frozenset("in at from to near across outside inside around into through".split())
CUE_NOUNS = frozenset("""
claim statement remark comment assertion promise warning description reference words call vow pledge
insistence argument suggestion accusation charge allegation boast admission denial prediction threat
characterization characterisation phrase quip retort reply response answer testimony tweet
""".split())
NAMING_VERBS = frozenset("call name title entitle dub label term know nickname brand style identify designate "
                         "list classify serve act".split())
NON_SPEAKERS = frozenset("""
it thing time day year way week month number percent part lot kind sort one something nothing everything
idea fact point question issue problem reason result effect change case end rest side area place
""".split())
GENDERED_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                     "she": "f", "her": "f", "hers": "f", "herself": "f"}
GENDERED_WORDS = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "son": "m", "brother": "m",
    "husband": "m", "man": "m", "boy": "m", "spokesman": "m", "businessman": "m", "congressman": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f", "mother": "f",
    "daughter": "f", "sister": "f", "wife": "f", "woman": "f", "girl": "f", "spokeswoman": "f",
    "businesswoman": "f", "congresswoman": "f", "chairwoman": "f"}
FIRST_PERSON = frozenset("i me my we us our".split())
RELATIVE_PRONOUNS = frozenset("which that who whom".split())
SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ers", "ors", "ists", "ians", "ants", "ents")
