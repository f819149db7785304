"""Errors a user can act on. The CLI prints them as one line and exits with code 2."""


class SourcecheckError(Exception):
    """Base class: a message meant for the user, never a traceback."""


class IngestError(SourcecheckError):
    """The input cannot be read as a document."""


class LibraryError(SourcecheckError):
    """The source library cannot do what was asked."""
