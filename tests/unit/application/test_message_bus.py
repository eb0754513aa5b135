"""Commands reach their handler; a failing subscriber never blocks the others or the writer."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import pytest

from fluxion_desktop.application.message_bus import (
    ChangeSummary,
    CommandTimeout,
    MessageBus,
    UnknownCommand,
)
from tests.support.fakes import InMemoryEventStore
from tests.support.sample_events import DEVICE, new_event


@dataclass(frozen=True)
class OpenTally:
    name: str


@dataclass(frozen=True)
class CloseTally:
    name: str


def test_a_command_reaches_its_handler_and_returns_its_result():
    bus = MessageBus()
    bus.register(OpenTally, lambda command: f"opened {command.name}")
    assert bus.handle(OpenTally("till")) == "opened till"
    with pytest.raises(UnknownCommand):
        bus.handle("not a command")
    with pytest.raises(ValueError, match="already has a handler"):
        bus.register(OpenTally, lambda command: None)


def test_handler_errors_propagate():
    bus = MessageBus()

    def failing(_command: OpenTally) -> None:
        raise RuntimeError("disk full")

    bus.register(OpenTally, failing)
    with pytest.raises(RuntimeError, match="disk full"):
        bus.handle(OpenTally("x"))


def test_a_command_that_may_wait_only_so_long_gives_up_when_the_one_before_runs_on():
    bus = MessageBus()
    running, release = threading.Event(), threading.Event()

    def slow(_command: OpenTally) -> str:
        running.set()
        release.wait(10)
        return "slow done"

    bus.register(OpenTally, slow)
    bus.register(CloseTally, lambda command: f"closed {command.name}")
    worker = threading.Thread(target=bus.handle, args=(OpenTally("a"),))
    worker.start()
    assert running.wait(10)
    try:
        with pytest.raises(CommandTimeout, match=r"CloseTally waited 0\.05 s"):
            bus.handle(CloseTally("b"), wait_s=0.05)
    finally:
        release.set()
        worker.join(10)
    assert bus.handle(CloseTally("b"), wait_s=0.05) == "closed b"


def test_a_failing_subscriber_is_logged_and_the_rest_still_run(sqlite_store, caplog):
    bus = MessageBus()
    seen: list[int] = []
    summaries: list[ChangeSummary] = []

    def broken(_events: object) -> None:
        raise ValueError("printer on fire")

    bus.subscribe(broken)
    bus.subscribe(lambda events: seen.extend(e.position for e in events))
    bus.on_change(summaries.append)
    store = type(sqlite_store)(
        sqlite_store.engine, sqlite_store.device_id, lambda _t: True, on_commit=bus.publish
    )

    with caplog.at_level(logging.ERROR):
        store.append("tally-1", [new_event(), new_event()], 0)

    assert seen == [1, 2]
    assert store.read_stream("tally-1")[-1].version == 2
    assert "printer on fire" in caplog.text
    assert summaries == [ChangeSummary(frozenset({"tally"}), 2)]


def test_change_summary_names_the_kinds_of_streams_written():
    store = InMemoryEventStore(DEVICE, lambda _t: True)
    store.append("sale-1", [new_event()], 0)
    store.append("stock-9", [new_event()], 0)
    assert ChangeSummary.of(store.read_all()).kinds == {"sale", "stock"}
