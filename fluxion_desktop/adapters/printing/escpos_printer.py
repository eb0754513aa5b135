"""Receipts to an ESC/POS thermal printer through python-escpos (the `ReceiptPrinter` port).

The connection is opened for each printout and closed after it, so a printer switched off
between two sales is found again by the next one. Whatever goes wrong on the way (no device, a
refused socket, paper out, a jam reported as an I/O error) becomes a `PrinterError` with a
message for the cashier; the detail goes to the log. python-escpos is imported only when a
printer is built, never at till start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from fluxion_desktop.adapters.printing.printer_config import PrinterConfig
from fluxion_desktop.application.printouts import LineStyle, PrinterError, Printout

if TYPE_CHECKING:
    from escpos.escpos import Escpos

log = logging.getLogger(__name__)


class EscposPrinter:
    def __init__(self, connect: Callable[[], Escpos], name: str = "printer") -> None:
        self._connect = connect
        self.name = name

    def print(self, printout: Printout) -> None:
        device: Escpos | None = None
        try:
            device = self._connect()
            _send(device, printout)
        except Exception as error:  # the hardware boundary: every failure is the printer's
            log.warning("printing %r on %s failed", printout.title, self.name, exc_info=error)
            raise PrinterError(
                f"the printer ({self.name}) did not print: {_reason(error)}; "
                "the sale is saved, reprint when the printer is ready"
            ) from error
        finally:
            if device is not None:
                _close(device)


def printer_from_config(config: PrinterConfig) -> EscposPrinter | None:
    """The printer `config` describes, or None when the till has none."""
    if not config.configured:
        return None
    return EscposPrinter(lambda: _open(config), _describe(config))


def _open(config: PrinterConfig) -> Escpos:
    from escpos import printer

    match config.backend:
        case "usb":
            return printer.Usb(config.usb_vendor, config.usb_product, timeout=int(config.timeout))
        case "serial":
            return printer.Serial(config.device, baudrate=config.baudrate,
                                  timeout=config.timeout)  # fmt: skip
        case "network":
            return printer.Network(config.host, config.port, timeout=config.timeout)
        case "file":
            return printer.File(config.device)
    raise ValueError(f"no printer backend {config.backend!r}")


def _describe(config: PrinterConfig) -> str:
    match config.backend:
        case "network":
            return f"{config.host}:{config.port}"
        case "usb":
            return f"USB {config.usb_vendor:04x}:{config.usb_product:04x}"
    return config.device


def _send(device: Escpos, printout: Printout) -> None:
    for line in printout.lines:
        if line.style is LineStyle.TITLE:
            device.set(align="center", bold=True, double_height=True)
        elif line.style is LineStyle.BOLD:
            device.set(align="left", bold=True, normal_textsize=True)
        else:
            device.set(align="left", bold=False, normal_textsize=True)
        device.text(line.text + "\n")
    device.set(align="left", bold=False, normal_textsize=True)
    device.cut()


def _close(device: Escpos) -> None:
    try:
        device.close()
    except Exception as error:  # closing a dead connection must not hide why it died
        log.debug("closing the printer failed", exc_info=error)


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(":") if text else type(error).__name__
