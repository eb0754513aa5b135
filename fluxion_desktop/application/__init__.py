"""Application layer: commands, handlers, queries, ports and the message bus."""
