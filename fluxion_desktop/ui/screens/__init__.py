"""Screens of the till."""
