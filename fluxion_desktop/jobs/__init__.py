"""Fluxion POS jobs layer."""
