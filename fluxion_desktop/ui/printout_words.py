"""The printouts' labels in the till's language (Qt Linguist context "printouts").

Each label is a literal `translate` call so that pyside6-lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fluxion_desktop.application.receipts import ReceiptWords
from fluxion_desktop.application.shift_printouts import ShiftReportWords
from fluxion_desktop.domain.tenders import TenderMethod


def _methods() -> dict[TenderMethod, str]:
    return {
        TenderMethod.CASH: QCoreApplication.translate("printouts", "Cash"),
        TenderMethod.DEBIT_CARD: QCoreApplication.translate("printouts", "Debit"),
        TenderMethod.PAGO_MOVIL: QCoreApplication.translate("printouts", "Pago Movil"),
        TenderMethod.ZELLE: QCoreApplication.translate("printouts", "Zelle"),
        TenderMethod.CUSTOMER_CREDIT: QCoreApplication.translate("printouts", "Store credit"),
    }


def receipt_words() -> ReceiptWords:
    return ReceiptWords(
        receipt=QCoreApplication.translate("printouts", "Receipt {number}"),
        when=QCoreApplication.translate("printouts", "%Y-%m-%d %H:%M"),
        day=QCoreApplication.translate("printouts", "%Y-%m-%d"),
        reprint=QCoreApplication.translate("printouts", "*** COPY ***"),
        cashier=QCoreApplication.translate("printouts", "Cashier: {name}"),
        rate=QCoreApplication.translate("printouts", "Rate {source} {rate} ({day})"),
        line_discount=QCoreApplication.translate("printouts", "  discount {percent} %"),
        subtotal=QCoreApplication.translate("printouts", "Subtotal"),
        discounts=QCoreApplication.translate("printouts", "Discounts"),
        tax=QCoreApplication.translate("printouts", "IVA {percent} % on {base}"),
        exempt=QCoreApplication.translate("printouts", "Exempt"),
        total=QCoreApplication.translate("printouts", "TOTAL"),
        igtf=QCoreApplication.translate("printouts", "IGTF {percent} % on {base}"),
        due=QCoreApplication.translate("printouts", "TO PAY"),
        paid=QCoreApplication.translate("printouts", "Paid"),
        change=QCoreApplication.translate("printouts", "Change"),
        thanks=QCoreApplication.translate("printouts", "Thank you for your purchase"),
        return_title=QCoreApplication.translate("printouts", "RETURN"),
        against=QCoreApplication.translate("printouts", "Against receipt {number}"),
        refund=QCoreApplication.translate("printouts", "REFUND"),
        methods=_methods(),
    )


def shift_report_words() -> ShiftReportWords:
    return ShiftReportWords(
        x_title=QCoreApplication.translate("printouts", "X REPORT"),
        when=QCoreApplication.translate("printouts", "%Y-%m-%d %H:%M"),
        z_title=QCoreApplication.translate("printouts", "Z REPORT"),
        shift=QCoreApplication.translate("printouts", "Shift {shift}"),
        cashier=QCoreApplication.translate("printouts", "Cashier: {name}"),
        opened=QCoreApplication.translate("printouts", "Opened {at}"),
        taken=QCoreApplication.translate("printouts", "Taken {at}"),
        closed=QCoreApplication.translate("printouts", "Closed {at}"),
        sales=QCoreApplication.translate("printouts", "Sales: {sales} · refunds: {refunds}"),
        cash=QCoreApplication.translate("printouts", "Cash {currency}"),
        opening_float=QCoreApplication.translate("printouts", "Opening float"),
        cash_sales=QCoreApplication.translate("printouts", "Cash sales"),
        change_given=QCoreApplication.translate("printouts", "Change given"),
        cash_in=QCoreApplication.translate("printouts", "Cash in"),
        cash_out=QCoreApplication.translate("printouts", "Cash out"),
        refunds=QCoreApplication.translate("printouts", "Refunds"),
        expected=QCoreApplication.translate("printouts", "Expected"),
        tenders=QCoreApplication.translate("printouts", "Tenders"),
        counted=QCoreApplication.translate("printouts", "Counted"),
        variance=QCoreApplication.translate("printouts", "Variance"),
        methods={method.value: name for method, name in _methods().items()},
    )
