"""The user guides exist in Spanish and English with the same sections and the same screenshots,
and every picture they show is one `fluxion-pos --screenshot` writes (docs/screenshots holds
exactly that set)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from fluxion_desktop.ui.screenshots import SCREENS

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
GUIDES = {  # English guide: its Spanish twin
    "docs/en/cashier-guide.md": "docs/es/guia-cajero.md",
    "docs/en/manager-guide.md": "docs/es/guia-gerente.md",
}
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+\.png)\)")


def _pictures(markdown: str) -> list[Path]:
    path = ROOT / markdown
    return [(path.parent / link).resolve() for link in _IMAGE.findall(path.read_text("utf-8"))]


def test_docs_screenshots_are_exactly_what_the_screenshot_command_writes():
    expected = {f"{number:02d}-{name}.png" for number, name in enumerate(SCREENS, start=1)}

    assert {p.name for p in SHOTS.glob("*.png")} == expected
    for path in SHOTS.glob("*.png"):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path.name
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 640 and height >= 400, (path.name, width, height)


@pytest.mark.parametrize(("english", "spanish"), GUIDES.items())
def test_each_guide_has_its_twin_and_both_show_the_same_existing_screenshots(
    english: str, spanish: str
):
    shown_en, shown_es = _pictures(english), _pictures(spanish)

    assert shown_en, f"{english} shows screenshots"
    assert sorted(shown_en) == sorted(shown_es)
    for picture in shown_en:
        assert picture.is_file(), f"{english} shows {picture}, which does not exist"
        assert picture.parent == SHOTS


def test_the_readme_shows_only_existing_screenshots():
    shown = [ROOT / link for link in _IMAGE.findall((ROOT / "README.md").read_text("utf-8"))]

    assert shown
    assert all(picture.is_file() for picture in shown), [str(p) for p in shown]


@pytest.mark.parametrize(("english", "spanish"), GUIDES.items())
def test_each_guide_and_its_twin_have_the_same_numbered_sections(english: str, spanish: str):
    def sections(markdown: str) -> list[str]:
        text = (ROOT / markdown).read_text("utf-8")
        return re.findall(r"^## (\d+)\.", text, re.M)

    assert sections(english), f"{english} has numbered sections"
    assert sections(english) == sections(spanish)
