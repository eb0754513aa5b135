"""The store's settings: name, RIF and address, IVA rates, IGTF, the negative-stock policy;
where receipts print and which HQ the till syncs with are shown as their modules report them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxion_desktop.application.store_admin import ChangeStoreSettings
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.inventory import NegativeStockPolicy
from fluxion_desktop.domain.store_settings import StoreSettings
from fluxion_desktop.domain.tax import TaxRates
from fluxion_desktop.ui.back_office.common import BackOfficeScreen
from fluxion_desktop.ui.back_office.context import BackOfficeContext
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount

HUNDRED = Decimal(100)


class SettingsScreen(BackOfficeScreen):
    kinds = frozenset({"storeconfig"})

    def __init__(
        self, context: BackOfficeContext, numbers: NumberFormat, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, numbers, parent)
        self.loaded: StoreSettings | None = None
        self.store_name = QLineEdit()
        self.rif = QLineEdit()
        self.address = QLineEdit()
        self.general = QLineEdit()
        self.reduced = QLineEdit()
        self.luxury = QLineEdit()
        self.special_taxpayer = QCheckBox(self.tr("Special taxpayer (charges IGTF)"))
        self.igtf = QLineEdit()
        self.policy = QComboBox()
        for policy, caption in ((NegativeStockPolicy.BLOCK, self.tr("block the sale")),
                                (NegativeStockPolicy.WARN, self.tr("warn and sell")),
                                (NegativeStockPolicy.ALLOW_WITH_PIN,
                                 self.tr("sell with a manager's PIN"))):  # fmt: skip
            self.policy.addItem(caption, policy)
        self.printer = QLabel()
        self.hq = QLabel()
        self.save = QPushButton(self.tr("Save settings"))
        self.save.clicked.connect(self.save_settings)
        form = QFormLayout()
        form.addRow(self.tr("Store name"), self.store_name)
        form.addRow(self.tr("RIF"), self.rif)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("IVA general %"), self.general)
        form.addRow(self.tr("IVA reduced %"), self.reduced)
        form.addRow(self.tr("IVA luxury %"), self.luxury)
        form.addRow("", self.special_taxpayer)
        form.addRow(self.tr("IGTF %"), self.igtf)
        form.addRow(self.tr("Selling without stock"), self.policy)
        form.addRow(self.tr("Receipt printer"), self.printer)
        form.addRow(self.tr("HQ address"), self.hq)
        box = QWidget()
        box.setMaximumWidth(720)  # a form, not a banner: fields stay readable on wide screens
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def refresh(self) -> None:
        context = self.context

        def read() -> tuple[StoreSettings, str, str]:
            printer = context.printer() if context.printer else ""
            hq = context.hq_address() if context.hq_address else ""
            return context.store.settings(), printer, hq

        self.read(read, self._show)

    def _show(self, found: tuple[StoreSettings, str, str]) -> None:
        settings, printer, hq = found
        self.loaded = settings
        percent = self._percent
        self.store_name.setText(settings.store_name)
        self.rif.setText(settings.rif)
        self.address.setText(settings.address)
        rates = settings.sale.tax_rates
        self.general.setText(percent(rates.general))
        self.reduced.setText(percent(rates.reduced))
        self.luxury.setText(percent(rates.luxury))
        self.special_taxpayer.setChecked(settings.sale.special_taxpayer)
        self.igtf.setText(percent(settings.sale.igtf_rate))
        self.policy.setCurrentIndex(self.policy.findData(settings.negative_stock_policy))
        self.printer.setText(printer or self.tr("none: receipts go to PDF (printer.json sets one)"))
        self.hq.setText(hq or self.tr("not enrolled with HQ"))

    def _percent(self, fraction: Decimal) -> str:
        return self.numbers.amount(fraction * HUNDRED, grouped=False)

    def edited(self) -> StoreSettings:
        """The settings as typed; InvalidValue names the field typed wrong."""
        loaded = self.loaded or StoreSettings()

        def fraction(field: QLineEdit, name: str) -> Decimal:
            return parse_amount(field.text(), name) / HUNDRED

        rates = TaxRates(fraction(self.general, "general"), fraction(self.reduced, "reduced"),
                         fraction(self.luxury, "luxury"))  # fmt: skip
        sale = replace(loaded.sale, tax_rates=rates, igtf_rate=fraction(self.igtf, "igtf_rate"),
                       special_taxpayer=self.special_taxpayer.isChecked())  # fmt: skip
        return replace(
            loaded,
            store_name=self.store_name.text().strip(),
            rif=self.rif.text().strip(),
            address=self.address.text().strip(),
            sale=sale,
            negative_stock_policy=NegativeStockPolicy(self.policy.currentData()),
        )

    def save_settings(self) -> None:
        try:
            settings = self.edited()
        except DomainError as error:  # typed wrong: said here, nothing saved
            self.show_error(error)
            return
        self.command(lambda user: ChangeStoreSettings(user, settings), lambda _: self._saved())

    def _saved(self) -> None:
        self.show_info(self.tr("Settings saved."))
        self.refresh()
