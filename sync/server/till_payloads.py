"""Payloads of the till's events HQ writes, field for field as the till's EventRegistry reads
them (fluxion_desktop/domain/catalog.py, identity.py, exchange_rates.py; plain_data.to_plain:
Decimal as positional text, Money as {"amount", "currency"}, enums as their value, tuples as
lists). sync.server may not import the till; tests/sync/test_hq_events_on_the_till.py decodes
these with the till's registry and replays them into its aggregates.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from decimal import Decimal
from typing import Any, Final

CURRENCIES: Final = ("USD", "EUR", "VES", "COP", "BRL")
TAX_CATEGORIES: Final = ("general", "reduced", "luxury", "exempt")
UNITS: Final = ("piece", "kg")
ROLES: Final = ("cashier", "supervisor", "manager", "admin")
SKU_PATTERN: Final = re.compile(r"[A-Za-z0-9._-]{1,40}")
USERNAME_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
NAME_MAX_LENGTH: Final = 120
_BARCODE = re.compile(r"[A-Z0-9-]{1,20}")
_PIN = re.compile(r"[0-9]{4,8}")
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")

# The till's production PIN cost (domain/pin.py): scrypt n=2**14, r=8, p=1, 16-byte salt.
PIN_N: Final = 2**14
PIN_R: Final = 8
PIN_P: Final = 1


def decimal_text(value: Decimal) -> str:
    """Positional notation keeping every digit (the till's format_decimal)."""
    return format(value, "f")


def parse_decimal(text: str, field: str) -> Decimal:
    """A plain decimal such as 12.50 (no commas, exponents or NaN); ValueError naming `field`."""
    cleaned = text.strip()
    if not _PLAIN_DECIMAL.fullmatch(cleaned):
        raise ValueError(f"{field} must be a plain decimal such as 12.50, got {text!r}")
    return Decimal(cleaned)


def money(amount: Decimal, currency: str) -> dict[str, str]:
    return {"amount": decimal_text(amount), "currency": currency}


def check_barcode(text: str) -> str:
    """The canonical barcode (trimmed, upper case), GS1 check digits verified; ValueError."""
    value = text.strip().upper()
    if not _BARCODE.fullmatch(value):
        raise ValueError(f"a barcode is 1 to 20 characters from A-Z, 0-9 and '-', got {text!r}")
    if value.isdigit() and len(value) in (8, 12, 13):
        body = value[:-1]
        total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
        expected = (10 - total % 10) % 10
        if int(value[-1]) != expected:
            raise ValueError(f"{value} has check digit {value[-1]}, expected {expected}")
    return value


def hash_pin(pin: str, n: int = PIN_N, r: int = PIN_R, p: int = PIN_P) -> str:
    """The till's stored PIN form: scrypt$n$r$p$salt_b64$hash_b64; ValueError unless the PIN
    is 4 to 8 ASCII digits (the message never repeats the PIN)."""
    if not _PIN.fullmatch(pin):
        raise ValueError("the PIN must be 4 to 8 digits")
    salt = secrets.token_bytes(16)
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=32)
    return "$".join(
        (
            "scrypt",
            str(n),
            str(r),
            str(p),
            base64.b64encode(salt).decode("ascii"),
            base64.b64encode(digest).decode("ascii"),
        )
    )


def product_created(product_id: str, state: dict[str, Any]) -> dict[str, Any]:
    """ProductCreated from an HQ catalog state (origin "hq")."""
    return {
        "product_id": product_id,
        "sku": state["sku"],
        "name": state["name"],
        "price": state["price"],
        "tax_category": state["tax_category"],
        "unit": state["unit"],
        "barcodes": list(state["barcodes"]),
        "origin": "hq",
        "pack_size": state["pack_size"],
    }


def user_created(
    user_id: str, username: str, display_name: str, role: str, pin_hash: str
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "username": username,
        "display_name": display_name,
        "role": role,
        "pin_hash": pin_hash,
    }


def exchange_rate_recorded(
    base: str, quote: str, rate: Decimal, effective_date: str, source: str
) -> dict[str, Any]:
    return {
        "rate": {
            "base": base,
            "quote": quote,
            "rate": decimal_text(rate),
            "effective_date": effective_date,
            "source": source,
        },
        "by": None,
    }
