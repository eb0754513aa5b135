"""Small keyboard dialogs of the sale screen: quantity (F4), discount (F5, F6), reason (Del, Esc).

Enter accepts, Esc goes back. They only collect what was typed; the sale screen sends the
command, and the domain has the last word on what is valid.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.ui.formatting import parse_quantity

FIELD_STYLE = "font-size: 20pt; padding: 6px;"
ERROR_STYLE = "color: #b00020; font-size: 11pt;"


class _KeyboardDialog(QDialog):
    def __init__(self, title: str, prompt: str, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.field = QLineEdit(text)
        self.field.setStyleSheet(FIELD_STYLE)
        self.field.selectAll()
        self.field.returnPressed.connect(self._confirm)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        ok = QPushButton(self.tr("OK (Enter)"))
        back = QPushButton(self.tr("Back (Esc)"))
        for button in (ok, back):
            button.setAutoDefault(False)
        ok.clicked.connect(self._confirm)
        back.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt_label = QLabel(prompt)
        prompt_label.setStyleSheet("font-size: 13pt;")
        prompt_label.setWordWrap(True)
        layout.addWidget(prompt_label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(ok)
        layout.addWidget(back)
        self.setMinimumWidth(420)

    def _confirm(self) -> None:
        try:
            self._check(self.field.text())
        except DomainError as error:
            self.error.setText(error.message)
            self.field.selectAll()
            return
        self.accept()

    def _check(self, text: str) -> None:
        raise NotImplementedError


class QuantityDialog(_KeyboardDialog):
    def __init__(self, product: str, quantity: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Quantity"),
            self.tr("New quantity of {product}:").format(product=product),
            quantity,
            parent,
        )

    def quantity(self) -> Decimal:
        return parse_quantity(self.field.text())

    def _check(self, text: str) -> None:
        value = parse_quantity(text)
        if value <= 0:
            raise DomainError(self.tr("The quantity must be more than zero"), "quantity")


class ReasonDialog(_KeyboardDialog):
    """Asks why (a void, a cancelled sale): the reason is kept in the sale's history."""

    def __init__(self, title: str, prompt: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(title, prompt, reason, parent)

    def reason(self) -> str:
        return self.field.text().strip()

    def _check(self, text: str) -> None:
        if not text.strip():
            raise DomainError(self.tr("Say why, in a few words"), "reason")


class PercentDialog(_KeyboardDialog):
    """A discount in percent (F5 on a line, F6 on the whole sale); 0 takes it off."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(title, prompt, "", parent)

    def percent(self) -> Decimal:
        return parse_quantity(self.field.text().replace("%", ""))

    def _check(self, text: str) -> None:
        value = parse_quantity(text.replace("%", ""))
        if not 0 <= value <= 100:
            raise DomainError(self.tr("A discount is 0 to 100 %"), "percent")
