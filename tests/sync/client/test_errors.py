"""Sorting HQ's answers and network failures by what the client must do."""

from __future__ import annotations

import httpx
import pytest

from sync.client.errors import (
    AuthRefused,
    ChainFork,
    ProtocolRefused,
    RequestRejected,
    Retryable,
    error_for_response,
)
from sync.client.http import HqClient


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (500, {"error": "internal", "detail": "boom"}, Retryable),
        (502, None, Retryable),
        (503, "not json", Retryable),
        (429, {"error": "slow_down", "detail": "later"}, Retryable),
        (401, {"error": "unauthorized", "detail": "revoked"}, AuthRefused),
        (403, {"error": "forbidden", "detail": "other store"}, AuthRefused),
        (409, {"error": "chain_fork", "detail": "fork"}, ChainFork),
        (413, {"error": "payload_too_large", "detail": "big"}, RequestRejected),
        (422, {"error": "invalid", "detail": "bad"}, RequestRejected),
        (400, {"error": "unsupported_protocol", "detail": "v2"}, ProtocolRefused),
        (409, {"error": "device_taken", "detail": "other store"}, ProtocolRefused),
    ],
)
def test_answers_are_sorted_by_what_to_do(status, body, kind):
    error = error_for_response(status, body)

    assert type(error) is kind
    assert error.status == status
    assert str(status) in str(error)
    assert error.retryable is (kind is Retryable)


def test_success_is_no_error():
    assert error_for_response(200, None) is None


def test_the_code_and_detail_reach_the_message():
    error = error_for_response(401, {"error": "unauthorized", "detail": "the token was revoked"})

    assert error is not None and error.code == "unauthorized"
    assert "the token was revoked" in str(error)


def test_retry_after_is_kept_when_it_is_seconds():
    error = error_for_response(429, None, "12")
    dated = error_for_response(503, None, "Wed, 21 Oct 2026 07:28:00 GMT")

    assert isinstance(error, Retryable) and error.retry_after == 12.0
    assert isinstance(dated, Retryable) and dated.retry_after is None


def test_a_refused_connection_is_retryable():
    with socket_that_refuses() as port:
        client = HqClient(f"http://127.0.0.1:{port}", "t")
        with client, pytest.raises(Retryable, match="HQ unreachable"):
            client.status()


def test_a_timeout_is_retryable():
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    port = listener.getsockname()[1]
    try:
        client = HqClient(f"http://127.0.0.1:{port}", "t", timeout=httpx.Timeout(0.3))
        with client, pytest.raises(Retryable, match="Timeout"):
            client.status()
    finally:
        listener.close()


class socket_that_refuses:
    """A port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        return int(self.port)

    def __exit__(self, *exc: object) -> None:
        return None
