"""What can go wrong talking to HQ, sorted by what the client must do about it.

- `Retryable`: network errors, timeouts, 5xx, 429 — back off and try again; nothing is lost.
- `AuthRefused`: 401/403 — the token is unknown, revoked or out of scope; retrying cannot help
  until someone enrols the device again.
- `ChainFork`: 409 chain_fork — HQ holds a different history for this device (a restored backup):
  alarm and stop pushing; never merge silently.
- `RequestRejected`: 413/422 — our request is too big or malformed (a bug): shrink the batch and,
  if a single event is still refused, report it.
- `ProtocolRefused`: any other 4xx (another protocol version, say): report, do not retry.
- `PullRefused`: a pulled event the till cannot store: report, do not retry.
"""

from __future__ import annotations

from typing import Any


class SyncError(Exception):
    """Base of every sync failure; `status` is the HTTP status when there was a response."""

    retryable = False

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class Retryable(SyncError):
    retryable = True

    def __init__(
        self,
        message: str,
        status: int | None = None,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status, code)
        self.retry_after = retry_after


class AuthRefused(SyncError):
    pass


class ChainFork(SyncError):
    pass


class RequestRejected(SyncError):
    pass


class ProtocolRefused(SyncError):
    pass


def error_for_response(status: int, body: Any, retry_after: str | None = None) -> SyncError | None:
    """The error an HTTP answer means, or None for a success (2xx)."""
    if 200 <= status < 300:
        return None
    code, detail = _code_and_detail(body)
    message = f"HQ answered {status}" + (f" {code}" if code else "")
    message += f": {detail}" if detail else ""
    if status == 429 or status >= 500:
        return Retryable(message, status, code, _seconds(retry_after))
    if status in (401, 403):
        return AuthRefused(message, status, code)
    if status == 409 and code == "chain_fork":
        return ChainFork(message, status, code)
    if status in (413, 422):
        return RequestRejected(message, status, code)
    if status == 408:
        return Retryable(message, status, code)
    return ProtocolRefused(message, status, code)


def _code_and_detail(body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, dict):
        return None, None
    code, detail = body.get("error"), body.get("detail")
    return (code if isinstance(code, str) else None,
            detail if isinstance(detail, str) else None)  # fmt: skip


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None  # an HTTP date: the backoff's own delay will do
    return seconds if seconds >= 0 else None


class PullRefused(SyncError):
    """A pulled page the device cannot store (a bad hash, an unusable field): report it."""
