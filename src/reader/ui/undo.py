"""Undo for annotation edits: every edit is a service call with its inverse.

The edit is made before the command is pushed, so a refused edit (a ReaderError) never
reaches the stack; redo after an undo makes it again, through the service that restores the
same records (same ids, notes, tags and positions).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.core.changes import Changes
from reader.core.errors import ReaderError

Step = Callable[[], Changes]


class ServiceCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        redo: Step,
        undo: Step,
        apply: Callable[[Changes], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._apply = apply
        self._report = report
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by the caller
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Step) -> None:
        try:
            changes = step()
        except ReaderError as exc:
            # The library changed under us (another window, the command line): drop the
            # command rather than replay it blindly.
            self._report(str(exc))
            self.setObsolete(True)
            return
        self._apply(changes)
