"""A till enrols and syncs with HQ through nginx terminating TLS, configured with the server blocks
of docs/hq-deployment.md (section 4) as they stand: only the certificate paths, the ports and the
upstream's port are filled in for this machine. Skipped where nginx or openssl is missing."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fluxion_desktop.cli import main
from tests.support.app import open_till
from tests.sync.e2e.devices import held_by_hq, own_events
from tests.sync.support.hq_server import RunningHq
from tests.sync.support.postgres import free_port
from tests.sync.support.till_events import ring_up_sales

ROOT = Path(__file__).resolve().parents[3]
GUIDE = (ROOT / "docs" / "hq-deployment.md").read_text(encoding="utf-8")

pytestmark = [
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed"),
]


def _documented_nginx_servers(cert: Path, key: str, tls_port: int, http_port: int, hq: int) -> str:
    block = re.search(r"```nginx\n(.*?)```", GUIDE, re.S)
    assert block is not None, "the guide shows an nginx configuration"
    servers = block.group(1)
    for old, new in (
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("/etc/letsencrypt/live/hq.example.com/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/hq.example.com/privkey.pem", key),
        ("http://127.0.0.1:8400", f"http://127.0.0.1:{hq}"),
    ):
        assert old in servers, f"the guide's nginx block no longer has {old!r}"
        servers = servers.replace(old, new)
    return servers


@pytest.fixture
def proxy(hq: RunningHq, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """nginx in front of `hq`: (https URL, http URL of the redirect, the certificate to trust)."""
    folder = tmp_path / "nginx"
    folder.mkdir()
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    tls_port, http_port = free_port(), free_port()
    hq_port = int(hq.url.rsplit(":", 1)[1])
    servers = _documented_nginx_servers(cert, str(key), tls_port, http_port, hq_port)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off;\nuser root;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n"
        + "".join(f"  {kind}_temp_path {folder}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + servers + "}\n",
        encoding="utf-8",
    )  # fmt: skip
    checked = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(folder)],
                             capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_for_port(tls_port, server)
        yield f"https://127.0.0.1:{tls_port}", f"http://127.0.0.1:{http_port}", cert
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert server.poll() is None, "nginx exited"
            assert time.monotonic() < deadline, "nginx did not listen"
            time.sleep(0.1)


def test_a_till_enrols_and_syncs_through_the_documented_tls_proxy(
    hq: RunningHq,
    proxy: tuple[str, str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    https_url, http_url, cert = proxy
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the store trusts this HQ's certificate
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    open_till(data, tenant, store).services.close()

    assert main(["--data-dir", str(data), "enroll", https_url, hq.enrollment_code(store)]) == 0
    till = open_till(data, tenant, store)
    ring_up_sales(till, 2)
    mine = own_events(till)
    device = till.services.identity.device_id
    till.services.close()
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0

    assert held_by_hq(hq, device) == mine
    with httpx.Client(verify=False) as http:  # what a browser or monitor sees of the proxy
        assert http.get(f"{https_url}/health").json()["status"] == "ok"
        assert "fluxion_hq_events_ingested_total" in http.get(f"{https_url}/metrics").text
        redirect = http.get(f"{http_url}/v1/sync/status", follow_redirects=False)
    assert redirect.status_code == 301
    assert redirect.headers["location"].startswith("https://")


def test_a_till_refuses_an_hq_whose_certificate_it_does_not_trust(
    hq: RunningHq, proxy: tuple[str, str, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    https_url, _, _ = proxy
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    open_till(data, tenant, store).services.close()
    code = hq.enrollment_code(store)
    capsys.readouterr()

    assert main(["--data-dir", str(data), "enroll", https_url, code]) != 0

    err = capsys.readouterr().err
    assert "certificate" in err.lower() and "Traceback" not in err
