"""A till enrols and syncs with HQ through a reverse proxy terminating TLS, nginx or Caddy,
configured with the blocks of docs/hq-deployment.md (section 4) as they stand: only the
certificate, the ports and the upstream's port are filled in for this machine. Skipped where the
proxy or openssl is missing."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
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

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")


@dataclass(frozen=True)
class Proxy:
    https_url: str
    http_url: str | None  # where plain HTTP is redirected to HTTPS (nginx's port-80 block)
    certificate: Path


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


def _documented_caddyfile(cert: Path, key: Path, tls_port: int, hq: int) -> str:
    block = re.search(r"\*\*Caddy\*\*.*?```\n(.*?)```", GUIDE, re.S)
    assert block is not None, "the guide shows a Caddyfile"
    site = block.group(1)
    for old, new in (
        ("hq.example.com {", f"https://127.0.0.1:{tls_port} {{\n    tls {cert} {key}"),
        ("reverse_proxy 127.0.0.1:8400", f"reverse_proxy 127.0.0.1:{hq}"),
    ):
        assert old in site, f"the guide's Caddyfile no longer has {old!r}"
        site = site.replace(old, new)
    return "{\n    admin off\n    auto_https disable_redirects\n}\n" + site


@pytest.fixture(params=["nginx", "caddy"])
def proxy(request: pytest.FixtureRequest, hq: RunningHq, tmp_path: Path) -> Iterator[Proxy]:
    """The guide's nginx or Caddy configuration in front of `hq`, on a certificate of its own."""
    if shutil.which(request.param) is None:
        pytest.skip(f"{request.param} is not installed")
    folder = tmp_path / request.param
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
    if request.param == "nginx":
        server = _start_nginx(folder, _documented_nginx_servers(cert, str(key), tls_port,
                                                                http_port, hq_port))  # fmt: skip
        redirect: str | None = f"http://127.0.0.1:{http_port}"
    else:
        server = _start_caddy(folder, _documented_caddyfile(cert, key, tls_port, hq_port))
        redirect = None
    try:
        _wait_for_port(tls_port, server)
        yield Proxy(f"https://127.0.0.1:{tls_port}", redirect, cert)
    finally:
        server.terminate()
        server.wait(timeout=20)


def _start_nginx(folder: Path, servers: str) -> subprocess.Popen[bytes]:
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
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def _start_caddy(folder: Path, caddyfile: str) -> subprocess.Popen[bytes]:
    conf = folder / "Caddyfile"
    conf.write_text(caddyfile, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config")}  # fmt: skip
    command = ["caddy", "validate", "--config", str(conf), "--adapter", "caddyfile"]
    checked = subprocess.run(command, capture_output=True, text=True, env=env)
    assert checked.returncode == 0, checked.stderr[-2000:]
    command[1] = "run"
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def _wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert server.poll() is None, "the proxy exited"
            assert time.monotonic() < deadline, "the proxy did not listen"
            time.sleep(0.1)


def test_a_till_enrols_and_syncs_through_the_documented_tls_proxy(
    hq: RunningHq, proxy: Proxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    https_url = proxy.https_url
    monkeypatch.setenv(
        "SSL_CERT_FILE", str(proxy.certificate)
    )  # the store trusts this HQ's certificate
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
        if proxy.http_url is not None:
            redirect = http.get(f"{proxy.http_url}/v1/sync/status", follow_redirects=False)
            assert redirect.status_code == 301
            assert redirect.headers["location"].startswith("https://")


def test_a_till_refuses_an_hq_whose_certificate_it_does_not_trust(
    hq: RunningHq, proxy: Proxy, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    https_url = proxy.https_url
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    tenant, store = hq.tenant_and_store()
    data = tmp_path / "till"
    open_till(data, tenant, store).services.close()
    code = hq.enrollment_code(store)
    capsys.readouterr()

    assert main(["--data-dir", str(data), "enroll", https_url, code]) != 0

    err = capsys.readouterr().err
    assert "certificate" in err.lower() and "Traceback" not in err
