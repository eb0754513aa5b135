"""Widgets of the till."""
