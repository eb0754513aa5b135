"""Tenants, stores, enrolment codes, staff tokens and device revocation (HQ administration)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update

from sync.server import schema as t
from sync.server.clock import utc_text
from sync.server.credentials import (
    digest,
    new_enrollment_code,
    new_id,
    new_token,
    normalise_code,
)
from sync.server.database import Database
from sync.server.errors import Invalid, NotFound

ENROLLMENT_CODE_LIFETIME = timedelta(days=7)


def create_tenant(db: Database, name: str, now: datetime) -> str:
    """A new tenant; its id."""
    name = _name(name, "tenant name")
    tenant_id = new_id()
    with db.write() as conn:
        conn.execute(
            t.tenants.insert().values(tenant_id=tenant_id, name=name, created_at=utc_text(now))
        )
    return tenant_id


def create_store(db: Database, tenant_id: str, name: str, now: datetime) -> str:
    """A new store of `tenant_id` (NotFound if there is no such tenant); its id."""
    name = _name(name, "store name")
    store_id = new_id()
    with db.write() as conn:
        require_tenant(conn, tenant_id)
        conn.execute(
            t.stores.insert().values(
                store_id=store_id, tenant_id=tenant_id, name=name, created_at=utc_text(now)
            )
        )
    return store_id


def create_enrollment_code(
    db: Database, store_id: str, now: datetime, lifetime: timedelta = ENROLLMENT_CODE_LIFETIME
) -> str:
    """A one-time code enrolling one device into `store_id`; only its hash is kept."""
    code = new_enrollment_code()
    with db.write() as conn:
        tenant_id = conn.execute(
            select(t.stores.c.tenant_id).where(t.stores.c.store_id == store_id)
        ).scalar()
        if tenant_id is None:
            raise NotFound(f"no store {store_id!r}")
        conn.execute(
            t.enrollment_codes.insert().values(
                code_hash=digest(normalise_code(code)),
                tenant_id=tenant_id,
                store_id=store_id,
                created_at=utc_text(now),
                expires_at=utc_text(now + lifetime),
            )
        )
    return code


def create_staff_token(db: Database, tenant_id: str, now: datetime) -> str:
    """A bearer token for the read API of `tenant_id`; shown once, only its hash kept."""
    token = new_token()
    with db.write() as conn:
        require_tenant(conn, tenant_id)
        conn.execute(
            t.staff_tokens.insert().values(
                token_hash=digest(token), tenant_id=tenant_id, created_at=utc_text(now)
            )
        )
    return token


def revoke_device(db: Database, device_id: str, now: datetime) -> None:
    """Revoke the device and every token it holds (NotFound if unknown); its events stay."""
    moment = utc_text(now)
    with db.write() as conn:
        found = conn.execute(
            update(t.devices).where(t.devices.c.device_id == device_id).values(revoked_at=moment)
        )
        if found.rowcount != 1:
            raise NotFound(f"no device {device_id!r}")
        conn.execute(
            update(t.device_tokens)
            .where(t.device_tokens.c.device_id == device_id, t.device_tokens.c.revoked_at.is_(None))
            .values(revoked_at=moment)
        )


def require_tenant(conn: Connection, tenant_id: str) -> None:
    """NotFound unless `tenant_id` exists."""
    found = conn.execute(select(t.tenants.c.tenant_id).where(t.tenants.c.tenant_id == tenant_id))
    if found.first() is None:
        raise NotFound(f"no tenant {tenant_id!r}")


def _name(name: str, what: str) -> str:
    cleaned = name.strip()
    if not 1 <= len(cleaned) <= 200:
        raise Invalid(f"the {what} must have 1 to 200 characters")
    return cleaned


def require_store_of(conn: Connection, tenant_id: str, store_id: str) -> None:
    """NotFound unless `store_id` is a store of `tenant_id`."""
    found = conn.execute(
        select(t.stores.c.store_id).where(
            t.stores.c.store_id == store_id, t.stores.c.tenant_id == tenant_id
        )
    )
    if found.first() is None:
        raise NotFound(f"no store {store_id!r} in tenant {tenant_id!r}")
