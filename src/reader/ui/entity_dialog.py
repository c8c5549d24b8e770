"""Add as entity…: name, kind and aliases, pre-filled from the selected text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from reader.core.models import ENTITY_KINDS
from reader.ui.entity_model import kind_name


class EntityDialog(QDialog):
    def __init__(
        self, name: str, kind: str, aliases: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Entity"))
        self.name = QLineEdit(name)
        self.name.setAccessibleName(self.tr("Entity name"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        for value in ENTITY_KINDS:
            self.kind.addItem(kind_name(value), value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.aliases = QLineEdit(", ".join(aliases))
        self.aliases.setAccessibleName(self.tr("Other names, separated by commas"))
        self.aliases.setPlaceholderText(self.tr("e.g. Putin, V. Putin"))
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Also called:"), self.aliases)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, list[str]]:
        aliases = [a.strip() for a in self.aliases.text().split(",") if a.strip()]
        return self.name.text().strip(), str(self.kind.currentData()), aliases
