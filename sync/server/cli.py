"""`fluxion-hq`: run the HQ server and administer it.

create-tenant, create-store, enroll-code and staff-token print only the new id, code or token
on stdout, so scripts can chain them. Errors are one line on stderr with exit code 2 (1 for a
bad command line is argparse's 2 as well); never a traceback.

The database: --database-url, else $FLUXION_HQ_DATABASE_URL, else a SQLite file in the user's
data folder. Every command upgrades the schema first (a newer schema is refused).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from sync.server import catalog_import, hq_directives, tenancy
from sync.server.clock import system_clock
from sync.server.database import (
    Database,
    DatabaseError,
    default_database_url,
    migrate,
    open_database,
)
from sync.server.errors import HqError

DATABASE_URL_ENV = "FLUXION_HQ_DATABASE_URL"
EXIT_ERROR = 2
Handler = Callable[[Database, argparse.Namespace], str | None]


def database_url(args: argparse.Namespace) -> str:
    return str(args.database_url or os.environ.get(DATABASE_URL_ENV) or default_database_url())


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help=f"sqlite:///FILE or postgresql+psycopg://... "
        f"(default: ${DATABASE_URL_ENV} or a SQLite file in the user data folder)",
    )
    parser = argparse.ArgumentParser(prog="fluxion-hq", description="Fluxion POS HQ server")
    parser.add_argument("--version", action="version", version="fluxion-hq 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, parents=[common])
        cmd.set_defaults(handler=handler)
        return cmd

    serve = sub.add_parser("serve", help="run the HQ API with uvicorn", parents=[common])
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8400)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.set_defaults(handler=None)
    command("migrate", "upgrade the database schema", _migrate)
    cmd = command("create-tenant", "create a tenant; prints its id", _create_tenant)
    cmd.add_argument("name")
    cmd = command("create-store", "create a store; prints its id", _create_store)
    cmd.add_argument("--tenant", required=True)
    cmd.add_argument("name")
    cmd = command("enroll-code", "a one-time code to enrol a till; prints the code", _enroll_code)
    cmd.add_argument("--store", required=True)
    cmd = command("staff-token", "a bearer token for the read API; prints the token", _staff_token)
    cmd.add_argument("--tenant", required=True)
    cmd = command("revoke-device", "revoke a device and its tokens", _revoke_device)
    cmd.add_argument("device_id")
    cmd = command(
        "add-user", "a till user for every store (PIN read from stdin); prints its id", _add_user
    )
    cmd.add_argument("--tenant", required=True)
    cmd.add_argument("--username", required=True)
    cmd.add_argument("--name", required=True, help="display name")
    cmd.add_argument("--role", required=True, help="cashier, supervisor, manager or admin")
    cmd.add_argument("--store", default="", help="only this store (default: every store)")
    cmd = command(
        "set-rate", "record an exchange rate (e.g. the BCV rate); prints the event id", _set_rate
    )
    cmd.add_argument("--tenant", required=True)
    cmd.add_argument("rate", help="units of QUOTE per BASE, e.g. 36.50")
    cmd.add_argument("--base", default="USD")
    cmd.add_argument("--quote", default="VES")
    cmd.add_argument("--date", default=None, help="effective date YYYY-MM-DD (default: today, UTC)")
    cmd.add_argument("--source", default="BCV")
    cmd.add_argument("--store", default="", help="only this store (default: every store)")
    cmd = command(
        "import-catalog", "import products from a CSV file as HQ catalog events", _import_catalog
    )
    cmd.add_argument("--tenant", required=True)
    cmd.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        db = open_database(database_url(args), pool_size=2)
        try:
            migrate(db)
            output = args.handler(db, args)
        finally:
            db.dispose()
    except (HqError, DatabaseError) as error:
        return _fail(str(error))
    except SQLAlchemyError as error:
        return _fail(f"database error: {str(error).splitlines()[0]}")
    except KeyboardInterrupt:
        return 130
    if output is not None:
        print(output)
    return 0


def _fail(message: str) -> int:
    print(f"fluxion-hq: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    url = database_url(args)
    db = open_database(url)
    migrate(db)
    db.dispose()
    os.environ[DATABASE_URL_ENV] = url
    uvicorn.run(
        "sync.server.cli:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
    )
    return 0


def app_from_environment() -> object:
    """The ASGI app for uvicorn's workers, on $FLUXION_HQ_DATABASE_URL (set by `serve`)."""
    from sync.server.app import HqSettings, create_app

    url = os.environ.get(DATABASE_URL_ENV) or default_database_url()
    return create_app(HqSettings(url, migrate_on_start=False))


def _migrate(db: Database, _args: argparse.Namespace) -> str:
    from sync.server.database import current_revision

    return f"schema at {current_revision(db)}"


def _create_tenant(db: Database, args: argparse.Namespace) -> str:
    return tenancy.create_tenant(db, args.name, system_clock())


def _create_store(db: Database, args: argparse.Namespace) -> str:
    return tenancy.create_store(db, args.tenant, args.name, system_clock())


def _enroll_code(db: Database, args: argparse.Namespace) -> str:
    return tenancy.create_enrollment_code(db, args.store, system_clock())


def _staff_token(db: Database, args: argparse.Namespace) -> str:
    return tenancy.create_staff_token(db, args.tenant, system_clock())


def _revoke_device(db: Database, args: argparse.Namespace) -> None:
    tenancy.revoke_device(db, args.device_id, system_clock())
    print(f"device {args.device_id} revoked", file=sys.stderr)


def _add_user(db: Database, args: argparse.Namespace) -> str:
    return hq_directives.add_user(
        db,
        args.tenant,
        args.username,
        args.name,
        args.role,
        _read_pin(),
        system_clock(),
        store_id=args.store,
    )


def _read_pin() -> str:
    """The PIN from stdin (one line) or, at a terminal, typed twice without echo: never an
    argument, which other users of the machine could read in the process list."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN again: ") != first:
        raise HqError("the two PINs differ")
    return first


def _set_rate(db: Database, args: argparse.Namespace) -> str:
    return hq_directives.set_rate(
        db,
        args.tenant,
        args.rate,
        system_clock(),
        base=args.base,
        quote=args.quote,
        effective=args.date,
        source=args.source,
        store_id=args.store,
    )


def _import_catalog(db: Database, args: argparse.Namespace) -> str:
    result = catalog_import.import_catalog(db, args.tenant, args.file, system_clock())
    return (
        f"{result.created} created, {result.changed} changed, {result.unchanged} unchanged "
        f"({result.events} events)"
    )
