"""The Qt binding keeps Python's reference counts: a till calls Qt and emits signals hundreds of
times a sale, so a binding that drops a reference each time aborts the till after about a
thousand scans ("Fatal Python error: deallocating None").

PySide6 6.12.0 on Python 3.11 does exactly that (6.11.3 does not; on Python 3.12 None and True
are immortal, so it goes unnoticed there): pyproject.toml keeps PySide6 below 6.12, and this test
fails on any version that brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(int)


def test_emitting_and_calling_qt_keeps_the_reference_counts(qapp):
    emitter = Emitter()
    emitter.changed.connect(lambda _value: None)
    nones, trues = sys.getrefcount(None), sys.getrefcount(True)

    for _ in range(200):
        emitter.changed.emit(1)
        emitter.setObjectName("till")

    assert sys.getrefcount(True) >= trues - 20
    assert sys.getrefcount(None) >= nones - 20
