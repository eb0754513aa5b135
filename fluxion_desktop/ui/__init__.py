"""Fluxion POS ui layer."""
