"""Models of the till."""
