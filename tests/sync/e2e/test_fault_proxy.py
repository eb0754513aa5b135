"""The fault proxy itself: each fault really happens, and a healed proxy passes everything."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.sync.support.fault_proxy import FaultProxy


class _Counting(BaseHTTPRequestHandler):
    received = 0
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received += 1
        answer = b"ok:" + body * 50
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        return None


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # The proxy under test resets connections on purpose; the stdlib would print each
        # reset's traceback into the test run's output.
        return None


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    _Counting.received = 0
    httpd = _Server(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("fault", "reaches_server"),
    [("reset_request", False), ("drop_response", True), ("truncate", True)],
)
def test_each_fault_breaks_the_exchange_where_it_says(server, fault, reaches_server):
    port = server.server_address[1]
    with FaultProxy("127.0.0.1", port, fault_rate=1.0, faults=[fault]) as proxy:
        with pytest.raises(httpx.TransportError):
            httpx.post(proxy.url, content=b"x" * 5000, timeout=5)

        assert proxy.counts[fault] == 1
    assert (_Counting.received == 1) is reaches_server


def test_a_healed_proxy_passes_every_request_on_one_connection(server):
    port = server.server_address[1]
    proxy = FaultProxy("127.0.0.1", port, fault_rate=1.0, faults=["delay"], max_delay=0.01).start()
    with proxy, httpx.Client(base_url=proxy.url, timeout=5) as client:
        first = client.post("/", content=b"abc")
        proxy.heal()
        rest = [client.post("/", content=b"abc") for _ in range(5)]

    assert first.content == b"ok:" + b"abc" * 50
    assert all(r.content == first.content for r in rest)
    assert proxy.counts["delay"] == 1 and _Counting.received == 6


def test_a_line_that_is_down_refuses_until_healed(server):
    port = server.server_address[1]
    with FaultProxy("127.0.0.1", port) as proxy:
        proxy.down()
        with pytest.raises(httpx.TransportError):
            httpx.post(proxy.url, content=b"a", timeout=5)
        proxy.heal()
        assert httpx.post(proxy.url, content=b"a", timeout=5).status_code == 200
