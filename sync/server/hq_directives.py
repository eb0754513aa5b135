"""HQ-authored users and exchange rates (`fluxion-hq add-user`, `fluxion-hq set-rate`).

A user name is the tenant's once any UserCreated has it, HQ's or a till's (the `user_names`
projection): `add_user` refuses it rather than let the tills' users table replace a user."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, select

from sync.protocol import ALL_STORES, HQ_DEVICE_ID
from sync.server import schema as t
from sync.server import till_payloads as tp
from sync.server.database import Database
from sync.server.errors import Invalid
from sync.server.hq_writer import HqEvent, append_hq_events, new_event_id, stream_version
from sync.server.projections import UserName, claim_user_names, user_name_holder
from sync.server.tenancy import require_store_of, require_tenant

RATES_STREAM = "rates-hq"  # the till's RateBoard stream of the writer "hq"


def add_user(
    db: Database,
    tenant_id: str,
    username: str,
    display_name: str,
    role: str,
    pin: str,
    now: datetime,
    store_id: str = ALL_STORES,
    pin_cost: int = tp.PIN_N,
) -> str:
    """A user every till of the tenant (or of `store_id`) pulls: UserCreated with the PIN's
    scrypt hash (the PIN itself is never stored). Returns the new user id."""
    name = username.strip().lower()
    if not tp.USERNAME_PATTERN.fullmatch(name):
        raise Invalid(
            "username must be 1 to 32 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    shown = display_name.strip()
    if not shown:
        raise Invalid("the display name is required")
    role = role.strip().lower()
    if role not in tp.ROLES:
        raise Invalid(f"unknown role {role!r}; expected one of {', '.join(tp.ROLES)}")
    try:
        pin_hash = tp.hash_pin(pin, n=pin_cost)
    except ValueError as error:
        raise Invalid(str(error)) from None
    user_id = new_event_id()
    with db.write(tenant_id) as conn:
        require_tenant(conn, tenant_id)
        if store_id:
            require_store_of(conn, tenant_id, store_id)
        holder = user_name_holder(conn, tenant_id, name)
        if holder is not None:
            raise Invalid(
                f"the user name {name!r} is taken in this tenant ({_who(conn, holder)}); "
                "choose another name"
            )
        payload = tp.user_created(user_id, name, shown, role, pin_hash)
        rows = append_hq_events(
            conn, tenant_id, [HqEvent("UserCreated", f"user-{user_id}", 1, payload, store_id)], now
        )
        claim = UserName(tenant_id, name, user_id, store_id, HQ_DEVICE_ID, rows[0]["event_id"])
        claim_user_names(conn, [claim])
        conn.execute(
            t.hq_users.insert().values(
                tenant_id=tenant_id, username=name, user_id=user_id, version=1, active=True
            )
        )
    return user_id


def _who(conn: Connection, holder: UserName) -> str:
    """Who created the user holding a name, for the refusal."""
    if holder.device_id == HQ_DEVICE_ID:
        return "HQ added it"
    store = conn.execute(
        select(t.stores.c.name).where(t.stores.c.store_id == holder.store_id)
    ).scalar()
    where = f"store {store!r}" if store else f"store {holder.store_id}"
    return f"a till of {where} created it, device {holder.device_id}"


def set_rate(
    db: Database,
    tenant_id: str,
    rate: str,
    now: datetime,
    base: str = "USD",
    quote: str = "VES",
    effective: str | None = None,
    source: str = "BCV",
    store_id: str = ALL_STORES,
) -> str:
    """ExchangeRateRecorded on HQ's rate board for the tenant (or one store). Returns the
    event id."""
    base, quote = base.strip().upper(), quote.strip().upper()
    for name, code in (("base", base), ("quote", quote)):
        if code not in tp.CURRENCIES:
            raise Invalid(
                f"unknown {name} currency {code!r}; expected one of {', '.join(tp.CURRENCIES)}"
            )
    if base == quote:
        raise Invalid(f"an exchange rate needs two currencies, got {base} twice")
    try:
        value = tp.parse_decimal(rate, "rate")
    except ValueError as error:
        raise Invalid(str(error)) from None
    if value <= Decimal(0):
        raise Invalid(f"rate must be positive, got {value}")
    try:
        day = date.fromisoformat(effective) if effective else now.date()
    except ValueError:
        raise Invalid(f"the date must be YYYY-MM-DD, got {effective!r}") from None
    if not source.strip():
        raise Invalid("source must name where the rate came from, e.g. BCV")
    payload = tp.exchange_rate_recorded(base, quote, value, day.isoformat(), source.strip())
    with db.write(tenant_id) as conn:
        require_tenant(conn, tenant_id)
        if store_id:
            require_store_of(conn, tenant_id, store_id)
        version = stream_version(conn, tenant_id, RATES_STREAM) + 1
        rows = append_hq_events(
            conn,
            tenant_id,
            [HqEvent("ExchangeRateRecorded", RATES_STREAM, version, payload, store_id)],
            now,
        )
    return str(rows[0]["event_id"])
