"""The window's menus, built from the action table (reader.ui.actions)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow


def build_menus(window: QMainWindow, a: dict[str, QAction], theme: str) -> None:
    menu = window.menuBar().addMenu(window.tr("&File"))
    menu.addActions([a["import_files"], a["import_folder"]])
    menu.addSeparator()
    menu.addAction(a["export"])
    menu.addSeparator()
    menu.addAction(a["quit"])
    edit = window.menuBar().addMenu(window.tr("&Edit"))
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    edit.addActions([a["search"], a["find"], a["find_next"], a["find_previous"]])
    edit.addSeparator()
    edit.addAction(a["preferences"])
    annotate = window.menuBar().addMenu(window.tr("&Annotate"))
    annotate.addActions([a[f"highlight_{n}"] for n in range(1, 7)])
    annotate.addAction(a["delete_highlight"])
    annotate.addAction(a["copy_markdown"])
    annotate.addSeparator()
    annotate.addAction(a["add_entity"])
    annotate.addSeparator()
    annotate.addActions([a["review"], a["tags"]])
    view = window.menuBar().addMenu(window.tr("&View"))
    view.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"]])
    view.addSeparator()
    view.addAction(a["underline_mentions"])
    view.addSeparator()
    theme_menu = view.addMenu(window.tr("&Theme"))
    group = QActionGroup(window)
    for key in ("theme_system", "theme_light", "theme_dark"):
        group.addAction(a[key])
        theme_menu.addAction(a[key])
    a[f"theme_{theme}"].setChecked(True)
    go = window.menuBar().addMenu(window.tr("&Go"))
    go.addActions([a["next_article"], a["previous_article"]])
    help_menu = window.menuBar().addMenu(window.tr("&Help"))
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])
