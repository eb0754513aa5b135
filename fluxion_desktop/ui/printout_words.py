"""The printouts' labels in the till's language (Qt Linguist context "printouts")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fluxion_desktop.application.receipts import ReceiptWords
from fluxion_desktop.application.shift_printouts import ShiftReportWords
from fluxion_desktop.domain.tenders import TenderMethod


def _tr(text: str) -> str:
    return QCoreApplication.translate("printouts", text)


def _methods() -> dict[TenderMethod, str]:
    return {
        TenderMethod.CASH: _tr("Cash"),
        TenderMethod.DEBIT_CARD: _tr("Debit"),
        TenderMethod.PAGO_MOVIL: _tr("Pago Movil"),
        TenderMethod.ZELLE: _tr("Zelle"),
        TenderMethod.CUSTOMER_CREDIT: _tr("Store credit"),
    }


def receipt_words() -> ReceiptWords:
    return ReceiptWords(
        receipt=_tr("Receipt {number}"),
        reprint=_tr("*** COPY ***"),
        cashier=_tr("Cashier: {name}"),
        rate=_tr("Rate {source} {rate} ({day})"),
        line_discount=_tr("  discount {percent} %"),
        subtotal=_tr("Subtotal"),
        discounts=_tr("Discounts"),
        tax=_tr("IVA {percent} % on {base}"),
        exempt=_tr("Exempt"),
        total=_tr("TOTAL"),
        igtf=_tr("IGTF {percent} % on {base}"),
        due=_tr("TO PAY"),
        paid=_tr("Paid"),
        change=_tr("Change"),
        thanks=_tr("Thank you for your purchase"),
        methods=_methods(),
    )


def shift_report_words() -> ShiftReportWords:
    return ShiftReportWords(
        x_title=_tr("X REPORT"),
        z_title=_tr("Z REPORT"),
        shift=_tr("Shift {shift}"),
        cashier=_tr("Cashier: {name}"),
        opened=_tr("Opened {at}"),
        taken=_tr("Taken {at}"),
        closed=_tr("Closed {at}"),
        sales=_tr("Sales: {sales} · refunds: {refunds}"),
        cash=_tr("Cash {currency}"),
        opening_float=_tr("Opening float"),
        cash_sales=_tr("Cash sales"),
        change_given=_tr("Change given"),
        cash_in=_tr("Cash in"),
        cash_out=_tr("Cash out"),
        refunds=_tr("Refunds"),
        expected=_tr("Expected"),
        tenders=_tr("Tenders"),
        counted=_tr("Counted"),
        variance=_tr("Variance"),
        methods={method.value: name for method, name in _methods().items()},
    )
