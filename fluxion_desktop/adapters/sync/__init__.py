"""The till's side of sync with HQ: its state table, outbox, inbox and token store."""
