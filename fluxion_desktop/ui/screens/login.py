"""Log in with a username and PIN; errors appear beside the field they concern."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.authorization import Credentials, UserView
from fluxion_desktop.application.identity import LogIn
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain, field_of

ERROR_STYLE = "color: #b00020; font-size: 11pt;"
FIELD_STYLE = "font-size: 18pt; padding: 6px;"


class LoginScreen(QWidget):
    logged_in = Signal(object)  # UserView

    def __init__(self, context: TillContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._busy = False
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("user"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        for field in (self.username, self.pin):
            field.setStyleSheet(FIELD_STYLE)
        self.errors = {name: _error_label() for name in ("username", "pin", "general")}
        self.submit = QPushButton(self.tr("Log in (Enter)"))
        self.submit.setStyleSheet("font-size: 14pt; padding: 8px 24px;")
        self.submit.clicked.connect(self.log_in)
        self.username.returnPressed.connect(self._username_entered)
        self.pin.returnPressed.connect(self.log_in)
        self._build()

    def _build(self) -> None:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(460)
        title = QLabel(self.tr("Fluxion POS"))
        title.setStyleSheet("font-size: 24pt; font-weight: bold;")
        form = QFormLayout()
        form.addRow(_caption(self.tr("User")), self.username)
        form.addRow("", self.errors["username"])
        form.addRow(_caption(self.tr("PIN")), self.pin)
        form.addRow("", self.errors["pin"])
        inner = QVBoxLayout(card)
        inner.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addLayout(form)
        inner.addWidget(self.errors["general"])
        inner.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def reset(self) -> None:
        """Ready for the next person: empty fields, no errors, focus on the user name."""
        self.username.clear()
        self.pin.clear()
        self._clear_errors()
        self.username.setFocus()

    def log_in(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        username = self.username.text().strip().lower()
        if not username:
            self._show_error("username", self.tr("Type your user name"))
            return
        if not self.pin.text():
            self._show_error("pin", self.tr("Type your PIN"))
            return
        credentials = Credentials(username, self.pin.text())
        self._busy = True
        self.submit.setEnabled(False)
        task = self._context.runner.run(lambda: self._context.bus.handle(LogIn(credentials)))
        task.on_success(self._succeeded).on_failure(self._failed)

    def _username_entered(self) -> None:
        if self.pin.text():
            self.log_in()
        else:
            self.pin.setFocus()

    def _succeeded(self, user: UserView) -> None:
        self._idle()
        self.pin.clear()
        self.logged_in.emit(user)

    def _failed(self, error: Exception) -> None:
        self._idle()
        field = field_of(error)
        self._show_error(field if field in self.errors else "general", explain(error))
        self.pin.clear()
        if field == "username":
            self.username.setFocus()
            self.username.selectAll()
        else:
            self.pin.setFocus()

    def _idle(self) -> None:
        self._busy = False
        self.submit.setEnabled(True)

    def _show_error(self, field: str, message: str) -> None:
        self.errors[field].setText(message)
        self.errors[field].setVisible(True)

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.setVisible(False)


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 14pt;")
    return label
