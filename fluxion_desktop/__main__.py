"""`python -m fluxion_desktop` is `fluxion-pos`."""

import sys

from fluxion_desktop.cli import main

sys.exit(main())
