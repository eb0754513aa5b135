"""The till's ids: UUIDv7, strictly in the order made, whatever the clock does."""

from __future__ import annotations

import threading
from uuid import UUID

from fluxion_desktop.adapters.clock import Uuid7Generator

MS = 1_000_000  # nanoseconds


class _Clock:
    def __init__(self, ms: int) -> None:
        self.ns = ms * MS

    def __call__(self) -> int:
        return self.ns


def _ms(uuid: UUID) -> int:
    return uuid.int >> 80


def test_ids_are_version_7_rfc_variant_and_carry_the_millisecond() -> None:
    clock = _Clock(1_764_115_200_123)
    made = Uuid7Generator(clock).new_id()
    assert made.version == 7
    assert made.variant == "specified in RFC 4122"
    assert _ms(made) == 1_764_115_200_123


def test_ids_of_one_millisecond_stay_in_order_and_borrow_the_next_only_when_needed() -> None:
    clock = _Clock(1_000)
    generator = Uuid7Generator(clock)
    made = [generator.new_id() for _ in range(5_000)]  # more than one counter's worth
    assert made == sorted(made) and len(set(made)) == len(made)
    assert _ms(made[0]) == 1_000
    assert _ms(made[-1]) in (1_001, 1_002)  # borrowed ahead, not one millisecond per id


def test_a_clock_that_steps_back_never_makes_an_earlier_id() -> None:
    clock = _Clock(50_000)
    generator = Uuid7Generator(clock)
    first = generator.new_id()
    clock.ns = 49_000 * MS
    second = generator.new_id()
    clock.ns = 50_002 * MS
    third = generator.new_id()
    assert first < second < third
    assert _ms(third) == 50_002


def test_ids_of_two_generators_in_one_process_are_in_the_order_made() -> None:
    first, second = Uuid7Generator(), Uuid7Generator()  # two tills in one process
    made = [generator.new_id() for _ in range(500) for generator in (first, second)]
    assert made == sorted(made)


def test_ids_made_on_many_threads_are_unique() -> None:
    generator = Uuid7Generator()
    made: list[UUID] = []

    def make() -> None:
        ids = [generator.new_id() for _ in range(2_000)]
        made.extend(ids)

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(made)) == 8_000
