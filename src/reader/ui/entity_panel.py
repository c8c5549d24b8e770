"""The entity panel: people, organisations and places across the library.

The list page filters by kind and sorts by name or by how often each is mentioned, and offers
suggestions to accept or reject. The entity page shows one entity whole: kind, aliases, note,
every mention in context grouped by article, the highlights that mention it, the entities
that appear with it most, and a timeline.

Signals: `entityChosen(int)`, `articleRequested(int, int, int)` (article, start, end),
`highlightRequested(int, int)` (article, highlight), `newRequested()`,
`renameRequested(int, str)`, `kindChosen(int, str)`, `aliasAdded(int, str)`,
`aliasRemoved(int, str)`, `noteEdited(int, str)`, `deleteRequested(int)`,
`mergeRequested(int)`, `suggestionAccepted(object)`, `suggestionRejected(str)`,
`listRequested()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import ENTITY_KINDS, Entity
from reader.services.entities import EntityDossier, KwicLine, Suggestion
from reader.ui.entity_model import EntityListModel, describe, kind_name, kind_word
from reader.ui.note_editor import NoteEditor
from reader.ui.sidebar import byline
from reader.ui.tag_editor import TagEditor
from reader.ui.timeline import Timeline

PlaceRole = Qt.ItemDataRole.UserRole + 40


def kwic(before: str, match: str, after: str, width: int = 18) -> str:
    """One keyword-in-context line: a little before, the mention marked, more after."""
    before = " ".join(before.split())[-width:]
    after = " ".join(after.split())[: width + 10]
    return f"…{before} «{' '.join(match.split())}» {after}…"


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class EntityList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Show kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for value in ENTITY_KINDS:
            self.kind.addItem(kind_name(value), value)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort by"))
        self.sort.addItem(self.tr("By name"), "name")
        self.sort.addItem(self.tr("Most mentioned"), "count")
        row.addWidget(self.kind, 1)
        row.addWidget(self.sort, 1)
        layout.addLayout(row)
        self.model = EntityListModel(self)
        self.view = QListView()
        self.view.setObjectName("entityList")
        self.view.setAccessibleName(self.tr("Entities"))
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSpacing(2)
        self.empty = QLabel(
            self.tr(
                "No entities yet. Select a name in the article and choose Add as Entity… "
                "from the right-click menu, or accept a suggestion below."
            )
        )
        self.empty.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New Entity…"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.new_button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.addWidget(_heading(self.tr("Suggestions in this article")))
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(self.tr("Suggested entities"))
        bottom_layout.addWidget(self.suggestions, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Add"))
        self.accept_button.setAccessibleName(self.tr("Add the suggested entity"))
        self.reject_button = QPushButton(self.tr("Not an Entity"))
        self.reject_button.setAccessibleName(self.tr("Never suggest this again"))
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        bottom_layout.addLayout(buttons)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([400, 200])
        layout.addWidget(splitter, 1)

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.suggestions.clear()
        for suggestion in suggestions:
            others = [a for a in suggestion.aliases if a != suggestion.name]
            text = self.tr("{name} · {kind}").format(
                name=suggestion.name, kind=kind_word(suggestion.kind)
            )
            if others:
                text += self.tr(" (also {names})").format(names=", ".join(others))
            item = QListWidgetItem(text)
            item.setData(PlaceRole, suggestion)
            self.suggestions.addItem(item)
        has = bool(suggestions)
        self.accept_button.setEnabled(has)
        self.reject_button.setEnabled(has)
        if has:
            self.suggestions.setCurrentRow(0)

    def current_suggestion(self) -> Suggestion | None:
        item = self.suggestions.currentItem()
        value = item.data(PlaceRole) if item is not None else None
        return value if isinstance(value, Suggestion) else None


class EntityDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← All Entities"))
        self.back.setAccessibleName(self.tr("Back to all entities"))
        top.addWidget(self.back)
        top.addStretch(1)
        self.merge_button = QPushButton(self.tr("Merge Into…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete entity"))
        top.addWidget(self.merge_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.Bold)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.rename_button = QPushButton(self.tr("Rename…"))
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.rename_button)
        layout.addLayout(name_row)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        for value in ENTITY_KINDS:
            self.kind.addItem(kind_name(value), value)
        layout.addWidget(self.kind)
        self.aliases = TagEditor(self.tr("Add another name…"), self.tr("Other names"))
        layout.addWidget(self.aliases)
        self.timeline = Timeline()
        layout.addWidget(self.timeline)
        self.note = NoteEditor()
        self.note.setMaximumHeight(140)
        layout.addWidget(self.note)
        layout.addWidget(_heading(self.tr("Mentions")))
        self.mentions = QTreeWidget()
        self.mentions.setAccessibleName(self.tr("Mentions in context, by article"))
        self.mentions.setHeaderHidden(True)
        self.mentions.setWordWrap(True)
        self.mentions.itemExpanded.connect(self._expanded)
        self._pending: dict[int, tuple[QTreeWidgetItem, Sequence[KwicLine]]] = {}
        layout.addWidget(self.mentions, 3)
        layout.addWidget(_heading(self.tr("Highlights")))
        self.highlights = QListWidget()
        self.highlights.setAccessibleName(self.tr("Highlights that mention it"))
        layout.addWidget(self.highlights, 1)
        layout.addWidget(_heading(self.tr("Often together with")))
        self.cooccurring = QListWidget()
        self.cooccurring.setAccessibleName(self.tr("Entities that appear with it"))
        layout.addWidget(self.cooccurring, 1)

    def _add_lines(self, parent: QTreeWidgetItem, lines: Sequence[KwicLine]) -> None:
        for line in lines:
            child = QTreeWidgetItem([kwic(line.before, line.match, line.after)])
            place = (parent.data(0, PlaceRole)[0], line.mention.start, line.mention.end)
            child.setData(0, PlaceRole, place)
            child.setToolTip(0, kwic(line.before, line.match, line.after, 80))
            parent.addChild(child)

    def _expanded(self, item: QTreeWidgetItem) -> None:
        pending = self._pending.pop(id(item), None)
        if pending is not None:
            self._add_lines(*pending)

    def show_dossier(self, dossier: EntityDossier) -> None:
        entity = dossier.entity
        self.name.setText(entity.name)
        summary = describe(entity)
        if entity.author:  # who added it, and who changed it last if someone else
            summary += "\n" + byline(entity.author, entity.edited_by, entity.modified)
        self.summary.setText(summary)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entity.kind)))
        self.kind.blockSignals(False)
        self.aliases.set_tags([a for a in entity.aliases if a != entity.name])
        if not self.note.editing:
            self.note.set_note(entity.note)
        self.timeline.set_points(dossier.timeline)
        self.mentions.clear()
        self._pending = {}
        expand = len(dossier.articles) <= 5
        for group in dossier.articles:
            when = f" · {group.published:%d %b %Y}" if group.published else ""
            parent = QTreeWidgetItem([f"{group.title}{when} ({len(group.lines)})"])
            parent.setData(0, PlaceRole, (group.article_id, -1, -1))
            self.mentions.addTopLevelItem(parent)
            if expand:
                self._add_lines(parent, group.lines)
                parent.setExpanded(True)
            else:
                # Lines are made when the article is opened in the tree: an entity with
                # thousands of mentions would otherwise make thousands of rows nobody sees.
                parent.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self._pending[id(parent)] = (parent, group.lines)
        self.highlights.clear()
        for highlight in dossier.highlights:
            item = QListWidgetItem(f"“{highlight.exact}”")
            item.setData(PlaceRole, (highlight.article_id, highlight.id))
            self.highlights.addItem(item)
        self.cooccurring.clear()
        for other, shared in dossier.cooccurring:
            item = QListWidgetItem(
                self.tr("{name} · in %n shared article(s)", None, shared).format(name=other.name)
            )
            item.setData(PlaceRole, other.id)
            self.cooccurring.addItem(item)


class EntityPanel(QStackedWidget):
    entityChosen = Signal(int)
    articleRequested = Signal(int, int, int)
    highlightRequested = Signal(int, int)
    newRequested = Signal()
    renameRequested = Signal(int)
    kindChosen = Signal(int, str)
    aliasAdded = Signal(int, str)
    aliasRemoved = Signal(int, str)
    noteEdited = Signal(int, str)
    deleteRequested = Signal(int)
    mergeRequested = Signal(int)
    suggestionAccepted = Signal(object)
    suggestionRejected = Signal(str)
    listRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.setAccessibleName(self.tr("Entities"))
        self.list = EntityList()
        self.detail = EntityDetail()
        self.addWidget(self.list)
        self.addWidget(self.detail)
        self.entity: Entity | None = None
        self.list.view.activated.connect(self._chosen)
        self.list.view.clicked.connect(self._chosen)
        self.list.new_button.clicked.connect(self.newRequested)
        self.list.accept_button.clicked.connect(self._accept)
        self.list.reject_button.clicked.connect(self._reject)
        self.detail.back.clicked.connect(self.show_list)
        d = self.detail
        d.rename_button.clicked.connect(lambda: self._for_entity(self.renameRequested))
        d.delete_button.clicked.connect(lambda: self._for_entity(self.deleteRequested))
        d.merge_button.clicked.connect(lambda: self._for_entity(self.mergeRequested))
        d.kind.currentIndexChanged.connect(self._kind)
        d.aliases.tagAdded.connect(lambda text: self._with_text(self.aliasAdded, text))
        d.aliases.tagRemoved.connect(lambda text: self._with_text(self.aliasRemoved, text))
        d.note.noteCommitted.connect(lambda text: self._with_text(self.noteEdited, text))
        d.mentions.itemActivated.connect(self._mention)
        d.mentions.itemClicked.connect(self._mention)
        d.highlights.itemActivated.connect(self._highlight)
        d.highlights.itemClicked.connect(self._highlight)
        d.cooccurring.itemActivated.connect(self._other)
        d.cooccurring.itemClicked.connect(self._other)

    # -- showing ----------------------------------------------------------------------------
    def set_entities(self, entities: Sequence[Entity]) -> None:
        self.list.model.set_entities(entities)
        self.list.empty.setVisible(not entities)
        self.list.view.setVisible(bool(entities))

    def show_list(self) -> None:
        self.entity = None
        self.setCurrentIndex(0)
        self.listRequested.emit()

    def show_dossier(self, dossier: EntityDossier) -> None:
        self.entity = dossier.entity
        self.detail.show_dossier(dossier)
        self.setCurrentIndex(1)

    # -- requests ---------------------------------------------------------------------------
    def _chosen(self, index: object) -> None:
        entity = self.list.model.entity(index.row())  # type: ignore[attr-defined]
        if entity is not None:
            self.entityChosen.emit(entity.id)

    def _for_entity(self, signal: object) -> None:
        if self.entity is not None:
            signal.emit(self.entity.id)  # type: ignore[attr-defined]

    def _with_text(self, signal: object, text: str) -> None:
        if self.entity is not None:
            signal.emit(self.entity.id, text)  # type: ignore[attr-defined]

    def _kind(self, _row: int) -> None:
        kind = self.detail.kind.currentData()
        if self.entity is not None and isinstance(kind, str) and kind != self.entity.kind:
            self.kindChosen.emit(self.entity.id, kind)

    def _mention(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PlaceRole)
        if place:
            article_id, start, end = place
            self.articleRequested.emit(article_id, start, end)

    def _highlight(self, item: QListWidgetItem) -> None:
        place = item.data(PlaceRole)
        if place:
            self.highlightRequested.emit(*place)

    def _other(self, item: QListWidgetItem) -> None:
        entity_id = item.data(PlaceRole)
        if isinstance(entity_id, int):
            self.entityChosen.emit(entity_id)

    def _accept(self) -> None:
        suggestion = self.list.current_suggestion()
        if suggestion is not None:
            self.suggestionAccepted.emit(suggestion)

    def _reject(self) -> None:
        suggestion = self.list.current_suggestion()
        if suggestion is not None:
            self.suggestionRejected.emit(suggestion.name)
