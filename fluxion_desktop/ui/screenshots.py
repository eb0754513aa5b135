"""`fluxion-pos --screenshot DIR`: every main screen of the till, rendered to PNG.

The screens are driven the way a cashier drives them (log in, scan, pay split, complete, the
receipt, a search, the returns dialog, the shift from X report to Z report) on a synchronous
runner, so each picture shows the state just reached; the sale really completes and the shift
really closes, so run it on the demo store. The first-run wizard is shown, never finished.
Then the manager's back office, page by page, built for the demo manager on the same runner;
the forecasts page first forecasts a demo product (its own "forecast now"), so its chart shows
the history, the forecast and its band.
The window has a fixed size, so the pictures do not depend on the screen they were taken on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.back_office.screenshots import render_back_office
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.first_run_wizard import FirstRunWizard
from fluxion_desktop.ui.screens.printout_dialog import PrintoutDialog
from fluxion_desktop.ui.screens.returns_dialog import ReturnsDialog
from fluxion_desktop.ui.screens.shift_dialog import ShiftDialog
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog

WINDOW_SIZE = QSize(1280, 800)
SCREENS = ("login", "sale", "tender", "change", "receipt", "search", "returns", "shift",
           "x-report", "shift-close", "z-report", "first-run",
           "back-office-products", "back-office-stock", "back-office-alerts",
           "back-office-forecasts", "back-office-reports", "back-office-exchange-rate",
           "back-office-settings", "back-office-users", "back-office-sync")  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoScript:
    """Who logs in and what is scanned for the pictures; the manager whose back office is shown
    and the product (a search text) its forecasts page charts."""

    username: str
    pin: str
    codes: Sequence[str]
    manager: str
    forecast_product: str
    wrong_pin: str = "0000"


class ScreenshotFailed(Exception):
    pass


def render_screens(
    context: TillContext, out_dir: Path, script: DemoScript, numbers: NumberFormat | None = None
) -> list[Path]:
    """Write `NN-<screen>.png` for every name in SCREENS to `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    numbers = numbers or NumberFormat.system()
    window = MainWindow(context, numbers)
    window.setFixedSize(WINDOW_SIZE)
    window.show()
    written: list[Path] = []

    def save(name: str, picture: QPixmap) -> None:
        path = out_dir / f"{len(written) + 1:02d}-{name}.png"
        if picture.isNull() or not picture.save(str(path), "PNG"):
            raise ScreenshotFailed(f"could not write {path}")
        written.append(path)

    try:
        _log_in(window, script.username, script.wrong_pin)
        save("login", _grab(window))
        _log_in(window, script.username, script.pin)
        if window.current_screen is not window.sale:
            raise ScreenshotFailed(f"{script.username} could not log in: {_login_errors(window)}")
        for code in script.codes:
            window.sale.scan_field.setText(code)
            window.sale.scan_field.returnPressed.emit()
        save("sale", _grab(window))
        tender = _open_tender(window)
        _pay_part_in_dollars(tender, numbers)
        save("tender", _grab(window, tender))
        _pay_rest_in_bolivares_cash(tender, numbers)
        tender.complete()
        save("change", _grab(window))
        _back_office_screens(window, context, save)
        written += _manager_screens(context, out_dir, script, len(written) + 1)
    finally:
        window.close()
        # Gone now, not at the next event loop: its status bar's timers must not outlive it.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written


def _back_office_screens(
    window: MainWindow, context: TillContext, save: Callable[[str, QPixmap], None]
) -> None:
    """The receipt, search, returns, the shift from X to Z report, and the first-run wizard."""
    sale = window.sale
    sale.show_receipt()
    save("receipt", _grab(window, _dialog(window, PrintoutDialog)))
    _close(window)
    sale.scan_field.setText("har")
    sale.search.typed("har")
    sale.search.search_now()
    save("search", _grab(window))
    sale.cancel_sale()  # Esc: what was typed goes
    sale.open_returns()
    returns = _dialog(window, ReturnsDialog)
    receipt = sale.receipts.last
    returns.search.setText(receipt.title.split()[-1] if receipt is not None else "1")
    returns.find_sales()
    save("returns", _grab(window, returns))
    _close(window)
    sale.open_shift()
    shift = _dialog(window, ShiftDialog)
    save("shift", _grab(window, shift))
    shift.x_report()
    if shift.report is None:
        raise ScreenshotFailed(f"the X report did not open: {shift.message.text()}")
    save("x-report", _grab(window, shift.report))
    shift.report.reject()
    shift.start_count()
    for sheet in shift.sheets:
        for value, spin in list(sheet.counts.items())[:3]:
            spin.setValue(int(Decimal(20) / value) + 1)
    save("shift-close", _grab(window, shift))
    shift.close_shift()
    if shift.report is None:
        raise ScreenshotFailed(f"the Z report did not open: {shift.message.text()}")
    save("z-report", _grab(window, shift.report))
    shift.report.reject()
    _close(window)
    wizard = FirstRunWizard(context, window)  # shown only, never finished: nothing is written
    wizard.show()
    wizard.store_name.setText("Bodega La Esquina")
    save("first-run", _grab(window, wizard))
    wizard.hide()
    wizard.deleteLater()


def _manager_screens(
    context: TillContext, out_dir: Path, script: DemoScript, first_number: int
) -> list[Path]:
    """The back office's pages, built as the main window builds it on Ctrl+M, for the manager."""
    manager = context.users.by_username(script.manager)
    if context.back_office is None or manager is None:
        raise ScreenshotFailed(f"no back office for {script.manager} on this till")
    office = context.back_office(manager)
    if not isinstance(office, BackOffice):
        raise ScreenshotFailed("the back office is not the manager's back office")
    try:
        _forecast(office, script.forecast_product)
        written = render_back_office(office, out_dir, first_number, "back-office-",
                                     script.forecast_product)  # fmt: skip
    finally:
        office.close()
        office.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written


def _forecast(office: BackOffice, product: str) -> None:
    """The page's own "forecast now" for `product`, so the forecast it charts is a fresh one."""
    page = office.forecasts
    office.show_screen(page)
    page.search.setText(product)
    page.find_products()
    if page.product_id is None:
        raise ScreenshotFailed(f"no product {product!r} to forecast")
    page.forecast_now()
    QApplication.processEvents()
    if page.chart is None or len(page.chart.series()) < 3:  # history, forecast, band
        raise ScreenshotFailed(f"no forecast for {product}: {page.message.text()}")


D = TypeVar("D", bound=QDialog)


def _dialog(window: MainWindow, kind: type[D]) -> D:
    dialog = window.sale.active_dialog
    if not isinstance(dialog, kind):
        raise ScreenshotFailed(f"{kind.__name__} did not open: {window.sale.message.text()}")
    return dialog


def _close(window: MainWindow) -> None:
    dialog = window.sale.active_dialog
    if dialog is not None:
        dialog.reject()
    QApplication.processEvents()


def _log_in(window: MainWindow, username: str, pin: str) -> None:
    window.login.reset()
    window.login.username.setText(username)
    window.login.pin.setText(pin)
    window.login.log_in()


def _login_errors(window: MainWindow) -> str:
    return " ".join(label.text() for label in window.login.errors.values() if label.text())


def _open_tender(window: MainWindow) -> TenderDialog:
    window.sale.pay()
    dialog = window.sale.active_dialog
    if not isinstance(dialog, TenderDialog):
        raise ScreenshotFailed(f"the payment dialog did not open: {window.sale.message.text()}")
    return dialog


def _pay_part_in_dollars(tender: TenderDialog, numbers: NumberFormat) -> None:
    """$ 5 cash (or less, if the sale is smaller): a split payment in progress."""
    tender.select_method(_option_index(tender, TenderMethod.CASH, Currency.USD))
    option = tender.option
    part = min(Decimal(5), option.to_settle.amount / 2).quantize(Decimal("0.01"))
    tender.amount.setText(numbers.plain(Money(part, option.currency)))
    tender.add_tender()


def _pay_rest_in_bolivares_cash(tender: TenderDialog, numbers: NumberFormat) -> None:
    """The rest in bolívares cash, rounded up to the next Bs 100 so there is change to give."""
    tender.select_method(_option_index(tender, TenderMethod.CASH, Currency.VES))
    tender.fill_rest()
    rest = parse_amount(tender.amount.text() or "0")
    handed = (rest / 100).to_integral_value(rounding=ROUND_CEILING) * 100
    if handed == rest:
        handed += 100
    tender.amount.setText(numbers.plain(Money(handed, tender.option.currency)))
    tender.add_tender()


def _option_index(tender: TenderDialog, method: TenderMethod, currency: Currency) -> int:
    for index, option in enumerate(tender.options):
        if (option.method, option.currency) == (method, currency):
            return index
    raise ScreenshotFailed(f"the sale cannot be paid by {method.value} in {currency.value}")


def _grab(window: QWidget, dialog: QWidget | None = None) -> QPixmap:
    """The window as shown, with `dialog` (a window of its own) painted centred over it."""
    QApplication.processEvents()
    picture = window.grab()
    if dialog is not None:
        dialog.adjustSize()
        QApplication.processEvents()
        over = dialog.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 85))  # the modal's dimming
        corner = QPoint((picture.width() - over.width()) // 2,
                        (picture.height() - over.height()) // 2)  # fmt: skip
        painter.drawPixmap(corner, over)
        painter.end()
    return picture
