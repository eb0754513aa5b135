"""Fluxion POS intelligence layer."""
