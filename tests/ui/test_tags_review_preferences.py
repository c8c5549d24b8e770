"""The tag manager, the review queue and the colour labels in Preferences."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.models import AnchorStatus
from reader.core.palette import ColorLabel
from reader.services import annotations, tags
from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import open_library
from reader.settings import SettingsStore
from reader.ui.main_window import MainWindow
from reader.ui.preferences import PreferencesDialog
from reader.ui.tag_manager import TagManager
from tests.ui.conftest import WindowFactory
from tests.ui.test_annotating import QUOTE, open_revive, select_text


def _tagged(window: MainWindow, qtbot: QtBot) -> int:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    hid = window.sidebar.model.highlights()[0].id
    window.annotations.annotator.add_tag(hid, "nato")
    select_text(window, "permafrost")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    other = window.sidebar.current_highlight()
    assert other is not None
    window.annotations.annotator.add_tag(other.id, "otan")
    return hid


def _counts(window: MainWindow) -> dict[str, tuple[int, int]]:
    return {t.name: (t.highlights, t.articles) for t in tags.list_tags(window.library)}


def test_tag_manager_lists_counts_and_passes_model_tester(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    _tagged(window, qtbot)
    window.actions_by_key["tags"].trigger()
    manager = window.annotations.tag_manager
    assert isinstance(manager, TagManager)
    qtmodeltester.check(manager.model)
    rows = [manager.model.tag(r) for r in range(manager.model.rowCount())]
    assert [(t.name, t.highlights) for t in rows if t] == [("nato", 1), ("otan", 1)]


def test_rename_merge_delete_tags_and_undo_each(window: MainWindow, qtbot: QtBot) -> None:
    hid = _tagged(window, qtbot)
    annotator = window.annotations.annotator
    undo = window.actions_by_key["undo"]
    assert annotator.rename_tag("nato", "NATO")
    assert _counts(window) == {"NATO": (1, 0), "otan": (1, 0)}
    assert window.annotations.filter.findText("#NATO") >= 0
    assert annotator.merge_tags("otan", "NATO")
    assert _counts(window) == {"NATO": (2, 0)}
    assert undo.text() == "&Undo Merge tag “otan” into “NATO”"
    undo.trigger()
    assert _counts(window) == {"NATO": (1, 0), "otan": (1, 0)}
    assert annotator.delete_tag("NATO")
    assert "NATO" not in _counts(window)
    assert annotations.get_highlight(window.library, hid).tags == ()
    undo.trigger()
    assert annotations.get_highlight(window.library, hid).tags == ("NATO",)
    undo.trigger()  # the rename
    assert annotations.get_highlight(window.library, hid).tags == ("nato",)


def test_renaming_onto_an_existing_tag_is_refused_with_a_reason(
    window: MainWindow, qtbot: QtBot
) -> None:
    _tagged(window, qtbot)
    assert not window.annotations.annotator.rename_tag("nato", "otan")
    assert window.message_bar.isVisible()
    assert "merge" in window.message_bar.label.text().lower()
    assert _counts(window) == {"nato": (1, 0), "otan": (1, 0)}


def test_review_queue_after_the_text_changed(
    make_window: WindowFactory, tmp_path: Path, samples_dir: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    source = folder / "revive.txt"
    shutil.copy(samples_dir / "nato-russia-revive-relations.txt", source)
    lib = open_library(data_dir=tmp_path / "review-lib", with_samples=False)
    assert not import_paths(lib, [source]).failed
    article_id = article_service.list_all(lib)[0].id
    kept = annotations.create_from_quote(lib, article_id, "full restoration of trust").highlight
    doomed = annotations.create_from_quote(
        lib, article_id, "Former U.S. Defense Secretary William Perry"
    ).highlight
    text = source.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if p.startswith("Former U.S. Defense"))
    source.write_text(text.replace(paragraph + "\n\n", ""), encoding="utf-8")
    assert import_paths(lib, [source]).results[0].status.value == "updated"

    window = make_window(lib)
    assert window.model.summary(0).review_count == 1  # type: ignore[union-attr]
    window.actions_by_key["review"].trigger()
    dialog = window.annotations.review
    assert dialog is not None
    assert [i.highlight.id for i in dialog._items] == [doomed.id]
    assert dialog._items[0].highlight.status is AnchorStatus.ORPHAN
    assert not dialog.accept_button.isEnabled()  # nothing to accept for an orphan
    # Re-attach it to a new selection in the open article.
    dialog.open_button.click()
    select_text(window, "Chechen separatism")
    dialog.reattach_button.click()
    again = annotations.get_highlight(lib, doomed.id)
    assert (again.exact, again.status) == ("Chechen separatism", AnchorStatus.EXACT)
    assert dialog._items == []
    assert annotations.get_highlight(lib, kept.id).status in (
        AnchorStatus.EXACT,
        AnchorStatus.MOVED,
    )
    lib.close()


def test_preferences_rename_and_recolour_a_label(
    window: MainWindow, qtbot: QtBot, settings_store: SettingsStore
) -> None:
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.rows[1].label.setText("Check this")
    dialog.rows[1]._set_color("#123456")
    dialog.author.setText("Ana Analyst")
    chosen = dialog.result_settings()
    assert chosen.palette[1] == ColorLabel("claim", "Check this", "#123456")
    window.update_settings(chosen)
    window.annotations.apply_palette()
    assert "Check this" in window.actions_by_key["highlight_2"].text()
    assert settings_store.load().palette[1].label == "Check this"
    assert settings_store.load().author == "Ana Analyst"
    assert window.annotations.filter.findText("Check this") >= 0


def test_preferences_change_the_reading_font_size_width_and_theme(
    window: MainWindow, qtbot: QtBot, settings_store: SettingsStore
) -> None:
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.size_choice.setValue(20)
    dialog.line_width.setValue(28)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.default_font.setChecked(False)
    dialog.font_choice.setCurrentFont(QFont("DejaVu Sans"))
    window.annotations.apply_preferences(dialog.result_settings())
    saved = settings_store.load()
    assert (saved.font_size, saved.line_width_em, saved.theme) == (20, 28, "dark")
    assert saved.font_family == "DejaVu Sans"
    article = window.current_article()
    assert article is not None
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.position_map.to_document(3))  # type: ignore[union-attr]
    assert cursor.charFormat().font().pointSizeF() == 20
    assert "DejaVu Sans" in cursor.charFormat().font().families()
    assert window.actions_by_key["theme_dark"].isChecked()
    window.set_theme("light")
