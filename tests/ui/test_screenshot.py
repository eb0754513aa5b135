"""`fluxion-pos --screenshot DIR` writes a valid, non-empty PNG for every main screen.

Run as the console script, as a person or `make` runs it (a process of its own, offscreen).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fluxion_desktop.ui.screenshots import SCREENS, WINDOW_SIZE

SCRIPT = Path(sys.executable).with_name("fluxion-pos")


def screenshot(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [str(SCRIPT), "--data-dir", str(data), *extra, "--screenshot", str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # seeds the demo store: two years of sales history
def test_screenshot_writes_a_png_for_every_main_screen(qapp, tmp_path: Path):
    out = tmp_path / "shots"

    done = screenshot(tmp_path / "data", out, "--lang", "en")

    assert done.returncode == 0, done.stderr
    written = sorted(out.glob("*.png"))
    assert [path.stem.split("-", 1)[1] for path in written] == list(SCREENS)
    assert done.stdout.split() == [str(path) for path in written]
    for path in written:
        assert path.stat().st_size > 0
        image = QImage(str(path))
        assert not image.isNull(), path
        assert (image.width(), image.height()) == (WINDOW_SIZE.width(), WINDOW_SIZE.height())
    back_office = [path for path in written if "-back-office-" in path.name]
    assert [path.stem.split("-", 3)[3] for path in back_office] == [
        "products", "stock", "alerts", "forecasts", "reports", "exchange-rate", "settings",
        "users", "sync"]  # fmt: skip
    for path in back_office:
        assert _colours(QImage(str(path))) > 30, f"{path.name} is blank"
    # The chart's antialiased lines and band: far more colours than any table page (~160).
    chart = QImage(str(out / "16-back-office-forecasts.png"))
    assert _colours(chart) > 200, "the forecast chart (history, forecast, band) is drawn"


def _colours(image: QImage) -> int:
    """How many different colours a 10-pixel grid over `image` meets: a handful when blank."""
    return len({image.pixel(x, y) for x in range(0, image.width(), 10)
                for y in range(0, image.height(), 10)})  # fmt: skip


@pytest.mark.slow
def test_screenshot_runs_again_and_again_on_the_same_demo_store(tmp_path: Path):
    """The wrong PIN on the login picture never locks the demo cashier out: each run's right
    PIN follows its wrong one, and a right PIN clears the count (the guard's rule, tested in the
    domain), so no number of runs adds up to a lockout. Two runs show it without six."""
    from fluxion_desktop.bootstrap import bootstrap
    from fluxion_desktop.cli.till_commands import DEMO_CASHIER
    from fluxion_desktop.domain.pin_guard import guard_id
    from fluxion_desktop.settings import load_settings

    for run in range(2):
        out = tmp_path / f"shots-{run}"
        done = screenshot(tmp_path / "data", out, "--lang", "es")
        assert done.returncode == 0, done.stderr
        assert len(list(out.glob("*.png"))) == len(SCREENS)

    services = bootstrap(load_settings(tmp_path / "data"), configure_logs=False)
    try:
        cashier = services.queries.users.by_username(DEMO_CASHIER)
        assert cashier is not None
        guard = f"pinguard-{guard_id(cashier.user_id, services.identity.device_id)}"
        attempts = [e.event_type for e in services.store.read_stream(guard)]
        assert attempts == ["PinRejected", "PinAccepted"] * 2
    finally:
        services.close()


def test_screenshot_refuses_a_store_that_is_not_the_demo(tmp_path: Path):
    from fluxion_desktop import cli
    from fluxion_desktop.bootstrap import assign_store_and_reopen, bootstrap
    from fluxion_desktop.settings import load_settings

    data = tmp_path / "data"
    services = bootstrap(load_settings(data))
    assign_store_and_reopen(services, "acme", "store-1").close()
    services.close()

    assert cli.main(["--data-dir", str(data), "--screenshot", str(tmp_path / "shots")]) == 2
    assert not (tmp_path / "shots").exists()
