"""Everything one till needs to sync with HQ, built from its event store and data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from fluxion_desktop.adapters.sqlite_event_store import SqliteEventStore
from fluxion_desktop.adapters.sync.inbox import SqliteInbox
from fluxion_desktop.adapters.sync.outbox import SqliteOutbox
from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
from fluxion_desktop.adapters.sync.token_store import TokenStore
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.sync_status import SyncStatus
from sync.client.errors import AuthRefused
from sync.client.http import DEFAULT_TIMEOUT, HqClient
from sync.client.loop import SyncLoop
from sync.protocol import MAX_PUSH_EVENTS, EnrollResponse


class NotEnrolled(AuthRefused):
    """No HQ address or no token: `fluxion-pos enroll URL CODE` first."""


@dataclass
class SyncSession:
    """A ready sync loop and the parts status needs; `close()` releases the HTTP connections."""

    loop: SyncLoop
    client: HqClient
    state: SqliteSyncState
    outbox: SqliteOutbox
    tokens: TokenStore

    def status(self, online: bool | None) -> SyncStatus:
        return read_status(self.state, self.outbox, self.tokens, online)

    def close(self) -> None:
        self.client.close()


def open_session(
    store: SqliteEventStore,
    data_dir: Path,
    clock: Clock,
    *,
    hq_url: str | None = None,
    tokens: TokenStore | None = None,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    batch_size: int = MAX_PUSH_EVENTS,
) -> SyncSession:
    """The sync loop of the till whose log is `store`; `hq_url` overrides the enrolled address.

    NotEnrolled when the till has no token or no HQ address.
    """
    state = SqliteSyncState(store.engine)
    tokens = tokens or TokenStore(data_dir, store.device_id)
    url = hq_url or state.hq_url()
    token = tokens.load()
    if url is None or token is None:
        raise NotEnrolled("this till is not enrolled with HQ: run `fluxion-pos enroll URL CODE`")
    client = HqClient(url, token, timeout=timeout)
    outbox = SqliteOutbox(store)
    loop = SyncLoop(store.device_id, client, outbox, SqliteInbox(store), state, clock,
                    batch_size=batch_size)  # fmt: skip
    return SyncSession(loop, client, state, outbox, tokens)


def request_enrolment(url: str, code: str, device_id: str, device_name: str) -> EnrollResponse:
    """Ask the HQ at `url` to enrol this device with a one-time `code` (nothing kept yet)."""
    with HqClient(url) as client:
        return client.enroll(code, device_id, device_name)


def keep_enrolment(
    store: SqliteEventStore,
    data_dir: Path,
    url: str,
    answer: EnrollResponse,
    *,
    tokens: TokenStore | None = None,
) -> TokenStore:
    """Keep the token (keyring, else the documented file) and HQ's address.

    The caller binds the till to the answer's tenant and store (bootstrap's
    `assign_store_and_reopen`). Returns the token store, whose `storage` says where it went.
    """
    tokens = tokens or TokenStore(data_dir, store.device_id)
    tokens.save(answer.token)
    SqliteSyncState(store.engine).set_hq_url(url)
    return tokens


def read_status(
    state: SqliteSyncState, outbox: SqliteOutbox, tokens: TokenStore, online: bool | None
) -> SyncStatus:
    """The status bar's view; reads two small rows and one indexed count, never the network."""
    saved = state.load()
    enrolled = saved.hq_url is not None and tokens.load() is not None
    return SyncStatus(
        online=bool(online),
        pending=outbox.pending_after(saved.marks.acked_position),
        last_success=saved.last_success,
        last_error=saved.last_error,
        alarm=saved.marks.alarm,
        token_storage=tokens.storage,
        enrolled=enrolled,
    )
