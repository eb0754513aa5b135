"""HQ's operations endpoints as a monitoring system reads them: `/metrics` is well-formed
Prometheus text (every sample declared by HELP and TYPE, counters named `_total`), and `/health`
answers 503 when the database is gone, as docs/hq-deployment.md (section 9) says."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from tests.sync.support.hq_server import RunningHq, start_hq_server
from tests.sync.support.postgres import PostgresServer
from tests.sync.support.wire import DeviceChain, HqHttp, enrolled_device

_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="[^"\\\n]*"'
_SAMPLE = re.compile(rf"^({_NAME})(\{{{_LABEL}(,{_LABEL})*\}})? (\S+)$")
_HELP = re.compile(rf"^# HELP ({_NAME}) \S.*$")
_TYPE = re.compile(rf"^# TYPE ({_NAME}) (counter|gauge|histogram|summary|untyped)$")


def parse_prometheus_text(text: str) -> dict[str, float]:
    """Samples by `name{labels}`; AssertionError on anything the text format does not allow."""
    assert text.endswith("\n"), "the exposition ends with a line feed"
    helped: set[str] = set()
    typed: dict[str, str] = {}
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if help_line := _HELP.match(line):
            helped.add(help_line.group(1))
        elif type_line := _TYPE.match(line):
            name, kind = type_line.groups()
            assert name not in typed, f"TYPE of {name} declared twice"
            assert name in helped, f"TYPE of {name} before its HELP"
            typed[name] = kind
        else:
            sample = _SAMPLE.match(line)
            assert sample is not None, f"not a Prometheus sample line: {line!r}"
            name, labels = sample.group(1), sample.group(2) or ""
            assert name in typed, f"sample of {name} before its TYPE"
            key = name + labels
            assert key not in samples, f"{key} twice"
            samples[key] = float(sample.group(4))
    for name, kind in typed.items():
        assert kind != "counter" or name.endswith("_total"), f"counter {name} lacks _total"
    return samples


@pytest.fixture
def http(hq: RunningHq) -> Iterator[HqHttp]:
    client = HqHttp(hq.url)
    yield client
    client.close()


@pytest.fixture
def till(hq: RunningHq, http: HqHttp) -> DeviceChain:
    tenant, store = hq.tenant_and_store()
    return enrolled_device(http, hq.enrollment_code(store), tenant, store)


def test_metrics_are_prometheus_text_with_ingest_lag_and_errors(
    hq: RunningHq, http: HqHttp, till: DeviceChain
):
    till.write(4)
    assert http.push(till.token, till.batch(0, 3).model_copy(update={"pending": 1})).is_success
    lagging = parse_prometheus_text(http.get("/metrics").text)["fluxion_hq_devices_lagging"]
    assert http.push(till.token, till.batch(0, 3)).is_success  # a retry: three duplicates
    assert http.push("not-a-token", till.batch()).status_code == 401

    response = http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = parse_prometheus_text(response.text)
    assert samples['fluxion_hq_events_ingested_total{outcome="accepted"}'] == 3
    assert samples['fluxion_hq_events_ingested_total{outcome="duplicates"}'] == 3
    assert samples['fluxion_hq_errors_total{code="unauthorized"}'] == 1
    assert samples['fluxion_hq_events_stored{writer="devices"}'] == 3
    assert samples["fluxion_hq_devices"] == 1
    assert (lagging, samples["fluxion_hq_devices_lagging"]) == (1, 0)  # then nothing pending


def test_the_parser_refuses_what_prometheus_would():
    good = "# HELP a_total A.\n# TYPE a_total counter\na_total 1\n"
    assert parse_prometheus_text(good) == {"a_total": 1.0}
    for bad in (
        "a_total 1\n",  # undeclared
        "# HELP a A.\n# TYPE a counter\na 1\n",  # counter without _total
        '# HELP a A.\n# TYPE a gauge\na{x="1} 2\n',  # broken label
        "# HELP a A.\n# TYPE a gauge\na 1",  # no final line feed
    ):
        with pytest.raises(AssertionError):
            parse_prometheus_text(bad)


def test_health_is_503_when_the_database_is_gone(postgres: PostgresServer):
    url = postgres.create_database()
    name = url.rsplit("/", 1)[1]
    with start_hq_server(url) as hq, httpx.Client(base_url=hq.url, timeout=30) as http:
        assert http.get("/health").json() == {"status": "ok", "database": "postgresql"}
        with psycopg.connect(postgres.url().replace("+psycopg", ""), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

        response = http.get("/health")

        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "unreachable"}
