"""Venezuelan tax identities printed on invoices: the RIF and the cédula.

RIF check digit (SENIAT): the type letter's value times 4, plus the eight digits weighted
3, 2, 7, 6, 5, 4, 3, 2, gives a sum S; the check digit is 11 - (S mod 11), or 0 when that is 10
or 11. Verified against RIFs of public bodies and companies published online (the list in
python-stdnum's tests); for V, E, J, P and G. The value of C (consejos comunales) is the one in
common use but no published C RIF was found to confirm it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fluxion_desktop.domain.errors import InvalidTaxId


class RifType(StrEnum):
    """The letter that opens a RIF: who the taxpayer is."""

    V = "V"  # Venezuelan natural person (digits are the cédula)
    E = "E"  # foreign natural person resident in Venezuela
    J = "J"  # company (persona jurídica)
    P = "P"  # passport holder without a cédula
    G = "G"  # government body
    C = "C"  # consejo comunal / communal organisation

    @property
    def check_value(self) -> int:
        """The letter's value in the check digit sum (before the weight of 4)."""
        return _LETTER_VALUES[self]


_LETTER_VALUES = {
    RifType.V: 1,
    RifType.E: 2,
    RifType.J: 3,
    RifType.P: 4,
    RifType.G: 5,
    RifType.C: 3,  # unverified, see the module docstring
}
_DIGIT_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_LETTER_WEIGHT = 4

# After dropping spaces and dots: "J-12345678-9", "J123456789", or, with the check digit set off
# by a dash, a short number that is zero-padded ("V-3707781-6" is V-03707781-6).
_RIF_TEXT = re.compile(r"([A-Z])-?(?:(\d{1,8})-(\d)|(\d{8})(\d))")
_CEDULA_TEXT = re.compile(r"([A-Z])-?(\d{1,9})")
_IGNORED = re.compile(r"[\s.]")


def rif_check_digit(kind: RifType, number: str) -> int:
    """The SENIAT check digit for a RIF of type `kind` and eight digits `number`."""
    if len(number) != 8 or not number.isdigit() or not number.isascii():
        raise InvalidTaxId(f"a RIF number has 8 digits, got {number!r}", "rif")
    total = kind.check_value * _LETTER_WEIGHT
    total += sum(weight * int(digit) for weight, digit in zip(_DIGIT_WEIGHTS, number, strict=True))
    check = 11 - total % 11
    return 0 if check >= 10 else check


@dataclass(frozen=True, slots=True)
class Rif:
    """A RIF with a valid check digit; ``str(rif)`` is the printed form ``J-12345678-9``."""

    kind: RifType
    number: str
    check_digit: int

    def __post_init__(self) -> None:
        if not isinstance(self.kind, RifType):
            raise InvalidTaxId(f"unknown RIF type {self.kind!r}", "rif")
        expected = rif_check_digit(self.kind, self.number)
        if self.check_digit != expected:
            raise InvalidTaxId(
                f"{self.kind}-{self.number}-{self.check_digit} is not a valid "
                "RIF: the check digit does not match",
                "rif",
            )

    @classmethod
    def parse(cls, text: str) -> Rif:
        """Read a RIF as people write it: ``"J-12345678-9"``, ``"j123456789"``, ``"V-3.707.781-6"``.

        Spaces and dots are ignored; a number shorter than 8 digits is zero-padded when a dash
        sets off the check digit.
        """
        if not isinstance(text, str):
            raise InvalidTaxId(f"a RIF must be text, got {type(text).__name__}", "rif")
        match = _RIF_TEXT.fullmatch(_IGNORED.sub("", text.upper()))
        if match is None:
            raise InvalidTaxId(f"a RIF looks like J-12345678-9, got {text!r}", "rif")
        letter, short_number, short_check, number, check = match.groups()
        if letter not in RifType.__members__:
            known = ", ".join(RifType)
            raise InvalidTaxId(f"a RIF starts with one of {known}, got {letter!r}", "rif")
        digits = number if number is not None else short_number.zfill(8)
        return cls(RifType(letter), digits, int(check if check is not None else short_check))

    @classmethod
    def complete(cls, kind: RifType, number: str) -> Rif:
        """Add the check digit to eight digits, e.g. to turn a cédula into its RIF."""
        return cls(kind, number, rif_check_digit(kind, number))

    @property
    def compact(self) -> str:
        """The form without separators, ``J123456789``, as some systems store it."""
        return f"{self.kind}{self.number}{self.check_digit}"

    def __str__(self) -> str:
        return f"{self.kind}-{self.number}-{self.check_digit}"


class Nationality(StrEnum):
    """The letter before a cédula number."""

    V = "V"  # Venezuelan
    E = "E"  # foreign resident


@dataclass(frozen=True, slots=True)
class Cedula:
    """A cédula de identidad: nationality letter and a number of up to 9 digits.

    Cédulas carry no check digit, so only the shape is checked. ``str(cedula)`` is
    ``V-12345678``, without leading zeros.
    """

    nationality: Nationality
    number: int

    def __post_init__(self) -> None:
        if not isinstance(self.nationality, Nationality):
            raise InvalidTaxId(f"a cédula starts with V or E, got {self.nationality!r}", "cedula")
        if isinstance(self.number, bool) or not isinstance(self.number, int):
            raise InvalidTaxId("a cédula number must be an int", "cedula")
        if not 0 < self.number < 10**9:
            raise InvalidTaxId(f"a cédula number has 1 to 9 digits, got {self.number}", "cedula")

    @classmethod
    def parse(cls, text: str) -> Cedula:
        """Read ``"V-12345678"``, ``"v12.345.678"`` or ``"E 81234567"``; the letter is required."""
        if not isinstance(text, str):
            raise InvalidTaxId(f"a cédula must be text, got {type(text).__name__}", "cedula")
        match = _CEDULA_TEXT.fullmatch(_IGNORED.sub("", text.upper()))
        if match is None:
            raise InvalidTaxId(f"a cédula looks like V-12345678, got {text!r}", "cedula")
        letter, digits = match.groups()
        if letter not in Nationality.__members__:
            raise InvalidTaxId(f"a cédula starts with V or E, got {letter!r}", "cedula")
        return cls(Nationality(letter), int(digits))

    def to_rif(self) -> Rif:
        """The natural person's RIF: same letter, number zero-padded to 8 digits, a check digit."""
        if self.number >= 10**8:
            raise InvalidTaxId(f"{self} has 9 digits and no RIF of the same number", "cedula")
        return Rif.complete(RifType(self.nationality.value), f"{self.number:08d}")

    def __str__(self) -> str:
        return f"{self.nationality}-{self.number}"
