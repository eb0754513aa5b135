"""Who this till is: the tenant, store and device every event it writes is stamped with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    tenant_id: str
    store_id: str
    device_id: str
