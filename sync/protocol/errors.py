"""The `error` codes of `ErrorBody`: a client branches on these, never on the detail text."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"  # 400: missing or other major version header
    BAD_REQUEST = "bad_request"  # 400: a body that is not JSON, a bad gzip stream
    UNAUTHORIZED = "unauthorized"  # 401: missing, unknown or revoked token; wrong/used code
    FORBIDDEN = "forbidden"  # 403: a token acting outside its tenant, store or device
    NOT_FOUND = "not_found"  # 404
    CHAIN_FORK = "chain_fork"  # 409: prev_hash is not what HQ holds before the batch
    DEVICE_TAKEN = "device_taken"  # 409: enrolling a device_id another store holds
    PAYLOAD_TOO_LARGE = "payload_too_large"  # 413
    INVALID = "invalid"  # 422: the body does not follow the models (batch size, fields...)
    CHAIN_MISMATCH = "chain_mismatch"  # 422: the batch does not hash to its last_hash
    INTERNAL = "internal"  # 500: retried by the client
