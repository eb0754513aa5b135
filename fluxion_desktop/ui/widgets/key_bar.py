"""The keys a screen shows: big buttons saying the key and what it does, for the mouse or a
touch screen, that never take the focus away from the scan field."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton

Key = tuple[str, str, Callable[[], None]]  # the key's name, what it does, the action


def key_bar(keys: Sequence[Key], per_row: int) -> tuple[QGridLayout, dict[str, QPushButton]]:
    """A grid of `per_row` buttons a row, and the buttons by key name."""
    bar = QGridLayout()
    buttons: dict[str, QPushButton] = {}
    for index, (key, caption, action) in enumerate(keys):
        button = QPushButton(f"{key}\n{caption}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(56)
        button.setStyleSheet("font-size: 12pt;")
        button.clicked.connect(action)
        bar.addWidget(button, index // per_row, index % per_row)
        buttons[key] = button
    return bar, buttons
