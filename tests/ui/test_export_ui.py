"""Briefs from the window: the export dialog with its preview, and Copy as Markdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from reader.settings import SettingsStore
from reader.ui.export_dialog import ExportDialog
from reader.ui.main_window import MainWindow
from tests.ui.test_annotating import QUOTE, open_revive, select_text


def _highlighted(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    hid = window.sidebar.current_highlight().id  # type: ignore[union-attr]
    window.annotations.annotator.set_note(hid, "Check **who** said it")
    select_text(window, "permafrost")
    qtbot.keyClick(window.reader, Qt.Key.Key_3)


def test_copy_as_markdown_puts_quotes_on_the_clipboard(window: MainWindow, qtbot: QtBot) -> None:
    _highlighted(window, qtbot)
    window.sidebar.list.selectAll()
    window.actions_by_key["copy_markdown"].trigger()
    text = QGuiApplication.clipboard().text()
    assert f"> {QUOTE}" in text
    assert "permafrost" in text
    assert "Claim to verify" in text and "Check **who** said it" in text
    assert text.index(QUOTE) < text.index("permafrost")  # text order


def test_export_dialog_previews_and_saves_the_brief(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: MonkeyPatch,
    settings_store: SettingsStore,
) -> None:
    _highlighted(window, qtbot)
    target = tmp_path / "out" / "brief.md"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    seen: list[ExportDialog] = []

    def run(dialog: ExportDialog) -> int:
        seen.append(dialog)
        assert QUOTE in dialog.preview.toPlainText()  # the live preview
        dialog.format.setCurrentIndex(dialog.format.findData("md"))
        dialog.save()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", run)
    window.actions_by_key["export"].trigger()
    assert seen
    written = target.read_text(encoding="utf-8")
    assert written.startswith("#")
    assert f"> {QUOTE}" in written
    assert "Brief saved" in window.message_bar.label.text()
    assert settings_store.load().export.format == "md"


def test_export_dialog_writes_a_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    _highlighted(window, qtbot)
    target = tmp_path / "brief.pdf"
    dialog = ExportDialog(
        window.library,
        window.settings.palette,
        window.settings.export,
        article_id=window.current_article().id,  # type: ignore[union-attr]
        entity_names=[],
        tag_names=[],
        parent=window,
    )
    qtbot.addWidget(dialog)
    dialog.write(target, "pdf")
    assert target.read_bytes()[:5] == b"%PDF-"
