"""The shifts read model: each shift's till, cashier, status and times, and its Z report.

A Z report needs every figure of the shift (float, cash sales, change, cash in and out, tender
totals), while `ShiftClosed` carries only the closing count. So the projection folds each shift
event into the `Shift` aggregate itself and keeps the aggregate's snapshot state as JSON in the
`z_report` column: while the shift is open it holds the figures so far, and once it is closed
the Z report is rebuilt from it by the same domain code that prints it at the till
(`Shift.z_report`). A change to `Shift.snapshot_schema_version` asks for a projection rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table

from fluxion_desktop.adapters.event_codec import canonical_json, utc_text
from fluxion_desktop.adapters.projections import Db, DomainProjection
from fluxion_desktop.adapters.read_models.sales_tables import shifts
from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import StoredEvent
from fluxion_desktop.application.shifts import ShiftView
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.shift import EVENT_TYPES, Shift, ShiftOpened, ShiftStatus

_COLUMNS = "shift_id, device_id, cashier_id, status, opened_at, closed_at, z_report"


class StaleShiftState(RuntimeError):
    """The stored figures were written by another snapshot schema: rebuild the projection."""


class ShiftsProjection(DomainProjection):
    name = "shifts"
    tables: tuple[Table, ...] = (shifts,)
    virtual_tables: Mapping[str, str] = {}
    event_types = EVENT_TYPES

    def __init__(self, registry: EventRegistry) -> None:
        super().__init__(registry)
        # Each open shift as last written: its figures' text and the Shift they came from.
        # Every sale moves its shift, and rebuilding the Shift from that JSON was most of this
        # projection's cost; the text still read in the transaction says whether the row is
        # the one we wrote (a rolled-back append, a rebuild, another database give other text).
        self._written: dict[str, tuple[str, Shift]] = {}

    def apply(self, db: Db, events: list[tuple[StoredEvent, DomainEvent]]) -> None:
        # A rebuild feeds thousands of sales at once: fold each shift in memory, write it once.
        touched: dict[str, tuple[Shift, str]] = {}
        for stored, event in events:
            shift_id = stored.stream_id.split("-", 1)[1]
            if isinstance(event, ShiftOpened):
                self._written.pop(shift_id, None)
                touched[shift_id] = (Shift(shift_id), stored.device_id)
            elif shift_id not in touched:
                touched[shift_id] = self._load(db, shift_id)
            touched[shift_id][0].load_history([event])
        for shift, device_id in touched.values():
            figures = _save(db, shift, device_id)
            if shift.is_open:
                self._written[shift.id] = (figures, shift)

    def _load(self, db: Db, shift_id: str) -> tuple[Shift, str]:
        row = db.execute(
            "SELECT device_id, z_report FROM shifts WHERE shift_id = ?", (shift_id,)
        ).fetchone()
        # Taken out until written again: a failed append must not leave a half-folded Shift.
        written = self._written.pop(shift_id, None)
        if row is None:
            # Stream versions start at 1 and positions follow commits: ShiftOpened comes first.
            raise LookupError(f"shift {shift_id} has events but was never opened in the log")
        if written is not None and written[0] == row[1]:
            return written[1], row[0]
        return _restored(shift_id, row[1]), row[0]


def _figures(shift: Shift) -> dict[str, Any]:
    # The report needs the figures, not the ids of every sale (which would make each sale's
    # write grow with the shift): the aggregate keeps those to refuse a sale recorded twice.
    return {**shift.snapshot_state(), "sale_ids": [], "return_ids": []}


def _save(db: Db, shift: Shift, device_id: str) -> str:
    """Write the shift's row; the figures' text written. The Shift forgets its sale and return
    ids, which the figures leave out, so it equals one restored from that text."""
    shift.sale_ids.clear()
    shift.return_ids.clear()
    figures = canonical_json(
        {"schema_version": Shift.snapshot_schema_version, "state": _figures(shift)}
    )
    status = ShiftStatus.OPEN if shift.is_open else ShiftStatus.CLOSED
    db.execute(
        f"INSERT OR REPLACE INTO shifts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            shift.id,
            device_id,
            shift.cashier_id,
            status.value,
            utc_text(shift.info.opened_at, "opened_at"),
            None if shift.closed_at is None else utc_text(shift.closed_at, "closed_at"),
            figures,
        ),
    )
    return figures


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
