"""The HTTP client of sync v1: enrol, status, push and pull against HQ.

Request bodies go out gzip'd with the protocol header; every failure comes back as one of the
`sync.client.errors` classes, sorted by what the caller must do (retry, re-enrol, alarm, report).
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from sync.client.errors import ProtocolRefused, Retryable, SyncError, error_for_response
from sync.client.outgoing import PushBatch
from sync.protocol import (
    ENROLL_PATH,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    STATUS_PATH,
    EnrollRequest,
    EnrollResponse,
    PullResponse,
    PushResponse,
    StatusResponse,
)
from sync.protocol.compression import gzip_bytes
from sync.protocol.constants import AUTHORIZATION_HEADER, BEARER_PREFIX
from sync.protocol.wire import dump_json

M = TypeVar("M", bound=BaseModel)

# Connecting fails fast on a dead line; reading waits for HQ to commit a 500-event batch.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)


class HqClient:
    """One HQ at `base_url`, as the device `token` (None only for enrolment).

    `transport` lets a test or the benchmark pick the connection layer; by default httpx's own.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Accept-Encoding": "gzip"}
        if token is not None:
            headers[AUTHORIZATION_HEADER] = BEARER_PREFIX + token
        self.base_url = base_url.rstrip("/")
        self.bytes_sent = 0  # request bodies as sent (gzip'd): the cost of sync on the wire
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=transport
        )

    def enroll(self, code: str, device_id: str, device_name: str) -> EnrollResponse:
        body = EnrollRequest(code=code, device_id=device_id, device_name=device_name)
        return self._send("POST", ENROLL_PATH, EnrollResponse, body=body)

    def status(self) -> StatusResponse:
        return self._send("GET", STATUS_PATH, StatusResponse)

    def push(self, batch: PushBatch) -> PushResponse:
        return self._send("POST", PUSH_PATH, PushResponse, gzipped=batch.gzipped)

    def pull(self, cursor: int, limit: int) -> PullResponse:
        params = {"cursor": cursor, "limit": limit}
        return self._send("GET", PULL_PATH, PullResponse, params=params)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HqClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(
        self,
        method: str,
        path: str,
        answer: type[M],
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        gzipped: bytes | None = None,
    ) -> M:
        content, headers = None, {}
        if body is not None:
            gzipped = gzip_bytes(dump_json(body))
        if gzipped is not None:
            content = gzipped
            headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
            self.bytes_sent += len(content)
        try:
            response = self._http.request(
                method, path, content=content, headers=headers, params=params
            )
            data = response.content  # read it all: a truncated body fails here, not later
        except httpx.TransportError as error:
            # Connect/read/write errors, timeouts, a reset or truncated exchange: the request
            # may or may not have reached HQ; pushes are idempotent, so trying again is safe.
            raise Retryable(f"HQ unreachable ({type(error).__name__}: {error})") from error
        except httpx.DecodingError as error:
            raise Retryable(f"HQ's answer arrived damaged ({error})") from error
        problem = error_for_response(
            response.status_code, _json_or_none(response), response.headers.get("Retry-After")
        )
        if problem is not None:
            raise problem
        try:
            return answer.model_validate_json(data)
        except ValidationError as error:
            raise ProtocolRefused(
                f"HQ's answer to {method} {path} does not follow protocol v{PROTOCOL_VERSION}: "
                f"{error.errors()[0].get('msg', error)}",
                response.status_code,
            ) from error


def _json_or_none(response: httpx.Response) -> Any:
    if response.is_success:
        return None
    try:
        return response.json()
    except ValueError:
        return None


__all__ = ["DEFAULT_TIMEOUT", "HqClient", "SyncError"]
