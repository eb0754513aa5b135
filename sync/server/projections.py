"""HQ's consolidated read models: stock per store and product, completed sales per day, the
tenant's user names.

`project` runs inside the ingest transaction with the events just stored (never duplicates, which
are not stored again), so each event counts exactly once. Stock is the sum of every device's
signed movements (ARCHITECTURE §3); a sale counts on the store's business day of its
`completed_at` (Caracas time, as the tills count it), in the currency of its reference total.
Quantities and amounts are Decimal, stored as text. A user name of the tenant belongs to the
user created first with it (HQ's or a till's), as on the tills; another UserCreated with the
name is stored like any event (a fact) but holds nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Select, Table, TextClause, bindparam, select, text

from sync.protocol import WireEvent
from sync.server import schema as t
from sync.server.database import in_parameter
from sync.server.till_payloads import USERNAME_PATTERN

log = logging.getLogger(__name__)

_Delta = Callable[[Mapping[str, Any]], Decimal]
_Names = tuple[str, ...]

# The signed change each stock movement makes (the till's inventory.stock_delta, by name).
STOCK_DELTAS: dict[str, _Delta] = {
    "StockReceived": lambda p: Decimal(p["quantity"]),
    "StockSaleReleased": lambda p: Decimal(p["quantity"]),
    "StockReturned": lambda p: Decimal(p["quantity"]),
    "StockTransferredIn": lambda p: Decimal(p["quantity"]),
    "StockSold": lambda p: -Decimal(p["quantity"]),
    "StockTransferredOut": lambda p: -Decimal(p["quantity"]),
    "StockAdjusted": lambda p: Decimal(p["delta"]),
    "StockCounted": lambda p: Decimal(p["difference"]),
}
# A Venezuelan store's business day: a sale at 21:00 in Caracas is that day's, as on the tills
# (fluxion_desktop's sales read model). HQ has no per-store time zone yet.
STORE_TIMEZONE = ZoneInfo("America/Caracas")
SALE_COMPLETED = "SaleCompleted"
USER_CREATED = "UserCreated"
_PROJECTED = frozenset((*STOCK_DELTAS, SALE_COMPLETED, USER_CREATED))


def project(conn: Connection, events: Iterable[WireEvent], moment: str) -> int:
    """Fold newly stored events into the projections (same transaction as the insert): one
    read and one upsert per table for the whole batch.

    Returns how many events the projections could not read: a malformed payload is stored and
    served like any other event, but logged and counted (the /metrics error count)."""
    unreadable = 0
    stock: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    sales: dict[tuple[str, str, str, str], list[Decimal]] = {}
    names: list[UserName] = []
    for event in events:
        kind = event.event_type
        if kind not in _PROJECTED:
            continue
        payload = event.payload
        try:
            if kind == SALE_COMPLETED:
                day, currency, total = _sale(payload)
                key = (event.tenant_id, event.store_id, day, currency)
                count_total = sales.setdefault(key, [Decimal(0), Decimal(0)])
                count_total[0] += 1
                count_total[1] += total
            elif kind == USER_CREATED:
                names.append(_user_name(event))
            else:
                key3 = (event.tenant_id, event.store_id, str(payload["product_id"]))
                stock[key3] += STOCK_DELTAS[kind](payload)
        except (KeyError, TypeError, ValueError, InvalidOperation) as error:
            unreadable += 1
            log.warning("event %s (%s) not projected: %r", event.event_id, kind, error)
    if stock:
        _add_stock(conn, stock, moment)
    if sales:
        _add_sales(conn, sales)
    if names:
        claim_user_names(conn, names)
    return unreadable


def _sale(payload: Mapping[str, Any]) -> tuple[str, str, Decimal]:
    total = payload["totals"]["reference"]["total"]
    completed = datetime.fromisoformat(payload["completed_at"])
    if completed.utcoffset() is None:
        raise ValueError("completed_at has no UTC offset")
    return (
        completed.astimezone(STORE_TIMEZONE).date().isoformat(),
        str(total["currency"]),
        Decimal(total["amount"]),
    )


@dataclass(frozen=True, slots=True)
class UserName:
    """A user name as a UserCreated claims it in its tenant (`device_id` "hq" for HQ's)."""

    tenant_id: str
    username: str
    user_id: str
    store_id: str
    device_id: str
    event_id: str


def _user_name(event: WireEvent) -> UserName:
    payload = event.payload
    username, user_id = payload["username"], payload["user_id"]
    if not (isinstance(username, str) and USERNAME_PATTERN.fullmatch(username)):
        raise ValueError(f"username {username!r} is not a till user name")
    if not (isinstance(user_id, str) and 0 < len(user_id) <= 64):
        raise ValueError(f"user_id {user_id!r} is not an id")
    return UserName(
        event.tenant_id, username, user_id, event.store_id, event.device_id, event.event_id
    )


def claim_user_names(conn: Connection, names: Sequence[UserName]) -> list[UserName]:
    """Record who holds each name of `names` in its tenant. As on every till (its users read
    model), the user created first holds a name two users were created with, whatever order
    their events arrive in: the smaller user id, time-ordered (UUIDv7). One statement, and
    two more only when a name is held already. Returns the claims that do not hold their
    name (refused, or displaced by an earlier user), each logged as a warning; a repeat of a
    recorded claim changes nothing."""
    first: dict[tuple[str, str], UserName] = {}
    refused: list[UserName] = []
    for name in names:
        key = (name.tenant_id, name.username)
        kept = first.setdefault(key, name)
        if kept.user_id != name.user_id:
            first[key], loser = (name, kept) if name.user_id < kept.user_id else (kept, name)
            refused.append(loser)
    rows = [asdict(name) for name in first.values()]
    recorded = conn.execute(_CLAIM_NAMES, rows)
    if recorded.rowcount != len(rows):  # a name was held before (or the driver cannot say)
        refused += _settle(conn, list(first.values()))
    for name in refused:
        log.warning(
            "user name %r of tenant %s belongs to a user created earlier: user %s (%s, "
            "device %s) does not hold it",
            name.username, name.tenant_id, name.user_id, name.event_id, name.device_id,
        )  # fmt: skip
    return refused


def user_name_holder(conn: Connection, tenant_id: str, username: str) -> UserName | None:
    """Who holds `username` in the tenant, if anyone."""
    found = conn.execute(_HOLDER, {"tenant_id": tenant_id, "username": username}).first()
    return None if found is None else UserName(*found)


def _settle(conn: Connection, names: list[UserName]) -> list[UserName]:
    """Claims of names already held: the earlier user keeps the name or takes it over."""
    keys = ("tenant_id", "username")
    held = {
        (row[0], row[1]): UserName(*row)
        for row in conn.execute(
            _current(conn, t.user_names, keys, _NAME_COLUMNS[2:]),
            _lists(keys, [(n.tenant_id, n.username) for n in names]),
        )
    }
    refused: list[UserName] = []
    earlier: list[UserName] = []
    for name in names:
        holder = held.get((name.tenant_id, name.username))
        if holder is None or holder.user_id == name.user_id:
            continue
        if name.user_id < holder.user_id:
            earlier.append(name)
            refused.append(holder)
        else:
            refused.append(name)
    if earlier:
        conn.execute(_RECLAIM_NAMES, [asdict(name) for name in earlier])
    return refused


def _add_stock(conn: Connection, deltas: dict[tuple[str, str, str], Decimal], moment: str) -> None:
    table = t.stock_levels
    names = ("tenant_id", "store_id", "product_id")
    current = {
        (row[0], row[1], row[2]): Decimal(row[3])
        for row in conn.execute(_current(conn, table, names, ("quantity",)), _lists(names, deltas))
    }
    rows = [
        {
            "tenant_id": k[0],
            "store_id": k[1],
            "product_id": k[2],
            "updated_at": moment,
            "quantity": format(current.get(k, Decimal(0)) + delta, "f"),
        }
        for k, delta in deltas.items()
    ]
    _upsert(conn, table, rows, names, ("quantity", "updated_at"))


def _add_sales(conn: Connection, sums: dict[tuple[str, str, str, str], list[Decimal]]) -> None:
    table = t.daily_sales
    names = ("tenant_id", "store_id", "day", "currency")
    current = {
        (row[0], row[1], row[2], row[3]): (int(row[4]), Decimal(row[5]))
        for row in conn.execute(
            _current(conn, table, names, ("sales", "total")), _lists(names, sums)
        )
    }
    rows = []
    for k, (count, total) in sums.items():
        before_count, before_total = current.get(k, (0, Decimal(0)))
        rows.append(
            {
                "tenant_id": k[0],
                "store_id": k[1],
                "day": k[2],
                "currency": k[3],
                "sales": before_count + int(count),
                "total": format(before_total + total, "f"),
            }
        )
    _upsert(conn, table, rows, names, ("sales", "total"))


def _current(conn: Connection, table: Table, keys: _Names, values: _Names) -> Select[Any]:
    """The rows of `table` whose key columns are each in a list bound by the column's name: a
    superset of the keys wanted, which an index serves (the caller picks the exact keys)."""
    return _current_statement(conn.dialect.name, table, keys, values)


@cache
def _current_statement(dialect: str, table: Table, keys: _Names, values: _Names) -> Select[Any]:
    # Built once per table and backend: a statement made per batch costs more in SQLAlchemy's
    # cache key than the database spends on it.
    columns = [table.c[name] for name in (*keys, *values)]
    return select(*columns).where(*(in_parameter(dialect, table.c[k], k) for k in keys))


def _lists(keys: _Names, wanted: Iterable[tuple[str, ...]]) -> dict[str, list[str]]:
    listed = list(wanted)
    return {name: sorted({key[n] for key in listed}) for n, name in enumerate(keys)}


def _upsert(
    conn: Connection, table: Table, rows: list[dict[str, Any]], keys: _Names, values: _Names
) -> None:
    """Insert `rows`, or update `values` where the key exists: one statement per batch."""
    conn.execute(_upsert_statement(table, keys, values), rows)


@cache
def _upsert_statement(table: Table, keys: _Names, values: _Names) -> TextClause:
    # Text, the same on SQLite and PostgreSQL: the dialects' on_conflict_do_update statements
    # have no cache key, so SQLAlchemy compiled them anew for every batch (~10 % of a push).
    names = (*keys, *values)
    quoted = {name: f'"{name}"' for name in names}
    return text(
        f'INSERT INTO "{table.name}" ({", ".join(quoted[n] for n in names)}) '
        f"VALUES ({', '.join(':' + name for name in names)}) "
        f"ON CONFLICT ({', '.join(quoted[n] for n in keys)}) DO UPDATE SET "
        + ", ".join(f"{quoted[n]} = excluded.{quoted[n]}" for n in values)
    )


_NAME_COLUMNS = ("tenant_id", "username", "user_id", "store_id", "device_id", "event_id")
# Built once; text, the same on SQLite and PostgreSQL (see `_upsert_statement`).
_CLAIM_NAMES = text(
    f"INSERT INTO user_names ({', '.join(_NAME_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _NAME_COLUMNS)}) "
    "ON CONFLICT (tenant_id, username) DO NOTHING"
)
_RECLAIM_NAMES = text(
    "UPDATE user_names SET "
    + ", ".join(f"{name} = :{name}" for name in _NAME_COLUMNS[2:])
    + " WHERE tenant_id = :tenant_id AND username = :username"
)
_HOLDER = select(*(t.user_names.c[name] for name in _NAME_COLUMNS)).where(
    t.user_names.c.tenant_id == bindparam("tenant_id"),
    t.user_names.c.username == bindparam("username"),
)
