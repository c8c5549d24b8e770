"""Preferences: what each highlight colour means and looks like, and the name put on notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.palette import ColorLabel
from reader.settings import Settings
from reader.ui.sidebar import swatch


class _LabelRow(QWidget):
    def __init__(self, entry: ColorLabel, number: int) -> None:
        super().__init__()
        self.entry = entry
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.color_button = QPushButton()
        self.color_button.setAccessibleName(
            self.tr("Colour of label {number}").format(number=number)
        )
        self.color_button.clicked.connect(self._choose)
        self.label = QLineEdit(entry.label)
        self.label.setAccessibleName(self.tr("Name of label {number}").format(number=number))
        layout.addWidget(self.color_button)
        layout.addWidget(self.label, 1)
        self._set_color(entry.color)

    def _set_color(self, color: str) -> None:
        self.color = color
        self.color_button.setIcon(swatch(color, 18))
        self.color_button.setToolTip(color)

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.tr("Highlight Colour"))
        if chosen.isValid():
            self._set_color(chosen.name())

    def value(self) -> ColorLabel:
        return ColorLabel(self.entry.key, self.label.text().strip() or self.entry.label, self.color)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        layout = QVBoxLayout(self)
        labels = QGroupBox(self.tr("Highlight colours and what they mean (keys 1–6)"))
        form = QFormLayout(labels)
        self.rows: list[_LabelRow] = []
        for number, entry in enumerate(settings.palette, start=1):
            row = _LabelRow(entry, number)
            self.rows.append(row)
            form.addRow(f"{number}", row)
        layout.addWidget(labels)
        you = QGroupBox(self.tr("You"))
        you_form = QFormLayout(you)
        self.author = QLineEdit(settings.author)
        self.author.setPlaceholderText(self.tr("your login name"))
        self.author.setAccessibleName(self.tr("Your name on highlights and notes"))
        you_form.addRow(self.tr("Name on highlights and notes:"), self.author)
        layout.addWidget(you)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_palette(self) -> Sequence[ColorLabel]:
        return tuple(row.value() for row in self.rows)

    def result_settings(self) -> Settings:
        return replace(
            self._settings, palette=tuple(self.chosen_palette()), author=self.author.text().strip()
        )
