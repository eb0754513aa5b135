"""Diagnostics for support: the rotated JSON logs and the till's status in one zip, without secrets.

Safe while the till runs: the database is only read (never created or migrated here) and the logs
are read as they are. Every line goes through the same redaction as logging itself (values of
secret-looking keys, bearer tokens), plus a guard for what a log line could still carry: long random
tokens (base64-like runs of 40+ characters mixing upper and lower case; hex hashes and UUIDs are
kept, support needs them).
"""

from __future__ import annotations

import io
import json
import os
import platform
import re
import sqlite3
import sys
import zipfile
from contextlib import closing
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fluxion_desktop import __version__
from fluxion_desktop.adapters import local_meta
from fluxion_desktop.adapters.backup import read_restore_mark
from fluxion_desktop.adapters.local_status import read_local_status
from fluxion_desktop.adapters.logging_setup import LOG_FILE, _redact, is_secret_key, redact_text
from fluxion_desktop.adapters.sqlite_engine import create_sqlite_engine
from fluxion_desktop.settings import Settings

_RANDOM_TOKEN = re.compile(r"[A-Za-z0-9_\-+/]{40,}={0,2}")
_REDACTED = "[redacted]"


class DiagnosticsError(Exception):
    """The diagnostics file cannot be written; the message says why."""


def write_diagnostics(settings: Settings, target: Path, at: datetime | None = None) -> Path:
    """Write the diagnostics zip to `target` (replacing it); returns the path written.

    Slow (reads every rotated log): the UI runs it through its task runner, off the GUI thread.
    """
    if not target.parent.is_dir():
        raise DiagnosticsError(f"the folder {target.parent} does not exist")
    data = diagnostics_zip(settings, at or datetime.now(UTC))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DiagnosticsError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def diagnostics_zip(settings: Settings, at: datetime) -> bytes:
    """The zip's bytes: status.json, logs/<every rotated log>, and a README naming them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        status = status_report(settings, at)
        archive.writestr("status.json", json.dumps(status, indent=2, ensure_ascii=False))
        logs = sorted(settings.log_dir.glob(f"{LOG_FILE}*")) if settings.log_dir.is_dir() else []
        for log in logs:
            archive.writestr(f"logs/{log.name}", "".join(_redacted_lines(log)))
        archive.writestr("README.txt", _readme(at, [log.name for log in logs]))
    return buffer.getvalue()


def diagnostics_text(settings: Settings, at: datetime, last_log_lines: int = 200) -> str:
    """The status and the newest log lines as plain text, for a "copy diagnostics" button."""
    status = json.dumps(status_report(settings, at), indent=2, ensure_ascii=False)
    log = settings.log_dir / LOG_FILE
    lines = list(_redacted_lines(log))[-last_log_lines:] if log.is_file() else []
    return f"Fluxion POS diagnostics\n\n{status}\n\nlast {len(lines)} log lines:\n{''.join(lines)}"


def status_report(settings: Settings, at: datetime) -> dict[str, Any]:
    """What `fluxion-pos status` reports, plus versions, sync state and restore mark; no secrets."""
    report: dict[str, Any] = {
        "generated_at": at.isoformat(),
        "app_version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "data_dir": str(settings.data_dir),
        "settings": _redact(asdict(settings) | {"data_dir": str(settings.data_dir)}),
        "files": _files(settings.data_dir),
    }
    database = settings.database_path
    if not database.is_file():
        report["database"] = "none yet"
        return report
    try:
        report.update(_database_facts(database))
    except Exception as error:  # diagnostics must come out even from a damaged database
        report["database_error"] = scrub(f"{type(error).__name__}: {error}")
    return report


def scrub(text: str) -> str:
    """`text` with secrets replaced: key=value secrets, bearer tokens, long random tokens."""
    return _RANDOM_TOKEN.sub(_random_token, redact_text(text))


def _random_token(match: re.Match[str]) -> str:
    word = match.group(0)
    mixed_case = any(c.isupper() for c in word) and any(c.islower() for c in word)
    return _REDACTED if mixed_case else word


def _database_facts(database: Path) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    engine = create_sqlite_engine(database)
    try:
        with closing(engine.raw_connection()) as pooled:
            db = pooled.driver_connection
            assert isinstance(db, sqlite3.Connection)
            device_id = local_meta.get(db, "device_id") or ""
            facts["tenant_id"] = local_meta.get(db, "tenant_id")
            facts["store_id"] = local_meta.get(db, "store_id")
            facts["device_id"] = device_id
            mark = read_restore_mark(db)
            facts["restored"] = None if mark is None else asdict(mark)
            facts["sync"] = _sync_state(db)
        facts["status"] = asdict(read_local_status(engine, device_id))
    finally:
        engine.dispose()
    scrubbed: dict[str, Any] = _scrub_values(facts)
    return scrubbed


def _sync_state(db: sqlite3.Connection) -> dict[str, Any] | None:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
    ).fetchone()
    if exists is None:
        return None
    cursor = db.execute("SELECT * FROM sync_state ORDER BY slot LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _scrub_values(value: Any, key: str = "") -> Any:
    """`value` with whatever sits under a secret-looking key replaced, and every text scrubbed."""
    if key and is_secret_key(key):
        return _REDACTED
    if isinstance(value, dict):
        return {k: _scrub_values(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_values(v) for v in value]
    return scrub(value) if isinstance(value, str) else value


def _redacted_lines(path: Path) -> list[str]:
    lines = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            lines.append(_redacted_line(line.rstrip("\n")) + "\n")
    return lines


def _redacted_line(line: str) -> str:
    try:
        entry = json.loads(line)
    except ValueError:
        return scrub(line)
    return json.dumps(_scrub_values(entry), ensure_ascii=False)


def _files(data_dir: Path) -> list[dict[str, Any]]:
    if not data_dir.is_dir():
        return []
    found = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            relative = path.relative_to(data_dir).as_posix()
            found.append({"name": relative, "bytes": path.stat().st_size})
    return found


def _readme(at: datetime, logs: list[str]) -> str:
    return (
        f"Fluxion POS {__version__} diagnostics, {at.isoformat()}\n"
        "status.json: versions, data folder, database status, sync state, restore mark\n"
        f"logs/: {', '.join(logs) or 'no logs yet'} (JSON lines, newest first file fluxion.jsonl)\n"
        "PINs, tokens, passwords and other secrets are replaced by [redacted].\n"
    )
