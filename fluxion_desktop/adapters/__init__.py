"""Adapters: the event store, projections, migrations and other infrastructure."""
