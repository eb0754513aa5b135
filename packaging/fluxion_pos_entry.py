"""The bundle's entry point: `fluxion-pos` as `python -m fluxion_desktop` runs it, plus one call.

Forecasting runs its workers in spawned processes. A spawned worker of a frozen app is the app's
own executable started again with multiprocessing's arguments; `freeze_support()` recognises
them and runs the worker instead of the command line (which would refuse them).
"""

import multiprocessing
import sys

from fluxion_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
