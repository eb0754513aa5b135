"""The back office's "Copy diagnostics" puts logs and status on the clipboard, and never a secret
that a log line or the data folder holds (a device token, a PIN, a bearer header)."""

from __future__ import annotations

import json

from fluxion_desktop.ui.back_office.back_office import BackOffice
from tests.support.app import Till

DEVICE_TOKEN = "Zx81Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm"  # 256 bits, url-safe, as HQ issues
PIN = "7305"
BEARER = "eyJhbGciOiJIUzI1NiJ9.e30.sig"


def test_copied_diagnostics_hold_the_status_and_no_planted_secret(office: BackOffice, till: Till):
    from PySide6.QtGui import QGuiApplication

    data = till.services.settings.data_dir
    logs = till.services.settings.log_dir
    logs.mkdir(parents=True, exist_ok=True)
    (data / "sync_token").write_text(DEVICE_TOKEN, encoding="utf-8")
    with (logs / "fluxion.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps({"message": "enrolled", "token": DEVICE_TOKEN}) + "\n")
        log.write(json.dumps({"message": f"login failed pin={PIN} for jose"}) + "\n")
        log.write(json.dumps({"message": f"push refused, Authorization: Bearer {BEARER}"}) + "\n")
        log.write(json.dumps({"message": f"raw {DEVICE_TOKEN} in a crash line"}) + "\n")
    QGuiApplication.clipboard().setText("")

    office.show_screen(office.sync)
    office.sync.diagnostics_button.click()

    copied = QGuiApplication.clipboard().text()
    assert till.services.identity.device_id in copied
    assert "login failed" in copied and "crash line" in copied  # the lines are there...
    for secret in (DEVICE_TOKEN, PIN, BEARER):
        assert secret not in copied  # ...without their secrets
