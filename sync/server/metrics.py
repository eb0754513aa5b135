"""/metrics: Prometheus text. Counters of this worker process plus gauges read from the
database (so every stateless worker reports the same gauges)."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from sync.server import schema as t
from sync.server.database import Database


class Metrics:
    """Counters of one worker process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._errors: Counter[str] = Counter()

    def ingested(
        self, accepted: int, duplicates: int, conflicts: int, rejected: int, unprojected: int
    ) -> None:
        with self._lock:
            self._counts["batches"] += 1
            self._counts["accepted"] += accepted
            self._counts["duplicates"] += duplicates
            self._counts["conflicts"] += conflicts
            self._counts["rejected"] += rejected
            self._counts["unprojected"] += unprojected

    def error(self, code: str) -> None:
        with self._lock:
            self._errors[code] += 1

    def render(self, db: Database) -> str:
        with self._lock:
            counts = dict(self._counts)
            errors = dict(self._errors)
        lines = [
            "# HELP fluxion_hq_push_batches_total Push batches this worker stored.",
            "# TYPE fluxion_hq_push_batches_total counter",
            f"fluxion_hq_push_batches_total {counts.get('batches', 0)}",
            "# HELP fluxion_hq_events_ingested_total Events pushed to this worker, by outcome.",
            "# TYPE fluxion_hq_events_ingested_total counter",
        ]
        for outcome in ("accepted", "duplicates", "conflicts", "rejected"):
            lines.append(
                f'fluxion_hq_events_ingested_total{{outcome="{outcome}"}} {counts.get(outcome, 0)}'
            )
        lines += [
            "# HELP fluxion_hq_events_unprojected_total Stored events projections could not read.",
            "# TYPE fluxion_hq_events_unprojected_total counter",
            f"fluxion_hq_events_unprojected_total {counts.get('unprojected', 0)}",
            "# HELP fluxion_hq_errors_total Error responses of this worker, by error code.",
            "# TYPE fluxion_hq_errors_total counter",
        ]
        lines += [
            f'fluxion_hq_errors_total{{code="{code}"}} {n}' for code, n in sorted(errors.items())
        ]
        lines += self._gauges(db)
        return "\n".join(lines) + "\n"

    @staticmethod
    def _gauges(db: Database) -> list[str]:
        d = t.devices
        with db.read() as conn:
            stored = conn.execute(select(func.coalesce(func.sum(d.c.event_count), 0))).scalar()
            hq = conn.execute(
                select(func.coalesce(func.sum(t.hq_chains.c.head_position), 0))
            ).scalar()
            active = conn.execute(
                select(func.count()).where(d.c.revoked_at.is_(None)).select_from(d)
            ).scalar()
            lagging = conn.execute(
                select(func.count()).select_from(d).where(d.c.revoked_at.is_(None), d.c.pending > 0)
            ).scalar()
            kinds = conn.execute(
                select(t.quarantine.c.kind, func.count()).group_by(t.quarantine.c.kind)
            )
            quarantined = {str(row[0]): int(row[1]) for row in kinds}
        lines = [
            "# HELP fluxion_hq_events_stored Events HQ holds from devices and from HQ itself.",
            "# TYPE fluxion_hq_events_stored gauge",
            f'fluxion_hq_events_stored{{writer="devices"}} {int(stored or 0)}',
            f'fluxion_hq_events_stored{{writer="hq"}} {int(hq or 0)}',
            "# HELP fluxion_hq_devices Enrolled devices not revoked.",
            "# TYPE fluxion_hq_devices gauge",
            f"fluxion_hq_devices {int(active or 0)}",
            "# HELP fluxion_hq_devices_lagging Devices that reported events left to send.",
            "# TYPE fluxion_hq_devices_lagging gauge",
            f"fluxion_hq_devices_lagging {int(lagging or 0)}",
            "# HELP fluxion_hq_events_quarantined Conflicting, rejected, repeated events.",
            "# TYPE fluxion_hq_events_quarantined gauge",
        ]
        for kind in ("conflict", "rejected", "duplicate"):
            lines.append(
                f'fluxion_hq_events_quarantined{{kind="{kind}"}} {int(quarantined.get(kind, 0))}'
            )
        return lines
