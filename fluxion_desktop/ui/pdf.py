"""A printout to PDF through Qt (QPainter on a QPdfWriter): one receipt-wide page, in a
fixed-width font so the columns line up as on the thermal roll, each line drawn where it
belongs (never re-wrapped), so the PDF holds the same figures as the printout.

It paints no widget, so it runs on the runner's worker like any other slow work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from fluxion_desktop.application.printouts import LineStyle, PrinterError, Printout

_POINT_SIZE = 9.0
_CHAR_POINTS = _POINT_SIZE * 0.62  # a monospace advance, with room to spare
_LINE_POINTS = _POINT_SIZE * 1.35
_MARGIN = 12.0


def write_pdf(printout: Printout, path: Path) -> Path:
    """Write `printout` to `path` (its folder is made); raises `PrinterError` if it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PrinterError(f"cannot write the PDF to {path.parent}: {error.strerror}") from error
    writer = QPdfWriter(str(path))
    writer.setTitle(printout.title)
    writer.setCreator("Fluxion POS")
    writer.setResolution(300)
    width = printout.width * _CHAR_POINTS + 2 * _MARGIN
    height = len(printout.lines) * _LINE_POINTS + 2 * _MARGIN
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, printout.title)
    margins = QMarginsF(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, margins))
    painter = QPainter()
    if not painter.begin(writer):
        raise PrinterError(f"the PDF {path} could not be written")
    try:
        _paint(painter, printout, writer.width())
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise PrinterError(f"the PDF {path} could not be written")
    return path


def _paint(painter: QPainter, printout: Printout, page_width: int) -> None:
    regular = QFont("DejaVu Sans Mono")
    regular.setStyleHint(QFont.StyleHint.TypeWriter)
    regular.setPointSizeF(_POINT_SIZE)
    bold = QFont(regular)
    bold.setBold(True)
    painter.setFont(regular)
    line_height = painter.fontMetrics().lineSpacing()
    y = painter.fontMetrics().ascent()
    for line in printout.lines:
        painter.setFont(regular if line.style is LineStyle.NORMAL else bold)
        x = 0
        if line.style is LineStyle.TITLE:
            x = max((page_width - painter.fontMetrics().horizontalAdvance(line.text)) // 2, 0)
        painter.drawText(x, y, line.text)
        y += line_height
