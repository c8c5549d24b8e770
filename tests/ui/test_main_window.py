"""The three-pane window as a person uses it: list, reader, sidebar, keys, text size, themes,
and the state it restores next time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from reader.services.library import Library
from reader.settings import DEFAULT_FONT_SIZE, SettingsStore
from reader.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory

THAW = "Analysts Anticipate Thaw Between NATO, Russia"
REVIVE = "NATO and Russia Revive Relations"


def _titles(window: MainWindow) -> list[str]:
    return [window.model.index(r).data() for r in range(window.model.rowCount())]


def test_window_has_three_panes_and_lists_the_samples(window: MainWindow) -> None:
    sizes = window.splitter.sizes()
    assert len(sizes) == 3 and all(size > 100 for size in sizes)
    assert sorted(_titles(window)) == sorted([THAW, REVIVE])
    assert window.count_label.text() == "2 articles"
    assert window.sidebar.empty_title.text() == "No highlights yet"


def test_first_start_opens_the_newest_article_with_its_header(window: MainWindow) -> None:
    article = window.current_article()
    assert article is not None
    assert article.title == _titles(window)[0]
    text = window.reader.toPlainText()
    assert article.title in text
    assert "Updated 27 July 2016" in text
    assert "Get the latest updates" not in text
    assert window.windowTitle() == f"{article.title} — Reader"


def test_kicker_is_shown_above_the_title(window: MainWindow) -> None:
    window.open_article(_article_id(window, THAW))
    lines = window.reader.toPlainText().splitlines()
    assert lines[0] == "NEWS ANALYSIS"
    assert lines[1] == THAW


def _article_id(window: MainWindow, title: str) -> int:
    for row in range(window.model.rowCount()):
        item = window.model.summary(row)
        if item is not None and item.title == title:
            return item.id
    raise AssertionError(title)


def test_j_and_k_move_between_articles(window: MainWindow, qtbot: QtBot) -> None:
    first, second = _titles(window)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.current_article().title == second  # type: ignore[union-attr]
    qtbot.keyClick(window.reader, Qt.Key.Key_K)
    assert window.current_article().title == first  # type: ignore[union-attr]


def test_arrow_keys_in_the_list_move_between_articles(window: MainWindow, qtbot: QtBot) -> None:
    first, second = _titles(window)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert window.current_article().title == second  # type: ignore[union-attr]
    qtbot.keyClick(window.list_view, Qt.Key.Key_Up)
    assert window.current_article().title == first  # type: ignore[union-attr]


def test_ctrl_plus_and_minus_change_the_text_size(
    window: MainWindow, qtbot: QtBot, settings_store: SettingsStore
) -> None:
    def body_size() -> float:
        cursor = window.reader.textCursor()
        cursor.setPosition(window.reader.position_map.to_document(5))  # type: ignore[union-attr]
        return cursor.charFormat().font().pointSizeF()

    before = body_size()
    qtbot.keySequence(window, "Ctrl+=")
    assert body_size() == before + 1
    assert settings_store.load().font_size == DEFAULT_FONT_SIZE + 1
    qtbot.keySequence(window, "Ctrl+-")
    qtbot.keySequence(window, "Ctrl+-")
    assert body_size() == before - 1
    window.actions_by_key["zoom_reset"].trigger()
    assert body_size() == before


def test_dark_theme_darkens_the_reader(window: MainWindow, qtbot: QtBot) -> None:
    def base_lightness() -> int:
        return window.reader.palette().color(QPalette.ColorRole.Base).lightness()

    # Palette changes reach the widgets through the event queue.
    window.set_theme("dark")
    qtbot.waitUntil(lambda: base_lightness() < 80)
    window.set_theme("light")
    qtbot.waitUntil(lambda: base_lightness() > 200)
    assert window.actions_by_key["theme_light"].isChecked()


def test_window_state_is_restored_next_time(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.resize(780, 560)  # within the offscreen screen, which geometry restores clamp to
    window.open_article(_article_id(window, REVIVE))
    window.splitter.setSizes([200, 350, 200])
    sizes = window.splitter.sizes()
    window.reader.set_scroll_fraction(0.5)
    fraction = window.reader.scroll_fraction()
    assert fraction > 0.3
    window.close()

    again = make_window()
    assert again.current_article().title == REVIVE  # type: ignore[union-attr]
    assert again.size().width() == 780
    assert again.splitter.sizes() == sizes
    assert abs(again.reader.scroll_fraction() - fraction) < 0.02


def test_each_article_keeps_its_own_reading_position(window: MainWindow) -> None:
    window.open_article(_article_id(window, REVIVE))
    window.reader.set_scroll_fraction(0.6)
    kept = window.reader.scroll_fraction()
    window.open_article(_article_id(window, THAW))
    assert window.reader.scroll_fraction() == 0.0
    window.open_article(_article_id(window, REVIVE))
    assert abs(window.reader.scroll_fraction() - kept) < 0.02


def test_empty_library_says_how_to_import(
    make_window: WindowFactory, empty_library: Library
) -> None:
    window = make_window(empty_library)
    assert window.model.rowCount() == 0
    assert "Ctrl+O" in window.list_view.empty_text
    assert "Your library is empty" in window.reader.toPlainText()
    assert window.count_label.text() == "0 articles"


def test_links_are_shown_but_never_fetched(make_window: WindowFactory, library_of) -> None:  # type: ignore[no-untyped-def]
    lib = library_of(
        {"linked.md": "# Linked\n\nSee [the report](https://example.org/report) now.\n"}
    )
    window = make_window(lib)
    article = window.current_article()
    assert article is not None
    start = article.text.index("the report")
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.position_map.to_document(start) + 1)  # type: ignore[union-attr]
    assert cursor.charFormat().anchorHref() == "https://example.org/report"
    assert window.reader.loadResource(2, "https://example.org/image.png") is None
    with_click: list[str] = []
    window.reader.linkActivated.connect(with_click.append)
    window.reader.anchorClicked.emit(
        window.reader.document().baseUrl().resolved("https://example.org/report")
    )
    assert with_click == ["https://example.org/report"]
    assert window.current_article().id == article.id  # type: ignore[union-attr]


def test_window_over_an_unopened_library_shows_its_list_first(
    make_window: WindowFactory, library: Library, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from reader.services.library import open_library

    library.close()
    lazy = open_library(data_dir=tmp_path / "library", lazily=True)
    assert not lazy.is_open
    window = make_window(lazy)
    assert sorted(_titles(window)) == sorted([THAW, REVIVE])
    assert window.current_article() is not None  # reopening the article opened the library
    assert lazy.is_open
    lazy.close()


def test_keyboard_shortcuts_lists_every_key_the_window_answers_to(window: MainWindow) -> None:
    from reader.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows

    rows = dict(shortcut_rows(window.actions_by_key.values()))
    with_keys = [a for a in window.actions_by_key.values() if a.shortcuts()]
    assert len(rows) == len(with_keys)
    assert rows["Next Article"] == "J"
    assert "Ctrl+K" in rows["Search Library"]
    assert "Ctrl+Shift+E" in rows["Export Brief…"]
    dialog = ShortcutsDialog(window.actions_by_key.values(), window)
    assert dialog.table.rowCount() == len(rows)
    dialog.close()


def test_first_run_greets_with_the_steps_and_lists_the_samples(
    qtbot: QtBot, library: Library, settings_store: SettingsStore
) -> None:
    from reader.ui.app import build_window

    window = build_window(library, settings_store.load(), settings_store, first_run=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.restore_done)
    text = window.reader.toPlainText()
    assert text.startswith("Welcome to Reader")
    for step in ("Highlight.", "Tag.", "Note.", "Export."):
        assert step in text
    assert window.current_article() is None
    assert window.model.rowCount() == 2
    window.list_view.setCurrentIndex(window.model.index(0))
    assert window.current_article() is not None
