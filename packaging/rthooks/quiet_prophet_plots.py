"""PyInstaller runtime hook: the bundle leaves out matplotlib and plotly on purpose.

Prophet imports them only for its plotting helpers, which the app never calls; without them it
logs two ERROR lines ("Importing matplotlib failed...") the first time it is imported. Those
would read as faults in the till's logs and in support diagnostics, so they are silenced here.
"""

import logging

logging.getLogger("prophet.plot").setLevel(logging.CRITICAL)
