"""Sync between the till and HQ: protocol, client and server."""
