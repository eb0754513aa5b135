"""The HQ's FastAPI application: `create_app(settings)`.

Stateless: every request reads and writes the database only, so several uvicorn workers (or
hosts) can serve one PostgreSQL. Endpoints are plain functions run in the threadpool.
(No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, some
of which are local to `create_app`.)
"""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import (
    DEFAULT_PULL_LIMIT,
    ENROLL_PATH,
    GZIP_MIN_RESPONSE_BYTES,
    MAX_PULL_LIMIT,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    STATUS_PATH,
    ChainForkBody,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
    StatusResponse,
    StoreDailySales,
    StoreStock,
    StoreSummary,
    load_push,
)
from sync.server import auth, ingest, reads, store_reads
from sync.server.body_limits import BodyLimits
from sync.server.clock import Clock, system_clock
from sync.server.database import Database, migrate, open_database
from sync.server.errors import HqError
from sync.server.metrics import Metrics

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HqSettings:
    """How to run HQ: the database URL, the clock, and whether to migrate on start."""

    database_url: str
    clock: Clock = field(default=system_clock)
    pool_size: int = 10
    migrate_on_start: bool = True


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ChainForkBody if status == 409 else ErrorBody} for status in statuses}


_bearer = HTTPBearer(
    auto_error=False, description="A device token (sync API) or a staff token (read API)"
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def create_app(settings: HqSettings, database: Database | None = None) -> FastAPI:
    """The HQ app on `settings.database_url` (or an already open `database`)."""
    db = database or open_database(settings.database_url, settings.pool_size)
    if settings.migrate_on_start:
        migrate(db)
    metrics = Metrics()
    now = settings.clock

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if database is None:
            db.dispose()

    app = FastAPI(
        title="Fluxion HQ",
        version=f"{PROTOCOL_VERSION}.0",
        description="Sync protocol v1 between Fluxion POS tills and HQ, and HQ's read API.",
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.metrics = metrics
    _install_error_handlers(app, metrics)

    async def protocol(  # async: a header check needs no trip to the threadpool
        version: Annotated[
            str | None, Header(alias=PROTOCOL_HEADER, description="Protocol major version: 1")
        ] = None,
    ) -> None:
        major = (version or "").strip().split(".", 1)[0]
        if major != str(PROTOCOL_VERSION):
            raise _UnsupportedProtocol(
                f"this HQ speaks sync protocol {PROTOCOL_VERSION}; send {PROTOCOL_HEADER}: "
                f"{PROTOCOL_VERSION} (got {version!r})"
            )

    def device(credentials: Credentials) -> auth.DeviceCaller:
        caller = auth.device_caller(db, auth.bearer(_header(credentials)))
        return caller

    def staff(credentials: Credentials) -> auth.StaffCaller:
        return auth.staff_caller(db, auth.bearer(_header(credentials)))

    Protocol = Depends(protocol)
    Device = Annotated[auth.DeviceCaller, Depends(device)]
    Staff = Annotated[auth.StaffCaller, Depends(staff)]
    StoreId = Annotated[str, Path(min_length=1, max_length=64)]

    @app.post(
        ENROLL_PATH,
        response_model=EnrollResponse,
        dependencies=[Protocol],
        responses=_errors(400, 401, 409, 413, 422),
        tags=["sync"],
    )
    def enroll(body: EnrollRequest) -> EnrollResponse:
        """Spend a one-time enrolment code; the device's bearer token (shown once)."""
        return auth.enroll(db, body, now())

    @app.post(
        PUSH_PATH,
        response_model=PushResponse,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403, 409, 413, 422),
        tags=["sync"],
    )
    async def push(request: Request, credentials: Credentials) -> Response:
        """Store a batch of the device's own events (idempotent; see sync.protocol)."""
        # The hot path of a drain: the token, the body (pydantic-core straight from the JSON
        # bytes) and the ingest all run in one trip to the threadpool, where FastAPI's own
        # handling took three (dependency, dependency, endpoint) at ~4 ms each on a busy
        # 2-core box. The spec documents it as `_documented_push` (below).
        body = await request.body()

        def store() -> bytes:
            caller = device(credentials)
            answer = ingest.push(db, caller, push_request(body), now(), metrics)
            return answer.model_dump_json().encode()

        return Response(await run_in_threadpool(store), media_type="application/json")

    def _documented_push(body: PushRequest, caller: Device) -> PushResponse:
        """Store a batch of the device's own events (idempotent; see sync.protocol)."""
        raise NotImplementedError  # never routed: it describes `push` in the spec

    _documented_push.__name__ = "push"
    _document_as(app, PUSH_PATH, _documented_push)

    @app.get(
        STATUS_PATH,
        response_model=StatusResponse,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403),
        tags=["sync"],
    )
    def status(caller: Device) -> StatusResponse:
        """What HQ holds of this device's chain, and the pull high-water mark."""
        auth.touch(db, caller, now())
        return reads.status(db, caller)

    @app.get(
        PULL_PATH,
        response_model=PullResponse,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403, 422),
        tags=["sync"],
    )
    def pull(
        caller: Device,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> PullResponse:
        """The next page of events this device must know, after `cursor`."""
        auth.touch(db, caller, now())
        return reads.pull(db, caller, cursor, limit)

    @app.get(
        "/v1/stores/{store_id}/summary",
        response_model=StoreSummary,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403, 422),
        tags=["read"],
    )
    def summary(store_id: StoreId, caller: Staff) -> StoreSummary:
        """The store's event count and devices with last seen and lag (staff token)."""
        return store_reads.store_summary(db, caller, store_id, now())

    @app.get(
        "/v1/stores/{store_id}/stock",
        response_model=StoreStock,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403, 422),
        tags=["read"],
    )
    def stock(store_id: StoreId, caller: Staff) -> StoreStock:
        """Stock per product: the sum of every device's movements HQ holds (staff token)."""
        return store_reads.store_stock(db, caller, store_id)

    @app.get(
        "/v1/stores/{store_id}/daily-sales",
        response_model=StoreDailySales,
        dependencies=[Protocol],
        responses=_errors(400, 401, 403, 422),
        tags=["read"],
    )
    def daily_sales(store_id: StoreId, caller: Staff) -> StoreDailySales:
        """Completed sales per business day (Caracas time) and currency (staff token)."""
        return store_reads.store_daily_sales(db, caller, store_id)

    @app.get("/health", response_model=Health, responses={503: {"model": Health}}, tags=["ops"])
    def health() -> Any:
        """Liveness and database reachability (no auth)."""
        try:
            with db.read() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as error:  # reported, not raised: this is the health check
            log.warning("health check: database unreachable: %r", error)
            return JSONResponse(Health(status="error", database="unreachable").model_dump(), 503)
        return Health(status="ok", database=db.dialect)

    @app.get("/metrics", response_class=PlainTextResponse, tags=["ops"])
    def prometheus() -> PlainTextResponse:
        """Prometheus text: events ingested, devices lagging, errors (no auth)."""
        return PlainTextResponse(metrics.render(db), media_type="text/plain; version=0.0.4")

    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_RESPONSE_BYTES)
    app.add_middleware(BodyLimits, on_error=metrics.error)
    return app


def push_request(body: bytes) -> PushRequest:
    """The push body as the protocol's model; RequestValidationError (422, as FastAPI answers
    a body it cannot read) when it is not one."""
    try:
        return load_push(body)
    except ValidationError as error:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def _document_as(app: FastAPI, path: str, twin: Callable[..., Any]) -> None:
    """Have the spec describe the POST route at `path` as if `twin` (same decorator arguments,
    the body as a model parameter) served it: the route reads its body itself."""
    real = next(r for r in app.routes if isinstance(r, APIRoute) and r.path == path)
    documented = APIRoute(
        path,
        twin,
        response_model=real.response_model,
        methods=list(real.methods or ()),
        dependencies=real.dependencies,
        responses=real.responses,
        tags=real.tags,
    )

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            routes = [documented if route is real else route for route in app.routes]
            app.openapi_schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=routes,
                separate_input_output_schemas=app.separate_input_output_schemas,
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class _UnsupportedProtocol(HqError):
    status = 400
    code = ErrorCode.UNSUPPORTED_PROTOCOL


def _header(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return None if credentials is None else f"{credentials.scheme} {credentials.credentials}"


def _install_error_handlers(app: FastAPI, metrics: Metrics) -> None:
    def reply(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
        metrics.error(code)
        return JSONResponse({"error": code, "detail": detail, **extra}, status_code=status)

    async def hq_error(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, HqError)
        return reply(error.status, error.code.value, error.detail, **error.extra)

    async def invalid(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        return reply(422, ErrorCode.INVALID.value, _describe(error.errors()))

    async def http_error(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        code = {
            401: ErrorCode.UNAUTHORIZED,
            403: ErrorCode.FORBIDDEN,
            404: ErrorCode.NOT_FOUND,
        }.get(error.status_code, ErrorCode.BAD_REQUEST)
        return reply(error.status_code, code.value, str(error.detail))

    async def crash(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=error)
        return reply(500, ErrorCode.INTERNAL.value, "HQ failed to handle the request; retry later")

    handlers: dict[Any, Callable[[Request, Exception], Any]] = {
        HqError: hq_error,
        RequestValidationError: invalid,
        StarletteHTTPException: http_error,
        Exception: crash,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)


def _describe(errors: Any, shown: int = 3) -> str:
    parts = []
    for error in list(errors)[:shown]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        parts.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
    more = len(list(errors)) - shown
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
