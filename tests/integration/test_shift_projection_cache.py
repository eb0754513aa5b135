"""The shifts read model keeps each open shift it folded in memory; a rolled-back append's
changes never reach the next write, and a shift it does not know is folded from the log."""

from __future__ import annotations

import copy
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Table, event

from fluxion_desktop.adapters.database import alembic_config, open_database
from fluxion_desktop.adapters.projections import Db, Projection, ProjectionManager
from fluxion_desktop.adapters.read_models.shifts import (
    ShiftsProjection,
    SqlShiftQueries,
    _figures_text,
)
from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.application.event_store import NewEvent, Snapshot, StoredEvent
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.shift import EVENT_TYPES, Shift
from fluxion_desktop.domain.shift_ledger import ShiftTender
from fluxion_desktop.domain.shift_reports import CashCount, ZReport

AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DEVICE = "till-2"
STREAM = "shift-s-1"


class FailOnce:
    """A projection after the shifts one that fails the append it is armed for."""

    name = "fail_once"
    tables: tuple[Table, ...] = ()
    virtual_tables: Mapping[str, str] = {}

    def __init__(self) -> None:
        self.armed = False

    def handle(self, db: Db, events: Sequence[StoredEvent]) -> None:
        if self.armed:
            self.armed = False
            raise RuntimeError("the append fails after the shifts projection wrote")


def _usd(text: str) -> Money:
    return Money(Decimal(text), Currency.USD)


def _envelope(registry: EventRegistry, event: DomainEvent) -> NewEvent:
    return NewEvent(
        uuid.uuid4(), event.event_type, event.schema_version, "t", "st", DEVICE, "u", AT,
        registry.to_payload(event), domain_event=event,
    )  # fmt: skip


class ShiftLog:
    """A real event store over a migrated database, feeding the shifts projection."""

    def __init__(self, path: Path, fail: FailOnce | None = None) -> None:
        self.registry = EventRegistry()
        self.registry.register_all(EVENT_TYPES)
        self.engine = open_database(path)
        self.projection = ShiftsProjection(self.registry)
        projections: list[Projection] = [self.projection, *([fail] if fail else [])]
        self.store = SqliteEventStore(self.engine, DEVICE, self.registry.is_known, projections)

    def append(self, shift: Shift) -> None:
        events = [_envelope(self.registry, e) for e in shift.pending_events]
        self.store.append(STREAM, events, shift.version)
        shift.mark_committed()

    def close_and_report(self, shift: Shift) -> ZReport:
        shift.close((CashCount(Currency.USD, ()),), "mgr", AT + timedelta(hours=8))
        self.append(shift)
        view = SqlShiftQueries(self.engine).get("s-1")
        assert view is not None and view.z_report is not None
        return view.z_report

    def z_report_column(self) -> str:
        with sqlite3.connect(self.engine.url.database or "") as db:
            return str(db.execute("SELECT z_report FROM shifts").fetchone()[0])


def _usd_expected(report: ZReport) -> Money:
    return next(c.expected for c in report.counted_cash if c.currency is Currency.USD)


def _open(log: ShiftLog) -> Shift:
    shift = Shift.open("s-1", "cashier-7", DEVICE, (_usd("20.00"),), AT)
    log.append(shift)
    return shift


def _sell(log: ShiftLog, shift: Shift, sale_id: str) -> None:
    shift.record_sale(sale_id, (ShiftTender("cash", _usd("10.00")),))
    log.append(shift)


def test_a_rolled_back_sale_is_not_in_the_next_write(tmp_path: Path) -> None:
    fail = FailOnce()
    log = ShiftLog(tmp_path / "shifts.db", fail)
    shift = _open(log)
    _sell(log, shift, "a")
    fail.armed = True
    with pytest.raises(RuntimeError):
        _sell(log, copy.deepcopy(shift), "b")  # the shifts projection wrote b, then rolled back
    _sell(log, shift, "c")

    report = log.close_and_report(shift)

    assert report.sales_count == 2
    assert _usd_expected(report) == _usd("40.00")  # float 20 + a + c, not b
    assert ProjectionManager(log.engine, [log.projection]).check() == []
    log.engine.dispose()


def test_an_open_shift_holds_its_last_event_and_is_folded_from_the_log_after_a_restart(
    tmp_path: Path,
) -> None:
    first = ShiftLog(tmp_path / "shifts.db")
    shift = _open(first)
    _sell(first, shift, "a")
    last = first.store.read_stream(STREAM)[-1]
    assert first.z_report_column() == str(last.event_id)  # not the figures, while open
    first.engine.dispose()

    again = ShiftLog(tmp_path / "shifts.db")  # a new process: nothing folded in memory
    _sell(again, shift, "b")
    report = again.close_and_report(shift)

    assert report.sales_count == 2
    assert _usd_expected(report) == _usd("40.00")
    assert again.z_report_column().startswith("{")  # closed: the figures
    assert ProjectionManager(again.engine, [again.projection]).check() == []
    again.engine.dispose()


def test_an_open_shift_an_older_version_wrote_is_upgraded_to_the_replays_form(
    tmp_path: Path,
) -> None:
    log = ShiftLog(tmp_path / "shifts.db")
    shift = _open(log)
    _sell(log, shift, "a")
    with sqlite3.connect(tmp_path / "shifts.db") as db:
        row = db.execute("SELECT * FROM shifts").fetchone()
        checkpoint = db.execute("SELECT position FROM projection_checkpoints").fetchone()[0]
    with log.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0010_intelligence")
    log.engine.dispose()
    with sqlite3.connect(tmp_path / "shifts.db") as db:  # the row as 0010's projection wrote it
        db.execute("INSERT INTO shifts VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (*row[:6], _figures_text(shift)))  # fmt: skip
        db.execute("UPDATE projection_checkpoints SET position = ?", (checkpoint,))

    again = ShiftLog(tmp_path / "shifts.db")  # opening upgrades the database

    assert again.z_report_column() == str(again.store.read_stream(STREAM)[-1].event_id)
    assert ProjectionManager(again.engine, [again.projection]).check() == []
    _sell(again, shift, "b")
    assert _usd_expected(again.close_and_report(shift)) == _usd("40.00")
    again.engine.dispose()


@pytest.mark.parametrize("schema", [Shift.snapshot_schema_version, 999])
def test_after_a_restart_the_fold_starts_at_the_aggregates_snapshot_of_this_schema(
    tmp_path: Path, schema: int
) -> None:
    first = ShiftLog(tmp_path / "shifts.db")
    shift = _open(first)
    for sale_id in ("a", "b"):
        _sell(first, shift, sale_id)
    state = shift.snapshot_state() if schema == Shift.snapshot_schema_version else {"bad": 1}
    first.store.save_snapshot(Snapshot(STREAM, shift.version, "shift", schema, state))
    _sell(first, shift, "c")
    first.engine.dispose()

    again = ShiftLog(tmp_path / "shifts.db")
    seen: list[str] = []
    event.listen(again.engine, "connect", lambda c, _r: c.set_trace_callback(seen.append))
    again.engine.dispose()  # connections from here on trace their statements
    _sell(again, shift, "d")
    report = again.close_and_report(shift)

    start = 3 if schema == Shift.snapshot_schema_version else 0  # the snapshot is at version 3
    folded = [s for s in seen if s.startswith("SELECT") and "version >" in s]
    assert len(folded) == 1 and f"version > {start} " in folded[0]
    assert report.sales_count == 4
    assert _usd_expected(report) == _usd("60.00")
    assert ProjectionManager(again.engine, [again.projection]).check() == []
    again.engine.dispose()
