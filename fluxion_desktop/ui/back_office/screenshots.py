"""The back office's screens rendered to PNG, for `fluxion-pos --screenshot` and the README.

Build the back office on a synchronous runner, so each screen shows its data when grabbed.
The forecast screen charts the product asked for, else the first of the catalog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from fluxion_desktop.ui.back_office.back_office import BackOffice

SIZE = QSize(1280, 800)


class ScreenshotFailed(Exception):
    pass


def render_back_office(
    office: BackOffice,
    out_dir: Path,
    first_number: int = 1,
    prefix: str = "back-office-",
    forecast_product: str | None = None,
) -> list[Path]:
    """Write `NN-<prefix><screen>.png` for each screen, numbered from `first_number`; the
    forecast screen charts `forecast_product` (a search text), else the catalog's first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    office.setFixedSize(SIZE)
    office.show()
    written: list[Path] = []
    for number, (name, screen) in enumerate(office.named_screens(), start=first_number):
        office.show_screen(screen)
        if screen is office.forecasts:
            _chart(office, forecast_product)
        path = out_dir / f"{number:02d}-{prefix}{name}.png"
        picture = office.grab()
        if picture.isNull() or not picture.save(str(path), "PNG"):
            raise ScreenshotFailed(f"could not write {path}")
        written.append(path)
    return written


def _chart(office: BackOffice, search: str | None) -> None:
    first = office.products.model.product(0)
    text = search or (first.name if first is not None else "")
    if text:
        office.forecasts.search.setText(text)
        office.forecasts.find_products()
