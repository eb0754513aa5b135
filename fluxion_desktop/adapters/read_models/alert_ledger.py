"""What the alert agent needs to know of alerts already raised (any till): open, or when last."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from fluxion_desktop.adapters.sqlite_engine import raw_read_transaction
from fluxion_desktop.application.alert_raising import KeyHistory


class SqlAlertLedger:
    """`AlertLedger` over the alerts read model."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def history(self, key: str) -> KeyHistory:
        with raw_read_transaction(self._engine) as db:
            row = db.execute(
                "SELECT SUM(acknowledged_at IS NULL), MAX(raised_at) FROM alerts WHERE key = ?",
                (key,),
            ).fetchone()
        open_count, last = row if row else (0, None)
        return KeyHistory(bool(open_count), None if last is None else datetime.fromisoformat(last))
