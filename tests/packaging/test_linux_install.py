"""packaging/linux/install.sh into a staging root (DESTDIR): the bundle in /opt, the command on
the PATH, the menu entry and icons; run again, it replaces the program and nothing else."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "packaging" / "linux" / "install.sh"


def _bundle(folder: Path, version: str) -> Path:
    """A stand-in with the bundle's layout: an executable `fluxion-pos` and `_internal/`."""
    (folder / "_internal").mkdir(parents=True, exist_ok=True)
    program = folder / "fluxion-pos"
    program.write_text(f"#!/bin/sh\necho fluxion-pos {version}\n", encoding="utf-8")
    program.chmod(0o755)
    (folder / "_internal" / "version.txt").write_text(version, encoding="utf-8")
    return folder


def _install(bundle: Path, staging: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESTDIR": str(staging)}
    return subprocess.run(["sh", str(INSTALL), str(bundle), "/opt"], env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_install_lays_out_program_command_menu_entry_and_icons(tmp_path: Path):
    staging = tmp_path / "root"

    result = _install(_bundle(tmp_path / "bundle", "1.0"), staging)

    assert result.returncode == 0, result.stderr
    program = staging / "opt" / "fluxion-pos" / "fluxion-pos"
    assert os.access(program, os.X_OK)
    assert subprocess.run([program], capture_output=True, text=True).stdout == "fluxion-pos 1.0\n"
    command = staging / "usr" / "local" / "bin" / "fluxion-pos"
    assert os.readlink(command) == "/opt/fluxion-pos/fluxion-pos"  # the final path, not staging
    share = staging / "usr" / "local" / "share"
    entry = share / "applications" / "fluxion-pos.desktop"
    assert entry.read_bytes() == (ROOT / "packaging/linux/fluxion-pos.desktop").read_bytes()
    icons = share / "icons" / "hicolor"
    assert (icons / "scalable/apps/fluxion-pos.svg").is_file()
    assert (icons / "256x256/apps/fluxion-pos.png").is_file()


def test_installing_again_replaces_the_program_and_leaves_the_data(tmp_path: Path):
    staging = tmp_path / "root"
    assert _install(_bundle(tmp_path / "bundle", "1.0"), staging).returncode == 0
    program_folder = staging / "opt" / "fluxion-pos"
    (program_folder / "_internal" / "left-by-1.0.so").write_bytes(b"old")
    data = staging / "home" / "cajero" / ".local" / "share" / "FluxionPOS" / "fluxion.db"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"sales")

    result = _install(_bundle(tmp_path / "bundle-2", "2.0"), staging)

    assert result.returncode == 0, result.stderr
    assert (program_folder / "_internal" / "version.txt").read_text() == "2.0"
    assert not (program_folder / "_internal" / "left-by-1.0.so").exists()
    assert data.read_bytes() == b"sales"
    assert sorted(p.name for p in (staging / "opt").iterdir()) == ["fluxion-pos"]


def test_without_a_bundle_it_says_so_and_installs_nothing(tmp_path: Path):
    result = _install(tmp_path / "nothing-here", tmp_path / "root")

    assert result.returncode == 2
    assert "no bundle" in result.stderr
    assert not (tmp_path / "root").exists()
