"""Stock as movements: each device writes its own stream of movements per product.

Two counters of one store never overwrite a shared stock figure (ARCHITECTURE §3): each records
signed movements in its own stream ``stock-<product_id>@<device_id>``, and the store-wide level is
the sum of every device's movements, kept by a projection outside the domain. So every movement
here takes that store-wide `StockLevel` as an argument, decides against it, and writes the level
it leads to (`level_after`) into the event; `stock_delta` gives the signed change a projection adds.

Quantities are checked against the product's `Unit` (whole numbers for pieces), which each
movement takes as the keyword argument `unit`, since the catalog, not this stream, owns it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from fluxion_desktop.domain.aggregate import Aggregate
from fluxion_desktop.domain.alerts import Severity
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.decimals import format_decimal
from fluxion_desktop.domain.errors import (
    InsufficientStock,
    InvalidType,
    InvalidValue,
    PermissionDenied,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.stock_level import StockLevel

_ID_SEPARATOR = "@"
_E = TypeVar("_E", bound=StrEnum)


class NegativeStockPolicy(StrEnum):
    """A store setting: what a sale does when stock (as this till knows it) cannot cover it."""

    BLOCK = "block"
    WARN = "warn"
    ALLOW_WITH_PIN = "allow_with_pin"


DEFAULT_NEGATIVE_STOCK_POLICY = NegativeStockPolicy.WARN


class AdjustmentReason(StrEnum):
    """Why stock was adjusted by hand; OTHER needs a note."""

    DAMAGE = "damage"
    THEFT = "theft"
    EXPIRY = "expiry"
    CORRECTION = "correction"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class StockMovement(DomainEvent):
    """The fields every movement carries (not an event itself, never stored as one)."""

    product_id: str
    device_id: str
    level_after: Decimal


@dataclass(frozen=True, slots=True)
class StockReceived(StockMovement):
    event_type = "StockReceived"
    quantity: Decimal
    reference: str
    unit_cost: Money | None


@dataclass(frozen=True, slots=True)
class StockSold(StockMovement):
    event_type = "StockSold"
    quantity: Decimal
    sale_id: str
    went_negative: bool
    override_by: str | None


@dataclass(frozen=True, slots=True)
class StockSaleReleased(StockMovement):
    event_type = "StockSaleReleased"
    quantity: Decimal
    sale_id: str


@dataclass(frozen=True, slots=True)
class StockReturned(StockMovement):
    event_type = "StockReturned"
    quantity: Decimal
    sale_id: str
    return_id: str


@dataclass(frozen=True, slots=True)
class StockAdjusted(StockMovement):
    event_type = "StockAdjusted"
    delta: Decimal
    reason: AdjustmentReason
    note: str


@dataclass(frozen=True, slots=True)
class StockCounted(StockMovement):
    event_type = "StockCounted"
    counted: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class StockTransferredOut(StockMovement):
    event_type = "StockTransferredOut"
    quantity: Decimal
    to_store: str
    transfer_id: str


@dataclass(frozen=True, slots=True)
class StockTransferredIn(StockMovement):
    event_type = "StockTransferredIn"
    quantity: Decimal
    from_store: str
    transfer_id: str


@dataclass(frozen=True, slots=True)
class StockLimitsSet(DomainEvent):
    event_type = "StockLimitsSet"
    product_id: str
    device_id: str
    minimum: Decimal
    maximum: Decimal | None


@dataclass(frozen=True, slots=True)
class LowStockAlertRaised(DomainEvent):
    """A movement took stock to or below the minimum (WARNING) or to zero or below (CRITICAL)."""

    event_type = "LowStockAlertRaised"
    product_id: str
    severity: Severity
    level: Decimal
    minimum: Decimal


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    StockReceived,
    StockSold,
    StockSaleReleased,
    StockReturned,
    StockAdjusted,
    StockCounted,
    StockTransferredOut,
    StockTransferredIn,
    StockLimitsSet,
    LowStockAlertRaised,
)


def stock_delta(event: DomainEvent) -> Decimal | None:
    """The signed change `event` makes to the store-wide level; None if it is no movement.

    Stock on hand is the sum of the deltas of every device's movements.
    """
    match event:
        case StockReceived() | StockSaleReleased() | StockReturned() | StockTransferredIn():
            return event.quantity
        case StockSold() | StockTransferredOut():
            return -event.quantity
        case StockAdjusted():
            return event.delta
        case StockCounted():
            return event.difference
    return None


class InventoryItem(Aggregate):
    """One device's movements of one product; aggregate id ``"<product_id>@<device_id>"``.

    Every movement method takes `level`, the store-wide level before the movement (with the
    store's minimum and maximum), records one movement event and, when the movement crosses a
    threshold downwards, a `LowStockAlertRaised` after it. The stream starts with its first
    movement: there is no creation event.
    """

    stream_type = "stock"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        product_id, separator, device_id = aggregate_id.rpartition(_ID_SEPARATOR)
        if not separator or not product_id or not device_id:
            raise InvalidValue(
                f"a stock item id is '<product_id>@<device_id>', got {aggregate_id!r}",
                "aggregate_id",
            )
        self.product_id = product_id
        self.device_id = device_id
        # What this device's own stream adds up to; diagnostics, not the store-wide level.
        self.net_movement = Decimal(0)
        self.movements = 0
        self.last_level_after: Decimal | None = None
        self.minimum: Decimal | None = None
        self.maximum: Decimal | None = None

    @staticmethod
    def id_for(product_id: str, device_id: str) -> str:
        """The aggregate id of `device_id`'s stream for `product_id`; no '@' in the device id."""
        product = _required_text(product_id, "product_id")
        device = _required_text(device_id, "device_id")
        if _ID_SEPARATOR in device:
            raise InvalidValue(f"a device id must not contain '@', got {device!r}", "device_id")
        return f"{product}{_ID_SEPARATOR}{device}"

    @classmethod
    def for_device(cls, product_id: str, device_id: str) -> InventoryItem:
        """An empty stream, for a device's first movement of a product."""
        return cls(cls.id_for(product_id, device_id))

    def receive(
        self,
        quantity: Decimal,
        level: StockLevel,
        reference: str = "",
        unit_cost: Money | None = None,
        *,
        unit: Unit,
    ) -> None:
        """Goods arrived (a purchase, a delivery note `reference`), optionally at `unit_cost`."""
        qty = _quantity(quantity, unit)
        before = _level(level)
        ref, cost = _text(reference, "reference"), _unit_cost(unit_cost)
        self._move(StockReceived, before, qty, quantity=qty, reference=ref, unit_cost=cost)

    def sell(
        self,
        quantity: Decimal,
        level: StockLevel,
        sale_id: str,
        policy: NegativeStockPolicy,
        override_by: str | None = None,
        *,
        unit: Unit,
    ) -> None:
        """A sale takes `quantity` out.

        When `level` cannot cover it, `policy` decides: BLOCK raises `InsufficientStock` (field
        "quantity"); ALLOW_WITH_PIN needs `override_by`, the user id of the manager whose PIN the
        application verified, or raises `PermissionDenied` (field "override_by"); WARN records
        the sale. An oversell is recorded with ``went_negative=True`` and `override_by`, which
        is kept only for an oversell.
        """
        qty = _quantity(quantity, unit)
        before = _level(level)
        sale = _required_text(sale_id, "sale_id")
        chosen_policy = _parse_enum(NegativeStockPolicy, policy, "policy")
        went_negative = before.current - qty < 0
        approver = None
        if went_negative:
            approver = _authorise_oversell(qty, before, chosen_policy, override_by)
        self._move(
            StockSold,
            before,
            -qty,
            quantity=qty,
            sale_id=sale,
            went_negative=went_negative,
            override_by=approver,
        )

    def release_sale(
        self, quantity: Decimal, level: StockLevel, sale_id: str, *, unit: Unit
    ) -> None:
        """Put back what a sale took when the sale saga compensates (the sale did not happen).

        Releasing each sale once is the saga's job: this stream keeps no per-sale ledger.
        """
        qty = _quantity(quantity, unit)
        before = _level(level)
        sale = _required_text(sale_id, "sale_id")
        self._move(StockSaleReleased, before, qty, quantity=qty, sale_id=sale)

    def return_to_stock(
        self, quantity: Decimal, level: StockLevel, sale_id: str, return_id: str, *, unit: Unit
    ) -> None:
        """A customer returned goods of sale `sale_id`, under return `return_id`, to the shelf."""
        qty = _quantity(quantity, unit)
        before = _level(level)
        sale = _required_text(sale_id, "sale_id")
        returned = _required_text(return_id, "return_id")
        self._move(StockReturned, before, qty, quantity=qty, sale_id=sale, return_id=returned)

    def adjust(
        self,
        delta: Decimal,
        reason: AdjustmentReason,
        note: str,
        level: StockLevel,
        *,
        unit: Unit,
    ) -> None:
        """Change stock by a signed, non-zero `delta` for `reason`; OTHER needs a `note`.

        An adjustment may take stock below zero: it corrects the books and is never refused
        for want of stock.
        """
        change = Unit.parse(unit).check_quantity(delta, "delta")
        if change == 0:
            raise InvalidValue("an adjustment must change stock; delta is 0", "delta")
        why = _parse_enum(AdjustmentReason, reason, "reason")
        text = _text(note, "note")
        if why is AdjustmentReason.OTHER and not text:
            raise InvalidValue("an adjustment for another reason needs a note", "note")
        self._move(StockAdjusted, _level(level), change, delta=change, reason=why, note=text)

    def count(self, counted: Decimal, level: StockLevel, *, unit: Unit) -> None:
        """A physical count found `counted` (>= 0): records the difference from `level`.

        A count that matches is recorded too (difference 0): it proves stock was checked.
        """
        found = Unit.parse(unit).check_quantity(counted, "counted")
        if found < 0:
            raise InvalidValue(f"a count cannot be negative, got {found}", "counted")
        before = _level(level)
        change = found - before.current
        self._move(StockCounted, before, change, counted=found, difference=change)

    def transfer_out(
        self, quantity: Decimal, to_store: str, transfer_id: str, level: StockLevel, *, unit: Unit
    ) -> None:
        """Send `quantity` to store `to_store`; more than `level` holds raises `InsufficientStock`.

        Unlike a sale at the counter, a transfer is planned and can wait for a count.
        """
        qty = _quantity(quantity, unit)
        before = _level(level)
        store = _required_text(to_store, "to_store")
        transfer = _required_text(transfer_id, "transfer_id")
        if before.current - qty < 0:
            raise InsufficientStock(
                f"cannot transfer {qty}: only {before.current} in stock", "quantity"
            )
        self._move(
            StockTransferredOut, before, -qty, quantity=qty, to_store=store, transfer_id=transfer
        )

    def transfer_in(
        self, quantity: Decimal, from_store: str, transfer_id: str, level: StockLevel, *, unit: Unit
    ) -> None:
        """Goods of transfer `transfer_id` arrived from store `from_store`."""
        qty = _quantity(quantity, unit)
        before = _level(level)
        store = _required_text(from_store, "from_store")
        transfer = _required_text(transfer_id, "transfer_id")
        self._move(
            StockTransferredIn, before, qty, quantity=qty, from_store=store, transfer_id=transfer
        )

    def set_limits(self, minimum: Decimal, maximum: Decimal | None = None) -> None:
        """Set the store's minimum (>= 0) and optional maximum (>= minimum) for the product.

        Always recorded, even if unchanged: another device may have set other limits since.
        """
        limits = StockLevel(Decimal(0), minimum, maximum)
        self._record(
            StockLimitsSet(
                product_id=self.product_id,
                device_id=self.device_id,
                minimum=limits.minimum,
                maximum=limits.maximum,
            )
        )

    def _move(
        self, kind: type[StockMovement], before: StockLevel, change: Decimal, **fields: Any
    ) -> None:
        """Record a `kind` movement of `change` from `before`, and the alert it may trigger."""
        after = before.current + change
        self._record(
            kind(product_id=self.product_id, device_id=self.device_id, level_after=after, **fields)
        )
        severity = _crossing(before, after)
        if severity is not None:
            alert = LowStockAlertRaised(
                product_id=self.product_id, severity=severity, level=after, minimum=before.minimum
            )
            self._record(alert)

    def _apply(self, event: DomainEvent) -> None:
        if isinstance(event, StockLimitsSet):
            self.minimum, self.maximum = event.minimum, event.maximum
            return
        delta = stock_delta(event)
        if delta is not None and isinstance(event, StockMovement):
            self.net_movement += delta
            self.movements += 1
            self.last_level_after = event.level_after

    def snapshot_state(self) -> Mapping[str, Any]:
        return {
            "net_movement": format_decimal(self.net_movement),
            "movements": self.movements,
            "last_level_after": _optional_str(self.last_level_after),
            "minimum": _optional_str(self.minimum),
            "maximum": _optional_str(self.maximum),
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.net_movement = Decimal(state["net_movement"])
        self.movements = int(state["movements"])
        self.last_level_after = _optional_decimal(state["last_level_after"])
        self.minimum = _optional_decimal(state["minimum"])
        self.maximum = _optional_decimal(state["maximum"])


def _crossing(before: StockLevel, after: Decimal) -> Severity | None:
    # Only a movement that crosses a threshold downwards alerts, so stock that stays low does
    # not raise the same alert on every sale.
    if before.current > 0 and after <= 0:
        return Severity.CRITICAL
    if before.current > before.minimum and after <= before.minimum:
        return Severity.WARNING
    return None


def _authorise_oversell(
    quantity: Decimal, level: StockLevel, policy: NegativeStockPolicy, override_by: object
) -> str | None:
    """Who let the sale go below zero (None under WARN without a name), or raise."""
    if policy is NegativeStockPolicy.BLOCK:
        raise InsufficientStock(
            f"cannot sell {quantity}: only {level.current} in stock", "quantity"
        )
    approver = None if override_by is None else _text(override_by, "override_by") or None
    if policy is NegativeStockPolicy.ALLOW_WITH_PIN and approver is None:
        raise PermissionDenied(
            f"selling {quantity} with {level.current} in stock needs a manager's PIN",
            "override_by",
        )
    return approver


def _quantity(value: object, unit: object) -> Decimal:
    qty = Unit.parse(unit).check_quantity(value, "quantity")
    if qty <= 0:
        raise InvalidValue(f"quantity must be positive, got {qty}", "quantity")
    return qty


def _level(value: object) -> StockLevel:
    if not isinstance(value, StockLevel):
        raise InvalidType(f"level must be a StockLevel, not {type(value).__name__}", "level")
    return value


def _unit_cost(value: object) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Money):
        raise InvalidType(f"unit_cost must be Money, not {type(value).__name__}", "unit_cost")
    if value.is_negative:
        raise InvalidValue(f"unit_cost must not be negative, got {value}", "unit_cost")
    return value


def _parse_enum(cls: type[_E], value: object, field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value.strip().lower())
        except ValueError:
            pass
    known = ", ".join(member.value for member in cls)
    raise InvalidValue(f"unknown {field} {value!r}; expected one of {known}", field)


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"{field} must be text, not {type(value).__name__}", field)
    return value.strip()


def _required_text(value: object, field: str) -> str:
    text = _text(value, field)
    if not text:
        raise InvalidValue(f"{field} must not be empty", field)
    return text


def _optional_str(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))
