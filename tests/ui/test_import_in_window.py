"""File → Import runs in the background, shows progress, can be cancelled, and the list
updates when it is done."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.services.importing import ImportReport
from reader.ui.main_window import MainWindow


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_import_folder_updates_the_list_and_opens_the_new_article(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _write(
        tmp_path / "incoming",
        {"storm.txt": b"Storm Hits Coast\n\nA strong storm hit the coast overnight.\n"},
    )
    with qtbot.waitSignal(window.importer.done, timeout=10000):
        task = window.importer.start([str(folder)])
        assert task is not None
        assert window.progress.isVisible()
        assert not window.actions_by_key["import_files"].isEnabled()
    assert not window.progress.isVisible()
    assert window.actions_by_key["import_files"].isEnabled()
    assert window.model.rowCount() == 3
    assert window.count_label.text() == "3 articles"
    assert window.current_article().title == "Storm Hits Coast"  # type: ignore[union-attr]
    assert window.message_bar.isVisible()
    assert "1 imported" in window.message_bar.label.text()


def test_bad_files_are_reported_in_the_message_bar(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _write(
        tmp_path / "mixed",
        {
            "good.txt": b"Good Headline\n\nSome real article text here.\n",
            "empty.txt": b"",
            "binary.txt": bytes(range(256)) * 4,
        },
    )
    with qtbot.waitSignal(window.importer.done, timeout=10000):
        window.importer.start([str(folder)])
    text = window.message_bar.label.text()
    assert window.message_bar.level == "error"
    assert "1 imported" in text and "2 failed" in text
    assert "empty file" in text or "binary" in text
    assert window.message_bar.details.isVisible()
    report = window.importer.last_report
    assert isinstance(report, ImportReport)
    assert len(report.failed) == 2
    assert window.model.rowCount() == 3


def test_cancel_keeps_what_was_imported(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "many",
        {
            f"a{i:03}.txt": f"Headline {i}\n\nBody text number {i} of the batch.\n".encode()
            for i in range(60)
        },
    )

    def cancel_after_a_few(done: int) -> None:
        if done >= 5 and window.progress.cancel_button.isEnabled():
            window.progress.cancel_button.click()

    # The progress bar follows the task from before it starts, so no report is missed.
    window.progress.bar.valueChanged.connect(cancel_after_a_few)
    with qtbot.waitSignal(window.importer.done, timeout=20000):
        assert window.importer.start([str(folder)]) is not None
    report = window.importer.last_report
    assert report is not None
    assert report.cancelled
    imported = len(report.results)
    assert 5 <= imported < 60
    assert window.model.rowCount() == 2 + imported
    assert "cancelled" in window.message_bar.label.text()


def test_a_second_import_waits_for_the_first(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _write(tmp_path / "one", {"x.txt": b"Headline X\n\nBody of x.\n"})
    with qtbot.waitSignal(window.importer.done, timeout=10000):
        assert window.importer.start([str(folder)]) is not None
        assert window.importer.start([str(folder)]) is None


def test_files_dropped_on_the_window_are_imported(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    folder = _write(tmp_path / "dropped", {"drop.txt": b"Dropped Headline\n\nDropped body text.\n"})
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / "drop.txt"))])
    enter = QDragEnterEvent(
        QPointF(50, 50).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.importer.done, timeout=10000):
        window.dropEvent(drop)
    assert window.current_article().title == "Dropped Headline"  # type: ignore[union-attr]
    assert window.model.rowCount() == 3
