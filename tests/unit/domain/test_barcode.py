"""Barcodes: GS1 check digits, weighed-item labels and store-internal codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxion_desktop.domain.barcode import (
    Barcode,
    BarcodeKind,
    WeighedLabel,
    WeighedLabelLayout,
    ean13_check_digit,
    gtin_check_digit,
)
from fluxion_desktop.domain.errors import InvalidBarcode, InvalidValue


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("4006381333931", BarcodeKind.EAN13),  # published EAN-13 examples
        ("5901234123457", BarcodeKind.EAN13),
        ("036000291452", BarcodeKind.UPCA),  # published UPC-A example
        ("96385074", BarcodeKind.EAN8),  # published EAN-8 example
    ],
)
def test_real_gs1_codes_are_recognised(code: str, kind: BarcodeKind) -> None:
    barcode = Barcode.parse(code)

    assert barcode.kind is kind
    assert str(barcode) == code


def test_a_wrong_check_digit_names_the_field_and_the_expected_digit() -> None:
    with pytest.raises(InvalidBarcode) as caught:
        Barcode.parse("4006381333932")

    assert caught.value.field == "barcode"
    assert "expected 1" in str(caught.value)


@pytest.mark.parametrize("code", ["036000291453", "96385075", "5901234123450"])
def test_every_gs1_length_checks_its_digit(code: str) -> None:
    with pytest.raises(InvalidBarcode):
        Barcode.parse(code)


def test_check_digit_helpers() -> None:
    assert ean13_check_digit("400638133393") == 1
    assert gtin_check_digit("03600029145") == 2
    assert gtin_check_digit("9638507") == 4


def test_ean13_constructor_adds_the_check_digit() -> None:
    # Weights 1,3,1,3... from the left over 7 5 9 1 2 3 4 5 6 7 8 9:
    # 7+15+9+3+2+9+4+15+6+21+8+27 = 126, so the check digit is (10 - 6) % 10 = 4.
    barcode = Barcode.ean13("759123456789")

    assert barcode.value == "7591234567894"
    assert barcode.kind is BarcodeKind.EAN13


@pytest.mark.parametrize("body", ["75912345678", "7591234567890", "75912345678X"])
def test_ean13_constructor_wants_exactly_twelve_digits(body: str) -> None:
    with pytest.raises(InvalidBarcode):
        Barcode.ean13(body)


def test_parse_strips_whitespace_and_upper_cases() -> None:
    assert Barcode.parse("  4006381333931\r\n").value == "4006381333931"
    assert Barcode.parse(" abc-123 ") == Barcode("ABC-123")


def test_the_constructor_only_takes_canonical_values() -> None:
    with pytest.raises(InvalidBarcode):
        Barcode(" 4006381333931")
    with pytest.raises(InvalidBarcode):
        Barcode("abc")


@pytest.mark.parametrize("code", ["ABC-123", "7", "12345", "123456789012345", "PLU-0042"])
def test_other_codes_are_internal(code: str) -> None:
    assert Barcode.parse(code).kind is BarcodeKind.INTERNAL


@pytest.mark.parametrize("code", ["", "   ", "A" * 21, "ABC 123", "ABC_123", "Ñ1", "١٢٣"])
def test_malformed_codes_are_refused(code: str) -> None:
    with pytest.raises(InvalidBarcode) as caught:
        Barcode.parse(code)

    assert caught.value.field == "barcode"


def test_weight_label_reads_grams_as_kilos() -> None:
    barcode = Barcode.ean13("21" + "01234" + "01250")  # item 01234, 1250 g

    assert barcode.kind is BarcodeKind.WEIGHED
    assert barcode.weighed_label() == WeighedLabel("01234", Decimal("1.250"), None)


def test_price_label_reads_cents() -> None:
    label = Barcode.ean13("25" + "00077" + "01999").weighed_label()

    assert label == WeighedLabel("00077", None, Decimal("19.99"))
    assert label.price is not None and label.price.as_tuple().exponent == -2


def test_the_prefix_meaning_is_a_store_setting() -> None:
    layout = WeighedLabelLayout(weight_prefixes=frozenset({"29"}), price_prefixes=frozenset({"20"}))
    barcode = Barcode.ean13("20" + "00500" + "00350")

    assert barcode.weighed_label(layout) == WeighedLabel("00500", None, Decimal("3.50"))
    assert barcode.weighed_label() == WeighedLabel("00500", Decimal("0.350"), None)


def test_a_prefix_in_neither_set_gives_only_the_item_code() -> None:
    layout = WeighedLabelLayout(weight_prefixes=frozenset({"21"}), price_prefixes=frozenset())

    label = Barcode.ean13("28" + "12345" + "00100").weighed_label(layout)

    assert label == WeighedLabel("12345", None, None)


def test_a_prefix_cannot_mean_weight_and_price() -> None:
    with pytest.raises(InvalidValue) as caught:
        WeighedLabelLayout(frozenset({"20", "21"}), frozenset({"21"}))

    assert caught.value.field == "price_prefixes"


def test_prefixes_must_be_in_the_restricted_range() -> None:
    with pytest.raises(InvalidValue):
        WeighedLabelLayout(frozenset({"30"}), frozenset())


def test_only_weighed_labels_decode() -> None:
    with pytest.raises(InvalidBarcode):
        Barcode.parse("4006381333931").weighed_label()


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_generated_ean13_parses_back(body: str) -> None:
    barcode = Barcode.ean13(body)

    assert Barcode.parse(barcode.value) == barcode
    expected = BarcodeKind.WEIGHED if body.startswith("2") else BarcodeKind.EAN13
    assert barcode.kind is expected


@given(
    st.text(alphabet="0123456789", min_size=12, max_size=12),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_typo_is_caught(body: str, position: int, shift: int) -> None:
    valid = Barcode.ean13(body).value
    typo = str((int(valid[position]) + shift) % 10)
    mistyped = valid[:position] + typo + valid[position + 1 :]

    with pytest.raises(InvalidBarcode):
        Barcode.parse(mistyped)
