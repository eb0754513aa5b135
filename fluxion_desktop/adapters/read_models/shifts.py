"""The shifts read model: each shift's till, cashier, status and times, and its Z report.

A Z report needs every figure of the shift (float, cash sales, change, cash in and out, tender
totals), while `ShiftClosed` carries only the closing count. So the projection folds each shift
event into the `Shift` aggregate itself and, once the shift is closed, keeps the aggregate's
snapshot state as JSON in the `z_report` column; the Z report is rebuilt from it by the same
domain code that prints it at the till (`Shift.z_report`). A change to
`Shift.snapshot_schema_version` asks for a projection rebuild.

While a shift is open nobody reads its figures from here (the X report comes from the aggregate),
so `z_report` then holds only the id of the last event folded, and the figures stay in memory:
a sale writes that id, not the whole figures (they were most of the projection's cost). The id
is also the check that the Shift in memory is the row's: each write names the id it expects
(compare-and-set), so a rolled-back append, a rebuild or another process make it miss, and the
shift is then folded again from its events in the log, read in the append's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters import event_codec
from fluxion_desktop.adapters.event_codec import canonical_json, utc_text
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.sales_tables import shifts
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.shifts import ShiftView
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.shift import EVENT_TYPES, Shift, ShiftClosed, ShiftOpened, ShiftStatus

_COLUMNS = "shift_id, device_id, cashier_id, status, opened_at, closed_at, z_report"
# Events of an open shift kept unfolded at most: folding is only needed at the close.
_UNFOLDED_LIMIT = 64


class StaleShiftState(RuntimeError):
    """The stored figures were written by another snapshot schema: rebuild the projection."""


@dataclass
class _OpenShift:
    """An open shift as this process folded it, and the `z_report` text its row holds."""

    shift: Shift
    device_id: str
    written: str | None = None
    unfolded: list[DomainEvent] = field(default_factory=list)

    def add(self, events: list[DomainEvent]) -> None:
        """Keep `events` to fold later; fold now if one opens or closes the shift (the row's
        cashier, status and times change) or too many wait."""
        self.unfolded.extend(events)
        if len(self.unfolded) >= _UNFOLDED_LIMIT or any(
            isinstance(e, ShiftOpened | ShiftClosed) for e in events
        ):
            self.fold()

    def fold(self) -> Shift:
        self.shift.load_history(self.unfolded)
        self.unfolded.clear()
        # The figures leave out the ids of every sale and return: memory need not keep them.
        self.shift.sale_ids.clear()
        self.shift.return_ids.clear()
        return self.shift


class ShiftsProjection(DomainProjection):
    name = "shifts"
    tables: tuple[Table, ...] = (shifts,)
    virtual_tables: Mapping[str, str] = {}
    event_types = EVENT_TYPES

    def __init__(self, registry: EventRegistry) -> None:
        super().__init__(registry)
        self._open: dict[str, _OpenShift] = {}

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        # A rebuild feeds thousands of sales at once: each shift's events go in together.
        by_stream: dict[str, list[tuple[StoredEvent, DomainEvent]]] = {}
        for stored, event in events:
            by_stream.setdefault(stored.stream_id, []).append((stored, event))
        for stream_id, items in by_stream.items():
            self._apply_shift(db, stream_id, items)

    def _apply_shift(
        self, db: Db, stream_id: str, items: list[tuple[StoredEvent, DomainEvent]]
    ) -> None:
        shift_id = stream_id.split("-", 1)[1]
        last = items[-1][0]
        # Taken out until written again: a failed append must not leave a half-folded Shift.
        known = self._open.pop(shift_id, None)
        if isinstance(items[0][1], ShiftOpened):
            known = _OpenShift(Shift(shift_id), items[0][0].device_id)
        if known is not None:
            known.add([event for _, event in items])
        mark = str(last.event_id)
        if known is None or not _write(db, known, mark):
            known = self._from_log(db, stream_id, last.version)
            known.written = None
            _write(db, known, mark)
        if known.shift.is_open:
            known.written = mark
            self._open[shift_id] = known

    def _from_log(self, db: Db, stream_id: str, version: int) -> _OpenShift:
        """The shift folded from the log up to `version` (this append's): from the aggregate's
        latest snapshot at or before it when there is one (taken every so many events), so a
        long shift costs a few events to fold after a restart, not all of them."""
        opened = db.execute(
            "SELECT device_id, event_type FROM events WHERE stream_id = ? AND version = 1",
            (stream_id,),
        ).fetchone()
        if opened is None or opened[1] != ShiftOpened.event_type:
            # Stream versions start at 1 and positions follow commits: ShiftOpened comes first.
            raise LookupError(f"{stream_id} has events but was never opened in the log")
        shift = Shift(stream_id.split("-", 1)[1])
        snapshot = db.execute(
            "SELECT version, state FROM snapshots WHERE stream_id = ? AND snapshot_type = ? "
            "AND schema_version = ? AND version <= ?",
            (stream_id, Shift.stream_type, Shift.snapshot_schema_version, version),
        ).fetchone()
        after = 0
        if snapshot is not None:
            shift.restore_state(event_codec.loads(snapshot[1]))
            after = int(snapshot[0])
        rows = db.execute(
            f"SELECT {event_codec.COLUMNS} FROM events WHERE stream_id = ? AND version > ? "
            "AND version <= ? ORDER BY version",
            (stream_id, after, version),
        ).fetchall()
        known = _OpenShift(shift, str(opened[0]))
        known.add([self.decode(event_codec.from_row_for_replay(row)) for row in rows])
        known.fold()
        return known


def _write(db: Db, known: _OpenShift, mark: str) -> bool:
    """Write the shift's row: `mark` while it is open, its figures once closed. With
    `known.written` set, only over a row that still holds it (False when it does not)."""
    shift = known.shift
    status = ShiftStatus.OPEN if shift.is_open else ShiftStatus.CLOSED
    values = (
        shift.cashier_id,
        status.value,
        utc_text(shift.info.opened_at, "opened_at"),
        None if shift.closed_at is None else utc_text(shift.closed_at, "closed_at"),
        mark if shift.is_open else _figures_text(shift),
    )
    if known.written is not None:
        updated = db.execute(
            "UPDATE shifts SET cashier_id = ?, status = ?, opened_at = ?, closed_at = ?, "
            "z_report = ? WHERE shift_id = ? AND z_report = ?",
            (*values, shift.id, known.written),
        )
        return updated.rowcount == 1
    db.execute(
        f"INSERT OR REPLACE INTO shifts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (shift.id, known.device_id, *values),
    )
    return True


def _figures_text(shift: Shift) -> str:
    # The report needs the figures, not the ids of every sale (which would make the row grow
    # with the shift): the aggregate keeps those to refuse a sale recorded twice.
    state = {**shift.snapshot_state(), "sale_ids": [], "return_ids": []}
    return canonical_json({"schema_version": Shift.snapshot_schema_version, "state": state})


def _restored(shift_id: str, figures: str) -> Shift:
    data = json.loads(figures)
    if data["schema_version"] != Shift.snapshot_schema_version:
        raise StaleShiftState(
            f"shift {shift_id} was projected with snapshot schema v{data['schema_version']}, "
            f"this app has v{Shift.snapshot_schema_version}: run rebuild-projections"
        )
    shift = Shift(shift_id)
    shift.restore_state(data["state"])
    return shift


def _view(row: Any) -> ShiftView:
    status = ShiftStatus(row[3])
    closed = status is ShiftStatus.CLOSED
    return ShiftView(
        shift_id=row[0],
        device_id=row[1],
        cashier_id=row[2],
        status=status,
        opened_at=datetime.fromisoformat(row[4]),
        closed_at=None if row[5] is None else datetime.fromisoformat(row[5]),
        z_report=_restored(row[0], row[6]).z_report() if closed else None,
    )


class SqlShiftQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def open_shift(self, device_id: str) -> ShiftView | None:
        found = self._select(
            "WHERE device_id = ? AND status = ? ORDER BY opened_at DESC, shift_id DESC LIMIT 1",
            (device_id, ShiftStatus.OPEN.value),
        )
        return found[0] if found else None

    def get(self, shift_id: str) -> ShiftView | None:
        found = self._select("WHERE shift_id = ?", (shift_id,))
        return found[0] if found else None

    def history(self, limit: int = 50) -> list[ShiftView]:
        return self._select("ORDER BY opened_at DESC, shift_id DESC LIMIT ?", (limit,))

    def _select(self, tail: str, params: tuple[Any, ...]) -> list[ShiftView]:
        with raw_read_transaction(self._engine) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM shifts {tail}", params).fetchall()
        return [_view(row) for row in rows]
