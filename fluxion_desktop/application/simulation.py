"""Ringing up realistic sales through the same commands a cashier's keystrokes send.

Used by `fluxion-pos simulate`, the demo store and the benchmarks: each sale scans one to six
products (fast movers more often), sometimes changes a quantity, and is paid the way Venezuelan
customers pay: VES debit, dollars in cash with change in bolívares, Pago Móvil, Zelle, or a mix.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Protocol

from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.queries import ProductView
from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.sale import Sale
from fluxion_desktop.domain.tenders import TenderMethod


class SaleLoader(Protocol):
    def load(self, sale_id: str) -> Sale: ...


@dataclass(frozen=True, slots=True)
class Shelf:
    """What can be sold: products (with a barcode or SKU to scan) and how often each sells."""

    products: Sequence[ProductView]
    weights: Sequence[float]


@dataclass(frozen=True, slots=True)
class SimulationResult:
    sales: int
    lines: int


class SaleSimulator:
    def __init__(
        self,
        bus: MessageBus,
        sales: SaleLoader,
        cashier_id: str,
        shift_id: str,
        shelf: Shelf,
        rng: random.Random,
        between_sales: Callable[[int], None] | None = None,
    ) -> None:
        self._bus = bus
        self._sales = sales
        self._cashier = cashier_id
        self._shift = shift_id
        self._shelf = shelf
        self._rng = rng
        self._between_sales = between_sales or (lambda _n: None)

    def run(self, count: int) -> SimulationResult:
        lines = 0
        for number in range(count):
            lines += self.ring_up_one()
            self._between_sales(number)
        return SimulationResult(count, lines)

    def ring_up_one(self) -> int:
        """One complete sale; the number of lines it had."""
        sale_id = str(self._bus.handle(OpenSale(self._cashier, self._shift)))
        picks = self._rng.choices(
            self._shelf.products, weights=self._shelf.weights, k=self._rng.randint(1, 6)
        )
        for product in picks:
            code = product.barcodes[0] if product.barcodes else product.sku
            self._bus.handle(ScanItem(self._cashier, sale_id, code, self._quantity(product)))
        change_currency = self._pay(sale_id)
        self._bus.handle(CompleteSale(self._cashier, sale_id, change_currency))
        return len(picks)

    def _quantity(self, product: ProductView) -> Decimal:
        if product.unit is Unit.KG:
            return Decimal(self._rng.randint(150, 1500)) / 1000
        return Decimal(self._rng.choices((1, 2, 3, 6), weights=(70, 20, 7, 3))[0])

    def _pay(self, sale_id: str) -> Currency:
        style = self._rng.choices(
            ("debit", "dollars", "pago_movil", "split", "zelle"), weights=(40, 25, 15, 12, 8)
        )[0]
        if style == "dollars":
            due = self._due(sale_id, TenderMethod.CASH, Currency.USD)
            bills = due.amount.to_integral_value(rounding=ROUND_CEILING)
            self._tender(sale_id, TenderMethod.CASH, Money(bills, Currency.USD))
            return Currency.VES
        if style == "split":
            due = self._due(sale_id, TenderMethod.CASH, Currency.USD)
            half = (due.amount / 2).to_integral_value(rounding=ROUND_CEILING)
            self._tender(sale_id, TenderMethod.CASH, Money(max(half, Decimal(1)), Currency.USD))
            if self._due(sale_id, TenderMethod.DEBIT_CARD, Currency.VES).is_positive:
                self._pay_rest(sale_id, TenderMethod.DEBIT_CARD, Currency.VES)
            return Currency.VES
        method, currency = {
            "debit": (TenderMethod.DEBIT_CARD, Currency.VES),
            "pago_movil": (TenderMethod.PAGO_MOVIL, Currency.VES),
            "zelle": (TenderMethod.ZELLE, Currency.USD),
        }[style]
        self._pay_rest(sale_id, method, currency)
        return currency

    def _pay_rest(self, sale_id: str, method: TenderMethod, currency: Currency) -> None:
        self._tender(sale_id, method, self._due(sale_id, method, currency))

    def _due(self, sale_id: str, method: TenderMethod, currency: Currency) -> Money:
        return self._sales.load(sale_id).amount_to_settle(method, currency)

    def _tender(self, sale_id: str, method: TenderMethod, amount: Money) -> None:
        reference = None if method is TenderMethod.CASH else f"REF{self._rng.randint(1, 10**8)}"
        self._bus.handle(AddTender(self._cashier, sale_id, method, amount, reference))
