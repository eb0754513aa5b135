"""The PyInstaller bundle starts with no Python around it: `--version` and `--screenshot` from it.

Builds packaging/fluxion-pos.spec into a temporary folder. PyInstaller's work folder is kept in
build/pyinstaller-test (or $FLUXION_PACKAGE_CACHE) between runs, so a rebuild reuses its analysis;
the bundle itself is always collected afresh. The bundle runs with a clean environment: no venv on
PATH, no PYTHONPATH, HOME and the data folder in the temporary folder, started from outside the
repository.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fluxion_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "fluxion-pos.spec"
EXE = "fluxion-pos.exe" if sys.platform == "win32" else "fluxion-pos"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

pytestmark = [
    pytest.mark.slow,
    # pyproject.toml documents SKIP_SLOW=1 for the slow tests; this one builds for minutes.
    pytest.mark.skipif(os.environ.get("SKIP_SLOW") == "1", reason="SKIP_SLOW=1"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.fail("PyInstaller is not installed in this environment (it is a dev dependency)")
    dist = tmp_path_factory.mktemp("dist")
    work = Path(os.environ.get("FLUXION_PACKAGE_CACHE", ROOT / "build" / "pyinstaller-test"))
    command = [pyinstaller, "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]  # fmt: skip
    started = time.perf_counter()
    built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    assert built.returncode == 0, built.stderr[-4000:]
    print(f"\nPyInstaller build: {seconds:.0f} s (work folder {work})")
    return dist / "fluxion-pos"


def _clean_environment(home: Path) -> dict[str, str]:
    """What a store PC's session gives a program: no venv, no PYTHONPATH, no repository."""
    system = os.environ.get("SYSTEMROOT", r"C:\Windows")
    path = os.pathsep.join([rf"{system}\System32", system] if sys.platform == "win32"
                           else ["/usr/bin", "/bin"])  # fmt: skip
    env = {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        env |= {"SYSTEMROOT": system, "USERPROFILE": str(home), "LOCALAPPDATA": str(home)}
    return env


def _run(bundle: Path, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(bundle / EXE), *argv],
        cwd=home,
        env=_clean_environment(home),
        capture_output=True,
        text=True,
        timeout=180,
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_bundle_carries_what_the_analysis_cannot_see(bundle: Path):
    internal = bundle / "_internal"
    assert (internal / "resources" / "translations" / "fluxion_es.qm").is_file()
    assert (internal / "resources" / "icons" / "fluxion-pos.png").is_file()
    versions = internal / "fluxion_desktop" / "adapters" / "migrations" / "versions"
    shipped = {p.name for p in versions.glob("*.py")}
    in_repository = {p.name for p in (ROOT / versions.relative_to(internal)).glob("*.py")}
    assert shipped == in_repository
    model = internal / "prophet" / "stan_model" / "prophet_model.bin"
    assert model.is_file()
    if sys.platform != "win32":
        assert os.access(model, os.X_OK), "Prophet's model binary must stay executable"
    assert not list(internal.glob("**/tkinter")), "Tk is excluded"


def test_the_bundled_app_reports_its_version_without_python(bundle: Path, tmp_path: Path):
    result = _run(bundle, tmp_path, "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fluxion-pos {__version__}"


@dataclass(frozen=True)
class DemoRun:
    folder: Path
    result: subprocess.CompletedProcess[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"


@pytest.fixture(scope="module")
def demo(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`--screenshot` run once on a new data folder: it sets up the demo store the tests share."""
    folder = tmp_path_factory.mktemp("demo")
    result = _run(bundle, folder, "--data-dir", str(folder / "data"), "--screenshot",
                  str(folder / "shots"))  # fmt: skip
    return DemoRun(folder, result)


def test_the_bundled_app_renders_its_screens(demo: DemoRun):
    assert demo.result.returncode == 0, demo.result.stderr[-4000:]
    written = [Path(line) for line in demo.result.stdout.split() if line.endswith(".png")]
    assert len(written) >= 4
    shots = demo.folder / "shots"
    assert sorted(p.name for p in shots.iterdir()) == sorted(p.name for p in written)
    for path in written:
        width, height = _png_size(path)
        assert width >= 640 and height >= 400, (path.name, width, height)
    assert (demo.data / "fluxion.db").is_file(), "the migrations ran from the bundle"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _two_skus(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT sku FROM products ORDER BY sku LIMIT 2").fetchall()
    assert len(rows) == 2, "the demo store has products"
    return [str(row[0]) for row in rows]


def _history_csv(path: Path, skus: list[str], days: int = 60) -> Path:
    """`days` of daily sales with a weekly shape for each SKU, ending yesterday."""
    today = datetime.now(UTC).date()
    lines = ["date,sku,quantity"]
    for sku in skus:
        for back in range(days, 0, -1):
            day = today - timedelta(days=back)
            lines.append(f"{day.isoformat()},{sku},{3 + day.weekday() % 3}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_bundled_app_forecasts_in_spawned_workers_with_statsforecast_and_prophet(
    bundle: Path, demo: DemoRun, tmp_path: Path
):
    assert demo.result.returncode == 0, "the demo store is set up by --screenshot"
    data = ["--data-dir", str(demo.data)]
    skus = _two_skus(demo.data / "fluxion.db")
    history = _history_csv(tmp_path / "history.csv", skus)
    imported = _run(bundle, tmp_path, *data, "import-sales", str(history))
    assert imported.returncode == 0, imported.stderr[-4000:]

    for model in ("ets", "prophet"):  # statsforecast (fugue, pyarrow) and Prophet's Stan binary
        out = tmp_path / f"{model}.csv"
        result = _run(bundle, tmp_path, *data, "forecast", "--product", skus[0], "--horizon", "7",
                      "--model", model, "--out", str(out))  # fmt: skip
        assert result.returncode == 0, result.stderr[-4000:]
        assert "ERROR" not in result.stderr, result.stderr[-4000:]
        rows = _csv_rows(out)
        assert len(rows) == 7
        assert {row["model"] for row in rows} == {model}

    # Two worker processes: spawned copies of the bundle's executable (freeze_support's job).
    out = tmp_path / "all.csv"
    result = _run(bundle, tmp_path, *data, "forecast", "--all", "--horizon", "7", "--model",
                  "naive", "--workers", "2", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    assert {row["sku"] for row in _csv_rows(out)} >= set(skus)
