"""The Qt bindings themselves: a release that mishandles references crashes the window."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_that_return_nothing_keep_references_to_none(qtbot: QtBot) -> None:
    # PySide6 6.12.0 dropped one reference to None per such call; on Python 3.11 the
    # interpreter aborts once None's count reaches zero, e.g. while laying out a long article.
    font = QFont()
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setPointSizeF(12.0)
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10
