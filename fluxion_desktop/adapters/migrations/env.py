"""Alembic environment of the local database; the connection comes from `database.upgrade`."""

from alembic import context

from fluxion_desktop.adapters.all_tables import all_metadata

connection = context.config.attributes["connection"]
# SQLite runs DDL inside our BEGIN, so a failed migration rolls back whole.
context.configure(
    connection=connection,
    target_metadata=all_metadata(),
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
