"""The Product aggregate: creation rules, changes as events, no-ops, and snapshots."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest

from fluxion_desktop.application.event_registry import EventRegistry
from fluxion_desktop.domain.barcode import Barcode
from fluxion_desktop.domain.catalog import (
    EVENT_TYPES,
    Product,
    ProductActivated,
    ProductBarcodeAdded,
    ProductBarcodeRemoved,
    ProductCreated,
    ProductDeactivated,
    ProductOrigin,
    ProductRenamed,
    ProductRepriced,
    ProductReviewed,
    ProductTaxCategoryChanged,
    ProductUnitChanged,
    Unit,
)
from fluxion_desktop.domain.errors import (
    CurrencyMismatch,
    DomainError,
    InvalidBarcode,
    InvalidType,
    InvalidValue,
    NotFound,
)
from fluxion_desktop.domain.events import DomainEvent
from fluxion_desktop.domain.money import Money
from fluxion_desktop.domain.tax import TaxCategory

D = Decimal
EAN = "4006381333931"  # published EAN-13 examples
EAN_2 = "5901234123457"
UPC = "036000291452"


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def harina(**overrides: Any) -> Product:
    """Harina P.A.N. 1 kg, a staple at any Venezuelan counter."""
    args: dict[str, Any] = {
        "product_id": "p-harina",
        "sku": "HAR-PAN-1KG",
        "name": "Harina P.A.N. 1 kg",
        "price": usd("1.25"),
        "tax_category": TaxCategory.EXEMPT,
        "unit": Unit.PIECE,
        "barcodes": (EAN,),
    }
    args.update(overrides)
    return Product.create(**args)


def committed(product: Product) -> Product:
    product.mark_committed()
    return product


def test_create_records_one_event_with_the_normalised_values() -> None:
    product = harina(
        sku=" HAR-PAN-1KG ",
        name="  Harina P.A.N. 1 kg ",
        barcodes=(Barcode.parse(EAN), f" {UPC} "),
        pack_size=D(20),
    )

    assert product.pending_events == (
        ProductCreated(
            product_id="p-harina",
            sku="HAR-PAN-1KG",
            name="Harina P.A.N. 1 kg",
            price=usd("1.25"),
            tax_category=TaxCategory.EXEMPT,
            unit=Unit.PIECE,
            barcodes=(EAN, UPC),
            origin=ProductOrigin.LOCAL,
            pack_size=D(20),
        ),
    )
    assert product.id == product.product_id == "p-harina"
    assert product.active
    assert not product.needs_review


def test_internal_barcodes_are_stored_upper_case() -> None:
    product = harina(barcodes=("har-01",))

    assert product.barcodes == ("HAR-01",)


def test_a_weighed_product_takes_a_fractional_pack() -> None:
    queso = Product.create(
        "p-queso",
        "QUE-BLA",
        "Queso blanco",
        usd("4.20"),
        TaxCategory.GENERAL,
        Unit.KG,
        pack_size=D("2.5"),
    )

    assert queso.unit is Unit.KG
    assert queso.pack_size == D("2.5")
    assert queso.barcodes == ()


def test_text_forms_of_the_enums_are_accepted() -> None:
    product = harina(tax_category="general", unit="KG", origin="hq")

    assert (product.tax_category, product.unit, product.origin) == (
        TaxCategory.GENERAL,
        Unit.KG,
        ProductOrigin.HQ,
    )


@pytest.mark.parametrize(
    ("overrides", "error", "field"),
    [
        ({"product_id": "  "}, InvalidValue, "product_id"),
        ({"product_id": 7}, InvalidType, "product_id"),
        ({"sku": ""}, InvalidValue, "sku"),
        ({"sku": "HAR PAN"}, InvalidValue, "sku"),
        ({"sku": "Ñ-1"}, InvalidValue, "sku"),
        ({"sku": "A" * 41}, InvalidValue, "sku"),
        ({"name": "   "}, InvalidValue, "name"),
        ({"name": "x" * 121}, InvalidValue, "name"),
        ({"name": None}, InvalidType, "name"),
        ({"price": usd("-0.01")}, InvalidValue, "price"),
        ({"price": D("1.25")}, InvalidType, "price"),
        ({"tax_category": "vat"}, InvalidValue, "tax_category"),
        ({"unit": "litre"}, InvalidValue, "unit"),
        ({"origin": "mars"}, InvalidValue, "origin"),
        ({"barcodes": (EAN, EAN)}, InvalidValue, "barcode"),
        ({"barcodes": (EAN, Barcode.parse(EAN))}, InvalidValue, "barcode"),
        ({"barcodes": ("4006381333932",)}, InvalidBarcode, "barcode"),
        ({"barcodes": (12345678,)}, InvalidType, "barcode"),
        ({"barcodes": EAN}, InvalidType, "barcodes"),
        ({"pack_size": D(0)}, InvalidValue, "pack_size"),
        ({"pack_size": D(-6)}, InvalidValue, "pack_size"),
        ({"pack_size": D("1.5")}, InvalidValue, "pack_size"),
        ({"pack_size": 1.0}, InvalidType, "pack_size"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    overrides: dict[str, Any], error: type[DomainError], field: str
) -> None:
    with pytest.raises(error) as caught:
        harina(**overrides)

    assert caught.value.field == field


def test_limits_of_sku_and_name_are_inclusive() -> None:
    product = harina(sku="a._-Z9" + "0" * 34, name="x" * 120)

    assert len(product.sku) == 40
    assert len(product.name) == 120


def test_rename_records_the_trimmed_name() -> None:
    product = committed(harina())

    product.rename("  Harina PAN blanca 1 kg ")

    assert product.pending_events == (
        ProductRenamed(product_id="p-harina", name="Harina PAN blanca 1 kg"),
    )
    assert product.name == "Harina PAN blanca 1 kg"


def test_reprice_keeps_the_old_price_in_the_event() -> None:
    product = committed(harina())

    product.reprice(usd("1.40"))

    assert product.pending_events == (
        ProductRepriced(product_id="p-harina", old_price=usd("1.25"), new_price=usd("1.40")),
    )
    assert product.price == usd("1.40")


def test_reprice_to_free_is_allowed_but_not_below() -> None:
    product = committed(harina())

    product.reprice(usd("0"))
    assert product.price.is_zero
    with pytest.raises(InvalidValue) as caught:
        product.reprice(usd("-1"))
    assert caught.value.field == "price"


def test_reprice_in_another_currency_is_refused() -> None:
    product = committed(harina())

    with pytest.raises(CurrencyMismatch) as caught:
        product.reprice(Money.of("45.63", "VES"))

    assert caught.value.field == "price"
    assert product.pending_events == ()
    assert product.price == usd("1.25")


def test_barcodes_are_added_and_removed() -> None:
    product = committed(harina())

    product.add_barcode(f" {UPC}")
    product.add_barcode(Barcode.parse(EAN_2))
    product.remove_barcode(EAN)

    assert product.pending_events == (
        ProductBarcodeAdded(product_id="p-harina", barcode=UPC),
        ProductBarcodeAdded(product_id="p-harina", barcode=EAN_2),
        ProductBarcodeRemoved(product_id="p-harina", barcode=EAN),
    )
    assert product.barcodes == (UPC, EAN_2)


def test_adding_a_barcode_twice_is_refused() -> None:
    product = committed(harina())

    with pytest.raises(InvalidValue) as caught:
        product.add_barcode(f"{EAN} ")

    assert caught.value.field == "barcode"
    assert product.pending_events == ()


def test_removing_an_absent_barcode_is_not_found() -> None:
    product = committed(harina())

    with pytest.raises(NotFound) as caught:
        product.remove_barcode(UPC)

    assert caught.value.field == "barcode"


def test_an_invalid_barcode_is_refused_on_add() -> None:
    with pytest.raises(InvalidBarcode) as caught:
        harina().add_barcode("036000291453")

    assert caught.value.field == "barcode"


def test_tax_category_and_unit_changes() -> None:
    product = committed(harina())

    product.change_tax_category(TaxCategory.REDUCED)
    product.change_unit(Unit.KG)

    assert product.pending_events == (
        ProductTaxCategoryChanged(product_id="p-harina", tax_category=TaxCategory.REDUCED),
        ProductUnitChanged(product_id="p-harina", unit=Unit.KG),
    )
    assert (product.tax_category, product.unit) == (TaxCategory.REDUCED, Unit.KG)


def test_a_fractional_pack_cannot_become_pieces() -> None:
    product = committed(harina(unit=Unit.KG, pack_size=D("2.5")))

    with pytest.raises(InvalidValue) as caught:
        product.change_unit(Unit.PIECE)

    assert caught.value.field == "unit"
    assert product.unit is Unit.KG


def test_deactivate_and_activate() -> None:
    product = committed(harina())

    product.deactivate()
    assert not product.active
    product.activate()

    assert product.active
    assert product.pending_events == (
        ProductDeactivated(product_id="p-harina"),
        ProductActivated(product_id="p-harina"),
    )


def test_an_imported_product_waits_for_review_once() -> None:
    product = committed(harina(origin=ProductOrigin.IMPORTED))
    assert product.needs_review

    product.mark_reviewed()
    product.mark_reviewed()

    assert product.pending_events == (ProductReviewed(product_id="p-harina"),)
    assert not product.needs_review


def test_no_op_changes_record_nothing() -> None:
    product = committed(harina(origin=ProductOrigin.HQ))

    product.rename(" Harina P.A.N. 1 kg")
    product.reprice(usd("1.250"))  # numerically the same price
    product.change_tax_category(TaxCategory.EXEMPT)
    product.change_unit(Unit.PIECE)
    product.activate()
    product.mark_reviewed()  # an HQ product needs no review

    assert product.pending_events == ()
    product.deactivate()
    product.deactivate()
    assert len(product.pending_events) == 1


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        (lambda p: p.rename(""), InvalidValue, "name"),
        (lambda p: p.reprice("1.40"), InvalidType, "price"),
        (lambda p: p.change_tax_category("zero"), InvalidValue, "tax_category"),
        (lambda p: p.change_unit(None), InvalidValue, "unit"),
        (lambda p: p.add_barcode(None), InvalidType, "barcode"),
    ],
)
def test_changes_refuse_bad_input(change: Any, error: type[DomainError], field: str) -> None:
    product = committed(harina())

    with pytest.raises(error) as caught:
        change(product)

    assert caught.value.field == field
    assert product.pending_events == ()


def test_commands_on_an_empty_stream_are_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        Product("p-missing").rename("Arroz")

    assert caught.value.field == "product_id"


def _full_history() -> Product:
    product = harina(origin=ProductOrigin.IMPORTED, pack_size=D(20))
    product.rename("Harina PAN")
    product.reprice(usd("1.35"))
    product.add_barcode(UPC)
    product.remove_barcode(EAN)
    product.change_tax_category(TaxCategory.GENERAL)
    product.deactivate()
    product.mark_reviewed()
    return product


def test_replay_rebuilds_the_live_state() -> None:
    live = _full_history()

    replayed = Product.replay("p-harina", live.pending_events)

    assert replayed.snapshot_state() == live.snapshot_state()
    assert replayed.version == 8
    assert replayed.snapshot_state() == {
        "sku": "HAR-PAN-1KG",
        "name": "Harina PAN",
        "price": {"amount": "1.35", "currency": "USD"},
        "tax_category": "general",
        "unit": "piece",
        "barcodes": [UPC],
        "origin": "imported",
        "pack_size": "20",
        "active": False,
        "reviewed": True,
    }


def test_snapshot_and_restore_equal_replay() -> None:
    events = _full_history().pending_events
    at_snapshot = Product.replay("p-harina", events[:4])
    state = json.loads(json.dumps(at_snapshot.snapshot_state()))

    restored = Product("p-harina")
    restored.restore_state(state)
    assert vars_of(restored) == vars_of(at_snapshot)
    restored.load_history(events[4:])

    replayed = Product.replay("p-harina", events)
    assert vars_of(restored) == vars_of(replayed)
    restored.rename("Harina PAN 1 kg")  # a restored product takes commands
    assert restored.name == "Harina PAN 1 kg"


def vars_of(product: Product) -> dict[str, Any]:
    names = ("sku", "name", "price", "tax_category", "unit", "barcodes", "origin", "pack_size")
    state = {name: getattr(product, name) for name in names}
    return {**state, "active": product.active, "reviewed": product.reviewed}


SAMPLE_EVENTS: tuple[DomainEvent, ...] = (
    *_full_history().pending_events,
    ProductUnitChanged(product_id="p-1", unit=Unit.KG),
    ProductActivated(product_id="p-1"),
)


def test_every_event_type_is_exported_and_sampled() -> None:
    assert {type(e) for e in SAMPLE_EVENTS} == set(EVENT_TYPES)
    assert len({cls.event_type for cls in EVENT_TYPES}) == len(EVENT_TYPES)


@pytest.mark.parametrize("event", SAMPLE_EVENTS, ids=lambda e: e.event_type)
def test_events_round_trip_through_the_registry(event: DomainEvent) -> None:
    registry = EventRegistry()
    registry.register_all(EVENT_TYPES)

    payload = registry.to_payload(event)
    decoded = registry.from_payload(event.event_type, event.schema_version, payload)

    assert decoded == event
    # StrEnum members equal their text, so equality alone would not catch a lost type.
    for field in dataclasses.fields(event):
        assert type(getattr(decoded, field.name)) is type(getattr(event, field.name))
    assert json.loads(json.dumps(payload)) == payload
