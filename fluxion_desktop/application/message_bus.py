"""The in-process message bus: commands to their handler; committed events to subscribers.

Handlers' errors propagate to the caller (a write error is never swallowed). Subscribers run after
commit; one that fails is logged and never undoes or blocks the command that wrote the events.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from fluxion_desktop.application.event_store import StoredEvent

log = logging.getLogger(__name__)

Subscriber = Callable[[Sequence[StoredEvent]], None]
ChangeListener = Callable[["ChangeSummary"], None]
CommandScope = Callable[[], AbstractContextManager[object]]


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """What kinds of things changed ("sale", "stock", "product", ...): screens refresh on these."""

    kinds: frozenset[str]
    last_position: int

    @classmethod
    def of(cls, events: Sequence[StoredEvent]) -> ChangeSummary:
        kinds = frozenset(e.stream_id.split("-", 1)[0] for e in events)
        return cls(kinds, max((e.position for e in events), default=0))


class UnknownCommand(Exception):
    pass


class CommandTimeout(Exception):
    """The command before it did not finish in time; this one did not run."""


class MessageBus:
    """`command_scope` wraps each command, subscribers included (the adapters pin one database
    connection for all of a command's reads and its write)."""

    def __init__(self, command_scope: CommandScope = nullcontext) -> None:
        self._handlers: dict[type[Any], Callable[[Any], Any]] = {}
        self._subscribers: list[Subscriber] = []
        self._change_listeners: list[ChangeListener] = []
        self._one_at_a_time = threading.RLock()
        self._scope = command_scope

    def register(self, command_type: type[Any], handler: Callable[[Any], Any]) -> None:
        if command_type in self._handlers:
            raise ValueError(f"{command_type.__name__} already has a handler")
        self._handlers[command_type] = handler

    def handle(self, command: Any, *, wait_s: float | None = None) -> Any:
        """Run the one handler of `command`; its result is returned, its errors raised.

        Commands run one at a time (a till has one writer): workers may call from any thread.
        `wait_s` bounds the wait for the command before it (CommandTimeout); None waits on.
        """
        handler = self._handlers.get(type(command))
        if handler is None:
            raise UnknownCommand(f"no handler for {type(command).__name__}")
        if not self._one_at_a_time.acquire(timeout=-1 if wait_s is None else wait_s):
            raise CommandTimeout(
                f"{type(command).__name__} waited {wait_s} s for the command before it"
            )
        try:
            with self._scope():
                return handler(command)
        finally:
            self._one_at_a_time.release()

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    def on_change(self, listener: ChangeListener) -> None:
        self._change_listeners.append(listener)

    def publish(self, events: Sequence[StoredEvent]) -> None:
        """Called by the event store after each commit."""
        if not events:
            return
        for subscriber in self._subscribers:
            self._isolated(subscriber, events)
        summary = ChangeSummary.of(events)
        for listener in self._change_listeners:
            self._isolated(listener, summary)

    @staticmethod
    def _isolated(target: Callable[[Any], None], argument: Any) -> None:
        try:
            target(argument)
        except Exception:
            log.exception("subscriber %s failed; the committed events stand", target)
