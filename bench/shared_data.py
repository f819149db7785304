"""Where the benchmarks find the project's shared data sets: $SOURCECHECK_SHARED, else ../shared
beside the checkout (the tests read the same variable)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SOURCECHECK_SHARED") or ROOT.parent / "shared")
SPEECHES = SHARED / "datasets" / "presidential-speeches"
NEWS_SENTENCES = SHARED / "datasets" / "newssd-eng"
