"""`fluxion-pos enroll URL CODE` and `fluxion-pos sync --once`; `start_sync` for the running till,
and `WizardEnrolment`, the first-run wizard's way to enrol.

Exit codes: 0 done (for `sync --once`: nothing left to push and the pull is current); 1 a sync
problem, its reason on stderr (HQ unreachable, refused, an alarm, events still pending);
2 the data folder cannot be used (reported by `main`).
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fluxion_desktop.adapters.sync.session import (
    NotEnrolled,
    keep_enrolment,
    open_session,
    request_enrolment,
)
from fluxion_desktop.application.first_run import Enrolled, EnrolmentFailed, SetUpTarget
from fluxion_desktop.bootstrap import assign_store_and_reopen
from fluxion_desktop.cli.command import EXIT_OK, EXIT_PROBLEM, Command
from fluxion_desktop.jobs.sync_job import SyncJob
from sync.client.backoff import Backoff
from sync.client.cadence import SyncCadence
from sync.client.debounce import Debouncer
from sync.client.errors import AuthRefused, Retryable, SyncError
from sync.client.loop import CycleReport
from sync.protocol import EnrollResponse

if TYPE_CHECKING:
    from fluxion_desktop.bootstrap import Services

log = logging.getLogger(__name__)


def start_sync(
    services: Services,
    *,
    hq_url: str | None = None,
    interval: float = 30.0,
    backoff: Backoff | None = None,
    debouncer: Debouncer | None = None,
) -> SyncJob | None:
    """Start background sync for a running till; None (and a log line) when not enrolled
    (call it again after an enrolment from a screen, e.g. the first-run wizard).

    The job pushes soon after each commit of own events (it subscribes to the bus), syncs every
    `interval` seconds, and is the UI's `SyncStatusSource`. Call `job.stop()` before
    `services.close()`.
    """
    try:
        session = open_session(services.store, services.settings.data_dir, services.clock,
                               hq_url=hq_url)  # fmt: skip
    except NotEnrolled as error:
        log.info("sync is off: %s", error)
        return None
    cadence = SyncCadence(session.loop.run_once, time.monotonic, interval=interval,
                          backoff=backoff, debouncer=debouncer)  # fmt: skip
    job = SyncJob(cadence, session.status, services.identity.device_id, on_stop=session.close)
    services.bus.subscribe(job.on_commit)
    return job.start()


# -- enroll --------------------------------------------------------------------------------------


def _enroll_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="HQ's address, e.g. https://hq.example.com")
    parser.add_argument("code", metavar="CODE", help="the one-time code from `fluxion-hq`")
    parser.add_argument("--name", help="this till's name at HQ (default: the computer's name)")


class EnrolmentRefused(SyncError):
    """This till cannot take HQ's enrolment as it stands; nothing was kept."""


@dataclass(frozen=True)
class Enrolment:
    """What an enrolment did. `services` are the till's services afterwards: new ones (the old
    closed) when the till was just bound to HQ's tenant and store, else the same."""

    answer: EnrollResponse
    token_storage: str
    services: Services


def enrol_till(services: Services, url: str, code: str, name: str | None = None) -> Enrolment:
    """Enrol this till with the HQ at `url` using a one-time `code` (what `fluxion-pos enroll`
    and the first-run wizard do): keep the token and address, and bind an unbound till to HQ's
    tenant and store. A SyncError says why not (EnrolmentRefused: nothing was kept)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EnrolmentRefused(
            f"{url!r} is not an HQ address; it starts with https:// (or http://)"
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        log.warning("http:// carries the device token unencrypted; use https:// outside the "
                    "store's own network (%s)", url)  # fmt: skip
    identity = services.identity
    name = name or socket.gethostname() or identity.device_id
    answer = request_enrolment(url, code, identity.device_id, name)
    if answer.device_id != identity.device_id:
        raise EnrolmentRefused(f"HQ enrolled device {answer.device_id}, but this till is "
                               f"{identity.device_id}; nothing was kept")  # fmt: skip
    bound = (identity.tenant_id, identity.store_id)
    rebind = bound != (answer.tenant_id, answer.store_id)
    if rebind and identity.tenant_id and services.store.count(own_only=True):
        # Every event is stamped and hashed with its tenant and store: they cannot move.
        raise EnrolmentRefused(
            f"this till already holds {services.store.count(own_only=True)} events of tenant "
            f"{identity.tenant_id}, store {identity.store_id}; HQ's code is for tenant "
            f"{answer.tenant_id}, store {answer.store_id}. Use a code for this till's store, or "
            "enrol a new data folder; nothing was kept"
        )
    tokens = keep_enrolment(services.store, services.settings.data_dir, url, answer)
    if rebind:
        services = assign_store_and_reopen(services, answer.tenant_id, answer.store_id)
    return Enrolment(answer, tokens.storage, services)


class WizardEnrolment:
    """The first-run wizard's `enroll(url, code)` (application.first_run.Enroll) for a running
    till: `enrol_till`, its failures said for a person, and the till it bound kept in `done`
    for whoever runs the window (the old services are closed when the till was rebound)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.done: Enrolment | None = None

    def __call__(self, url: str, code: str) -> Enrolled:
        try:
            done = enrol_till(self.services, url, code)
        except EnrolmentRefused as error:
            raise EnrolmentFailed(str(error), "hq_url") from error
        except AuthRefused as error:
            raise EnrolmentFailed(
                f"HQ refused the one-time code ({error}): ask HQ for a new code; nothing was kept",
                "code",
            ) from error
        except Retryable as error:
            raise EnrolmentFailed(
                f"HQ could not be reached at {url} ({error}): check the address and the "
                "connection, or clear the HQ fields to work alone; nothing was kept",
                "hq_url",
            ) from error
        except SyncError as error:
            raise EnrolmentFailed(
                f"{url} did not enrol this till ({error}): is it HQ's address? Nothing was kept",
                "hq_url",
            ) from error
        self.done = done
        return Enrolled(set_up_target(done.services), url)


def set_up_target(services: Services) -> SetUpTarget:
    """Where the first-run set-up writes on this till; with HQ's first pull when enrolled."""
    pull = (lambda: pull_from_hq(services)) if is_enrolled(services) else None
    return SetUpTarget(services.bus, services.identity, services.queries.users, pull)


def is_enrolled(services: Services) -> bool:
    """Whether this till has HQ's address and its token (no network)."""
    try:
        session = open_session(services.store, services.settings.data_dir, services.clock)
    except NotEnrolled:
        return False
    session.close()
    return True


def pull_from_hq(services: Services) -> CycleReport:
    """One whole sync cycle that must reach HQ's latest events (the first-run set-up's pull);
    a SyncError when it cannot, or when sync stopped on an alarm."""
    report = sync_once(services)
    if report.alarm is not None:
        raise SyncError(report.alarm)
    if not report.pull_current:
        raise SyncError("the pull did not reach HQ's latest events")
    return report


def sync_once(services: Services, hq_url: str | None = None) -> CycleReport:
    """One sync cycle now (push what is pending, pull HQ's news); NotEnrolled or a SyncError."""
    session = open_session(services.store, services.settings.data_dir, services.clock,
                           hq_url=hq_url)  # fmt: skip
    try:
        return session.loop.run_once()
    finally:
        session.close()


def _enroll(services: Services, args: argparse.Namespace) -> int:
    if urlsplit(args.url).scheme == "http" and urlsplit(args.url).hostname not in (
        "127.0.0.1", "localhost", "::1",
    ):  # fmt: skip
        print("fluxion-pos: warning: http:// carries the device token unencrypted; use https:// "
              "outside the store's own network", file=sys.stderr)  # fmt: skip
    try:
        done = enrol_till(services, args.url, args.code, args.name)
    except EnrolmentRefused as error:
        return _problem(str(error))
    except SyncError as error:
        return _problem(f"enrolment failed: {error}")
    if done.services is not services:
        done.services.close()
    answer = done.answer
    print(f"enrolled with {args.url}: tenant {answer.tenant_id}, store {answer.store_id}, "
          f"device {answer.device_id}; token kept in {done.token_storage}")  # fmt: skip
    return EXIT_OK


# -- sync --once ---------------------------------------------------------------------------------


def _sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", required=True,
                        help="push everything pending and pull what HQ has, then exit")  # fmt: skip
    parser.add_argument("--hq-url", help="use this HQ address for this run (e.g. a proxy)")


def _sync(services: Services, args: argparse.Namespace) -> int:
    try:
        report = sync_once(services, args.hq_url)
    except NotEnrolled as error:
        return _problem(str(error))
    except SyncError as error:
        return _problem(f"sync failed: {error}")
    print(_summary(report))
    if report.alarm is not None:
        return _problem(f"ALARM: {report.alarm}")
    if report.pending:
        return _problem(f"{report.pending} events are still waiting to reach HQ")
    if not report.pull_current:
        return _problem("the pull did not reach HQ's latest events")
    return EXIT_OK


def _summary(report: CycleReport) -> str:
    text = (f"pushed {report.pushed} events ({report.duplicates} HQ already had), "
            f"pulled {report.pulled}, pending {report.pending}")  # fmt: skip
    set_aside = len(report.conflicts) + len(report.rejected)
    if set_aside:
        text += f"; HQ set aside {set_aside} (see the log)"
    return text


def _problem(message: str) -> int:
    print(f"fluxion-pos: {message}", file=sys.stderr)
    return EXIT_PROBLEM


COMMANDS: tuple[Command, ...] = (
    Command("enroll", "enrol this till with HQ using a one-time code", _enroll,
            arguments=_enroll_arguments, exclusive=True),
    Command("sync", "push pending events to HQ and pull its news, once", _sync,
            arguments=_sync_arguments, exclusive=True),
)  # fmt: skip
