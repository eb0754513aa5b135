"""Ids, bearer tokens and one-time enrolment codes: only their SHA-256 is ever stored."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from sync.protocol import TOKEN_BYTES

# Crockford-like alphabet without 0/O and 1/I/L: codes are read aloud and typed at the till.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16  # 16 symbols of 31: about 79 bits


def new_id() -> str:
    """A new tenant or store id (UUID text)."""
    return str(uuid.uuid4())


def new_token() -> str:
    """A bearer token of TOKEN_BYTES random bytes (256 bits), url-safe text."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(secret: str) -> str:
    """The SHA-256 hex digest HQ stores instead of a token or code."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrollment_code() -> str:
    """A one-time code such as "K7QF-3M2X-9PZA-HT4W"."""
    symbols = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(symbols[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """What a person typed, as issued: upper case, dashes and spaces ignored."""
    return "".join(ch for ch in code.upper() if ch not in "- ")
