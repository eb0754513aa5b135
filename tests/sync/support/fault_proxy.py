"""A TCP proxy that breaks HTTP exchanges on purpose, between a real client and a real server.

Each request/response exchange on a connection draws one fault (or none) from a seeded random
source:

- `reset_request`: forward part of the request, then reset both connections (RST): the server never
  sees a whole request;
- `drop_response`: forward the whole request, wait for the server's answer (so it has committed),
  then reset the client's connection instead of delivering it;
- `truncate`: deliver part of the response, then reset;
- `delay`: hold the request back for a moment, then pass it on.

`down()` resets open connections and refuses new ones (the line is cut); `heal()` stops all
faults. `counts` says how many of each fault struck, so a test can assert they really happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Sequence
from types import TracebackType

FAULTS = ("reset_request", "drop_response", "truncate", "delay")
_CHUNK = 65536


class FaultProxy:
    def __init__(
        self,
        target_host: str,
        target_port: int,
        *,
        fault_rate: float = 0.0,
        faults: Sequence[str] = FAULTS,
        seed: int = 0,
        max_delay: float = 0.3,
    ) -> None:
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}")
        self._target = (target_host, target_port)
        self.fault_rate = fault_rate
        self._faults = tuple(faults)
        self._random = random.Random(seed)
        self._max_delay = max_delay
        self._refuse = False
        self._open: set[asyncio.StreamWriter] = set()
        self.counts: Counter[str] = Counter()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._lock = threading.Lock()
        self.port = 0

    # -- control ---------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        """Listen on a free port of 127.0.0.1 (once; starting again does nothing)."""
        if self.port:
            return self
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        self.port = started.result(timeout=10)
        return self

    def stop(self) -> None:
        if self._server is not None:
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def heal(self) -> None:
        """A healthy network from now on: no faults, connections accepted."""
        self.fault_rate = 0.0
        self._refuse = False

    def down(self) -> None:
        """Cut the line: open connections are reset, and every new one at once."""
        self._refuse = True
        self._loop.call_soon_threadsafe(self._reset_open)

    def _reset_open(self) -> None:
        for writer in list(self._open):
            _reset(writer)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- the proxy -------------------------------------------------------------------------------

    def _draw(self) -> str | None:
        with self._lock:
            if self._random.random() >= self.fault_rate:
                return None
            return self._random.choice(self._faults)

    def _delay(self) -> float:
        with self._lock:
            return self._random.uniform(0.0, self._max_delay)

    async def _listen(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        # Established connections are cut too (wait_closed would wait for them otherwise).
        with contextlib.suppress(AttributeError):
            self._server.close_clients()  # type: ignore[attr-defined]
        for task in asyncio.all_tasks(self._loop):
            if task is not asyncio.current_task():
                task.cancel()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        if self._refuse:
            self.counts["refused"] += 1
            _reset(client_w)
            return
        try:
            server_r, server_w = await asyncio.open_connection(*self._target)
        except OSError:
            _reset(client_w)
            return
        self._open.update((client_w, server_w))
        exchange = _Exchange()
        upstream = asyncio.ensure_future(self._requests(client_r, server_w, client_w, exchange))
        downstream = asyncio.ensure_future(self._responses(server_r, client_w, server_w, exchange))
        try:
            await asyncio.wait({upstream, downstream}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            pass  # the proxy is stopping: end quietly (asyncio would print the cancellation)
        finally:
            for task in (upstream, downstream):
                task.cancel()
            for writer in (client_w, server_w):
                self._open.discard(writer)
                with contextlib.suppress(Exception):
                    writer.close()

    async def _requests(
        self,
        client_r: asyncio.StreamReader,
        server_w: asyncio.StreamWriter,
        client_w: asyncio.StreamWriter,
        exchange: _Exchange,
    ) -> None:
        while data := await client_r.read(_CHUNK):
            if not exchange.open:
                exchange.open, exchange.fault = True, self._draw()
                if exchange.fault == "delay":
                    self.counts["delay"] += 1
                    await asyncio.sleep(self._delay())
                elif exchange.fault == "reset_request":
                    self.counts["reset_request"] += 1
                    server_w.write(data[: max(1, len(data) // 2)])
                    with contextlib.suppress(Exception):
                        await server_w.drain()
                    _reset(server_w)
                    _reset(client_w)
                    return
            server_w.write(data)
            await server_w.drain()

    async def _responses(
        self,
        server_r: asyncio.StreamReader,
        client_w: asyncio.StreamWriter,
        server_w: asyncio.StreamWriter,
        exchange: _Exchange,
    ) -> None:
        while data := await server_r.read(_CHUNK):
            if exchange.fault == "drop_response":
                self.counts["drop_response"] += 1
                _reset(client_w)
                _reset(server_w)
                return
            if exchange.fault == "truncate":
                self.counts["truncate"] += 1
                client_w.write(data[: len(data) // 2])
                with contextlib.suppress(Exception):
                    await client_w.drain()
                _reset(client_w)
                _reset(server_w)
                return
            # The answer has started: the next bytes from the client begin a new exchange.
            exchange.open, exchange.fault = False, None
            client_w.write(data)
            await client_w.drain()


class _Exchange:
    __slots__ = ("fault", "open")

    def __init__(self) -> None:
        self.open = False
        self.fault: str | None = None


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (linger 0) rather than a polite FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
