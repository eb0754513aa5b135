"""Sync protocol v1: the wire models and pure functions the device client and HQ share.

Imports nothing of the desktop app or the server. What the spec left open is decided here:

* Header `X-Fluxion-Protocol: 1` on every `/v1/...` request; a missing header or another major
  version (the text before an optional ".minor") -> 400 `unsupported_protocol`. `/health`,
  `/metrics` and `/openapi.json` need no header.
* Request bodies: JSON, optionally `Content-Encoding: gzip` (`wire.dump_gzip`). Limits
  (`constants`): MAX_BODY_BYTES on the wire, MAX_DECOMPRESSED_BYTES inflated -> 413;
  1..MAX_PUSH_EVENTS events per push, else 422. Responses over 1 KiB are gzip'd when the
  client sends `Accept-Encoding: gzip` (httpx does, and decodes them itself).
* Errors: `ErrorBody{error, detail}` with `error` an `ErrorCode`; a 409 chain_fork carries
  `ChainForkBody` (adds HQ's `acked_position`, `last_hash`). 401/403/409/413/422: nothing
  stored. 5xx and network errors: retry the same batch (pushes are idempotent).
* Tokens: `Authorization: Bearer <token>`, 43 url-safe characters (32 random bytes).
* Enrolment: a code works once; a wrong or used code -> 401. Enrolling a `device_id` that
  another store or tenant already holds -> 409 `device_taken`; enrolling it again at its own
  store issues a fresh token, keeps its chain at HQ and revokes the old tokens.
* Push: events carry no hashes (omit `prev_hash`/`hash`; if sent they are ignored, HQ
  recomputes). Every event must have the token's tenant_id, store_id and device_id, else 403
  and nothing stored. `PushRequest.device_id` must be the token's device (403). Positions
  strictly rise through the batch (422). HQ recomputes the chain from `prev_hash`; if it does
  not arrive at `last_hash` -> 422 `chain_mismatch`. `prev_hash` is checked against what HQ
  holds just before the batch's first position: a batch that overlaps what HQ already holds is
  fine (a retry or a half-committed batch) as long as every overlapping event hashes the same
  as HQ's; otherwise, or if the batch starts past HQ's head with another prev_hash (a gap or a
  fork, e.g. a restored backup) -> 409 chain_fork. Per event: known `event_id` with identical
  content -> `duplicates`; same id, other content -> `rejected`; `(tenant, stream_id,
  version)` held by another event -> `conflicts`. Conflicted and rejected events are
  recorded at HQ (quarantined, never served by pull) and still advance the chain, so one bad
  event never blocks the queue. `acked_position` after a push is the position of the last
  event of HQ's chain for the device.
* Status: as `StatusResponse`; `pull_high_water` is the tenant's highest ingest sequence.
* Pull: `cursor` (>= 0, default 0) and `limit` (1..MAX_PULL_LIMIT, default
  DEFAULT_PULL_LIMIT). Events with `seq > cursor`, ordered by seq: HQ events (device_id "hq")
  for the tenant with store_id "" or the device's store, and other devices' events of the
  device's store. Never the device's own, never another store's or tenant's. `next_cursor`
  may move past events the device need not see; store it with the page. When `has_more` is
  false, `next_cursor` is at least the high-water seen by that read. Ingest is serialised per
  tenant, so a later page never holds a seq below one already served.
* HQ-authored events: device_id "hq", one chain per tenant (prev_hash/hash as any chain),
  `position` is HQ's own counter for that tenant.
* Time text: `occurred_at` is hashed as the exact text the writer stored; never re-format.
  Every writer (tills and HQ) writes it as `datetime.astimezone(UTC).isoformat(
  timespec="microseconds")`, e.g. "2026-11-25T19:31:43.123456+00:00": the till re-derives
  that text when it checks a pulled event's hash.
"""

from sync.protocol.chain import (
    GENESIS_HASH,
    HEADER_FIELDS,
    canonical_json,
    chain_hash,
    chain_hashes,
    header_text,
)
from sync.protocol.compression import BadGzip, BodyTooLarge, gunzip_bytes, gzip_bytes
from sync.protocol.constants import (
    ALL_STORES,
    DEFAULT_PULL_LIMIT,
    ENROLL_PATH,
    GZIP_MIN_RESPONSE_BYTES,
    HEALTH_PATH,
    HQ_DEVICE_ID,
    MAX_BODY_BYTES,
    MAX_DECOMPRESSED_BYTES,
    MAX_PULL_LIMIT,
    MAX_PUSH_EVENTS,
    METRICS_PATH,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    STATUS_PATH,
    TOKEN_BYTES,
)
from sync.protocol.errors import ErrorCode
from sync.protocol.models import (
    ChainForkBody,
    DailySales,
    DeviceSummary,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    EventIssue,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
    StatusResponse,
    StockItem,
    StoreDailySales,
    StoreStock,
    StoreSummary,
    WireEvent,
)
from sync.protocol.wire import dump_gzip, dump_json, load_body, load_push

__all__ = [
    "ALL_STORES",
    "DEFAULT_PULL_LIMIT",
    "ENROLL_PATH",
    "GENESIS_HASH",
    "GZIP_MIN_RESPONSE_BYTES",
    "HEADER_FIELDS",
    "HEALTH_PATH",
    "HQ_DEVICE_ID",
    "MAX_BODY_BYTES",
    "MAX_DECOMPRESSED_BYTES",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_EVENTS",
    "METRICS_PATH",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "PULL_PATH",
    "PUSH_PATH",
    "STATUS_PATH",
    "TOKEN_BYTES",
    "BadGzip",
    "BodyTooLarge",
    "ChainForkBody",
    "DailySales",
    "DeviceSummary",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "ErrorCode",
    "EventIssue",
    "Health",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "StatusResponse",
    "StockItem",
    "StoreDailySales",
    "StoreStock",
    "StoreSummary",
    "WireEvent",
    "canonical_json",
    "chain_hash",
    "chain_hashes",
    "dump_gzip",
    "dump_json",
    "gunzip_bytes",
    "gzip_bytes",
    "header_text",
    "load_body",
    "load_push",
]
