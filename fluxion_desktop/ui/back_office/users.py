"""Users and PINs: who may log in with which role; create a user, change a PIN or role,
unlock after too many wrong PINs, deactivate. PINs are typed masked and never shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application import identity as ident
from fluxion_desktop.application.authorization import UserView
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.ui.back_office.common import (
    BackOfficeScreen,
    Column,
    RowsModel,
    selected_row,
    table_view,
)
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat


class UsersScreen(BackOfficeScreen):
    kinds = frozenset({"user", "pinguard"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.role_names = {Role.CASHIER: self.tr("cashier"), Role.SUPERVISOR: self.tr("supervisor"),
                           Role.MANAGER: self.tr("manager"),
                           Role.ADMIN: self.tr("administrator")}  # fmt: skip
        self.model: RowsModel[UserView] = RowsModel(
            [
                Column(self.tr("User"), lambda u: u.username),
                Column(self.tr("Name"), lambda u: u.display_name),
                Column(self.tr("Role"), lambda u: self.role_names[u.role]),
                Column(self.tr("Active"), lambda u: self.tr("yes") if u.active else self.tr("no")),
            ],
            parent=self,
        )
        self.table = table_view(self.model)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role, caption in self.role_names.items():
            self.role.addItem(caption, role)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("PIN"), self.pin)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        actions: list[tuple[str, str, Callable[[], None]]] = [
            ("create", self.tr("Create user"), self.create_user),
            ("pin", self.tr("Change PIN"), self.change_pin),
            ("role", self.tr("Change role"), self.change_role),
            ("unlock", self.tr("Unlock"), self.unlock),
            ("deactivate", self.tr("Deactivate"), self.deactivate),
        ]
        for n, (key, caption, action) in enumerate(actions):
            button = QPushButton(caption)
            button.clicked.connect(action)
            self.buttons[key] = button
            grid.addWidget(button, n // 2, n % 2)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(grid)
        right.addWidget(self.message)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)

    def refresh(self) -> None:
        self.read(self.context.users.all, self.model.set_rows)

    def _chosen(self) -> UserView | None:
        row = selected_row(self.table)
        return None if row is None else self.model.row(row)

    def create_user(self) -> None:
        username, name = self.username.text().strip(), self.display_name.text().strip()
        role, pin = Role(self.role.currentData()), self.pin.text()
        self._send(lambda by: ident.CreateUser(by, username, name, role, pin))

    def change_pin(self) -> None:
        pin = self.pin.text()
        self._for_selected(lambda by, user: ident.ChangePin(by, user, pin))

    def change_role(self) -> None:
        role = Role(self.role.currentData())
        self._for_selected(lambda by, user: ident.ChangeRole(by, user, role))

    def unlock(self) -> None:
        self._for_selected(ident.UnlockUser)

    def deactivate(self) -> None:
        self._for_selected(ident.DeactivateUser)

    def _for_selected(self, make: Callable[[str, str], Any]) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.show_error_text(self.tr("Select a user first."))
            return
        user_id = chosen.user_id
        self._send(lambda by: make(by, user_id))

    def _send(self, make: Callable[[str], Any]) -> None:
        self.pin.clear()  # a PIN is never left on screen, whatever happens next
        self.command(make, lambda _: self._done())

    def _done(self) -> None:
        self.show_info(self.tr("Saved."))
        self.refresh()
