"""Errors a user can act on. The CLI prints them as one line and exits with code 2."""


class SourcecheckError(Exception):
    """Base class: a message meant for the user, never a traceback."""


class IngestError(SourcecheckError):
    """The input cannot be read as a document."""


class LimitError(IngestError):
    """The input would cost more than a limit allows (size, pages, time…); the message names the setting."""


class LibraryError(SourcecheckError):
    """The source library cannot do what was asked."""


class NotFoundError(LibraryError):
    """No source or past check has the id asked for (the web app answers 404)."""


def one_line(text: object, width: int = 200) -> str:
    """A third party's error message folded to one short line (they carry newlines and whole dumps)."""
    folded = " ".join(str(text).split())
    return folded if len(folded) <= width else folded[: width - 1] + "…"
