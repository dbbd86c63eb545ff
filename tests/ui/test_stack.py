"""The pinned Python and PySide6 must not lose references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a Qt method that
returns nothing; once the count reaches zero Python aborts ("deallocating None"). Python 3.12
made None immortal, and 6.11.3 does not leak; packaging/dev-setup.sh and pyproject.toml choose
such a pair. If this fails, the stack was changed to one that can crash the window.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_every_reference_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    item = QTableWidgetItem()
    before = sys.getrefcount(None)
    for chunk in range(10):
        for n in range(1_000):
            label.setText(str(n))
            label.setToolTip("")
            label.setEnabled(n % 2 == 0)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        # Checked after every 4,000 calls, to fail here rather than abort once the count is
        # gone. Other code may take or give back a few references meanwhile; calls that each
        # lost one would take it down by thousands.
        lost = before - sys.getrefcount(None)
        assert lost < 100, f"None lost {lost} references in {(chunk + 1) * 4_000} Qt calls"
