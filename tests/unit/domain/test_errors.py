"""The domain error hierarchy."""

from __future__ import annotations

import pickle

from fluxion_desktop.domain.errors import (
    DomainError,
    InsufficientStock,
    InvalidBarcode,
    InvalidType,
    InvalidValue,
)


def test_errors_carry_the_offending_field() -> None:
    error = InvalidBarcode("bad check digit", "barcode")

    assert error.field == "barcode"
    assert str(error) == "bad check digit"
    assert DomainError("no single field").field is None


def test_value_and_type_errors_are_also_the_builtin_kinds() -> None:
    assert isinstance(InvalidValue("x"), ValueError)
    assert isinstance(InvalidType("x"), TypeError)
    assert isinstance(InvalidBarcode("x"), DomainError)


def test_the_field_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(InsufficientStock("only 2 in stock", "quantity")))

    assert isinstance(copy, InsufficientStock)
    assert (copy.message, copy.field) == ("only 2 in stock", "quantity")
