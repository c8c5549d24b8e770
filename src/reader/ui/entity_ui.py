"""Entities in the window: the entity panel, "Add as Entity…", underlined mentions, and the
entities linked to the selected highlight. Every edit goes through the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMenu

from reader.core.changes import Changes
from reader.core.errors import EditConflictError, ReaderError
from reader.services import entities as entity_service
from reader.ui.entity_panel import EntityPanel
from reader.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class EntityUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = EntityPanel()
        self.underline = False
        p = self.panel
        p.entityChosen.connect(self.show_entity)
        p.listRequested.connect(self.reload)
        p.articleRequested.connect(self._open_place)
        p.highlightRequested.connect(self._open_highlight)
        p.newRequested.connect(lambda: self.add_entity(""))
        p.renameRequested.connect(self._rename)
        p.kindChosen.connect(self._kind)
        p.aliasAdded.connect(self._alias_added)
        p.aliasRemoved.connect(self._alias_removed)
        p.noteEdited.connect(self._note)
        p.deleteRequested.connect(self._delete)
        p.mergeRequested.connect(self._merge)
        p.suggestionAccepted.connect(self._accept)
        p.suggestionRejected.connect(self._reject)
        p.list.kind.currentIndexChanged.connect(lambda _i: self.reload())
        p.list.sort.currentIndexChanged.connect(lambda _i: self.reload())
        window.reader.mentionClicked.connect(self.show_entity)
        detail = window.sidebar.detail
        detail.entities.tagAdded.connect(self._link)
        detail.entities.tagRemoved.connect(self._unlink)
        window.sidebar.highlightSelected.connect(self._show_links)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "add_entity": self._add_from_selection,
            "underline_mentions": self.toggle_underline,
        }

    # -- showing ---------------------------------------------------------------------------
    def _report(self, message: str) -> None:
        self.window.message_bar.show_message(message, "error")

    def reload(self) -> None:
        lists = self.panel.list
        try:
            found = entity_service.list_entities(
                self.window.library,
                kind=lists.kind.currentData(),
                sort=str(lists.sort.currentData()),
            )
        except ReaderError as exc:
            self._report(str(exc))
            return
        self.panel.set_entities(found)
        names = [name for entity in found for name in (entity.name,)]
        self.window.sidebar.detail.entities.set_completions(names)
        self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        article = self.window.reader.article
        if article is None or not self.window.entity_tab_visible():
            self.panel.list.set_suggestions([])
            return
        try:
            self.panel.list.set_suggestions(entity_service.suggest(self.window.library, article.id))
        except ReaderError as exc:
            self._report(str(exc))

    def show_entity(self, entity_id: int) -> None:
        try:
            dossier = entity_service.dossier(self.window.library, entity_id)
        except ReaderError as exc:
            self._report(str(exc))
            return
        self.window.show_entity_tab()
        self.panel.show_dossier(dossier)

    def article_changed(self) -> None:
        self._paint_mentions()
        if self.panel.currentIndex() == 0:
            self.refresh_suggestions()

    def toggle_underline(self) -> None:
        self.underline = not self.underline
        self.window.actions_by_key["underline_mentions"].setChecked(self.underline)
        self._paint_mentions()

    def _paint_mentions(self) -> None:
        article = self.window.reader.article
        if not self.underline or article is None:
            self.window.reader.set_mentions([])
            return
        try:
            found = entity_service.mentions_in_article(self.window.library, article.id)
            names = {e.id: e for e in entity_service.list_entities(self.window.library)}
        except ReaderError as exc:
            self._report(str(exc))
            return
        self.window.reader.set_mentions(
            [(m.start, m.end, m.entity_id, _label(names.get(m.entity_id), m.text)) for m in found]
        )

    def _open_place(self, article_id: int, start: int, end: int) -> None:
        if self.window.open_article(article_id) and start >= 0:
            self.window.reader.reveal(start, end)

    def _open_highlight(self, article_id: int, highlight_id: int) -> None:
        if self.window.open_article(article_id):
            self.window.sidebar.select(highlight_id)
            self.window.reader.select_highlight(highlight_id)

    # -- edits, each undoable ----------------------------------------------------------------
    def _push(self, text: str, redo: Callable[[], Changes], undo: Callable[[], Changes]) -> None:
        self.window.annotations.stack.push(
            ServiceCommand(text, redo, undo, self.apply, self._report)
        )

    def apply(self, changes: Changes) -> None:
        """After any entity edit, undo or redo: the list, the open entity, the underlines."""
        self.window.annotations.annotator.apply(changes)
        self.reload()
        if self.panel.entity is not None:
            try:
                self.panel.show_dossier(
                    entity_service.dossier(self.window.library, self.panel.entity.id)
                )
            except ReaderError:
                self.panel.show_list()
        self._paint_mentions()

    def _add_from_selection(self) -> None:
        article = self.window.reader.article
        span = self.window.reader.selection_span()
        if article is None or span is None:
            self._report(self.tr("Select a name in the article first."))
            return
        self.add_entity(article.text[span[0] : span[1]])

    def add_entity(self, text: str) -> None:
        from reader.ui.entity_dialog import EntityDialog  # only when asked for

        text = " ".join(text.split())
        dialog = EntityDialog(
            text, entity_service.guess_kind(text) if text else "person", (), self.window
        )
        if not dialog.exec():
            return
        name, kind, aliases = dialog.values()
        try:
            result = entity_service.create_entity(
                self.window.library, name, kind=kind, aliases=aliases
            )
        except ReaderError as exc:
            self._report(str(exc))
            return
        made = result.entity
        kept = _Kept(self.window, made.id)
        self._push(self.tr("Add entity “{name}”").format(name=made.name), kept.restore, kept.delete)
        self.apply(result.changes)
        self.show_entity(made.id)

    def _edit(
        self, text: str, entity_id: int, do: Callable[[], Changes], undo: Callable[[], Changes]
    ) -> None:
        try:
            changes = do()
        except ReaderError as exc:
            self._report(str(exc))
            return
        self._push(text, do, undo)
        self.apply(changes)

    def _rename(self, entity_id: int) -> None:
        entity = entity_service.get_entity(self.window.library, entity_id)
        name, ok = QInputDialog.getText(
            self.window, self.tr("Rename Entity"), self.tr("Name:"), text=entity.name
        )
        name = name.strip()
        if not ok or not name or name == entity.name:
            return
        old = entity.name
        lib = self.window.library
        self._edit(
            self.tr("Rename entity to “{name}”").format(name=name),
            entity_id,
            lambda: entity_service.rename_entity(lib, entity_id, name).changes,
            lambda: entity_service.rename_entity(lib, entity_id, old).changes,
        )

    def _kind(self, entity_id: int, kind: str) -> None:
        lib = self.window.library
        old = entity_service.get_entity(lib, entity_id).kind
        self._edit(
            self.tr("Mark entity as {kind}").format(kind=kind),
            entity_id,
            lambda: entity_service.set_entity_kind(lib, entity_id, kind).changes,
            lambda: entity_service.set_entity_kind(lib, entity_id, old).changes,
        )

    def _set_aliases(self, entity_id: int, aliases: list[str], text: str) -> None:
        lib = self.window.library
        old = list(entity_service.get_entity(lib, entity_id).aliases)
        self._edit(
            text,
            entity_id,
            lambda: entity_service.set_aliases(lib, entity_id, aliases).changes,
            lambda: entity_service.set_aliases(lib, entity_id, old).changes,
        )

    def _alias_added(self, entity_id: int, alias: str) -> None:
        current = list(entity_service.get_entity(self.window.library, entity_id).aliases)
        self._set_aliases(entity_id, [*current, alias], self.tr("Add name “{a}”").format(a=alias))

    def _alias_removed(self, entity_id: int, alias: str) -> None:
        current = list(entity_service.get_entity(self.window.library, entity_id).aliases)
        kept = [a for a in current if a != alias]
        self._set_aliases(entity_id, kept, self.tr("Remove name “{a}”").format(a=alias))

    def _note(self, entity_id: int, note: str) -> None:
        lib = self.window.library
        shown = self.panel.entity
        base = shown if shown is not None and shown.id == entity_id else None
        old = base.note if base is not None else entity_service.get_entity(lib, entity_id).note
        try:
            # Saved only if nobody changed the note since the panel showed it.
            changes = entity_service.set_entity_note(lib, entity_id, note, base=base).changes
        except EditConflictError as conflict:
            self.apply(Changes(entities_changed=frozenset({entity_id})))
            self.panel.detail.note.show_conflict(
                conflict.by, conflict.at, conflict.theirs, conflict.yours
            )
            self._report(str(conflict))
            return
        except ReaderError as exc:
            self._report(str(exc))
            return
        self._push(
            self.tr("Edit entity note"),
            lambda: entity_service.set_entity_note(lib, entity_id, note).changes,
            lambda: entity_service.set_entity_note(lib, entity_id, old).changes,
        )
        self.apply(changes)

    def _delete(self, entity_id: int) -> None:
        kept = _Kept(self.window, entity_id)
        try:
            changes = kept.delete()
        except ReaderError as exc:
            self._report(str(exc))
            return
        name = kept.snapshot.name if kept.snapshot is not None else ""
        self._push(self.tr("Delete entity “{name}”").format(name=name), kept.delete, kept.restore)
        self.panel.show_list()
        self.apply(changes)

    def _merge(self, entity_id: int) -> None:
        lib = self.window.library
        others = [e for e in entity_service.list_entities(lib) if e.id != entity_id]
        if not others:
            self._report(self.tr("There is no other entity to merge into."))
            return
        names = [e.name for e in others]
        chosen, ok = QInputDialog.getItem(
            self.window, self.tr("Merge Entity"), self.tr("Merge into:"), names, 0, False
        )
        if not ok:
            return
        into = others[names.index(chosen)]
        try:
            merge = entity_service.merge_entities(lib, entity_id, into.id)
        except ReaderError as exc:
            self._report(str(exc))
            return
        source_id, into_id = entity_id, into.id
        done = _merged(source_id, into_id)
        holder = [merge]

        def redo() -> Changes:
            holder[0] = entity_service.merge_entities(lib, source_id, into_id)
            return done

        self._push(
            self.tr("Merge into “{name}”").format(name=into.name),
            redo,
            lambda: entity_service.unmerge_entities(lib, holder[0]),
        )
        self.apply(done)
        self.show_entity(into_id)

    def _accept(self, suggestion: entity_service.Suggestion) -> None:
        try:
            result = entity_service.accept_suggestion(self.window.library, suggestion)
        except ReaderError as exc:
            self._report(str(exc))
            return
        made = result.entity
        kept = _Kept(self.window, made.id)
        self._push(self.tr("Add entity “{name}”").format(name=made.name), kept.restore, kept.delete)
        self.apply(result.changes)

    def _reject(self, name: str) -> None:
        try:
            entity_service.reject_suggestion(self.window.library, name)
        except ReaderError as exc:
            self._report(str(exc))
            return
        self.refresh_suggestions()

    # -- highlight links ---------------------------------------------------------------------
    def _show_links(self, highlight_id: int) -> None:
        chips = self.window.sidebar.detail.entities
        if highlight_id < 0:
            chips.set_tags([])
            return
        try:
            linked = entity_service.entities_of_highlight(self.window.library, highlight_id)
        except ReaderError:
            linked = []
        chips.set_tags([e.name for e in linked])

    def _link(self, name: str) -> None:
        self._link_or_unlink(name, link=True)

    def _unlink(self, name: str) -> None:
        self._link_or_unlink(name, link=False)

    def _link_or_unlink(self, name: str, *, link: bool) -> None:
        highlight = self.window.sidebar.current_highlight()
        if highlight is None:
            return
        lib = self.window.library
        try:
            entity = entity_service.find_entity(lib, name)
        except ReaderError as exc:
            self._report(str(exc))
            return
        hid, eid = highlight.id, entity.id
        do = (
            (lambda: entity_service.link_highlight(lib, hid, eid))
            if link
            else (lambda: entity_service.unlink_highlight(lib, hid, eid))
        )
        undo = (
            (lambda: entity_service.unlink_highlight(lib, hid, eid))
            if link
            else (lambda: entity_service.link_highlight(lib, hid, eid))
        )
        verb = self.tr("Link to “{name}”") if link else self.tr("Unlink “{name}”")
        self._edit(verb.format(name=entity.name), eid, do, undo)
        self._show_links(hid)

    def context_menu(self, menu: QMenu, span: tuple[int, int] | None) -> None:
        if span is not None:
            menu.addSeparator()
            menu.addAction(self.window.actions_by_key["add_entity"])


class _Kept:
    """An entity that an undo or redo deletes and brings back: it keeps the snapshot the
    deletion returned, which is everything the restore needs (same id, UUID, aliases, note
    and links)."""

    def __init__(self, window: MainWindow, entity_id: int) -> None:
        self.window = window
        self.entity_id = entity_id
        self.snapshot: entity_service.EntitySnapshot | None = None

    def delete(self) -> Changes:
        self.snapshot = entity_service.delete_entity(self.window.library, self.entity_id)
        return Changes(entities_removed=frozenset({self.entity_id}))

    def restore(self) -> Changes:
        if self.snapshot is None:
            raise ReaderError("nothing to restore")
        return entity_service.restore_entity(self.window.library, self.snapshot).changes


def _merged(source_id: int, into_id: int) -> Changes:
    return Changes(entities_changed=frozenset({into_id}), entities_removed=frozenset({source_id}))


def _label(entity: object, text: str) -> str:
    name = getattr(entity, "name", text)
    kind = getattr(entity, "kind", "")
    return f"{name} · {kind}" if kind else name
