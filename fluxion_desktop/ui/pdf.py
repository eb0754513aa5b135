"""A printout to PDF through Qt (QTextDocument on a QPdfWriter): a receipt-wide page per
printout, in a fixed-width font so the columns line up as on the thermal roll.

It paints no widget, so it runs on the runner's worker like any other slow work.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from fluxion_desktop.application.printouts import LineStyle, PrinterError, Printout

_POINTS_PER_CHAR = 6.0  # 10 pt Courier is 6 pt wide
_LINE_POINTS = 12.5


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
    width = printout.width * _POINTS_PER_CHAR + 24
    height = max(len(printout.lines) * _LINE_POINTS + 36, 200)
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, printout.title)
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12))
    )
    document = QTextDocument()
    font = QFont("Courier New")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(_html(printout))
    document.print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise PrinterError(f"the PDF {path} could not be written")
    return path


def _html(printout: Printout) -> str:
    rows = []
    for line in printout.lines:
        text = html.escape(line.text).replace(" ", "&nbsp;") or "&nbsp;"
        if line.style is LineStyle.TITLE:
            rows.append(f'<p align="center" style="margin:0"><b>{text}</b></p>')
        elif line.style is LineStyle.BOLD:
            rows.append(f'<p style="margin:0"><b>{text}</b></p>')
        else:
            rows.append(f'<p style="margin:0">{text}</p>')
    return "<html><body>" + "".join(rows) + "</body></html>"
