"""File → Export Brief…: choose what goes in, the format and template, see the Markdown
rendered as it will read, and save. The dialog remembers the last choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.palette import ColorLabel
from reader.services import export as export_service
from reader.services.library import Library
from reader.settings import ExportChoices

SUFFIX = {"md": ".md", "html": ".html", "pdf": ".pdf", "jsonld": ".jsonld"}


class _Preview(QTextBrowser):
    def loadResource(self, kind: int, url: QUrl | str) -> object:
        return None  # a preview fetches nothing


class ExportDialog(QDialog):
    def __init__(
        self,
        library: Library,
        palette: Sequence[ColorLabel],
        choices: ExportChoices,
        *,
        article_id: int | None,
        entity_names: Sequence[str],
        tag_names: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Brief"))
        self.resize(900, 640)
        self.library = library
        self.labels = tuple(palette)
        self.article_id = article_id
        self.saved_to: Path | None = None

        self.scope = QComboBox()
        self.scope.setAccessibleName(self.tr("What to export"))
        if article_id is not None:
            self.scope.addItem(self.tr("The open article"), "article")
        if entity_names:
            self.scope.addItem(self.tr("A dossier on one entity"), "entity")
        if tag_names:
            self.scope.addItem(self.tr("Everything with one tag"), "tag")
        self.scope.addItem(self.tr("The whole library"), "library")
        self.subject = QComboBox()
        self.subject.setAccessibleName(self.tr("Entity or tag"))
        self._entities = list(entity_names)
        self._tags = list(tag_names)
        self.format = QComboBox()
        self.format.setAccessibleName(self.tr("Format"))
        self.format.addItem(self.tr("Markdown"), "md")
        self.format.addItem(self.tr("HTML (one self-contained file)"), "html")
        self.format.addItem(self.tr("PDF"), "pdf")
        self.format.addItem(self.tr("W3C Web Annotation (JSON-LD)"), "jsonld")
        self.template = QComboBox()
        self.template.setAccessibleName(self.tr("Template"))
        self.template.addItem(self.tr("Built-in layout"), "")
        for path in export_service.user_templates():
            self.template.addItem(path.name, str(path))
        self.include_review = QCheckBox(
            self.tr("Include highlights still waiting for review (flagged)")
        )

        form = QFormLayout()
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope, 1)
        scope_row.addWidget(self.subject, 1)
        form.addRow(self.tr("Export:"), scope_row)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Template:"), self.template)
        form.addRow("", self.include_review)
        self.preview = _Preview()
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Preview of the brief"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._apply_choices(choices)
        for combo in (self.scope, self.subject, self.template):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.scope.currentIndexChanged.connect(lambda _i: self._fill_subject())
        self.include_review.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    # -- choices ---------------------------------------------------------------------------
    def _apply_choices(self, choices: ExportChoices) -> None:
        self.scope.setCurrentIndex(max(0, self.scope.findData(choices.scope)))
        self.format.setCurrentIndex(max(0, self.format.findData(choices.format)))
        self.template.setCurrentIndex(max(0, self.template.findData(choices.template)))
        self.include_review.setChecked(choices.include_review)
        self._fill_subject()

    def _fill_subject(self) -> None:
        kind = self.scope.currentData()
        self.subject.blockSignals(True)
        self.subject.clear()
        for name in self._entities if kind == "entity" else self._tags if kind == "tag" else []:
            self.subject.addItem(name, name)
        self.subject.setVisible(kind in ("entity", "tag"))
        self.subject.blockSignals(False)
        self.refresh()

    def choices(self, base: ExportChoices) -> ExportChoices:
        return replace(
            base,
            scope=str(self.scope.currentData()),
            format=str(self.format.currentData()),
            template=str(self.template.currentData() or ""),
            include_review=self.include_review.isChecked(),
        )

    def export_scope(self) -> export_service.ExportScope:
        kind = self.scope.currentData()
        subject = self.subject.currentData()
        review = self.include_review.isChecked()
        if kind == "article" and self.article_id is not None:
            return export_service.ExportScope(article_ids=(self.article_id,), include_review=review)
        if kind == "entity" and subject:
            return export_service.ExportScope(entity=str(subject), include_review=review)
        if kind == "tag" and subject:
            return export_service.ExportScope(tags=(str(subject),), include_review=review)
        return export_service.ExportScope(include_review=review)

    def _template(self) -> Path | None:
        value = self.template.currentData()
        return Path(value) if value else None

    # -- preview and save --------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            markdown = export_service.brief_markdown(
                self.library,
                self.export_scope(),
                template=self._template() if self._template_is_markdown() else None,
                made_at=datetime.now(UTC),
                palette=self.labels,
            )
        except ReaderError as exc:
            self.status.setText(str(exc))
            self.preview.setPlainText("")
            return
        self.status.setText("")
        self.preview.document().setMarkdown(markdown)

    def _template_is_markdown(self) -> bool:
        template = self._template()
        return template is None or ".md" in template.name

    def save(self) -> None:
        fmt = str(self.format.currentData())
        suggested = f"brief{SUFFIX[fmt]}"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save Brief"), suggested)
        if not name:
            return
        path = Path(name)
        try:
            self.write(path, fmt)
        except ReaderError as exc:
            self.status.setText(str(exc))
            return
        self.saved_to = path
        self.accept()

    def write(self, path: Path, fmt: str) -> None:
        made_at = datetime.now(UTC)
        if fmt == "pdf":
            from reader.ui.pdf_export import write_pdf

            html = export_service.brief_html(
                self.library, self.export_scope(), made_at=made_at, palette=self.labels
            )
            write_pdf(html, path)
            return
        export_service.export(
            self.library,
            self.export_scope(),
            fmt,
            path,
            template=self._template(),
            made_at=made_at,
            palette=self.labels,
        )
