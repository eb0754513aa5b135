"""The device sync client."""
