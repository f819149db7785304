"""The words the comparer knows: reporting paraphrase (which words a reporter writes for which), words
that negate, antonyms, modals, quantifiers. Hand-written for the register of news and official
speech (no WordNet is installed: the PyPI `wn` package downloads its data at run time)."""

from __future__ import annotations

# One class per line: the words a reporter writes for one another (verbs, nouns and adjectives of one
# sense), the class named by its first word. A word in two senses stays in the commoner one.
PARAPHRASE = """
accept consent agree assent approve approval ratify endorse embrace adopt concur
admit acknowledge concede confess
allow permit let authorize enable
begin start commence launch open initiate
build construct erect
change alter modify amend revise
country nation
president executive
doubt question dispute
troop force soldier army
drive_back push_back repel repulse beat_back
congress lawmaker legislator legislature
government administration
unemployment joblessness
danger endanger jeopardy jeopardize threat threaten risk imperil peril
defend protect protection shield guard safeguard
demand insist require call_for
destroy ruin wreck devastate
finish conclude complete
expect foresee anticipate predict
fight battle combat
intensify step_up escalate heighten
give grant provide supply furnish offer hand_out
grow increase rise expand raise boost growth surge
help aid assist support relief
hope wish
indicate suggest signal
keep retain maintain preserve
kill slay
law act statute legislation measure bill
prepare draft write
goal objective purpose target
fair just equitable
release liberate liberation free freeing
keep_from prevent
leader head chief
make_up compensate offset substitute
necessary necessity needed need essential indispensable
obey comply observe respect
pay payment wage salary compensation
people population citizen citizenry public inhabitant person
plan intend intention aim propose proposal
power authority right
prepared willing ready
progress advance advancement gain headway
promise pledge vow guarantee assure
receive get obtain gain acquire
recover revive rebound recovery
reject refuse decline spurn veto turn_down
remember recall
secure security safety guarantee
seek pursue try attempt strive
send dispatch ship
spend expend
succeed prevail
sure certain confident confidence
tell inform notify
trade commerce
use employ
violate break breach flout defy
wait hold_off delay postpone
war conflict hostilities fighting wartime
weapon arm armament
win gain victory
"""

SYNONYMS: dict[str, str] = {}
for _line in PARAPHRASE.strip().splitlines():
    _words = _line.split()
    for _word in _words:
        SYNONYMS.setdefault(_word.replace("_", " "), _words[0])

# Words whose meaning holds a negation ("refused to sign" = "did not sign"): they count as a "not"
# over themselves and what they govern; each stands for the class it negates.
NEGATORS: dict[str, str] = {
    "refuse": "accept", "reject": "accept", "decline": "accept", "spurn": "accept", "veto": "accept",
    "turn down": "accept", "deny": "admit", "fail": "succeed", "neglect": "succeed",
    "avoid": "do", "refrain": "do", "prevent": "allow", "forbid": "allow", "prohibit": "allow", "ban": "allow",
    "bar": "allow", "block": "allow", "stop": "continue", "halt": "continue", "cease": "continue",
    "discontinue": "continue", "abandon": "continue", "suspend": "continue", "end": "continue",
    "terminate": "continue", "escape": "do", "lack": "have", "absence": "have",
    "oppose": "support", "forget": "remember", "exclude": "include", "ignore": "heed", "except": "include",
    "unwilling": "prepared", "unable": "able", "impossible": "possible", "unnecessary": "necessary",
    "withhold": "give", "object": "accept", "opposition": "support", "give up": "continue",
    "thwart": "allow", "foil": "allow", "resist": "accept", "prejudice": "help", "steer clear": "do",
    "shun": "do", "evade": "do", "head off": "allow", "ward off": "allow", "fend off": "allow", "keep from": "allow",
    "hold back": "give", "unsafe": "safe", "illegal": "legal", "unlawful": "legal",
    "unconstitutional": "constitutional",
    "unlikely": "likely", "insufficient": "sufficient", "unfair": "fair", "unjust": "just",
}
# Negating or opposite only as verbs ("partisan ends", "a road block", "close to four million")
VERB_ONLY = frozenset({"end", "stop", "halt", "bar", "block", "object", "close", "fail", "ban"})
# Words of opposite direction: each counts as a "not" over itself only ("taxes fell" is not a
# negation of what the taxes govern).
ANTONYMS: dict[str, str] = {
    "decrease": "grow", "reduce": "grow", "reduction": "grow", "cut": "grow", "lower": "grow", "fall": "grow",
    "drop": "grow", "decline": "grow", "shrink": "grow", "diminish": "grow", "lessen": "grow",
    "lessening": "grow", "curb": "grow", "lose": "win", "loss": "win", "defeat": "win", "weaken": "strengthen",
    "hurt": "help", "harm": "help", "damage": "help", "close": "open", "worsen": "improve", "weak": "strong",
    "small": "large", "low": "high", "few": "many", "slow": "fast", "late": "early", "less": "more",
    "fewer": "more", "minority": "majority", "poor": "rich", "unhappy": "happy", "dangerous": "safe",
    "peace": "war", "peaceful": "war", "deficit": "surplus", "import": "export", "expensive": "cheap",
}
# "decline" to do is a refusal, a decline in prices a fall: decided by its complement (see align.py).
NEGATOR_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "none", "nothing", "nobody",
                           "nowhere", "without"})

# Modality: what a predicate commits the speaker to. "would" and "could" are each two things (the
# backshift of will / can in reported speech, and a conditional or hedge): they agree with both.
MODALS: dict[str, frozenset[str]] = {
    "will": frozenset({"future"}), "shall": frozenset({"future"}), "'ll": frozenset({"future"}),
    "wo": frozenset({"future"}), "would": frozenset({"future", "conditional"}),
    "may": frozenset({"possible"}), "might": frozenset({"possible"}),
    "can": frozenset({"able"}), "ca": frozenset({"able"}), "could": frozenset({"able", "possible"}),
    "must": frozenset({"obliged"}), "should": frozenset({"obliged"}), "ought": frozenset({"obliged"}),
}
# Verbs, adjectives and adverbs that carry a modality over the verb they govern or modify.
MODAL_WORDS: dict[str, str] = {
    "plan": "intend", "intend": "intend", "intention": "intend", "purpose": "intend", "propose": "intend",
    "aim": "intend",
    "mean": "intend", "seek": "intend", "prepare": "intend", "determined": "intend", "resolve": "intend",
    "promise": "future", "pledge": "future", "vow": "future", "guarantee": "future", "assure": "future",
    "going": "future", "sure": "future", "certain": "future", "certainly": "future", "surely": "future",
    "definitely": "future", "undoubtedly": "future", "confident": "future",
    "hope": "wish", "wish": "wish", "want": "wish", "desire": "wish", "pray": "wish", "trust": "wish",
    "perhaps": "possible", "possibly": "possible", "probably": "possible", "likely": "possible",
    "possible": "possible", "maybe": "possible", "consider": "possible", "eventually": "possible",
    "unlikely": "possible",
    "need": "obliged", "require": "obliged", "necessary": "obliged", "have": "obliged", "obliged": "obliged",
    "bound": "obliged", "demand": "obliged", "able": "able", "unable": "able",
}
# Reporters write these for one another without changing what was committed to.
MODAL_AGREE = {frozenset({"future", "intend"}), frozenset({"obliged", "future"}), frozenset({"wish", "intend"}),
               frozenset({"able", "possible"})}

# ("any" is left out: after "without" or "not" it is no universal)
QUANTIFIERS = {"all": "all", "every": "all", "each": "all", "whole": "all", "entire": "all",
               "most": "most", "majority": "most", "bulk": "most", "many": "many", "numerous": "many",
               "much": "many", "lot": "many", "large": "many", "great": "many",
               "some": "some", "several": "some", "certain": "some", "number": "some",
               "few": "few", "handful": "few", "little": "few", "minority": "few", "small": "few",
               "only": "few", "no": "none", "none": "none"}
# How often, over a clause ("is always the biggest course" / "is sometimes the grandest").
FREQUENCIES = {"always": "all", "invariably": "all", "usually": "most", "generally": "most", "mostly": "most",
               "often": "many", "frequently": "many", "sometimes": "some", "occasionally": "some",
               "seldom": "few", "rarely": "few", "never": "none"}
# A quantifier class agrees with these in a report ("a great portion" / "many"; "a number of" / "some").
QUANTIFIER_AGREE = {frozenset({"many", "most"}), frozenset({"many", "some"})}

# Nouns for those who can act (besides names and ACTORS): an actor compared is one of these.
AGENTS = frozenset("""people citizen officer official leader commander soldier troop force worker farmer member
staff family government country nation party man woman governor minister ambassador general admiral agent
delegate representative senator lawmaker legislator voter employer businessman banker company firm union
regime enemy ally militia police court judge jury bank nations states insurgent rebel guerrilla settler
immigrant resident owner producer manufacturer investor employee student teacher tribe army navy""".split())

# Who acts, in the messages of a government (a report that swaps one for another changes the actor;
# "the nation", "the people", "the country" are left out: reports write them for "we").
ACTORS = frozenset("""congress senate house president administration government states state army navy
court courts tribunal judiciary commander commanders pentagon military enemy forces allies secretary governor
legislature treasury department attorney general""".split())
# Offices and bodies named by what follows them ("Secretary of War", "Department of State", "House of
# Representatives"): the word alone does not say which.
OFFICES = frozenset({"secretary", "department", "commander", "house"})
