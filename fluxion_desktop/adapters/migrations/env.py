"""Alembic environment of the local database; the connection comes from `database.upgrade`."""

from alembic import context

from fluxion_desktop.adapters.schema import metadata

connection = context.config.attributes["connection"]
# SQLite runs DDL inside our BEGIN, so a failed migration rolls back whole.
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
