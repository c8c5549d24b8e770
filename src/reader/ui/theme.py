"""Light and dark themes that follow the system unless the person chose one.

The palette is set on the application (Fusion style, so it applies the same everywhere); the
reader pane takes its colours from `ReadingColors`, derived from the same choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.settings import Theme


@dataclass(frozen=True)
class ReadingColors:
    text: QColor
    muted: QColor
    accent: QColor
    quote_rule: QColor
    code_background: QColor
    link: QColor
    page: QColor
    dark: bool = False


LIGHT = ReadingColors(
    text=QColor("#1d1d1f"),
    muted=QColor("#6e6e73"),
    accent=QColor("#a4372a"),
    quote_rule=QColor("#c9c4bb"),
    code_background=QColor("#f1efe9"),
    link=QColor("#1f5fa8"),
    page=QColor("#fbfaf7"),
)
DARK = ReadingColors(
    text=QColor("#e6e4df"),
    muted=QColor("#9b9890"),
    accent=QColor("#e0866f"),
    quote_rule=QColor("#5a5750"),
    code_background=QColor("#2b2a27"),
    link=QColor("#7fb2ee"),
    page=QColor("#1e1e1c"),
    dark=True,
)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(theme: Theme) -> str:
    """'light' or 'dark' for a setting that may be 'system'."""
    if theme == "system":
        return "dark" if system_prefers_dark() else "light"
    return theme


def reading_colors(resolved: str) -> ReadingColors:
    return DARK if resolved == "dark" else LIGHT


def _palette(colors: ReadingColors, dark: bool) -> QPalette:
    palette = QPalette()
    window = QColor("#2a2a28") if dark else QColor("#eeece7")
    base = colors.page
    alternate = QColor("#262624") if dark else QColor("#f4f2ed")
    button = QColor("#353532") if dark else QColor("#f3f1ec")
    highlight = QColor("#3d5f8a") if dark else QColor("#cfe0f5")
    highlighted_text = QColor("#ffffff") if dark else QColor("#111111")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, window)
        palette.setColor(group, QPalette.ColorRole.WindowText, colors.text)
        palette.setColor(group, QPalette.ColorRole.Base, base)
        palette.setColor(group, QPalette.ColorRole.AlternateBase, alternate)
        palette.setColor(group, QPalette.ColorRole.Text, colors.text)
        palette.setColor(group, QPalette.ColorRole.Button, button)
        palette.setColor(group, QPalette.ColorRole.ButtonText, colors.text)
        palette.setColor(group, QPalette.ColorRole.Highlight, highlight)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, highlighted_text)
        palette.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        palette.setColor(group, QPalette.ColorRole.ToolTipText, colors.text)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, colors.muted)
        palette.setColor(group, QPalette.ColorRole.Link, colors.link)
        palette.setColor(group, QPalette.ColorRole.Mid, colors.quote_rule)
        palette.setColor(group, QPalette.ColorRole.Dark, colors.quote_rule)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, colors.muted)
    return palette


def apply(app: QApplication, theme: Theme) -> str:
    """Applies the theme to the whole application; returns 'light' or 'dark'."""
    resolved = resolve(theme)
    app.setStyle("Fusion")
    app.setPalette(_palette(reading_colors(resolved), resolved == "dark"))
    return resolved
