"""Every string the window shows can be translated without touching the code.

The static checks read src/reader/ui with `ast`: no text a person reads is handed to Qt as a
bare literal, every tr() call gives lupdate a literal to collect, and every text with a count
has its English plural forms. The window test builds a translation from a small .ts file with
lrelease, starts the window in that language through READER_LANG and finds the translated menu
title in the menu bar.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from reader.ui import i18n
from tests.ui.conftest import WindowFactory

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "src" / "reader" / "ui"
TRANSLATIONS = REPO / "resources" / "translations"

# Qt calls whose text arguments a person reads, and which arguments those are (None: all).
SETTERS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setIconText": (0,),
    "setLabelText": (0,),
    "setPrefix": (0,),
    "setSuffix": (0,),
    "setSpecialValueText": (0,),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "addMenu": (0,),
    "addItem": (0,),
    "addRow": (0,),
    "showMessage": (0,),
    "show_message": (0,),
    "show_placeholder": None,
    "set_empty_text": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    # static dialogs: (parent, title, text, ...)
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "getText": (1, 2),
    "getItem": (1, 2),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
}
CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QAction",
    "QMenu",
    "QGroupBox",
    "QToolBar",
    "QDockWidget",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QTreeWidgetItem",
    "QStandardItem",
    "QMessageBox",
    "QCommandLinkButton",
}
TRANSLATING = {"tr", "translate"}

_TAGS = re.compile(r"<[^<>]+>")
_PLACEHOLDERS = re.compile(r"\{[^{}]*\}|%L?n|%\d|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")


def looks_like_user_text(text: str) -> bool:
    """Words a person reads, as opposed to an object name, a settings key, an icon name, a
    style sheet or a bare format ("{name} ({count})", "%p%", "#cccccc")."""
    if re.search(r"\{[^{}]*:[^{}]*;", text) or re.fullmatch(r"#[0-9a-fA-F]{3,8}", text):
        return False  # a style sheet or a colour
    if re.fullmatch(r"[a-z][A-Za-z0-9]*|[a-z0-9_.-]+", text):
        return False  # an objectName, a settings_key, an icon-name.svg
    words = _TAGS.sub("", _PLACEHOLDERS.sub("", text))
    return bool(re.search(r"[^\W\d_]", words))


def _literal_texts(node: ast.AST) -> Iterator[str]:
    """The literal text of an argument, where the argument is (built from) a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    elif isinstance(node, ast.BinOp):
        yield from _literal_texts(node.left)
        yield from _literal_texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literal_texts(node.body)
        yield from _literal_texts(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            yield from _literal_texts(element)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        yield from _literal_texts(node.func.value)  # "Saved {n}".format(...) untranslated


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(UI.glob("*.py"))]


def untranslated_texts(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in SETTERS:
            positions = SETTERS[name]
            args = [a for i, a in enumerate(node.args) if positions is None or i in positions]
            args += [k.value for k in node.keywords if k.arg in ("text", "title", "caption")]
        elif name in CONSTRUCTORS:
            args = list(node.args)
        else:
            continue
        for arg in args:
            found += [(node.lineno, t) for t in _literal_texts(arg) if looks_like_user_text(t)]
    return found


def test_the_detector_tells_words_from_names() -> None:
    assert looks_like_user_text("Import Files…")
    assert looks_like_user_text("Reader")
    assert looks_like_user_text("{title} — Reader")
    assert not looks_like_user_text("mainWindow")
    assert not looks_like_user_text("theme_dark")
    assert not looks_like_user_text("{name} ({count})")
    assert not looks_like_user_text("%p%")
    assert not looks_like_user_text("#cccccc")
    assert not looks_like_user_text("QLabel { color: red; }")
    assert not looks_like_user_text("✕")
    tree = ast.parse(
        "label = QLabel('Hello there')\n"
        "label.setText(self.tr('Hello'))\n"
        "box.setToolTip(f'{n} articles')\n"
        "bar.showMessage('Saved {n}'.format(n=1))\n"
        "w.setObjectName('mainWindow')\n"
        "w.setAccessibleName(QCoreApplication.translate('Ctx', 'Name'))\n"
    )
    assert [line for line, _ in untranslated_texts(tree)] == [1, 3, 4]


def test_no_user_text_reaches_qt_untranslated() -> None:
    problems = [
        f"{path.relative_to(REPO)}:{line}: {text!r}"
        for path, tree in _modules()
        for line, text in untranslated_texts(tree)
    ]
    assert not problems, "wrap these in self.tr() or QCoreApplication.translate():\n" + "\n".join(
        problems
    )


def test_every_translated_text_is_a_literal_lupdate_can_collect() -> None:
    """self.tr(variable) and translate(variable, ...) translate at run time but never reach a
    .ts file. Tables of texts are marked with QT_TRANSLATE_NOOP and may then be passed to
    QCoreApplication.translate with a literal context."""
    problems = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in TRANSLATING:
                continue
            if path.name == "i18n.py":
                continue  # the helpers themselves
            if _name(node) == "translate" and isinstance(node.func, ast.Attribute):
                receiver = node.func.value
                if not (isinstance(receiver, ast.Name) and receiver.id == "QCoreApplication"):
                    continue  # QPainter.translate and the like
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
            if not literal or not literal[0]:  # the text for tr(), the context for translate()
                problems.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)}")
    assert not problems, "\n".join(problems)


def test_translation_contexts_are_named_as_lupdate_reads_them() -> None:
    """lupdate files `Name.tr(...)` under the variable's name: it must be the context's."""
    problems = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and _name(node.value) == "TranslationContext"
            ):
                target = node.targets[0]
                context = node.value.args[0]
                assert isinstance(context, ast.Constant)
                if not (isinstance(target, ast.Name) and target.id == context.value):
                    problems.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not problems


# -- the .ts files and the tools -----------------------------------------------------------


def _tool(name: str) -> Path:
    found = Path(sys.executable).parent / name
    if not found.exists():
        which = shutil.which(name)
        if which is None:
            pytest.skip(f"{name} is not installed (it comes with PySide6)")
        found = Path(which)
    return found


def _numerus(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> the plural forms given, for each message with a count."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            translation = message.find("translation")
            forms = (
                []
                if translation is None or translation.get("type") in ("unfinished", "vanished")
                else [f.text or "" for f in translation.iter("numerusform")]
            )
            found[(name, message.findtext("source") or "")] = forms
    return found


def test_every_count_has_its_english_plural_forms(tmp_path: Path) -> None:
    """Texts with a count are written once ("%n article(s)"); reader_en.ts says "1 article" and
    "2 articles". A new one needs its forms there (`make translations`, then fill them in)."""
    lupdate = _tool("pyside6-lupdate")
    collected = tmp_path / "plurals.ts"
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            "-extensions",
            "py",
            "-pluralonly",
            str(UI),
            "-ts",
            str(collected),
        ],
        check=True,
        cwd=tmp_path,
    )
    wanted = set(_numerus(collected))
    english = _numerus(TRANSLATIONS / "reader_en.ts")
    missing = sorted(
        key for key in wanted if len(english.get(key, [])) != 2 or not all(english[key])
    )
    assert wanted, "lupdate found no text with a count"
    assert not missing, missing


def test_shipped_qm_files_are_built_from_their_ts_files(tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    for ts in sorted(TRANSLATIONS.glob("reader_*.ts")):
        built = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(built)], check=True)
        shipped = ts.with_suffix(".qm")
        assert shipped.exists(), f"{shipped.name} is missing: run make translations"
        assert shipped.read_bytes() == built.read_bytes(), f"{shipped.name} is out of date"


# -- the window in another language ------------------------------------------------------

_TINY_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="eo" sourcelanguage="en">
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosiero</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def restore_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Puts the default translators back, so later tests see the window in English."""
    yield
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app)


def test_window_speaks_the_language_asked_for(
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    isolated_dirs: Path,
    tmp_path: Path,
    restore_language: None,
) -> None:
    ts = tmp_path / "reader_eo.ts"
    ts.write_text(_TINY_TS, encoding="utf-8")
    folder = isolated_dirs / "config" / "translations"  # the settings folder's translations/
    folder.mkdir(parents=True)
    subprocess.run(
        [str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(folder / "reader_eo.qm")],
        check=True,
    )
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "eo")

    window = make_window()

    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[0] == "&Dosiero"
    assert "&Edit" in titles  # not in the translation: the English text stays
    assert window.count_label.text() == "2 articles"  # English plurals still underneath


def test_without_a_translation_the_window_is_in_english(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, restore_language: None
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "xx_YY")  # no such language: no error
    window = make_window()
    assert window.menuBar().actions()[0].text() == "&File"
    assert QCoreApplication.translate("MainWindow", "%Ln article(s)", None, 1) == "1 article"
    many = QCoreApplication.translate("MainWindow", "%Ln article(s)", None, 10000)
    assert many == "10,000 articles"


def test_shipped_german_translation_names_the_menus(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, restore_language: None
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "de_DE")
    window = make_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:2] == ["&Datei", "&Bearbeiten"]
    assert window.actions_by_key["quit"].text() == "&Beenden"
