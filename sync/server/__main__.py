"""`python -m sync.server`: the same as `fluxion-hq`."""

import sys

from sync.server.cli import main

sys.exit(main())
