"""Make installed packages look absent, as they are when an optional extra is not installed.

`hide("numba")` before sourcecheck is imported: every later `import numba` raises
ModuleNotFoundError, as without the `fast` extra. Used by conftest.py (SOURCECHECK_TEST_HIDE=numba)
and by tests that run the command in a subprocess with an extra missing.
"""

from __future__ import annotations

import importlib.abc
import sys


class _Hidden(importlib.abc.MetaPathFinder):
    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def hide(*names: str) -> None:
    loaded = sorted(m for m in sys.modules if m.partition(".")[0] in names)
    if loaded:
        raise RuntimeError(f"cannot hide modules already imported: {', '.join(loaded)}")
    sys.meta_path.insert(0, _Hidden(frozenset(names)))
