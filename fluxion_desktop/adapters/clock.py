"""The real clock and id generator."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class _IdSequence:
    """The last millisecond and counter ids were made with, and random bits in stock."""

    _RANDOM_IDS = 256

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ms = 0
        self.counter = 0
        self._random = b""
        self._taken = 0

    def next_value(self, ms: int) -> int:
        """The 128 bits of the next id made at Unix millisecond `ms` (call holding `lock`)."""
        if ms > self.ms:
            self.ms, self.counter = ms, self._random_bits(11)
        elif self.counter < 0xFFF:
            self.counter += 1
        else:
            self.ms, self.counter = self.ms + 1, self._random_bits(11)
        return (
            (self.ms & 0xFFFF_FFFF_FFFF) << 80
            | 0x7 << 76
            | self.counter << 64
            | 0b10 << 62
            | self._random_bits(62)
        )

    def _random_bits(self, bits: int) -> int:
        if self._taken == len(self._random):
            self._random, self._taken = os.urandom(8 * self._RANDOM_IDS), 0
        chunk = self._random[self._taken : self._taken + 8]
        self._taken += 8
        return int.from_bytes(chunk, "big") >> (64 - bits)


# One sequence for the process, as uuid6 had: ids made one after the other in this process are in
# that order whichever generator made them (two tills in one test process, HQ and a till).
_PROCESS_SEQUENCE = _IdSequence()


class Uuid7Generator:
    """UUIDv7 ids (RFC 9562), in the order they were made in this process, from any thread.

    48 bits of Unix milliseconds, then a 12-bit counter that orders the ids of one millisecond
    (RFC 9562 6.2, method 1: it starts at a random value below 2,048 each new millisecond and
    borrows the next millisecond if it runs out), then 62 random bits taken from `os.urandom`
    a few hundred ids at a time. uuid6's `uuid7()` made each id with a system call and two UUID
    objects, and moved one millisecond ahead for every id made within the same millisecond: a
    sale makes some 25 ids, and a busy till's ids ran ahead of the clock.
    `now_ns` (tests) gives the generator a clock and a sequence of its own.
    """

    def __init__(self, now_ns: Callable[[], int] | None = None) -> None:
        self._now_ns = now_ns or time.time_ns
        self._sequence = _PROCESS_SEQUENCE if now_ns is None else _IdSequence()

    def new_id(self) -> UUID:
        ms = self._now_ns() // 1_000_000
        sequence = self._sequence
        with sequence.lock:
            value = sequence.next_value(ms)
        return UUID(int=value)


class ManualClock:
    """A clock that moves only when told: `simulate --days` replays past days with it."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
