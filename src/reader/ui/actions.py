"""Every window action in one table: its text, shortcuts and menu.

The menus are built from this table, and so will be the keyboard-shortcut help, so the two
can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey
Shortcut = StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    key: str
    menu: str
    text: str
    shortcuts: tuple[Shortcut, ...] = ()
    tip: str = ""
    checkable: bool = False


def _t(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def action_table() -> tuple[ActionSpec, ...]:
    return (
        ActionSpec(
            "import_files",
            "file",
            _t("&Import Files…"),
            (StandardKey.Open,),
            _t("Import text and Markdown files"),
        ),
        ActionSpec(
            "import_folder",
            "file",
            _t("Import &Folder…"),
            ("Ctrl+Shift+O",),
            _t("Import every article in a folder and its subfolders"),
        ),
        ActionSpec(
            "export",
            "file",
            _t("&Export Brief…"),
            ("Ctrl+Shift+E",),
            _t("Export a briefing note in Markdown, HTML, PDF or W3C annotations"),
        ),
        ActionSpec("quit", "file", _t("&Quit"), (StandardKey.Quit, "Ctrl+Q")),
        ActionSpec("undo", "edit", _t("&Undo"), (StandardKey.Undo,)),
        ActionSpec("redo", "edit", _t("&Redo"), (StandardKey.Redo, "Ctrl+Shift+Z")),
        *(
            ActionSpec(
                f"highlight_{n}",
                "annotate",
                _t("Highlight as {label}"),
                (str(n),),
                _t("Highlight the selected text, or recolour the selected highlight"),
            )
            for n in range(1, 7)
        ),
        ActionSpec(
            "copy_markdown",
            "annotate",
            _t("&Copy as Markdown"),
            ("Ctrl+Shift+C",),
            _t("Copy the selected highlights as Markdown quotes with their citations"),
        ),
        ActionSpec("delete_highlight", "annotate", _t("&Delete Highlight"), (StandardKey.Delete,)),
        ActionSpec(
            "add_entity",
            "annotate",
            _t("Add as &Entity…"),
            ("Ctrl+E",),
            _t("Keep notes on the person, organisation or place selected"),
        ),
        ActionSpec(
            "underline_mentions",
            "view",
            _t("Underline &Mentions"),
            ("Ctrl+Shift+M",),
            _t("Underline the entities mentioned in the article"),
            checkable=True,
        ),
        ActionSpec(
            "tags", "annotate", _t("&Tags…"), ("Ctrl+Shift+T",), _t("Rename, merge and delete tags")
        ),
        ActionSpec(
            "review",
            "annotate",
            _t("Needs &Review…"),
            ("Ctrl+Shift+R",),
            _t("Highlights that moved when their article changed"),
        ),
        ActionSpec(
            "search",
            "edit",
            _t("&Search Library"),
            ("Ctrl+K",),
            _t("Search articles, highlights, notes and entities"),
        ),
        ActionSpec("find", "edit", _t("&Find in Article…"), (StandardKey.Find, "Ctrl+F")),
        ActionSpec("find_next", "edit", _t("Find &Next"), (StandardKey.FindNext, "F3")),
        ActionSpec(
            "find_previous", "edit", _t("Find Pre&vious"), (StandardKey.FindPrevious, "Shift+F3")
        ),
        ActionSpec("preferences", "edit", _t("&Preferences…"), (StandardKey.Preferences, "Ctrl+,")),
        ActionSpec("zoom_in", "view", _t("&Larger Text"), ("Ctrl+=", StandardKey.ZoomIn)),
        ActionSpec("zoom_out", "view", _t("&Smaller Text"), (StandardKey.ZoomOut,)),
        ActionSpec("zoom_reset", "view", _t("&Actual Size"), ("Ctrl+0",)),
        ActionSpec("theme_system", "theme", _t("Follow &System"), checkable=True),
        ActionSpec("theme_light", "theme", _t("&Light"), checkable=True),
        ActionSpec("theme_dark", "theme", _t("&Dark"), checkable=True),
        ActionSpec(
            "next_article",
            "go",
            _t("&Next Article"),
            ("J",),
            _t("Open the next article in the list"),
        ),
        ActionSpec(
            "previous_article",
            "go",
            _t("&Previous Article"),
            ("K",),
            _t("Open the previous article in the list"),
        ),
        ActionSpec(
            "shortcuts",
            "help",
            _t("&Keyboard Shortcuts"),
            (StandardKey.HelpContents, "F1"),
            _t("Every keyboard shortcut"),
        ),
        ActionSpec("about", "help", _t("&About Reader")),
    )


def _sequences(shortcuts: tuple[Shortcut, ...]) -> list[QKeySequence]:
    found: list[QKeySequence] = []
    for shortcut in shortcuts:
        keys = (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, StandardKey)
            else [QKeySequence(shortcut)]
        )
        for seq in keys:
            if not seq.isEmpty() and seq not in found:
                found.append(seq)
    return found


def build_actions(parent: QWidget, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in action_table():
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.key}")
        action.setShortcuts(_sequences(spec.shortcuts))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        action.setCheckable(spec.checkable)
        handler = handlers.get(spec.key)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        parent.addAction(action)
        actions[spec.key] = action
    return actions
