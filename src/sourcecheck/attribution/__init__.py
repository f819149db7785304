"""Attribution: who or what each quotation is attributed to, and the cue that says so.

spaCy's parse and entities plus a cue lexicon. For each quote, the cue is a reporting verb (said,
warned, reads ...) or phrase (according to) outside the quote in its sentence whose clause holds
the quote; the speaker is the cue's subject. Pronouns and bare descriptions ("it", "the minister",
"the document") resolve to the nearest fitting earlier mention; surnames to the full name the
article introduced. A quote with no cue gets no speaker, except where news style makes it
certain: a quote paragraph right after a quote of a named speaker, or text introduced by a colon.

The modules, from the words up: lexicon and names (word lists), parsing (spaCy), mentions (who
could speak), coreference (what a pronoun or surname stands for), speakers (a phrase made a
Speaker), cues (a reporting verb in the quote's sentence), layout_cues and layout (labels, credit
lines), conventions (colon, sentence before, quote before, block quotes), chooser (the order).
"""

from .chooser import attribute
from .lexicon import PART_NOUNS
from .model import Attribution, Cue, Speaker, SpeakerType
from .names import TITLE_WORDS, name_words
from .parsing import load_nlp

__all__ = ["PART_NOUNS", "TITLE_WORDS", "Attribution", "Cue", "Speaker", "SpeakerType", "attribute", "load_nlp",
           "name_words"]
