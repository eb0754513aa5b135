"""Logging, configured once by the bootstrap: JSON lines in a rotating file, readable console lines.

Every record carries tenant, store, device and the correlation id of the command being handled.
Secrets never reach a handler: values under keys that look like PINs, tokens or passwords are
replaced, in `extra` fields and in `key=value` text alike.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

LOG_FILE = "fluxion.jsonl"
_SECRET_KEY = re.compile(r"(pin|token|secret|password|passwd|api_key|authorization)", re.I)
# The value after a secret-looking key; for "Authorization: Bearer X" that is X, not the scheme.
_SECRET_TEXT = re.compile(
    r"(?i)\b(pin|token|secret|password|passwd|api_key|authorization)(\s*[=:]\s*)"
    r"((?:bearer|basic)\s+)?(\S+)"
)
_BEARER_TEXT = re.compile(r"(?i)\b(bearer)(\s+)([A-Za-z0-9._~+/=-]+)")
_REDACTED = "[redacted]"
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_correlation: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_HANDLER_MARK = "_fluxion_handler"


@contextmanager
def correlation(correlation_id: str | None = None) -> Iterator[str]:
    """Tag every record logged inside the block with one correlation id."""
    value = correlation_id or str(uuid.uuid4())
    token = _correlation.set(value)
    try:
        yield value
    finally:
        _correlation.reset(token)


def is_secret_key(key: str) -> bool:
    """Whether a field named `key` holds a secret (a PIN, a token, a password...)."""
    return bool(_SECRET_KEY.search(key))


def redact_text(text: str) -> str:
    """`text` with the values of `key=value` / `key: value` secrets and bearer tokens replaced."""
    text = _SECRET_TEXT.sub(lambda m: f"{m[1]}{m[2]}{m[3] or ''}{_REDACTED}", text)
    return _BEARER_TEXT.sub(lambda m: f"{m[1]}{m[2]}{_REDACTED}", text)


def _redact(value: Any, key: str = "") -> Any:
    if key and is_secret_key(key):
        return _REDACTED
    if isinstance(value, dict):
        return {k: _redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


class _ContextFilter(logging.Filter):
    def __init__(self, context: dict[str, str | None]) -> None:
        super().__init__()
        self._context = context

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in self._context.items():
            if not hasattr(record, key):
                setattr(record, key, value)
        record.correlation_id = _correlation.get()
        record.msg = redact_text(record.getMessage())
        record.args = None
        for key in [k for k in vars(record) if k not in _STANDARD]:
            setattr(record, key, _redact(getattr(record, key), key))
        return True


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(entry, default=str, ensure_ascii=False)


class _RotatingLog(RotatingFileHandler):
    """A rotating file whose rotation may fail without losing records.

    On Windows a file another process holds open cannot be renamed: while a maintenance command
    (`fluxion-pos status`, `sync --once`) writes to the same log as the running till, rotating
    fails. The standard handler then drops every record and reports an error for each, until the
    other process exits; this one keeps writing to the current file and tries to rotate again
    after another tenth of `maxBytes`.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        self._retry_from = 0

    def shouldRollover(self, record: logging.LogRecord) -> int:
        if not super().shouldRollover(record) or self.stream is None:
            return False
        return self.stream.tell() >= self._retry_from

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:
                self.stream = self._open()
            self.stream.seek(0, os.SEEK_END)
            self._retry_from = self.stream.tell() + max(self.maxBytes // 10, 1)
        else:
            self._retry_from = 0


def configure_logging(
    log_dir: Path,
    context: dict[str, str | None],
    level: str = "INFO",
    console: bool = True,
    max_bytes: int = 5_000_000,
    backups: int = 5,
) -> Path:
    """(Re)configure the root logger; returns the JSON log file's path. Safe to call twice."""
    log_dir.mkdir(parents=True, exist_ok=True)
    release_logging()
    root = logging.getLogger()
    root.setLevel(level)
    path = log_dir / LOG_FILE
    file_handler = _RotatingLog(path, max_bytes, backups)
    file_handler.setFormatter(JsonLinesFormatter())
    handlers: list[logging.Handler] = [file_handler]
    if console:
        console_handler = logging.StreamHandler()
        console_handler.setLevel(logging.WARNING)
        console_handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        handlers.append(console_handler)
    for handler in handlers:
        handler.addFilter(_ContextFilter(context))
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    return path


def release_logging() -> None:
    """Remove and close the handlers `configure_logging` added (a command run in-process, by a
    test or a benchmark, must not leave the root logger writing into its data folder)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(handler)
        handler.close()
