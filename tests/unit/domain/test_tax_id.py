"""RIF and cédula: the SENIAT check digit and the shapes people type."""

from __future__ import annotations

import pytest

from fluxion_desktop.domain.errors import InvalidTaxId
from fluxion_desktop.domain.tax_id import Cedula, Nationality, Rif, RifType, rif_check_digit

# RIFs of public bodies and companies published online (collected in python-stdnum's test list).
# They include both edge cases of the rule "11 - S mod 11, but 0 for 10 and 11":
# J-07540999-0 has S mod 11 == 1 and J-08507040-0 has S mod 11 == 0.
PUBLISHED = [
    "G-20000085-6",
    "G-20000303-0",
    "J-00004793-6",
    "J-00051895-5",
    "J-07540999-0",
    "J-08507040-0",
    "J-30022035-4",
    "J-40994900-1",
]


@pytest.mark.parametrize("text", PUBLISHED)
def test_published_rifs_are_valid(text: str) -> None:
    assert str(Rif.parse(text)) == text


@pytest.mark.parametrize(
    ("kind", "check"),
    [
        # S = letter value x 4 + (1,2,3,4,5,6,7,8 . 3,2,7,6,5,4,3,2 = 138); check = 11 - S mod 11
        (RifType.V, 1),  # S = 4 + 138 = 142, 142 mod 11 = 10, check 1
        (RifType.E, 8),  # S = 8 + 138 = 146, mod 11 = 3, check 8
        (RifType.J, 4),  # S = 12 + 138 = 150, mod 11 = 7, check 4
        (RifType.P, 0),  # S = 16 + 138 = 154, mod 11 = 0, 11 becomes 0
        (RifType.G, 7),  # S = 20 + 138 = 158, mod 11 = 4, check 7
    ],
)
def test_check_digit_worked_by_hand(kind: RifType, check: int) -> None:
    assert rif_check_digit(kind, "12345678") == check
    assert Rif.complete(kind, "12345678").check_digit == check


@pytest.mark.parametrize(
    "text", ["J-00004793-6", "J000047936", "j-00004793-6", " J 00004793 6 ", "J-00.004.793-6"]
)
def test_the_usual_spellings_normalise(text: str) -> None:
    rif = Rif.parse(text)

    assert str(rif) == "J-00004793-6"
    assert rif.compact == "J000047936"
    assert rif.kind is RifType.J


def test_a_short_number_is_zero_padded_when_a_dash_sets_off_the_check_digit() -> None:
    assert str(Rif.parse("J-4793-6")) == "J-00004793-6"


def test_a_wrong_check_digit_is_refused_naming_the_rif() -> None:
    with pytest.raises(InvalidTaxId) as caught:
        Rif.parse("J-00004793-5")

    assert caught.value.field == "rif"
    assert "check digit" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["Z-12345678-9", "J-123456789-0", "J12345678", "J-1234567A-9", "", "RIF J-00004793-6"]
)
def test_malformed_rifs_are_refused(text: str) -> None:
    with pytest.raises(InvalidTaxId) as caught:
        Rif.parse(text)

    assert caught.value.field == "rif"


def test_the_constructor_checks_too() -> None:
    with pytest.raises(InvalidTaxId):
        Rif(RifType.G, "20000085", 5)
    assert Rif(RifType.G, "20000085", 6).compact == "G200000856"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("V-12345678", "V-12345678"),
        ("v12345678", "V-12345678"),
        ("V 12.345.678", "V-12345678"),
        ("E-81234567", "E-81234567"),
        ("V-03707781", "V-3707781"),
        ("V-123456789", "V-123456789"),
        ("V-1", "V-1"),
    ],
)
def test_cedulas_normalise(text: str, expected: str) -> None:
    assert str(Cedula.parse(text)) == expected


@pytest.mark.parametrize(
    "text", ["12345678", "J-12345678", "V-1234567890", "V-0", "V-12a45678", "CI V-12345678", ""]
)
def test_malformed_cedulas_are_refused(text: str) -> None:
    with pytest.raises(InvalidTaxId) as caught:
        Cedula.parse(text)

    assert caught.value.field == "cedula"


def test_a_cedula_becomes_its_rif() -> None:
    cedula = Cedula(Nationality.V, 12345678)

    assert str(cedula.to_rif()) == "V-12345678-1"
    assert str(Cedula(Nationality.E, 4793).to_rif()).startswith("E-00004793-")


def test_a_nine_digit_cedula_has_no_rif_of_the_same_number() -> None:
    with pytest.raises(InvalidTaxId) as caught:
        Cedula.parse("E-123456789").to_rif()

    assert caught.value.field == "cedula"
