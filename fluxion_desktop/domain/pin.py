"""PIN policy and PIN hashing with scrypt.

A 4-8 digit PIN has at most 10^8 values, so the hash must be slow and salted: scrypt with a
random 16-byte salt per hash. The stored form names its own parameters,
``scrypt$<n>$<r>$<p>$<salt_b64>$<hash_b64>``, so PINs hashed with older or cheaper parameters
still verify after the defaults change. No PIN ever appears in an error message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import TypeGuard

from fluxion_desktop.domain.errors import InvalidType, InvalidValue

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 8

# Production cost: 16 MiB and about 50 ms per hash (measured on one server core), so a login
# stays instant while trying all 10^8 PINs against a stolen hash costs about two CPU-months.
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1

SALT_BYTES = 16
HASH_BYTES = 32
SCHEME = "scrypt"

# Parameters are read back from stored hashes that arrive from HQ; caps keep a corrupt or
# hostile record from asking for gigabytes of memory.
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16

# ASCII digits only: str.isdigit() would also accept Arabic-Indic and other Unicode digits.
_PIN_PATTERN = re.compile(rf"[0-9]{{{MIN_PIN_LENGTH},{MAX_PIN_LENGTH}}}")


def check_pin_policy(pin: object) -> str:
    """Return `pin` when it is 4 to 8 ASCII digits; else raise naming the field "pin".

    Raises `InvalidType` for a non-string and `InvalidValue` for anything else; neither message
    repeats the PIN.
    """
    if not isinstance(pin, str):
        raise InvalidType("the PIN must be text", "pin")
    if not _PIN_PATTERN.fullmatch(pin):
        raise InvalidValue(f"the PIN must be {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits", "pin")
    return pin


@dataclass(frozen=True, slots=True)
class _StoredHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _parse(stored: object) -> _StoredHash | None:
    if not isinstance(stored, str):
        return None
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if not _valid_cost(n, r, p) or not salt or not digest:
        return None
    return _StoredHash(n, r, p, salt, digest)


def _valid_cost(n: int, r: int, p: int) -> bool:
    power_of_two = n > 1 and n & (n - 1) == 0
    return power_of_two and n <= _MAX_N and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P


def is_pin_hash(stored: object) -> TypeGuard[str]:
    """True when `stored` is a well-formed hash in this module's format (not a plain PIN)."""
    return _parse(stored) is not None


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # scrypt needs about 128 * r * n bytes; OpenSSL's default ceiling is 32 MiB.
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=length
    )


class PinHasher:
    """Hashes and verifies PINs with scrypt.

    ``PinHasher()`` uses the production cost (n=2**14, r=8, p=1); tests pass a cheaper one such
    as ``PinHasher(n=2**4)``. `verify` always uses the parameters written in the stored hash.
    """

    def __init__(self, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> None:
        for name, value in (("n", n), ("r", r), ("p", p)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidType(f"{name} must be an int", name)
        if not (n > 1 and n & (n - 1) == 0 and n <= _MAX_N):
            raise InvalidValue(f"n must be a power of two from 2 to {_MAX_N}, got {n}", "n")
        if not 1 <= r <= _MAX_R:
            raise InvalidValue(f"r must be from 1 to {_MAX_R}, got {r}", "r")
        if not 1 <= p <= _MAX_P:
            raise InvalidValue(f"p must be from 1 to {_MAX_P}, got {p}", "p")
        self.n = n
        self.r = r
        self.p = p

    def hash(self, pin: str) -> str:
        """Hash a PIN that meets the policy; a fresh random salt makes every hash different."""
        check_pin_policy(pin)
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _scrypt(pin, salt, self.n, self.r, self.p, HASH_BYTES)
        return "$".join(
            (
                SCHEME,
                str(self.n),
                str(self.r),
                str(self.p),
                base64.b64encode(salt).decode("ascii"),
                base64.b64encode(digest).decode("ascii"),
            )
        )

    def verify(self, pin: str, stored: str) -> bool:
        """True when `pin` matches `stored`, compared in constant time.

        A PIN outside the policy simply does not match. A `stored` value that is not a hash in
        this format raises `InvalidValue` (field "pin_hash"): that is corrupt data, not a wrong
        PIN, and must not count against the user.
        """
        parsed = _parse(stored)
        if parsed is None:
            raise InvalidValue("the stored PIN hash is malformed", "pin_hash")
        if not isinstance(pin, str) or not _PIN_PATTERN.fullmatch(pin):
            return False
        candidate = _scrypt(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.digest))
        return hmac.compare_digest(candidate, parsed.digest)
