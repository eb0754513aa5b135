"""What the till prints (receipts, X and Z reports) as plain lines, and the printer port.

A `Printout` is fixed-width text, so one layout serves an ESC/POS thermal printer, a PDF and
the on-screen preview alike, and a test can read every figure in it. A printer that is missing,
off or jammed raises `PrinterError`: the sale or shift it prints for is already committed, so
the cashier is told and offered a reprint; nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from fluxion_desktop.domain.errors import DomainError

DEFAULT_WIDTH = 42  # characters per line of an 80 mm roll in the printer's font B, or 58 mm's A


class LineStyle(StrEnum):
    NORMAL = "normal"
    BOLD = "bold"
    TITLE = "title"  # centred, double size on a thermal printer


@dataclass(frozen=True, slots=True)
class PrintLine:
    text: str
    style: LineStyle = LineStyle.NORMAL


@dataclass(frozen=True, slots=True)
class Printout:
    """A document to print: `lines` of at most `width` characters (titles are centred)."""

    title: str
    lines: tuple[PrintLine, ...]
    width: int = DEFAULT_WIDTH

    @property
    def text(self) -> str:
        """The printout as the preview shows it, one line per line."""
        return "\n".join(
            line.text.center(self.width).rstrip() if line.style is LineStyle.TITLE else line.text
            for line in self.lines
        )


class PrinterError(DomainError):
    """The printer did not print (missing, offline, out of paper, jammed); say it and offer a
    reprint. What was printed for is already saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "printer")


class ReceiptPrinter(Protocol):
    """A printer a printout can be sent to (the ESC/POS adapter; a fake in tests)."""

    def print(self, printout: Printout) -> None:
        """Print `printout` whole, or raise `PrinterError` (never any other error)."""
        ...


class PrintoutBuilder:
    """Lines of one printout, `width` characters wide, with the few layouts receipts use."""

    def __init__(self, width: int = DEFAULT_WIDTH) -> None:
        self.width = width
        self._lines: list[PrintLine] = []

    def title(self, text: str) -> None:
        for part in _wrap(text, self.width):
            self._lines.append(PrintLine(part, LineStyle.TITLE))

    def text(self, text: str, style: LineStyle = LineStyle.NORMAL) -> None:
        for part in _wrap(text, self.width):
            self._lines.append(PrintLine(part, style))

    def pair(self, label: str, value: str, style: LineStyle = LineStyle.NORMAL) -> None:
        """`label` on the left, `value` flush right (the label is cut if both do not fit)."""
        room = max(self.width - len(value) - 1, 1)
        self._lines.append(PrintLine(f"{label[:room]:<{room}} {value}"[-self.width :], style))

    def columns(
        self, label: str, first: str, second: str, style: LineStyle = LineStyle.NORMAL
    ) -> None:
        """A label and two amounts flush right in columns (reference and local currency)."""
        column = (self.width - 2) // 3
        room = self.width - 2 * column
        if len(first) > column or len(second) > column:  # too wide: one amount per line
            self.pair(label, first, style)
            self.pair("", second, style)
            return
        self._lines.append(
            PrintLine(f"{label[:room]:<{room}}{first:>{column}}{second:>{column}}", style)
        )

    def rule(self) -> None:
        self._lines.append(PrintLine("-" * self.width))

    def blank(self) -> None:
        self._lines.append(PrintLine(""))

    def build(self, title: str) -> Printout:
        return Printout(title, tuple(self._lines), self.width)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines
