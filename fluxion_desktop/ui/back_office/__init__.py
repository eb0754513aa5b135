"""The manager's back office.

Entry point: `fluxion_desktop.ui.back_office.back_office.build_back_office(context)`. This package
file imports nothing, so the till does not load QtCharts until a manager opens the back office.
"""
