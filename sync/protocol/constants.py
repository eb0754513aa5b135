"""Numbers and names both ends of sync v1 agree on."""

from __future__ import annotations

from typing import Final

PROTOCOL_VERSION: Final = 1
"""Major version of the wire protocol; sent as the text of `PROTOCOL_HEADER` (e.g. "1")."""

PROTOCOL_HEADER: Final = "X-Fluxion-Protocol"
AUTHORIZATION_HEADER: Final = "Authorization"
BEARER_PREFIX: Final = "Bearer "

MAX_PUSH_EVENTS: Final = 500
"""A push batch carries 1..MAX_PUSH_EVENTS events; more is answered 422."""

DEFAULT_PULL_LIMIT: Final = 500
MAX_PULL_LIMIT: Final = 1000

MAX_BODY_BYTES: Final = 8 * 1024 * 1024
"""Largest request body on the wire (compressed or not); more is answered 413."""

MAX_DECOMPRESSED_BYTES: Final = 32 * 1024 * 1024
"""Largest request body once gunzip'd; more is answered 413."""

GZIP_MIN_RESPONSE_BYTES: Final = 1024
"""Responses larger than this are gzip'd when the client sends `Accept-Encoding: gzip`."""

HQ_DEVICE_ID: Final = "hq"
"""The `device_id` of events HQ writes itself (catalog, prices, rates, users, settings)."""

ALL_STORES: Final = ""
"""`store_id` of an HQ-authored event meant for every store of the tenant."""

TOKEN_BYTES: Final = 32
"""Random bytes in a device or staff token (256 bits), url-safe base64 on the wire."""

# Paths of the v1 API.
PUSH_PATH: Final = "/v1/sync/push"
PULL_PATH: Final = "/v1/sync/pull"
STATUS_PATH: Final = "/v1/sync/status"
ENROLL_PATH: Final = "/v1/enroll"
HEALTH_PATH: Final = "/health"
METRICS_PATH: Final = "/metrics"
