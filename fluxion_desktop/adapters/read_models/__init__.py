"""SQL read models (projections) of the event log, and the queries that read them."""
