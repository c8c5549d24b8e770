"""Preferences: reading comfort, what each highlight colour means and looks like, the name put
on notes, and where the library lives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.palette import ColorLabel
from reader.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, Settings
from reader.ui.sidebar import swatch

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.ui.library_location import LibraryBox


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
    """With `library`, the dialog also offers to choose another library (`library_box`); OK
    is refused while the place typed there cannot hold one, and the box says why."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        library: Library | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        layout = QVBoxLayout(self)
        reading = QGroupBox(self.tr("Reading"))
        reading_form = QFormLayout(reading)
        self.font_choice = QFontComboBox()
        self.font_choice.setAccessibleName(self.tr("Reading font"))
        self.font_choice.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.default_font = QCheckBox(self.tr("Reader's choice of serif"))
        self.default_font.setChecked(not settings.font_family)
        if settings.font_family:
            self.font_choice.setCurrentFont(QFont(settings.font_family))
        self.font_choice.setEnabled(bool(settings.font_family))
        self.default_font.toggled.connect(lambda on: self.font_choice.setEnabled(not on))
        font_row = QHBoxLayout()
        font_row.addWidget(self.default_font)
        font_row.addWidget(self.font_choice, 1)
        reading_form.addRow(self.tr("Font:"), font_row)
        self.size_choice = QSpinBox()
        self.size_choice.setAccessibleName(self.tr("Text size in points"))
        self.size_choice.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.size_choice.setValue(settings.font_size)
        self.size_choice.setSuffix(self.tr(" pt"))
        reading_form.addRow(self.tr("Text size:"), self.size_choice)
        self.line_width = QSpinBox()
        self.line_width.setAccessibleName(self.tr("Line width in ems"))
        self.line_width.setRange(20, 60)
        self.line_width.setValue(settings.line_width_em)
        self.line_width.setSuffix(self.tr(" em"))
        reading_form.addRow(self.tr("Line width:"), self.line_width)
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        reading_form.addRow(self.tr("Theme:"), self.theme)
        layout.addWidget(reading)
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
        self.library_box: LibraryBox | None = None
        if library is not None:
            from reader.ui.library_location import LibraryBox

            self.library_box = LibraryBox(library)
            layout.addWidget(self.library_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.library_box is not None and self.library_box.error:
            self.library_box.path.setFocus()
            return
        super().accept()

    def chosen_palette(self) -> Sequence[ColorLabel]:
        return tuple(row.value() for row in self.rows)

    def result_settings(self) -> Settings:
        theme = self.theme.currentData()
        family = "" if self.default_font.isChecked() else self.font_choice.currentFont().family()
        return replace(
            self._settings,
            palette=tuple(self.chosen_palette()),
            author=self.author.text().strip(),
            font_family=family,
            font_size=self.size_choice.value(),
            line_width_em=self.line_width.value(),
            theme=theme if theme in ("system", "light", "dark") else "system",
        )
