"""`fluxion-pos --screenshot DIR`: every main screen of the till, rendered to PNG.

The screens are driven the way a cashier drives them (log in, scan, pay split, complete) on a
synchronous runner, so each picture shows the state just reached; the sale really completes,
so run it on the demo store. The window has a fixed size, so the pictures do not depend on the
screen they were taken on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tenders import TenderMethod
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.formatting import NumberFormat, parse_amount
from fluxion_desktop.ui.main_window import MainWindow
from fluxion_desktop.ui.screens.tender_dialog import TenderDialog

WINDOW_SIZE = QSize(1280, 800)
SCREENS = ("login", "sale", "tender", "change")


@dataclass(frozen=True, slots=True)
class DemoScript:
    """Who logs in and what is scanned for the pictures."""

    username: str
    pin: str
    codes: Sequence[str]
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
    finally:
        window.close()
        # Gone now, not at the next event loop: its status bar's timers must not outlive it.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written


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
