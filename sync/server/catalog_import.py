"""`fluxion-hq import-catalog FILE.csv`: a CSV catalog as HQ-authored product events.

Columns (header row, any order, case-insensitive): sku, name, price (required); currency
(USD), tax_category (general), unit (piece), barcodes (separated by spaces, "|" or ";"),
pack_size (1), active (yes); for a SKU HQ already has, a column missing from the file keeps
HQ's value rather than taking the default. A SKU HQ already has gets only the events that change it
(renamed, repriced, barcodes added or removed, tax category, unit, activated/deactivated);
products missing from the file are left alone. Every line is checked first: any error (listed
by line number) and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from sync.server import schema as t
from sync.server import till_payloads as tp
from sync.server.database import Database
from sync.server.errors import Invalid
from sync.server.hq_writer import HqEvent, append_hq_events, new_event_id
from sync.server.tenancy import require_tenant

REQUIRED = ("sku", "name", "price")
OPTIONAL = ("currency", "tax_category", "unit", "barcodes", "pack_size", "active")
MAX_ERRORS_SHOWN = 20
_TRUE = {"yes", "y", "true", "1", "si", "sí", ""}
_FALSE = {"no", "n", "false", "0"}


class CatalogErrors(Invalid):
    """The file's problems, one per line ("line 7: price must be ..."); nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_ERRORS_SHOWN]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more else "")
        super().__init__(f"the catalog was not imported: {text}")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    changed: int
    unchanged: int
    events: int


def import_catalog(db: Database, tenant_id: str, path: Path, now: datetime) -> ImportResult:
    """Read, check and write `path` for `tenant_id` in one transaction."""
    states, columns = read_catalog(path)
    with db.write(tenant_id) as conn:
        require_tenant(conn, tenant_id)
        known = _known_products(conn, tenant_id)
        drafts, result = _plan(_keep_unlisted(states, columns, known), known)
        append_hq_events(conn, tenant_id, [draft for draft, _ in drafts], now)
        _save_states(conn, tenant_id, drafts, known)
    return result


_FIELD_OF_COLUMN = {
    "currency": "price",
    "barcodes": "barcodes",
    "tax_category": "tax_category",
    "unit": "unit",
    "pack_size": "pack_size",
    "active": "active",
}


def read_catalog(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], set[str]]:
    """Each line's product state with its line number, and the optional columns the file
    has; CatalogErrors listing every bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Invalid(f"no such file: {path}") from None
    except UnicodeDecodeError as error:
        raise Invalid(f"{path} is not UTF-8 text (byte {error.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise CatalogErrors([f"line 1: the header lacks column(s) {', '.join(missing)}"])
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if unknown:
        raise CatalogErrors([f"line 1: unknown column(s) {', '.join(unknown)}"])
    reader.fieldnames = header
    states: list[tuple[int, dict[str, Any]]] = []
    problems: list[str] = []
    for raw in reader:
        line = reader.line_num
        if None in raw:
            problems.append(f"line {line}: more fields than the header has")
            continue
        if all(not (value or "").strip() for value in raw.values()):
            continue
        try:
            states.append((line, _state(raw)))
        except ValueError as error:
            problems.append(f"line {line}: {error}")
    problems.extend(_duplicates(states))
    if problems:
        raise CatalogErrors(problems)
    if not states:
        raise CatalogErrors(["the file holds no products"])
    return states, {name for name in header if name in OPTIONAL}


def _state(raw: dict[str, str | None]) -> dict[str, Any]:
    def cell(name: str, default: str = "") -> str:
        value = (raw.get(name) or "").strip()
        return value or default

    sku = cell("sku")
    if not tp.SKU_PATTERN.fullmatch(sku):
        raise ValueError(f"sku must be 1 to 40 characters from A-Z a-z 0-9 . _ -, got {sku!r}")
    name = cell("name")
    if not 1 <= len(name) <= tp.NAME_MAX_LENGTH:
        raise ValueError(f"name must have 1 to {tp.NAME_MAX_LENGTH} characters")
    price = tp.parse_decimal(cell("price"), "price")
    if price < 0:
        raise ValueError(f"price must not be negative, got {price}")
    currency = cell("currency", "USD").upper()
    if currency not in tp.CURRENCIES:
        raise ValueError(
            f"unknown currency {currency!r}; expected one of {', '.join(tp.CURRENCIES)}"
        )
    tax = cell("tax_category", "general").lower()
    if tax not in tp.TAX_CATEGORIES:
        raise ValueError(
            f"unknown tax_category {tax!r}; expected one of {', '.join(tp.TAX_CATEGORIES)}"
        )
    unit = cell("unit", "piece").lower()
    if unit not in tp.UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(tp.UNITS)}")
    pack = tp.parse_decimal(cell("pack_size", "1"), "pack_size")
    if pack <= 0 or (unit == "piece" and pack != pack.to_integral_value()):
        raise ValueError(f"pack_size must be positive (and whole for pieces), got {pack}")
    barcodes = [
        tp.check_barcode(code)
        for code in cell("barcodes").replace("|", " ").replace(";", " ").split()
    ]
    if len(set(barcodes)) != len(barcodes):
        raise ValueError("a barcode is listed twice")
    active = cell("active").lower()
    if active not in _TRUE | _FALSE:
        raise ValueError(f"active must be yes or no, got {active!r}")
    return {
        "sku": sku,
        "name": name,
        "price": tp.money(price, currency),
        "tax_category": tax,
        "unit": unit,
        "barcodes": barcodes,
        "pack_size": tp.decimal_text(pack),
        "active": active in _TRUE,
    }


def _duplicates(states: list[tuple[int, dict[str, Any]]]) -> list[str]:
    problems = []
    skus: dict[str, int] = {}
    codes: dict[str, int] = {}
    for line, state in states:
        if state["sku"] in skus:
            problems.append(f"line {line}: sku {state['sku']} is also on line {skus[state['sku']]}")
        skus.setdefault(state["sku"], line)
        for code in state["barcodes"]:
            if code in codes:
                problems.append(f"line {line}: barcode {code} is also on line {codes[code]}")
            codes.setdefault(code, line)
    return problems


def _keep_unlisted(
    states: list[tuple[int, dict[str, Any]]], columns: set[str], known: dict[str, _Known]
) -> list[tuple[int, dict[str, Any]]]:
    """Known products keep HQ's value of every optional column the file does not have."""
    kept = []
    for line, state in states:
        before = known.get(state["sku"])
        if before is not None:
            state = dict(state)
            for column, name in _FIELD_OF_COLUMN.items():
                if column not in columns:
                    if name == "price":  # no currency column: the price is in HQ's currency
                        state["price"] = {
                            **state["price"],
                            "currency": before.state["price"]["currency"],
                        }
                    else:
                        state[name] = before.state[name]
        kept.append((line, state))
    return kept


@dataclass
class _Known:
    product_id: str
    state: dict[str, Any]
    version: int


def _known_products(conn: Connection, tenant_id: str) -> dict[str, _Known]:
    rows = conn.execute(select(t.hq_products).where(t.hq_products.c.tenant_id == tenant_id))
    return {r.sku: _Known(r.product_id, json.loads(r.state), int(r.version)) for r in rows}


def _plan(
    states: list[tuple[int, dict[str, Any]]], known: dict[str, _Known]
) -> tuple[list[tuple[HqEvent, dict[str, Any]]], ImportResult]:
    """Events (each with the state it leads to) for every line; CatalogErrors for changes the
    till cannot take (another currency, another pack size, a barcode of another product)."""
    owners = {code: sku for sku, k in known.items() for code in k.state["barcodes"]}
    drafts: list[tuple[HqEvent, dict[str, Any]]] = []
    problems: list[str] = []
    created = changed = 0
    for line, state in states:
        for code in state["barcodes"]:
            if owners.get(code, state["sku"]) != state["sku"]:
                problems.append(f"line {line}: barcode {code} belongs to product {owners[code]}")
        before = known.get(state["sku"])
        try:
            events = _changes(before, state)
        except ValueError as error:
            problems.append(f"line {line}: {error}")
            continue
        created += before is None
        changed += before is not None and bool(events)
        drafts.extend((event, state) for event in events)
    if problems:
        raise CatalogErrors(problems)
    return drafts, ImportResult(created, changed, len(states) - created - changed, len(drafts))


def _changes(before: _Known | None, state: dict[str, Any]) -> list[HqEvent]:
    if before is None:
        product_id = new_event_id()
        stream = f"product-{product_id}"
        events = [HqEvent("ProductCreated", stream, 1, tp.product_created(product_id, state))]
        if not state["active"]:
            events.append(HqEvent("ProductDeactivated", stream, 2, {"product_id": product_id}))
        return events
    old, pid = before.state, before.product_id
    if state["price"]["currency"] != old["price"]["currency"]:
        raise ValueError(
            f"the price is in {old['price']['currency']} at HQ; {state['price']['currency']} "
            "would change the reference currency"
        )
    if Decimal(state["pack_size"]) != Decimal(old["pack_size"]):
        raise ValueError(f"pack_size cannot change after creation (it is {old['pack_size']})")
    payloads: list[tuple[str, dict[str, Any]]] = []
    if state["name"] != old["name"]:
        payloads.append(("ProductRenamed", {"product_id": pid, "name": state["name"]}))
    if Decimal(state["price"]["amount"]) != Decimal(old["price"]["amount"]):
        payloads.append(
            (
                "ProductRepriced",
                {"product_id": pid, "old_price": old["price"], "new_price": state["price"]},
            )
        )
    payloads.extend(
        ("ProductBarcodeAdded", {"product_id": pid, "barcode": code})
        for code in state["barcodes"]
        if code not in old["barcodes"]
    )
    payloads.extend(
        ("ProductBarcodeRemoved", {"product_id": pid, "barcode": code})
        for code in old["barcodes"]
        if code not in state["barcodes"]
    )
    if state["tax_category"] != old["tax_category"]:
        payloads.append(
            (
                "ProductTaxCategoryChanged",
                {"product_id": pid, "tax_category": state["tax_category"]},
            )
        )
    if state["unit"] != old["unit"]:
        payloads.append(("ProductUnitChanged", {"product_id": pid, "unit": state["unit"]}))
    if state["active"] != old["active"]:
        kind = "ProductActivated" if state["active"] else "ProductDeactivated"
        payloads.append((kind, {"product_id": pid}))
    stream = f"product-{pid}"
    return [
        HqEvent(kind, stream, before.version + n, payload)
        for n, (kind, payload) in enumerate(payloads, start=1)
    ]


def _save_states(
    conn: Connection,
    tenant_id: str,
    drafts: list[tuple[HqEvent, dict[str, Any]]],
    known: dict[str, _Known],
) -> None:
    last: dict[str, tuple[HqEvent, dict[str, Any]]] = {}
    for event, state in drafts:
        last[state["sku"]] = (event, state)
    for sku, (event, state) in last.items():
        values = {"state": json.dumps(state, sort_keys=True), "version": event.version}
        if sku in known:
            conn.execute(
                update(t.hq_products)
                .where(t.hq_products.c.tenant_id == tenant_id, t.hq_products.c.sku == sku)
                .values(**values)
            )
        else:
            product_id = event.payload["product_id"]
            conn.execute(
                t.hq_products.insert().values(
                    tenant_id=tenant_id, sku=sku, product_id=product_id, **values
                )
            )
