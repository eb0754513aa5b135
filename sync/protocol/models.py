"""Pydantic v2 models of every body of sync v1 (requests, responses, errors)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sync.protocol.constants import MAX_PUSH_EVENTS

Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256, 64 lowercase hex")]
EventId = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="UUID text, lowercase, as the writer stored it",
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=64)]
JsonObject = dict[str, Any]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Response(BaseModel):
    model_config = ConfigDict(frozen=True)


_SCALARS = frozenset({str, int, bool, type(None)})


def _is_plain(value: Any) -> bool:
    """True when `value` holds only plain JSON without floats (a tight loop: this runs on every
    event HQ ingests; only a "no" pays for `_plain_json`, which names the offending path)."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind not in _SCALARS:
            return False
    return True


def _plain_json(value: Any, path: str) -> None:
    """Only str, int, bool, null, lists and objects: money is decimal text, never a float
    (a float would not survive canonical re-encoding byte for byte)."""
    if value is None or type(value) in (str, int, bool):
        return
    if isinstance(value, float):
        raise ValueError(f"{path} is a float; money and quantities are decimal strings")
    if isinstance(value, dict):
        for key, item in value.items():
            _plain_json(item, f"{path}.{key}")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _plain_json(item, f"{path}[{index}]")
        return
    raise ValueError(f"{path} holds a {type(value).__name__}, which is not plain JSON")


class WireEvent(_Request):
    """One event envelope (ARCHITECTURE.md §3). `prev_hash`/`hash` are omitted in a push (HQ
    recomputes the chain) and always present in a pull."""

    event_id: EventId
    event_type: Annotated[str, Field(min_length=1, max_length=100)]
    schema_version: Annotated[int, Field(ge=1, le=2**31 - 1)] = 1
    stream_id: Annotated[str, Field(min_length=1, max_length=200)]
    version: Annotated[int, Field(ge=1, le=2**62)]
    tenant_id: Name
    store_id: Annotated[str, Field(max_length=64, description='"" only for HQ events')]
    device_id: Name
    user_id: Annotated[str, Field(max_length=64)] | None = None
    occurred_at: Annotated[
        str,
        Field(
            min_length=20,
            max_length=40,
            description="ISO-8601 UTC text exactly as the writer stored it (hashed as is)",
        ),
    ]
    position: Annotated[int, Field(ge=1, le=2**62, description="the writer's local position")]
    payload: JsonObject
    metadata: JsonObject = Field(default_factory=dict)
    prev_hash: Hash | None = None
    hash: Hash | None = None

    @field_validator("occurred_at")
    @classmethod
    def _aware_time(cls, value: str) -> str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("occurred_at is not an ISO-8601 date and time") from None
        if moment.utcoffset() is None:
            raise ValueError("occurred_at must carry a UTC offset")
        return value

    @field_validator("payload", "metadata")
    @classmethod
    def _plain(cls, value: JsonObject, info: Any) -> JsonObject:
        if not _is_plain(value):
            _plain_json(value, info.field_name)
        return value

    def header(self) -> dict[str, Any]:
        """The ten hashed header fields (see `sync.protocol.chain.HEADER_FIELDS`)."""
        return {
            "device_id": self.device_id,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "occurred_at": self.occurred_at,
            "schema_version": self.schema_version,
            "store_id": self.store_id,
            "stream_id": self.stream_id,
            "tenant_id": self.tenant_id,
            "user_id": self.user_id,
            "version": self.version,
        }


class PushRequest(_Request):
    """`POST /v1/sync/push`: a device's own events, in its position order (strictly rising).

    `prev_hash` is the chain hash just before the first event (GENESIS_HASH for the device's
    first event); HQ recomputes the chain through the batch and must reach `last_hash`.
    `pending` (optional) is how many of its own events the device still holds after this
    batch; HQ shows it as the device's lag.

    Compact form (what `wire.dump_json` sends, to save bytes): an event may leave out
    `device_id` (then it is the request's `device_id`) and `tenant_id` / `store_id` (then they
    are the request's `tenant_id` / `store_id`). Reading fills them in before anything else, so
    the model always holds complete events."""

    device_id: Name
    prev_hash: Hash
    last_hash: Hash
    events: Annotated[list[WireEvent], Field(min_length=1, max_length=MAX_PUSH_EVENTS)]
    pending: Annotated[int, Field(ge=0, le=2**62)] | None = None
    tenant_id: Name | None = None
    store_id: Annotated[str, Field(max_length=64)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            return data
        shared = {
            name: data[name]
            for name in ("device_id", "tenant_id", "store_id")
            if data.get(name) is not None
        }
        if not shared:
            return data
        events = [
            {**shared, **event} if isinstance(event, dict) else event for event in data["events"]
        ]
        return {**data, "events": events}


class EventIssue(_Response):
    """An event of a push HQ recorded but did not store as a normal event."""

    event_id: str
    reason: str


class PushResponse(_Response):
    """`acked_position`: the highest position of this device HQ holds contiguously by chain
    (0: none); `last_hash`: the chain hash at that position (GENESIS_HASH when 0). `accepted`
    counts newly stored events, `duplicates` events HQ already held identically."""

    acked_position: int
    last_hash: Hash
    accepted: int
    duplicates: int
    conflicts: list[EventIssue] = Field(default_factory=list)
    rejected: list[EventIssue] = Field(default_factory=list)


class StatusResponse(_Response):
    """`GET /v1/sync/status`. `pull_high_water` is the pull cursor at which the device is
    current: a pull from there returns nothing new until more is ingested."""

    device_id: str
    tenant_id: str
    store_id: str
    acked_position: int
    last_hash: Hash
    pull_high_water: int


class PullResponse(_Response):
    """`GET /v1/sync/pull?cursor=N&limit=M`: events with `seq > cursor` the device must know,
    in HQ ingest order, each with its hashes. Continue from `next_cursor` (it can move past
    events the device need not see); `has_more` says another page is waiting now."""

    events: list[WireEvent]
    next_cursor: int
    has_more: bool


class EnrollRequest(_Request):
    """`POST /v1/enroll` (no token): a one-time code from `fluxion-hq enroll-code`."""

    code: Annotated[str, Field(min_length=1, max_length=200)]
    device_id: Name
    device_name: Annotated[str, Field(min_length=1, max_length=200)]


class EnrollResponse(_Response):
    """The device's bearer token: shown once, HQ keeps only its SHA-256."""

    tenant_id: str
    store_id: str
    device_id: str
    token: str


class ErrorBody(_Response):
    """Every error response: `error` is an `ErrorCode` value, `detail` a human sentence."""

    error: str
    detail: str


class ChainForkBody(ErrorBody):
    """409 chain_fork: what HQ holds for the device, so the alarm can say where they part."""

    acked_position: int
    last_hash: Hash


class DeviceSummary(_Response):
    """A device of a store at HQ. `last_seen`: ISO-8601 UTC of its last authenticated request
    (null: never). `lag_events`: the `pending` count it reported in its last push.
    `lag_seconds`: seconds since `last_seen` while `lag_events` > 0, else 0."""

    device_id: str
    name: str
    acked_position: int
    last_seen: str | None
    lag_events: int
    lag_seconds: int
    revoked: bool


class StoreSummary(_Response):
    """`GET /v1/stores/{store_id}/summary` (staff token). `events`: how many events written
    by this store's devices HQ holds."""

    store_id: str
    tenant_id: str
    name: str
    events: int
    devices: list[DeviceSummary]


class StockItem(_Response):
    """Units of one product at one store: the sum of every movement HQ holds (decimal text)."""

    product_id: str
    quantity: str
    updated_at: str


class StoreStock(_Response):
    """`GET /v1/stores/{store_id}/stock` (staff token)."""

    store_id: str
    items: list[StockItem]


class DailySales(_Response):
    """Completed sales of one store on one day (UTC) in one currency; amounts decimal text."""

    day: str
    currency: str
    sales: int
    total: str


class StoreDailySales(_Response):
    """`GET /v1/stores/{store_id}/daily-sales` (staff token)."""

    store_id: str
    days: list[DailySales]


class Health(_Response):
    """`GET /health` (no auth)."""

    status: str
    database: str
