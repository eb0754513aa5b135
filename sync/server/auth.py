"""Who a bearer token is: a device (sync API) or a tenant's staff (read API); enrolment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, select, update

from sync.protocol import GENESIS_HASH, EnrollRequest, EnrollResponse
from sync.server import schema as t
from sync.server.clock import utc_text
from sync.server.credentials import digest, new_token, normalise_code
from sync.server.database import Database
from sync.server.errors import DeviceTaken, Forbidden, Unauthorized


@dataclass(frozen=True, slots=True)
class DeviceCaller:
    """The device a valid device token belongs to."""

    device_id: str
    tenant_id: str
    store_id: str
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class StaffCaller:
    tenant_id: str


def bearer(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header; Unauthorized otherwise."""
    if not authorization:
        raise Unauthorized("an Authorization: Bearer <token> header is required")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be 'Bearer <token>'")
    return token.strip()


# Built once: a statement made per request spends longer on SQLAlchemy's cache key than the
# database spends on the query (every push asks it).
_DEVICE_OF_TOKEN = (
    select(
        t.devices.c.device_id, t.devices.c.tenant_id, t.devices.c.store_id, t.devices.c.last_seen
    )
    .join(t.device_tokens, t.device_tokens.c.device_id == t.devices.c.device_id)
    .where(
        t.device_tokens.c.token_hash == bindparam("token_hash"),
        t.device_tokens.c.revoked_at.is_(None),
        t.devices.c.revoked_at.is_(None),
    )
)


def device_caller(db: Database, token: str) -> DeviceCaller:
    """The device holding `token`: Unauthorized when unknown or revoked, Forbidden when it is
    a staff token (valid, but not for the sync API)."""
    hashed = digest(token)
    with db.read() as conn:
        row = conn.execute(_DEVICE_OF_TOKEN, {"token_hash": hashed}).first()
        if row is None:
            if _staff_tenant(conn, hashed) is not None:
                raise Forbidden("a staff token cannot use the device sync API")
            raise Unauthorized("unknown or revoked device token")
    return DeviceCaller(row.device_id, row.tenant_id, row.store_id, row.last_seen)


def staff_caller(db: Database, token: str) -> StaffCaller:
    """The tenant a staff token reads: Unauthorized when unknown or revoked, Forbidden for a
    device token."""
    hashed = digest(token)
    with db.read() as conn:
        tenant_id = _staff_tenant(conn, hashed)
        if tenant_id is None:
            device = conn.execute(
                select(t.device_tokens.c.device_id).where(
                    t.device_tokens.c.token_hash == hashed, t.device_tokens.c.revoked_at.is_(None)
                )
            ).first()
            if device is not None:
                raise Forbidden("a device token cannot use the staff read API")
            raise Unauthorized("unknown or revoked staff token")
    return StaffCaller(tenant_id)


def _staff_tenant(conn: Connection, hashed: str) -> str | None:
    return conn.execute(
        select(t.staff_tokens.c.tenant_id).where(
            t.staff_tokens.c.token_hash == hashed, t.staff_tokens.c.revoked_at.is_(None)
        )
    ).scalar()


def enroll(db: Database, request: EnrollRequest, now: datetime) -> EnrollResponse:
    """Spend a one-time code: register the device (or re-enrol it at its own store, keeping its
    chain and revoking its old tokens) and hand out a fresh token."""
    moment = utc_text(now)
    code_hash = digest(normalise_code(request.code))
    token = new_token()
    with db.write() as conn:
        code = conn.execute(
            select(t.enrollment_codes).where(t.enrollment_codes.c.code_hash == code_hash)
        ).first()
        if code is None or code.used_at is not None or code.expires_at <= moment:
            raise Unauthorized("unknown, used or expired enrolment code")
        _register_device(conn, request, code.tenant_id, code.store_id, moment)
        spent = conn.execute(
            update(t.enrollment_codes)
            .where(
                t.enrollment_codes.c.code_hash == code_hash, t.enrollment_codes.c.used_at.is_(None)
            )
            .values(used_at=moment, used_by=request.device_id)
        )
        if spent.rowcount != 1:
            raise Unauthorized("unknown, used or expired enrolment code")
        conn.execute(
            t.device_tokens.insert().values(
                token_hash=digest(token), device_id=request.device_id, created_at=moment
            )
        )
        return EnrollResponse(
            tenant_id=code.tenant_id,
            store_id=code.store_id,
            device_id=request.device_id,
            token=token,
        )


def _register_device(
    conn: Connection, request: EnrollRequest, tenant_id: str, store_id: str, moment: str
) -> None:
    known = conn.execute(
        select(t.devices.c.tenant_id, t.devices.c.store_id).where(
            t.devices.c.device_id == request.device_id
        )
    ).first()
    if known is None:
        conn.execute(
            t.devices.insert().values(
                device_id=request.device_id,
                tenant_id=tenant_id,
                store_id=store_id,
                name=request.device_name,
                enrolled_at=moment,
                head_position=0,
                head_hash=GENESIS_HASH,
                event_count=0,
            )
        )
        return
    if (known.tenant_id, known.store_id) != (tenant_id, store_id):
        raise DeviceTaken(f"device {request.device_id!r} is enrolled at another store")
    conn.execute(
        update(t.devices)
        .where(t.devices.c.device_id == request.device_id)
        .values(name=request.device_name, revoked_at=None)
    )
    conn.execute(
        update(t.device_tokens)
        .where(
            t.device_tokens.c.device_id == request.device_id, t.device_tokens.c.revoked_at.is_(None)
        )
        .values(revoked_at=moment)
    )


def touch(db: Database, device: DeviceCaller, now: datetime, every_seconds: int = 30) -> None:
    """Record that the device was seen, at most once per `every_seconds` (a write per pull
    would serialise readers on SQLite)."""
    moment = utc_text(now)
    if device.last_seen is not None:
        last = datetime.fromisoformat(device.last_seen)
        if (now - last).total_seconds() < every_seconds:
            return
    with db.write() as conn:
        conn.execute(
            update(t.devices)
            .where(t.devices.c.device_id == device.device_id)
            .values(last_seen=moment)
        )
