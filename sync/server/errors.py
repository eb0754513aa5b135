"""Errors the HQ answers with: each carries its HTTP status and `ErrorCode`."""

from __future__ import annotations

from typing import Any

from sync.protocol import ErrorCode


class HqError(Exception):
    """An error answered as `ErrorBody{error, detail}` (plus `extra` fields) with `status`."""

    status = 400
    code = ErrorCode.BAD_REQUEST

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class Unauthorized(HqError):
    status = 401
    code = ErrorCode.UNAUTHORIZED


class Forbidden(HqError):
    status = 403
    code = ErrorCode.FORBIDDEN


class NotFound(HqError):
    status = 404
    code = ErrorCode.NOT_FOUND


class Invalid(HqError):
    status = 422
    code = ErrorCode.INVALID


class ChainMismatch(HqError):
    status = 422
    code = ErrorCode.CHAIN_MISMATCH


class ChainFork(HqError):
    """The batch does not continue the chain HQ holds; carries HQ's acked_position/last_hash."""

    status = 409
    code = ErrorCode.CHAIN_FORK


class DeviceTaken(HqError):
    status = 409
    code = ErrorCode.DEVICE_TAKEN
