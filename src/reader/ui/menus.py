"""The window's menus, built from the action table (reader.ui.actions).

Menu titles are translated under the fixed "Menus" context: `window.tr()` would file them under
the window's class at run time but under the variable's name for lupdate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow


def build_menus(window: QMainWindow, a: dict[str, QAction], theme: str) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&File"))
    menu.addActions([a["import_files"], a["import_folder"]])
    menu.addSeparator()
    menu.addAction(a["export"])
    menu.addSeparator()
    menu.addAction(a["quit"])
    edit = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Edit"))
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    edit.addActions([a["search"], a["find"], a["find_next"], a["find_previous"]])
    edit.addSeparator()
    edit.addAction(a["preferences"])
    annotate = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Annotate"))
    annotate.addActions([a[f"highlight_{n}"] for n in range(1, 7)])
    annotate.addAction(a["delete_highlight"])
    annotate.addAction(a["copy_markdown"])
    annotate.addSeparator()
    annotate.addAction(a["add_entity"])
    annotate.addSeparator()
    annotate.addActions([a["review"], a["tags"]])
    view = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&View"))
    view.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"]])
    view.addSeparator()
    view.addAction(a["underline_mentions"])
    view.addSeparator()
    theme_menu = view.addMenu(QCoreApplication.translate("Menus", "&Theme"))
    group = QActionGroup(window)
    for key in ("theme_system", "theme_light", "theme_dark"):
        group.addAction(a[key])
        theme_menu.addAction(a[key])
    a[f"theme_{theme}"].setChecked(True)
    go = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Go"))
    go.addActions([a["next_article"], a["previous_article"]])
    go.addSeparator()
    go.addAction(a["mark_unread"])
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Help"))
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])
