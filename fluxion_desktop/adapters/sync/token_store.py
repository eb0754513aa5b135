"""Where the device token lives: the OS keyring, or, where there is none, a private file.

A headless Linux box often has no keyring backend at all (keyring's `fail` backend, or a chainer
with nothing in it). There the token goes to `<data folder>/sync_token` with mode 0600 (readable by
the user only), and only after a WARNING says so; `storage` names the choice for the status bar.
docs/sync.md documents this.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from keyring.backends import chainer, fail

log = logging.getLogger(__name__)

SERVICE = "fluxion-pos"
TOKEN_FILE = "sync_token"
KEYRING = "keyring"
FILE_FALLBACK = "file (no OS keyring available)"


def usable_keyring(backend: Any) -> bool:
    """False for keyring's placeholder backends: the fail backend, or a chainer with none."""
    if isinstance(backend, fail.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


class TokenStore:
    """The device token of the device `device_id` whose data folder is `data_dir`.

    `backend` is a keyring backend (default: the one keyring picks for this system).
    """

    def __init__(self, data_dir: Path, device_id: str, backend: Any = None) -> None:
        self._file = data_dir / TOKEN_FILE
        self._user = f"device-token:{device_id}"
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._use_keyring = usable_keyring(self._backend)
        self._warned = False
        self._cached: str | None = None

    @property
    def storage(self) -> str:
        """ "keyring" or the file fallback's description (shown as `token_storage`)."""
        return KEYRING if self._use_keyring else FILE_FALLBACK

    def save(self, token: str) -> None:
        self._cached = None
        if self._use_keyring:
            try:
                self._backend.set_password(SERVICE, self._user, token)
                return
            except keyring.errors.KeyringError as error:
                self._fall_back(f"the OS keyring refused the token ({error})")
        self._warn()
        _write_private(self._file, token)

    def load(self) -> str | None:
        """The token, or None before enrolment (read once, then remembered)."""
        if self._cached is None:
            self._cached = self._read()
        return self._cached

    def _read(self) -> str | None:
        if self._use_keyring:
            try:
                found = self._backend.get_password(SERVICE, self._user)
            except keyring.errors.KeyringError as error:
                self._fall_back(f"the OS keyring cannot be read ({error})")
            else:
                if found is not None:
                    return str(found)
        if not self._file.exists():
            return None
        self._warn()
        return self._file.read_text(encoding="utf-8").strip() or None

    def delete(self) -> None:
        self._cached = None
        if self._use_keyring:
            with contextlib.suppress(keyring.errors.KeyringError):
                self._backend.delete_password(SERVICE, self._user)
        self._file.unlink(missing_ok=True)

    def _fall_back(self, why: str) -> None:
        log.warning("%s; using the token file %s instead", why, self._file)
        self._use_keyring = False
        self._warned = True

    def _warn(self) -> None:
        if self._warned:
            return
        self._warned = True
        log.warning(
            "no usable OS keyring backend (keyring reports %s); the sync token is kept in %s, "
            "readable by this user only (see docs/sync.md)",
            f"{type(self._backend).__module__}.{type(self._backend).__name__}",
            self._file,
        )


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable and writable by the owner only (0600), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o600)  # the umask could only have narrowed it; be explicit anyway
    os.replace(temporary, path)
