"""This device's identity, kept in the database it signs (its hash chain belongs to it)."""

from __future__ import annotations

from sqlalchemy import Engine

from fluxion_desktop.adapters import local_meta
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction, raw_write_transaction
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.ports import IdGenerator


def load_or_create_identity(engine: Engine, ids: IdGenerator) -> DeviceIdentity:
    """The stored identity; a new device id on first start. Tenant and store stay "" until set.

    Only the first start writes (a read-only `status` must not wait for the till's write lock).
    """
    with raw_read_transaction(engine) as db:
        device_id = local_meta.get(db, "device_id")
    if device_id is None:
        with raw_write_transaction(engine) as db:
            device_id = local_meta.get(db, "device_id")  # another process may have been first
            if device_id is None:
                device_id = str(ids.new_id())
                local_meta.put(db, "device_id", device_id)
    with raw_read_transaction(engine) as db:
        tenant = local_meta.get(db, "tenant_id") or ""
        store = local_meta.get(db, "store_id") or ""
    return DeviceIdentity(tenant_id=tenant, store_id=store, device_id=device_id)


def assign_store(engine: Engine, tenant_id: str, store_id: str) -> None:
    """Bind this device to a tenant and store (first-run wizard or HQ enrolment)."""
    with raw_write_transaction(engine) as db:
        local_meta.put(db, "tenant_id", tenant_id)
        local_meta.put(db, "store_id", store_id)
