"""Finding completed sales again: by receipt number or day, for receipts, reprints and returns.

The port the read model (`adapters.read_models.sales_lookup`) implements; read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.sale_events import SaleCompleted


@dataclass(frozen=True, slots=True)
class SaleFound:
    """A completed sale in a list of search results."""

    sale_id: str
    receipt_no: str
    cashier_id: str
    completed_at: datetime
    total: Money
    total_local: Money


class SaleLookup(Protocol):
    def by_receipt(self, text: str, limit: int = 50) -> list[SaleFound]:
        """Completed sales whose receipt number is `text` or ends with it, newest first."""
        ...

    def on_day(self, day: date, limit: int = 200) -> list[SaleFound]:
        """Completed sales of the store's business `day`, newest first."""
        ...

    def receipt_number(self, sale_id: str) -> str | None: ...

    def completion(self, sale_id: str) -> SaleCompleted | None: ...

    def returned_quantities(self, sale_id: str) -> dict[str, Decimal]:
        """Per line id, how much of the sale came back already."""
        ...
