"""`fluxion-hq`: the HQ server's command line (its commands arrive with the sync issue)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fluxion-hq", description="Fluxion POS HQ server")
    parser.add_argument("--version", action="version", version="fluxion-hq 0.1.0")
    parser.parse_args(argv)
    print("fluxion-hq: the HQ server is not built yet", file=sys.stderr)
    return 2
