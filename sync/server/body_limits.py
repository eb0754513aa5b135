"""ASGI middleware: request size limits (413) and gzip'd request bodies, before any parsing."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sync.protocol import (
    MAX_BODY_BYTES,
    MAX_DECOMPRESSED_BYTES,
    BadGzip,
    BodyTooLarge,
    ErrorCode,
    gunzip_bytes,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
OnError = Callable[[str], None]


class BodyLimits:
    """Refuses bodies over `wire_limit` bytes on the wire or `inflated_limit` once gunzip'd
    (413), and hands the app the inflated body of a `Content-Encoding: gzip` request."""

    def __init__(
        self,
        app: ASGIApp,
        wire_limit: int = MAX_BODY_BYTES,
        inflated_limit: int = MAX_DECOMPRESSED_BYTES,
        on_error: OnError | None = None,
    ) -> None:
        self.app = app
        self.wire_limit = wire_limit
        self.inflated_limit = inflated_limit
        self.on_error = on_error or (lambda _code: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.wire_limit:
            await self._refuse(
                send, 413, ErrorCode.PAYLOAD_TOO_LARGE, f"the body exceeds {self.wire_limit} bytes"
            )
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.wire_limit:
                await self._refuse(
                    send,
                    413,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    f"the body exceeds {self.wire_limit} bytes",
                )
                return
            if not message.get("more_body", False):
                break
        encoding = headers.get("content-encoding", "identity").strip().lower()
        data = bytes(body)
        if encoding == "gzip":
            try:
                data = gunzip_bytes(data, self.inflated_limit)
            except BodyTooLarge as error:
                await self._refuse(send, 413, ErrorCode.PAYLOAD_TOO_LARGE, str(error))
                return
            except BadGzip as error:
                await self._refuse(send, 400, ErrorCode.BAD_REQUEST, str(error))
                return
        elif encoding not in ("identity", ""):
            await self._refuse(
                send,
                400,
                ErrorCode.BAD_REQUEST,
                f"unsupported Content-Encoding {encoding!r}; use gzip or none",
            )
            return
        kept = [
            (k, v)
            for k, v in scope["headers"]
            if k.lower() not in (b"content-encoding", b"content-length")
        ]
        scope = dict(scope, headers=[*kept, (b"content-length", str(len(data)).encode())])
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": data, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, status: int, code: ErrorCode, detail: str) -> None:
        self.on_error(code.value)
        body = json.dumps({"error": code.value, "detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
