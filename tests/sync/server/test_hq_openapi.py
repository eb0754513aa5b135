"""Schemathesis against HQ's OpenAPI spec on a real server: generated requests (valid and
invalid) never get a 5xx, and every response matches the documented schema. Bounded to a few
examples per operation so it runs in seconds."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.sync.support.wire import HqHttp, enrolled_device

EXAMPLES = 8


@pytest.mark.slow
def test_generated_requests_get_no_5xx_and_match_the_schema(hq):
    tenant, store = hq.tenant_and_store()
    http = HqHttp(hq.url)
    try:
        device = enrolled_device(http, hq.enrollment_code(store), tenant, store)
        device.write(3)
        assert http.push(device.token, device.batch()).status_code == 200
    finally:
        http.close()
    staff = hq.staff_token(tenant)
    spec = httpx.get(f"{hq.url}/openapi.json").json()
    schema = schemathesis.openapi.from_dict(spec)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9
    calls = {"count": 0}
    for operation in operations:
        token = staff if "/stores/" in operation.path else device.token
        headers = {"X-Fluxion-Protocol": "1", "Authorization": f"Bearer {token}"}
        path = {"store_id": store} if "{store_id}" in operation.path else None
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(
                generation_mode=mode, headers=headers, path_parameters=path
            )
            checks = [not_a_server_error]
            if mode is GenerationMode.POSITIVE:
                checks.append(response_schema_conformance)
            try:
                _exercise(strategy, hq.url, checks, calls)
            except Unsatisfiable:
                # Nothing can be invalid about it (/health, /metrics take no input).
                assert mode is GenerationMode.NEGATIVE, operation.label
    assert all(calls.get(op.label, 0) >= 1 for op in operations), calls


def _exercise(strategy, base_url, checks, calls) -> None:
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=strategy)
    def run(case) -> None:
        calls[case.operation.label] = calls.get(case.operation.label, 0) + 1
        calls["count"] += 1
        case.call_and_validate(base_url=base_url, checks=checks)

    run()


def test_the_spec_documents_every_endpoint_with_its_response_model(hq):
    spec = httpx.get(f"{hq.url}/openapi.json").json()
    refs = {
        (path, method): op["responses"]["200"]["content"]["application/json"]["schema"].get(
            "$ref", ""
        )
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if path.startswith("/v1/")
    }
    assert refs == {
        ("/v1/enroll", "post"): "#/components/schemas/EnrollResponse",
        ("/v1/sync/push", "post"): "#/components/schemas/PushResponse",
        ("/v1/sync/status", "get"): "#/components/schemas/StatusResponse",
        ("/v1/sync/pull", "get"): "#/components/schemas/PullResponse",
        ("/v1/stores/{store_id}/summary", "get"): "#/components/schemas/StoreSummary",
        ("/v1/stores/{store_id}/stock", "get"): "#/components/schemas/StoreStock",
        ("/v1/stores/{store_id}/daily-sales", "get"): "#/components/schemas/StoreDailySales",
    }
    push = spec["paths"]["/v1/sync/push"]["post"]
    body = push["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body == "#/components/schemas/PushRequest"  # the route reads its body itself
    assert push["security"] == [{"HTTPBearer": []}]
    push_errors = spec["paths"]["/v1/sync/push"]["post"]["responses"]
    assert push_errors["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ChainForkBody"
    )
