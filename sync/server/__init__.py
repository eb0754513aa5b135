"""The HQ server."""
