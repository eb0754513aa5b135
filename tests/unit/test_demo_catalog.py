"""The demo catalog: deterministic, unique codes, valid EAN-13s, plausible taxes, prices, demand."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from fluxion_desktop.application.catalog import CreateProduct
from fluxion_desktop.application.demo_catalog import (
    DemoProduct,
    capacity,
    demo_products,
    large_catalog,
)
from fluxion_desktop.domain.barcode import Barcode, BarcodeKind
from fluxion_desktop.domain.catalog import Unit
from fluxion_desktop.domain.money import Currency, Money
from fluxion_desktop.domain.tax import TaxCategory

CATALOG = demo_products()
BY_NAME = {p.name: p for p in CATALOG}


def test_the_same_seed_gives_the_same_catalog_and_another_seed_other_prices() -> None:
    assert demo_products(500, seed=7) == CATALOG
    other = demo_products(500, seed=8)
    assert [p.name for p in other] == [p.name for p in CATALOG]
    assert [p.price for p in other] != [p.price for p in CATALOG]


def test_the_first_product_is_the_best_selling_staple_written_out() -> None:
    first = CATALOG[0]
    assert (first.sku, first.name, first.category) == ("VIV-000001", "Harina P.A.N. Blanca 1 kg",
                                                       "Víveres")  # fmt: skip
    assert (first.tax_category, first.unit) == (TaxCategory.EXEMPT, Unit.PIECE)
    # 759 Venezuela, company 0001, item 00001; check digit: 3*1 + 1 + 9 + 3*5 + 7 = 35 -> 5.
    assert first.barcode == Barcode("7590001000015")
    assert first.base_daily_demand >= 20


def test_500_products_have_unique_skus_names_and_barcodes() -> None:
    assert len(CATALOG) == 500
    assert len({p.sku for p in CATALOG}) == 500
    assert len({p.name for p in CATALOG}) == 500
    barcodes = [p.barcode for p in CATALOG if p.barcode is not None]
    assert len(set(barcodes)) == len(barcodes) == sum(p.unit is Unit.PIECE for p in CATALOG)


def test_every_barcode_is_a_valid_ean13_with_the_origin_prefix() -> None:
    for product in CATALOG:
        if product.barcode is None:
            continue
        code = product.barcode.value
        assert Barcode.parse(code) == product.barcode
        assert product.barcode.kind is BarcodeKind.EAN13
        assert Barcode.ean13(code[:12]) == product.barcode
    assert _barcode("Harina P.A.N. Blanca 1 kg").startswith("759")
    assert _barcode("Aceite de oliva Borges Extra virgen 250 ml").startswith("841")  # Spain
    assert _barcode("Salsa de tomate Heinz 397 g").startswith("076")  # USA
    assert _barcode("Whisky Buchanan's 12 años 750 ml").startswith("500")  # United Kingdom


def test_weighed_products_have_no_ean_and_a_scale_item_code_as_sku() -> None:
    cheese = BY_NAME["Queso blanco duro (kg)"]
    assert (cheese.unit, cheese.barcode, cheese.tax_category) == (Unit.KG, None, TaxCategory.EXEMPT)
    weighed = [p for p in CATALOG if p.unit is Unit.KG]
    assert 20 <= len(weighed) <= 60
    for product in weighed:
        assert product.barcode is None
        assert len(product.sku) == 5 and product.sku.isdigit()
    # A scale label for 1.250 kg of cheese names the product by its SKU.
    label = Barcode.ean13(f"20{cheese.sku}01250").weighed_label()
    assert (label.item_code, label.weight) == (cheese.sku, Decimal("1.250"))


def test_prices_are_usd_with_two_places_between_30_cents_and_25_dollars() -> None:
    for product in CATALOG:
        assert isinstance(product.price, Money)
        assert product.price.currency is Currency.USD
        assert isinstance(product.price.amount, Decimal)
        assert product.price.amount.as_tuple().exponent == -2
        assert Decimal("0.30") <= product.price.amount <= Decimal("25.00")


def test_taxes_follow_the_venezuelan_exemptions() -> None:
    counts = Counter(p.tax_category for p in CATALOG)
    assert counts[TaxCategory.GENERAL] > counts[TaxCategory.REDUCED] > 0
    assert counts[TaxCategory.EXEMPT] > 100
    assert counts[TaxCategory.LUXURY] == 0
    assert BY_NAME["Aceite vegetal Vatel 1 L"].tax_category is TaxCategory.EXEMPT
    assert BY_NAME["Aceite de oliva Borges Extra virgen 250 ml"].tax_category is TaxCategory.GENERAL
    assert BY_NAME["Perrarina Dog Chow 1 kg"].tax_category is TaxCategory.REDUCED
    assert BY_NAME["Cerveza Polar Pilsen 222 ml"].tax_category is TaxCategory.GENERAL


def test_weekly_profiles_have_seven_days_averaging_exactly_one_and_peak_at_the_weekend() -> None:
    for product in CATALOG:
        profile = product.weekly_profile
        assert len(profile) == 7
        assert all(isinstance(day, Decimal) and day > 0 for day in profile)
        assert sum(profile) == 7
        assert profile[5] > profile[1]  # Saturday sells more than Tuesday


def test_demand_is_a_long_tail_of_a_few_fast_movers_and_many_slow_ones() -> None:
    demand = [p.base_daily_demand for p in CATALOG]
    assert all(isinstance(d, Decimal) and Decimal("0.03") <= d <= 60 for d in demand)
    assert sum(d >= 20 for d in demand) >= 5
    assert sum(d <= 2 for d in demand) > len(demand) / 2
    assert sum(d < 1 for d in demand) > len(demand) / 5


def test_pan_de_jamon_sells_in_december() -> None:
    bread = BY_NAME["Pan de jamón El Trigal 1 kg"]
    assert bread.peak_month == 12
    assert bread.yearly_amplitude >= Decimal("0.75")
    saturday_in_december, saturday_in_june = date(2026, 12, 5), date(2026, 6, 6)
    december = bread.expected_daily_demand(saturday_in_december)
    assert december > 5 * bread.expected_daily_demand(saturday_in_june)


def test_expected_daily_demand_worked_example() -> None:
    product = DemoProduct(
        sku="X-1",
        name="X",
        price=Money.of("1.00", "USD"),
        tax_category=TaxCategory.GENERAL,
        unit=Unit.PIECE,
        barcode=None,
        base_daily_demand=Decimal("2"),
        weekly_profile=tuple(map(Decimal, (".9", ".9", ".9", ".9", "1.1", "1.3", "1"))),
        yearly_amplitude=Decimal("0.5"),
        peak_month=12,
        category="Víveres",
    )
    # Saturday in December: 2 x 1.3 x (1 + 0.5); in June the season factor is 1 - 0.5.
    assert product.expected_daily_demand(date(2026, 12, 5)) == Decimal("3.9")
    assert product.expected_daily_demand(date(2026, 6, 6)) == Decimal("1.3")
    # Monday 2026-03-02: three months from the peak, cos 90 degrees = 0.
    assert product.expected_daily_demand(date(2026, 3, 2)) == Decimal("1.8")


def test_create_command_carries_the_product_to_the_catalog() -> None:
    beer = BY_NAME["Cerveza Polar Pilsen 222 ml"]
    assert beer.barcode is not None
    assert beer.create_command("user-1") == CreateProduct(
        "user-1", beer.sku, beer.name, beer.price, TaxCategory.GENERAL, Unit.PIECE,
        (beer.barcode.value,),
    )  # fmt: skip
    cheese = BY_NAME["Queso blanco duro (kg)"].create_command("user-1")
    assert (cheese.unit, cheese.barcodes) == (Unit.KG, ())


def test_the_large_catalog_starts_with_the_demo_and_keeps_every_code_unique() -> None:
    products = list(large_catalog(50_000))
    assert products[:500] == CATALOG
    assert len({p.sku for p in products}) == 50_000
    assert len({p.name for p in products}) == 50_000
    barcodes = [p.barcode for p in products if p.barcode is not None]
    assert len(set(barcodes)) == len(barcodes) > 49_000
    private_labels = [p for p in products if "Sabor Ávila" in p.name]
    assert "Arroz Sabor Ávila Tipo I 1 kg" in {p.name for p in private_labels}
    assert all(p.barcode is not None and p.barcode.value.startswith("759") for p in private_labels)


@pytest.mark.slow
def test_300_000_products_have_unique_barcodes() -> None:
    barcodes = [p.barcode.value for p in large_catalog(300_000) if p.barcode is not None]
    assert len(set(barcodes)) == len(barcodes) > 299_000


def test_a_catalog_larger_than_the_names_allow_is_refused() -> None:
    assert capacity() > 300_000
    with pytest.raises(ValueError, match="count must be between 0 and"):
        large_catalog(capacity() + 1)
    with pytest.raises(ValueError, match="count must be between 0 and"):
        large_catalog(-1)
    assert list(large_catalog(0)) == []


def _barcode(name: str) -> str:
    barcode = BY_NAME[name].barcode
    assert barcode is not None
    return barcode.value
