"""Every window action in one table: its text, shortcuts and menu.

The menus and the keyboard-shortcut help are built from this table, so the two can never
disagree. Its texts are English source texts, marked for lupdate under the "Actions" context
and translated when the actions are made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.ui.i18n import QT_TRANSLATE_NOOP

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


def action_table() -> tuple[ActionSpec, ...]:
    return (
        ActionSpec(
            "import_files",
            "file",
            QT_TRANSLATE_NOOP("Actions", "&Import Files…"),
            (StandardKey.Open,),
            QT_TRANSLATE_NOOP("Actions", "Import text and Markdown files"),
        ),
        ActionSpec(
            "import_folder",
            "file",
            QT_TRANSLATE_NOOP("Actions", "Import &Folder…"),
            ("Ctrl+Shift+O",),
            QT_TRANSLATE_NOOP("Actions", "Import every article in a folder and its subfolders"),
        ),
        ActionSpec(
            "export",
            "file",
            QT_TRANSLATE_NOOP("Actions", "&Export Brief…"),
            ("Ctrl+Shift+E",),
            QT_TRANSLATE_NOOP(
                "Actions", "Export a briefing note in Markdown, HTML, PDF or W3C annotations"
            ),
        ),
        ActionSpec(
            "quit", "file", QT_TRANSLATE_NOOP("Actions", "&Quit"), (StandardKey.Quit, "Ctrl+Q")
        ),
        ActionSpec("undo", "edit", QT_TRANSLATE_NOOP("Actions", "&Undo"), (StandardKey.Undo,)),
        ActionSpec(
            "redo",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "&Redo"),
            (StandardKey.Redo, "Ctrl+Shift+Z"),
        ),
        *(
            ActionSpec(
                f"highlight_{n}",
                "annotate",
                QT_TRANSLATE_NOOP("Actions", "Highlight as {label}"),
                (str(n),),
                QT_TRANSLATE_NOOP(
                    "Actions", "Highlight the selected text, or recolour the selected highlight"
                ),
            )
            for n in range(1, 7)
        ),
        ActionSpec(
            "copy_markdown",
            "annotate",
            QT_TRANSLATE_NOOP("Actions", "&Copy as Markdown"),
            ("Ctrl+Shift+C",),
            QT_TRANSLATE_NOOP(
                "Actions", "Copy the selected highlights as Markdown quotes with their citations"
            ),
        ),
        ActionSpec(
            "delete_highlight",
            "annotate",
            QT_TRANSLATE_NOOP("Actions", "&Delete Highlight"),
            (StandardKey.Delete,),
        ),
        ActionSpec(
            "add_entity",
            "annotate",
            QT_TRANSLATE_NOOP("Actions", "Add as &Entity…"),
            ("Ctrl+E",),
            QT_TRANSLATE_NOOP(
                "Actions", "Keep notes on the person, organisation or place selected"
            ),
        ),
        ActionSpec(
            "underline_mentions",
            "view",
            QT_TRANSLATE_NOOP("Actions", "Underline &Mentions"),
            ("Ctrl+Shift+M",),
            QT_TRANSLATE_NOOP("Actions", "Underline the entities mentioned in the article"),
            checkable=True,
        ),
        ActionSpec(
            "tags",
            "annotate",
            QT_TRANSLATE_NOOP("Actions", "&Tags…"),
            ("Ctrl+Shift+T",),
            QT_TRANSLATE_NOOP("Actions", "Rename, merge and delete tags"),
        ),
        ActionSpec(
            "review",
            "annotate",
            QT_TRANSLATE_NOOP("Actions", "Needs &Review…"),
            ("Ctrl+Shift+R",),
            QT_TRANSLATE_NOOP("Actions", "Highlights that moved when their article changed"),
        ),
        ActionSpec(
            "search",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "&Search Library"),
            ("Ctrl+K",),
            QT_TRANSLATE_NOOP("Actions", "Search articles, highlights, notes and entities"),
        ),
        ActionSpec(
            "find",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "&Find in Article…"),
            (StandardKey.Find, "Ctrl+F"),
        ),
        ActionSpec(
            "find_next",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "Find &Next"),
            (StandardKey.FindNext, "F3"),
        ),
        ActionSpec(
            "find_previous",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "Find Pre&vious"),
            (StandardKey.FindPrevious, "Shift+F3"),
        ),
        ActionSpec(
            "preferences",
            "edit",
            QT_TRANSLATE_NOOP("Actions", "&Preferences…"),
            (StandardKey.Preferences, "Ctrl+,"),
        ),
        ActionSpec(
            "zoom_in",
            "view",
            QT_TRANSLATE_NOOP("Actions", "&Larger Text"),
            ("Ctrl+=", StandardKey.ZoomIn),
        ),
        ActionSpec(
            "zoom_out",
            "view",
            QT_TRANSLATE_NOOP("Actions", "&Smaller Text"),
            (StandardKey.ZoomOut,),
        ),
        ActionSpec("zoom_reset", "view", QT_TRANSLATE_NOOP("Actions", "&Actual Size"), ("Ctrl+0",)),
        ActionSpec(
            "theme_system", "theme", QT_TRANSLATE_NOOP("Actions", "Follow &System"), checkable=True
        ),
        ActionSpec("theme_light", "theme", QT_TRANSLATE_NOOP("Actions", "&Light"), checkable=True),
        ActionSpec("theme_dark", "theme", QT_TRANSLATE_NOOP("Actions", "&Dark"), checkable=True),
        ActionSpec(
            "next_article",
            "go",
            QT_TRANSLATE_NOOP("Actions", "&Next Article"),
            ("J",),
            QT_TRANSLATE_NOOP("Actions", "Open the next article in the list"),
        ),
        ActionSpec(
            "previous_article",
            "go",
            QT_TRANSLATE_NOOP("Actions", "&Previous Article"),
            ("K",),
            QT_TRANSLATE_NOOP("Actions", "Open the previous article in the list"),
        ),
        ActionSpec(
            "mark_unread",
            "go",
            QT_TRANSLATE_NOOP("Actions", "Mark as &Unread"),
            ("Shift+U",),
            QT_TRANSLATE_NOOP("Actions", "Keep the open article among the unread (is:unread)"),
        ),
        ActionSpec(
            "shortcuts",
            "help",
            QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"),
            (StandardKey.HelpContents, "F1"),
            QT_TRANSLATE_NOOP("Actions", "Every keyboard shortcut"),
        ),
        ActionSpec("about", "help", QT_TRANSLATE_NOOP("Actions", "&About Reader")),
    )


def translate_action(text: str) -> str:
    """A text of the table in the language shown."""
    return QCoreApplication.translate("Actions", text)


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
        action = QAction(translate_action(spec.text), parent)
        action.setObjectName(f"action_{spec.key}")
        action.setShortcuts(_sequences(spec.shortcuts))
        if spec.tip:
            tip = translate_action(spec.tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(spec.checkable)
        handler = handlers.get(spec.key)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        parent.addAction(action)
        actions[spec.key] = action
    return actions
