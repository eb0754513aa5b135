"""Product barcodes: GS1 codes with check digits, weighed-item labels, and store-internal codes."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from fluxion_desktop.domain.errors import InvalidBarcode, InvalidValue

_FIELD = "barcode"
_INTERNAL = re.compile(r"[A-Z0-9-]{1,20}")


class BarcodeKind(StrEnum):
    """What a barcode is, which decides how it is validated and looked up."""

    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    WEIGHED = "weighed"
    INTERNAL = "internal"


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for `body` (all of a GTIN but its last digit).

    Weights alternate 3, 1, ... starting from the rightmost digit of the body, which makes one
    function right for EAN-8, UPC-A and EAN-13 alike.
    """
    if not body.isdigit() or not body.isascii():
        raise InvalidBarcode(f"a GTIN body must be digits only, got {body!r}", _FIELD)
    total = sum(int(digit) * (3 if i % 2 == 0 else 1) for i, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def ean13_check_digit(first12: str) -> int:
    """The check digit that completes the 12 digits `first12` into an EAN-13."""
    if len(first12) != 12:
        raise InvalidBarcode(f"an EAN-13 body has 12 digits, got {first12!r}", _FIELD)
    return gtin_check_digit(first12)


# Lengths at which an all-digit code is a GS1 number and must carry a valid check digit.
_GTIN_KINDS = {8: BarcodeKind.EAN8, 12: BarcodeKind.UPCA, 13: BarcodeKind.EAN13}


@dataclass(frozen=True, slots=True)
class WeighedLabelLayout:
    """Which in-store prefixes carry a weight and which a price: a store setting.

    Scales print EAN-13 labels laid out ``2X IIIII VVVVV C`` (prefix, 5-digit item code, 5-digit
    value, check digit). Stores configure their scales differently, so the meaning of each
    prefix is not fixed by GS1; the default reads 20-24 as grams and 25-29 as cents. A prefix in
    neither set yields a label with only the item code. Layouts with a price check digit inside
    the value are not supported.
    """

    weight_prefixes: frozenset[str] = frozenset({"20", "21", "22", "23", "24"})
    price_prefixes: frozenset[str] = frozenset({"25", "26", "27", "28", "29"})

    def __post_init__(self) -> None:
        for name in ("weight_prefixes", "price_prefixes"):
            prefixes: Collection[str] = getattr(self, name)
            object.__setattr__(self, name, frozenset(prefixes))
            if not all(re.fullmatch(r"2[0-9]", prefix) for prefix in prefixes):
                raise InvalidValue(f"{name} must be two-digit prefixes from 20 to 29", name)
        if self.weight_prefixes & self.price_prefixes:
            overlap = ", ".join(sorted(self.weight_prefixes & self.price_prefixes))
            raise InvalidValue(f"prefixes {overlap} cannot mean weight and price", "price_prefixes")


DEFAULT_WEIGHED_LABEL_LAYOUT = WeighedLabelLayout()


@dataclass(frozen=True, slots=True)
class WeighedLabel:
    """What a scale label says: the item, and its weight in kg or its price (never both).

    `price` is in the store's reference currency, in which the scale was programmed.
    """

    item_code: str
    weight: Decimal | None
    price: Decimal | None


@dataclass(frozen=True, slots=True)
class Barcode:
    """A validated barcode in canonical form (trimmed, upper case); `kind` is derived from it.

    The constructor refuses anything not already canonical; use `Barcode.parse` for scanner or
    keyboard input. All-digit codes of 8, 12 or 13 digits are GS1 numbers and must carry a valid
    check digit; other codes of up to 20 characters from ``A-Z 0-9 -`` are store-internal.
    EAN-13 codes with prefix 20-29 are weighed-item labels (GS1 restricted circulation numbers).
    """

    value: str
    kind: BarcodeKind = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _classify(self.value))

    @classmethod
    def parse(cls, text: str) -> Barcode:
        """Read scanner or keyboard input: whitespace around it is dropped, letters upper-cased."""
        if not isinstance(text, str):
            raise InvalidBarcode(f"a barcode must be text, got {type(text).__name__}", _FIELD)
        return cls(text.strip().upper())

    @classmethod
    def ean13(cls, first12: str) -> Barcode:
        """Complete 12 digits with their check digit, e.g. to generate demo or in-store codes."""
        return cls(first12 + str(ean13_check_digit(first12)))

    def weighed_label(
        self, layout: WeighedLabelLayout = DEFAULT_WEIGHED_LABEL_LAYOUT
    ) -> WeighedLabel:
        """Decode a weighed-item label according to the store's `layout`.

        Weight prefixes read the value as grams (``01250`` → ``1.250`` kg); price prefixes as
        cents (``01250`` → ``12.50``).
        """
        if self.kind is not BarcodeKind.WEIGHED:
            raise InvalidBarcode(f"{self.value} is not a weighed-item label", _FIELD)
        prefix, item_code, raw_value = self.value[:2], self.value[2:7], self.value[7:12]
        if prefix in layout.weight_prefixes:
            return WeighedLabel(item_code, Decimal(raw_value).scaleb(-3), None)
        if prefix in layout.price_prefixes:
            return WeighedLabel(item_code, None, Decimal(raw_value).scaleb(-2))
        return WeighedLabel(item_code, None, None)

    def __str__(self) -> str:
        return self.value


def _classify(value: str) -> BarcodeKind:
    if not isinstance(value, str) or not _INTERNAL.fullmatch(value):
        raise InvalidBarcode(
            f"a barcode is 1 to 20 characters from A-Z, 0-9 and '-', got {value!r}", _FIELD
        )
    kind = _GTIN_KINDS.get(len(value)) if value.isdigit() else None
    if kind is None:
        return BarcodeKind.INTERNAL
    expected = gtin_check_digit(value[:-1])
    if int(value[-1]) != expected:
        raise InvalidBarcode(
            f"{value} is not a valid {kind.name}: check digit is {value[-1]}, expected {expected}",
            _FIELD,
        )
    if kind is BarcodeKind.EAN13 and value[0] == "2":
        return BarcodeKind.WEIGHED
    return kind
