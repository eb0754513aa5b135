"""What `fluxion-pos status` reports about the local database."""

from __future__ import annotations

from sqlalchemy import Engine

from fluxion_desktop.adapters import local_meta
from fluxion_desktop.adapters.database import current_revision
from fluxion_desktop.adapters.sqlite_engine import read_transaction
from fluxion_desktop.application.status import LocalStatus

PUSH_ACKED_KEY = "push_acked_position"


def read_local_status(engine: Engine, device_id: str) -> LocalStatus:
    revision = current_revision(engine)
    with read_transaction(engine) as connection:
        total, last = connection.exec_driver_sql(
            "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM events"
        ).one()
        own = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM events WHERE device_id = ?", (device_id,)
        ).scalar()
        acked = int(local_meta.get(connection, PUSH_ACKED_KEY) or 0)
        pending = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM events WHERE device_id = ? AND position > ?", (device_id, acked)
        ).scalar()
    return LocalStatus(revision, int(total), int(own or 0), int(last), int(pending or 0))
