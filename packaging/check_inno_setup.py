"""Compile the Windows installer script with Inno Setup under wine, then install, upgrade and
uninstall it in a throw-away wine prefix, checking what lands where.

    python packaging/check_inno_setup.py                       # a small stand-in bundle
    python packaging/check_inno_setup.py --bundle dist/fluxion-pos --keep
    python packaging/check_inno_setup.py --bundle dist/fluxion-pos --setup SETUP.exe  # compiled

Needs `wine` (64-bit, with 32-bit support: ISCC.exe and setup are 32-bit programs; on Debian
`dpkg --add-architecture i386` then `apt-get install wine wine64 wine32:i386`) and Inno Setup's
compiler, which the npm package `innosetup` (6.4.1) carries: `npm install -g innosetup@6.4.1`, or
point $ISCC at any ISCC.exe.

Without `--bundle` it packages a stand-in with the Windows bundle's layout (`fluxion-pos.exe`,
`fluxion-pos-gui.exe`, `_internal/` with the repository's resources and migrations): the
installer script is what is checked, and it builds in seconds. Its programs are wine's
hostname.exe, so the console shortcut's command can be run. A Linux bundle given with `--bundle`
is hard-linked into a copy with the Windows names; its programs cannot run under wine. Either way
this checks the installer, not the app on Windows.

Exit status: 0 all checks passed, 1 a check failed, 3 wine or ISCC is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "windows" / "fluxion-pos.iss"
APP_NAME = "Fluxion POS"
START_MENU = Path("drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs")
PROGRAM_FOLDER = Path("drive_c/Program Files/Fluxion POS")  # DefaultDirName={autopf}\Fluxion POS
PROGRAM_FOLDER_WINDOWS = r"C:\Program Files\Fluxion POS"
# The data folder the till uses on Windows: platformdirs.user_data_dir("FluxionPOS", False).
DATA_FOLDER = Path("AppData/Local/FluxionPOS")
EXIT_MISSING_TOOLS = 3
# Where Windows' "Apps and features" finds the app: the script's AppId, in the 64-bit view.
UNINSTALL_KEY = (
    r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
    r"\{6090F599-5A9D-4FF9-BB0F-559F03E87E0E}_is1"
)


class CheckFailed(Exception):
    """A check did not hold; the message says which and what was seen."""


def find_iscc() -> Path | None:
    """$ISCC, else the compiler of a global or local `npm install innosetup`."""
    candidates = [os.environ.get("ISCC", "")]
    npm = shutil.which("npm")
    if npm is not None:
        found = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        candidates.append(os.path.join(found.stdout.strip(), "innosetup", "bin", "ISCC.exe"))
    candidates.append(str(ROOT / "node_modules" / "innosetup" / "bin" / "ISCC.exe"))
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def windows_path(path: Path) -> str:
    """`path` as wine's Z: drive (the Unix root) shows it to Windows programs."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


class Wine:
    """Windows programs run in a wine prefix of their own, with no display and no menu sync."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = os.environ | {
            "WINEPREFIX": str(prefix),
            "WINEDEBUG": "-all",
            # No .desktop files for the shortcuts, no Mono or Gecko install prompts.
            "WINEDLLOVERRIDES": "winemenubuilder.exe,mscoree,mshtml=d",
        }

    def run(self, *argv: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["wine", *argv], env=self.env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=timeout, check=False)  # fmt: skip

    def create(self) -> None:
        subprocess.run(["wineboot", "-i"], env=self.env, capture_output=True, timeout=300,
                       check=True)  # fmt: skip
        # Setup builds its (hidden) wizard even when silent; the null driver gives it windows
        # without an X display.
        self.run("reg", "add", r"HKCU\Software\Wine\Drivers", "/v", "Graphics", "/d", "null", "/f")

    def registry_values(self, key: str) -> dict[str, str] | None:
        """The string values of a registry key (64-bit view); None if there is no such key."""
        found = self.run("reg", "query", key, "/reg:64", timeout=120)
        if found.returncode != 0:
            return None
        values = {}
        for line in found.stdout.splitlines():
            name, kind, value = [*line.strip().split("    ", 2), "", ""][:3]
            if kind == "REG_SZ":
                values[name] = value
        return values

    def user_folder(self) -> Path:
        users = self.prefix / "drive_c" / "users"
        return next(p for p in users.iterdir() if p.name not in ("Public", "Default"))

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, check=False)


# A small Windows console program wine ships, to stand in for fluxion-pos.exe: it runs under wine.
_WINE_PROGRAMS = ("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib/wine/x86_64-windows")


def stand_in_bundle(target: Path) -> Path:
    """A folder with the Windows bundle's layout, holding the repository's data files; the
    programs are wine's hostname.exe where it can be found (so a shortcut can be run)."""
    (target / "_internal").mkdir(parents=True)
    program = next((Path(f, "hostname.exe") for f in _WINE_PROGRAMS
                    if Path(f, "hostname.exe").is_file()), None)  # fmt: skip
    for name in ("fluxion-pos.exe", "fluxion-pos-gui.exe"):
        if program is not None:
            shutil.copyfile(program, target / name)
        else:
            (target / name).write_bytes(b"stand-in for " + name.encode())
    shutil.copytree(ROOT / "resources", target / "_internal" / "resources")
    migrations = Path("fluxion_desktop", "adapters", "migrations")
    shutil.copytree(ROOT / migrations, target / "_internal" / migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    return target


def windows_named_copy(bundle: Path, target: Path) -> Path:
    """A hard-linked copy of a Linux bundle with the Windows executables' names."""
    if (bundle / "fluxion-pos.exe").is_file():
        return bundle
    shutil.copytree(bundle, target, copy_function=os.link)
    os.replace(target / "fluxion-pos", target / "fluxion-pos.exe")
    shutil.copyfile(target / "fluxion-pos.exe", target / "fluxion-pos-gui.exe")
    return target


def compile_installer(wine: Wine, iscc: Path, bundle: Path, out: Path, version: str) -> Path:
    # Not /Q: a quiet compile keeps its warnings to itself.
    result = wine.run(str(iscc), f"/DAppVersion={version}",
                      f"/DBundleDir={windows_path(bundle)}", f"/O{windows_path(out)}",
                      windows_path(SCRIPT))  # fmt: skip
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise CheckFailed(f"ISCC failed (exit {result.returncode}):\n{output[-4000:]}")
    warnings = [line for line in output.splitlines() if line.lstrip().startswith("Warning")]
    if warnings:
        raise CheckFailed("ISCC warned:\n" + "\n".join(warnings))
    setup = out / f"FluxionPOS-{version}-setup.exe"
    if not setup.is_file():
        raise CheckFailed(f"ISCC reported success but wrote no {setup.name}")
    return setup


def run_silently(wine: Wine, program: Path, log: Path) -> None:
    result = wine.run(str(program), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                      f"/LOG={windows_path(log)}")  # fmt: skip
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8-sig", errors="replace")[-3000:] if log.exists() else ""
        raise CheckFailed(f"{program.name} exited {result.returncode}:\n{tail}")


def check_layout(bundle: Path, installed: Path) -> int:
    """Every file of the bundle is installed, same size; the count of files.

    Dot files are left out of the comparison: wine gives them the hidden attribute and ISCC then
    skips them (two git files of Stan's TBB sources in the real bundle), which Windows does not.
    """
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.name.startswith(".")]
    for source in files:
        copy = installed / source.relative_to(bundle)
        if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
            raise CheckFailed(f"{copy} is missing or differs from {source}")
    return len(files)


def shortcut_arguments(link: Path) -> str:
    """The command-line arguments a Windows shortcut (.lnk, MS-SHLLINK) stores."""
    data = link.read_bytes()
    flags = int.from_bytes(data[0x14:0x18], "little")
    offset = 0x4C  # the header
    if flags & 0x01:  # HasLinkTargetIDList
        offset += 2 + int.from_bytes(data[offset : offset + 2], "little")
    if flags & 0x02:  # HasLinkInfo
        offset += int.from_bytes(data[offset : offset + 4], "little")
    unicode, width = bool(flags & 0x80), 2 if flags & 0x80 else 1
    # StringData in order: name, relative path, working dir, arguments (flags 0x04 ... 0x20).
    for flag in (0x04, 0x08, 0x10, 0x20):
        if not flags & flag:
            continue
        count = int.from_bytes(data[offset : offset + 2], "little")
        raw = data[offset + 2 : offset + 2 + count * width]
        offset += 2 + count * width
        if flag == 0x20:  # wine counts a terminating NUL that Windows leaves out
            text = raw.decode("utf-16-le" if unicode else "latin-1")
            return text.rstrip("\x00")
    return ""


def check_console_finds_the_program(wine: Wine, link: Path, program: Path, work: Path) -> None:
    """The console shortcut runs `fluxion-pos` by name, found through the PATH it sets.

    Its command is run as a batch file (cmd parses it the same way, and the output can be read)
    when `program` is a Windows program (the stand-in); a Linux bundle's cannot run under wine,
    so then only the PATH it sets is checked.
    """
    arguments = shortcut_arguments(link)
    if not arguments.lower().startswith("/k ") or "fluxion-pos --help" not in arguments:
        raise CheckFailed(f"{link.name} does not open a console on fluxion-pos: {arguments!r}")
    if f'"PATH={PROGRAM_FOLDER_WINDOWS};' not in arguments:
        raise CheckFailed(f"{link.name} does not put the program folder on its PATH")
    if program.read_bytes()[:2] != b"MZ":
        return
    batch = work / "console.bat"
    batch.write_text(arguments[3:] + "\r\n", encoding="latin-1")
    try:
        said = wine.run("cmd", "/c", windows_path(batch), timeout=120)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"the console's command did not finish: {arguments!r}") from None
    if "hostname" not in said.stdout + said.stderr:  # what the stand-in says to "--help"
        raise CheckFailed(f"the console did not start fluxion-pos:\n{said.stdout}{said.stderr}")


def check_shortcut(link: Path, target_name: str, working_dir: str) -> None:
    """`link` exists, opens `target_name` and starts in `working_dir` (as the .lnk stores it)."""
    if not link.is_file():
        raise CheckFailed(f"no shortcut {link}")
    data = link.read_bytes()
    for what, text in (("open", target_name), ("start in", working_dir)):
        if text.encode() not in data and text.encode("utf-16-le") not in data:
            raise CheckFailed(f"{link.name} does not {what} {text}")


def check(
    bundle: Path, iscc: Path, work: Path, version: str, setup: Path | None = None
) -> list[str]:
    """The whole round: compile (unless `setup` was compiled from `bundle` already), install,
    upgrade over a till's data, uninstall. Lines of news."""
    done: list[str] = []
    wine = Wine(work / "prefix")
    wine.create()
    try:
        if setup is None:
            started = time.monotonic()
            setup = compile_installer(wine, iscc, bundle, work / "out", version)
            done.append(f"compiled {setup.name} ({setup.stat().st_size / 1e6:.1f} MB) in "
                        f"{time.monotonic() - started:.0f} s, no warnings")  # fmt: skip
        app = wine.prefix / PROGRAM_FOLDER
        started = time.monotonic()
        run_silently(wine, setup, work / "install.log")
        done.append(f"installed {check_layout(bundle, app)} files into {PROGRAM_FOLDER_WINDOWS} "
                    f"in {time.monotonic() - started:.0f} s")  # fmt: skip
        menu = wine.prefix / START_MENU
        check_shortcut(menu / f"{APP_NAME}.lnk", "fluxion-pos-gui.exe", PROGRAM_FOLDER_WINDOWS)
        # The console opens in the profile of whoever starts it, not the installing admin's.
        console = menu / f"{APP_NAME} (command line).lnk"
        check_shortcut(console, "cmd.exe", "%USERPROFILE%")
        check_console_finds_the_program(wine, console, app / "fluxion-pos.exe", work)
        done.append("Start-menu entries: Fluxion POS (the till), Fluxion POS (command line, "
                    "fluxion-pos on its PATH)")  # fmt: skip
        if not (app / "unins000.exe").is_file():
            raise CheckFailed("no uninstaller in the program folder")
        listed = wine.registry_values(UNINSTALL_KEY) or {}
        if (listed.get("DisplayName"), listed.get("DisplayVersion")) != (
            f"{APP_NAME} {version}",
            version,
        ):
            raise CheckFailed(f"Apps and features would list it as {listed or 'nothing'}")
        done.append(f"listed in Apps and features as {listed['DisplayName']}")

        database = wine.user_folder() / DATA_FOLDER / "fluxion.db"
        database.parent.mkdir(parents=True)
        database.write_bytes(b"a till's sales")
        stale = app / "_internal" / "left-by-an-older-version.pyd"
        stale.write_bytes(b"old")
        run_silently(wine, setup, work / "upgrade.log")
        if stale.exists():
            raise CheckFailed("an upgrade left a file of the older version in _internal")
        check_layout(bundle, app)
        if database.read_bytes() != b"a till's sales":
            raise CheckFailed("an upgrade touched the data folder")
        done.append("upgrade in place: old _internal files gone, data folder untouched")

        run_silently(wine, app / "unins000.exe", work / "uninstall.log")
        if (app / "fluxion-pos.exe").exists() or (menu / f"{APP_NAME}.lnk").exists():
            raise CheckFailed("the uninstaller left the program or its Start-menu entry")
        if database.read_bytes() != b"a till's sales":
            raise CheckFailed("the uninstaller touched the data folder")
        if wine.registry_values(UNINSTALL_KEY) is not None:
            raise CheckFailed("the uninstaller left the app in Apps and features")
        done.append("uninstalled: program and shortcuts gone, data folder kept")
    finally:
        wine.stop()
    return done


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="a PyInstaller folder (default: a stand-in)")
    parser.add_argument("--work", type=Path, help="work folder, kept (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--setup", type=Path, help="a setup .exe already compiled from --bundle")
    args = parser.parse_args(argv)

    iscc = find_iscc()
    missing = [name for name, found in (("wine", shutil.which("wine")), ("ISCC.exe", iscc))
               if found is None]  # fmt: skip
    if missing or iscc is None:
        print(f"check_inno_setup: not found: {', '.join(missing)} (see --help)", file=sys.stderr)
        return EXIT_MISSING_TOOLS
    keep = args.keep or args.work is not None
    work = args.work or Path(tempfile.mkdtemp(prefix="fluxion-inno-"))
    for earlier in ("bundle", "prefix", "out"):  # a work folder used before starts afresh
        shutil.rmtree(work / earlier, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    try:
        bundle = (stand_in_bundle(work / "bundle") if args.bundle is None
                  else windows_named_copy(args.bundle.resolve(), work / "bundle"))  # fmt: skip
        setup = None if args.setup is None else args.setup.resolve()
        for line in check(bundle, iscc, work, project_version(), setup):
            print(f"ok: {line}")
    except CheckFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
