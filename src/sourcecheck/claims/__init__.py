"""Claims and opinion (issue 18): each sentence of the article's own voice labelled `claim` (a
check-worthy factual claim), `fact` or `opinion` by a small model shipped in the package, and each
claim's checkable items put next to the library passages that speak to it. The face is
`build_claims(text, parsed, quotes, attributions, libraries)` (on a parse the check made) or
`find_claims(article, libraries)`; `load_labeller()` gives the model."""

from .build import build_claims, find_claims
from .labeller import Labeller, load_labeller
from .model import ClaimCheck, ClaimItem, Claims, SentenceLabel

__all__ = ["ClaimCheck", "ClaimItem", "Claims", "Labeller", "SentenceLabel", "build_claims", "find_claims",
           "load_labeller"]
