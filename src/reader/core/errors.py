"""Expected failures, each with a message a person can act on.

The command line prints `error: <message>` and exits 1; the window shows the message in its
message bar. Anything that is not a `ReaderError` is a bug.
"""


class ReaderError(Exception):
    """An expected failure whose message is meant for the user."""


class InputError(ReaderError):
    """A file or folder that cannot be imported, and why."""


class NotFoundError(ReaderError):
    """Something asked for by id that the library does not hold."""


class LibraryError(ReaderError):
    """The library database cannot be opened, created or migrated."""
