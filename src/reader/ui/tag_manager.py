"""The tag manager: every tag with its counts; rename, merge and delete, all undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import TagCount
from reader.ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex


class TagTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("TagTableModel", "Tag"),
        QT_TRANSLATE_NOOP("TagTableModel", "Highlights"),
        QT_TRANSLATE_NOOP("TagTableModel", "Articles"),
        QT_TRANSLATE_NOOP("TagTableModel", "Made by"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TagCount] = []

    def set_tags(self, rows: list[TagCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def tag(self, row: int) -> TagCount | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.name, row.highlights, row.articles, row.author)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("TagTableModel", self.HEADERS[section])
        return None


class TagManager(QDialog):
    """Rename, merge and delete go through the window's undo stack (the callbacks)."""

    def __init__(
        self,
        load: Callable[[], list[TagCount]],
        rename: Callable[[str, str], bool],
        merge: Callable[[str, str], bool],
        delete: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self.resize(460, 420)
        self._load, self._rename, self._merge, self._delete = load, rename, merge, delete
        self.model = TagTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Tags and how often they are used"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No tags yet. Tag a highlight or an article in the sidebar."))
        self.empty.setWordWrap(True)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.merge_button = QPushButton(self.tr("Merge Into…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.rename_button.clicked.connect(self._on_rename)
        self.merge_button.clicked.connect(self._on_merge)
        self.delete_button.clicked.connect(self._on_delete)
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        self.model.set_tags(self._load())
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def select(self, name: str) -> None:
        for row in range(self.model.rowCount()):
            tag = self.model.tag(row)
            if tag is not None and tag.name == name:
                self.table.selectRow(row)
                return

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        tag = self.model.tag(rows[0].row()) if rows else None
        return tag.name if tag else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.rename_button, self.merge_button, self.delete_button):
            button.setEnabled(chosen)

    def _on_rename(self) -> None:
        old = self.selected()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename Tag"), self.tr("New name:"), text=old)
        if ok and new.strip() and new.strip() != old and self._rename(old, new.strip()):
            self.reload()
            self.select(new.strip())

    def _on_merge(self) -> None:
        source = self.selected()
        if source is None:
            return
        others = [t.name for t in self._load() if t.name != source]
        if not others:
            QMessageBox.information(
                self, self.tr("Merge Tag"), self.tr("There is no other tag to merge into.")
            )
            return
        into, ok = QInputDialog.getItem(
            self,
            self.tr("Merge Tag"),
            self.tr("Merge “{tag}” into:").format(tag=source),
            others,
            0,
            False,
        )
        if ok and into and self._merge(source, into):
            self.reload()
            self.select(into)

    def _on_delete(self) -> None:
        name = self.selected()
        if name is not None and self._delete(name):
            self.reload()
