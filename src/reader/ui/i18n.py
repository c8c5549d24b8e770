"""Which language the window speaks: the translators installed at start-up.

Qt finds a translation by (context, source text). `make translations` collects the strings
with lupdate, which files a `self.tr()` call under its class's name and
`QCoreApplication.translate("Context", ...)` under the context written there; a string passed
through any other helper is invisible to it, which is why the window's code calls those two
directly. Tables of strings shown later (the action table, entity kinds) mark their texts with
`QT_TRANSLATE_NOOP` and are translated where they are displayed.

Three translators are installed, the last one consulted first:

1. `reader_en.qm`: only the English plural forms ("1 article", "2 articles"), because source
   texts with a count are written once with `%n` ("%n article(s)").
2. Qt's own strings (standard buttons, the text field's context menu) for the locale, when
   PySide6 ships them.
3. `reader_<language>.qm` for the locale, looked for first in the `translations/` folder of
   the settings folder (a translation can be tried without touching the installation), then
   in the shipped `resources/translations/`.

A missing file is not an error: the window then speaks English.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader import paths
from reader.resources import resource

LANGUAGE_ENV = "READER_LANG"  # e.g. "de" or "pt_BR"; overrides the system's locale

_installed: list[QTranslator] = []
_installed_for: str | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate under `context` and returns it as it is: for tables of texts
    translated where they are shown, with `QCoreApplication.translate(context, text)`. (Qt's
    own marker is typed to return `object`.)"""
    return text


class TranslationContext:
    """Qt's Q_DECLARE_TR_FUNCTIONS for module-level code: `Name = TranslationContext("Name")`,
    then `Name.tr("%n thing(s)", None, count)`.

    lupdate files `Name.tr(...)` under the name the object is bound to, so the variable and the
    context must be spelt alike (tests/ui/test_translations.py checks). Used for texts with a
    count: lupdate 6.11 marks `QCoreApplication.translate(context, text, None, n)` as a plural
    only when n is a number literal, while any `tr(text, None, n)` is one."""

    __slots__ = ("context",)

    def __init__(self, context: str) -> None:
        self.context = context

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(self.context, text, disambiguation, n)


def ui_locale() -> QLocale:
    """The locale the window is shown in: READER_LANG if set, else the system's."""
    name = os.environ.get(LANGUAGE_ENV, "").strip()
    return QLocale(name) if name else QLocale.system()


def translation_dirs() -> list[Path]:
    return [paths.config_dir() / "translations", resource("translations")]


def _load(translator: QTranslator, locale: QLocale, name: str, folders: list[Path]) -> bool:
    return any(
        folder.is_dir() and translator.load(locale, name, "_", str(folder)) for folder in folders
    )


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Installs the translators for `locale` (default: `ui_locale()`), replacing those this
    module installed before; returns the files loaded. Calling it again for the same locale
    does nothing, so every window built in one process can call it."""
    global _installed_for
    locale = locale if locale is not None else ui_locale()
    folders = translation_dirs()
    key = f"{locale.name()}|{os.pathsep.join(map(str, folders))}"
    if key == _installed_for:
        return [t.filePath() for t in _installed]
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    # Numbers in "%Ln" texts follow the language shown; the untranslated C locale formats them
    # as the English source texts always have ("10,000 articles").
    english_numbers = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(english_numbers if locale.language() == QLocale.Language.C else locale)

    english = QTranslator()
    if _load(english, QLocale(QLocale.Language.English), "reader", folders):
        _installed.append(english)
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_dir and _load(qt_own, locale, "qtbase", [Path(qt_dir)]):
        _installed.append(qt_own)
    own = QTranslator()
    if _load(own, locale, "reader", folders) and own.filePath() != english.filePath():
        _installed.append(own)
    for translator in _installed:
        app.installTranslator(translator)
    _installed_for = key
    return [t.filePath() for t in _installed]
