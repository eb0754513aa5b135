"""The business rules of Fluxion POS, in pure Python."""
