"""Fluxion POS: offline-first point of sale and inventory for Latin American retailers."""

__version__ = "0.1.0"
