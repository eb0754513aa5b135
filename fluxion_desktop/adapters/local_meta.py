"""Small key/value facts about this device's database (identity, sync marks)."""

from __future__ import annotations

from sqlalchemy import Connection


def get(connection: Connection, key: str) -> str | None:
    found = connection.exec_driver_sql("SELECT value FROM local_meta WHERE key = ?", (key,))
    value = found.scalar()
    return None if value is None else str(value)


def put(connection: Connection, key: str, value: str) -> None:
    connection.exec_driver_sql(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
