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


class BusyError(LibraryError):
    """Another writer got there first (a locked file, a serialization failure, a row created
    at the same moment): the whole call can safely run again."""


class EditConflictError(ReaderError):
    """Someone else changed the same text while this person was editing it.

    Nothing was saved; `theirs` is what the library holds now and `yours` what this person
    wrote, so the window can show both and lose neither.
    """

    def __init__(self, what: str, by: str, at: str, theirs: str, yours: str) -> None:
        who = by or "someone else"
        super().__init__(
            f"{who} changed this {what} at {at} while you were editing it; "
            "nothing was saved and your text is kept"
        )
        self.what = what
        self.by = by
        self.at = at
        self.theirs = theirs
        self.yours = yours
