"""The bundle's entry point: `fluxion-pos` as `python -m fluxion_desktop` runs it, plus two things.

Forecasting runs its workers in spawned processes. A spawned worker of a frozen app is the app's
own executable started again with multiprocessing's arguments; `freeze_support()` recognises
them and runs the worker instead of the command line (which would refuse them).

On Windows the Start menu opens `fluxion-pos-gui.exe`, built without a console: there
`sys.stderr` is None, and the one line the command line prints when it cannot start (another
till already open on the data folder, a database from a newer version) would go nowhere and the
till would seem not to start at all. So a windowed run keeps the last of what it would have
printed and, if it exits with an error, shows it in a message box.
"""

from __future__ import annotations

import io
import multiprocessing
import sys
from collections.abc import Callable, Sequence

from fluxion_desktop.cli import main

_MB_ICONERROR = 0x10


class LastWords(io.TextIOBase):
    """A stderr for a program without one: keeps only the last `limit` characters written."""

    def __init__(self, limit: int = 4000) -> None:
        super().__init__()
        self._limit = limit
        self.text = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text = (self.text + text)[-self._limit :]
        return len(text)


def show_error_box(message: str) -> None:
    """A native Windows message box (ctypes: no Qt needed to say why Qt never started)."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is not None:
        windll.user32.MessageBoxW(None, message, "Fluxion POS", _MB_ICONERROR)


def run(argv: Sequence[str] | None = None, show: Callable[[str], None] = show_error_box) -> int:
    """`fluxion-pos` with `argv`; in a windowed run, an error that stops it is shown by `show`."""
    if sys.stderr is not None:
        return main(argv)
    last_words = LastWords()
    sys.stderr = last_words
    code = main(argv)
    if code != 0 and last_words.text.strip():
        show(last_words.text.strip())
    return code


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run())
