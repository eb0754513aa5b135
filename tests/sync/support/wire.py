"""Test-side helpers to talk sync v1 to a real HQ: a raw HTTP client and a device chain that
makes well-formed (or deliberately bad) events. Not the device client (sync/client)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from sync.protocol import (
    ENROLL_PATH,
    GENESIS_HASH,
    PROTOCOL_HEADER,
    PULL_PATH,
    PUSH_PATH,
    STATUS_PATH,
    EnrollRequest,
    PushRequest,
    WireEvent,
    chain_hash,
    dump_gzip,
    dump_json,
)

PROTOCOL = {PROTOCOL_HEADER: "1"}


class HqHttp:
    """Raw sync v1 calls; each returns the httpx.Response (tests assert status and body)."""

    def __init__(self, url: str, timeout: float = 30) -> None:
        self.http = httpx.Client(base_url=url, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def enroll(self, code: str, device_id: str, name: str = "Caja 1") -> httpx.Response:
        body = EnrollRequest(code=code, device_id=device_id, device_name=name)
        return self.http.post(
            ENROLL_PATH,
            content=dump_json(body),
            headers={**PROTOCOL, "Content-Type": "application/json"},
        )

    def push(self, token: str, request: PushRequest, gzip: bool = True) -> httpx.Response:
        headers = {**PROTOCOL, **auth(token), "Content-Type": "application/json"}
        if gzip:
            headers["Content-Encoding"] = "gzip"
            return self.http.post(PUSH_PATH, content=dump_gzip(request), headers=headers)
        return self.http.post(PUSH_PATH, content=dump_json(request), headers=headers)

    def pull(self, token: str, cursor: int = 0, limit: int = 500) -> httpx.Response:
        return self.http.get(
            PULL_PATH,
            params={"cursor": cursor, "limit": limit},
            headers={**PROTOCOL, **auth(token)},
        )

    def status(self, token: str) -> httpx.Response:
        return self.http.get(STATUS_PATH, headers={**PROTOCOL, **auth(token)})

    def get(self, path: str, token: str | None = None) -> httpx.Response:
        return self.http.get(path, headers={**PROTOCOL, **(auth(token) if token else {})})


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass
class DeviceChain:
    """A device's own log, as the till would hold it: events with positions and hashes."""

    tenant_id: str
    store_id: str
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    token: str = ""
    events: list[WireEvent] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    position: int = 0
    versions: dict[str, int] = field(default_factory=dict)

    def write(
        self,
        count: int = 1,
        event_type: str = "NoteRecorded",
        stream_id: str | None = None,
        payload: dict[str, Any] | None = None,
        gap: int = 0,
        **overrides: Any,
    ) -> list[WireEvent]:
        """Append `count` events (one stream unless `stream_id` is given per call); `gap` skips
        positions first, as pulled events take positions on a real till."""
        written = []
        self.position += gap
        for _ in range(count):
            stream = stream_id or f"note-{uuid.uuid4()}"
            version = self.versions.get(stream, 0) + 1
            self.versions[stream] = version
            self.position += 1
            fields: dict[str, Any] = {
                "event_id": str(uuid.uuid4()),
                "event_type": event_type,
                "schema_version": 1,
                "stream_id": stream,
                "version": version,
                "tenant_id": self.tenant_id,
                "store_id": self.store_id,
                "device_id": self.device_id,
                "user_id": None,
                "occurred_at": now_text(),
                "position": self.position,
                "payload": payload if payload is not None else {"text": f"note {self.position}"},
                "metadata": {},
            }
            fields.update(overrides)
            event = WireEvent.model_validate(fields)
            self.hashes.append(chain_hash(event, self.hashes[-1] if self.hashes else GENESIS_HASH))
            self.events.append(event)
            written.append(event)
        return written

    def batch(self, start: int = 0, end: int | None = None) -> PushRequest:
        """The push request of events[start:end] (list indexes, not positions)."""
        events = self.events[start:end]
        prev = self.hashes[start - 1] if start > 0 else GENESIS_HASH
        last = self.hashes[(end if end is not None else len(self.events)) - 1]
        return PushRequest(device_id=self.device_id, prev_hash=prev, last_hash=last, events=events)


def enrolled_device(
    http: HqHttp, code: str, tenant_id: str, store_id: str, name: str = "Caja 1"
) -> DeviceChain:
    """A DeviceChain whose device enrolled with `code` (asserts success)."""
    device = DeviceChain(tenant_id, store_id)
    response = http.enroll(code, device.device_id, name)
    assert response.status_code == 200, response.text
    device.token = response.json()["token"]
    return device
