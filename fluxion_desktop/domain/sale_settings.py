"""The store settings a sale freezes when it opens: currencies, taxes, IGTF and cashier limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from fluxion_desktop.domain.decimals import format_decimal, parse_decimal, require_decimal
from fluxion_desktop.domain.errors import CurrencyMismatch, InvalidType, InvalidValue
from fluxion_desktop.domain.money import Currency, ExchangeRate
from fluxion_desktop.domain.tax import DEFAULT_IGTF_RATE, TaxRates
from fluxion_desktop.domain.tenders import TenderMethod

_DEFAULT_IGTF_METHODS = frozenset({TenderMethod.CASH, TenderMethod.ZELLE})


@dataclass(frozen=True, slots=True)
class SaleSettings:
    """How this store sells; `SaleOpened` records a copy, so a sale never changes under a cashier.

    - `reference_currency`: the currency prices are set in (USD); `local_currency`: the legal
      tender the fiscal figures are shown in (VES). They must differ, and the sale's frozen rate
      converts reference→local.
    - `tax_rates`: IVA per category. `special_taxpayer`: the store is a "contribuyente especial",
      so it charges IGTF at `igtf_rate` (a fraction, 0.03 = 3 %) on foreign-currency tenders of
      the methods in `igtf_methods` (CASH and ZELLE by default).
    - `discount_threshold_percent`: a line or order discount above it (0-100) needs a
      supervisor's `override_by`; a price override always does.
    - `change_tolerance`: an underpayment up to this many local-currency units (0.50 VES) still
      completes the sale, for coins nobody has.
    - `max_rate_age_days`: an exchange rate older than this needs an explicit acceptance.
    """

    reference_currency: Currency = Currency.USD
    local_currency: Currency = Currency.VES
    tax_rates: TaxRates = field(default_factory=TaxRates)
    special_taxpayer: bool = False
    igtf_rate: Decimal = DEFAULT_IGTF_RATE
    igtf_methods: frozenset[TenderMethod] = _DEFAULT_IGTF_METHODS
    discount_threshold_percent: Decimal = Decimal(10)
    change_tolerance: Decimal = Decimal("0.50")
    max_rate_age_days: int = 3

    def __post_init__(self) -> None:
        for name in ("reference_currency", "local_currency"):
            if not isinstance(getattr(self, name), Currency):
                raise InvalidType(f"{name} must be a Currency", name)
        if self.reference_currency is self.local_currency:
            raise InvalidValue(
                "the reference and local currencies must differ", "reference_currency"
            )
        if not isinstance(self.tax_rates, TaxRates):
            raise InvalidType("tax_rates must be TaxRates", "tax_rates")
        if not isinstance(self.special_taxpayer, bool):
            raise InvalidType("special_taxpayer must be a bool", "special_taxpayer")
        self._set_decimal("igtf_rate", Decimal(0), Decimal(1), upper_open=True)
        self._set_decimal("discount_threshold_percent", Decimal(0), Decimal(100))
        self._set_decimal("change_tolerance", Decimal(0), None)
        object.__setattr__(self, "igtf_methods", _methods(self.igtf_methods))
        age = self.max_rate_age_days
        if isinstance(age, bool) or not isinstance(age, int):
            raise InvalidType("max_rate_age_days must be an int", "max_rate_age_days")
        if age < 0:
            raise InvalidValue("max_rate_age_days must not be negative", "max_rate_age_days")

    def _set_decimal(
        self, name: str, low: Decimal, high: Decimal | None, *, upper_open: bool = False
    ) -> None:
        value = require_decimal(getattr(self, name), name)
        above = high is not None and (value >= high if upper_open else value > high)
        if value < low or above:
            bounds = f"[{low}, {high}{')' if upper_open else ']'}" if high is not None else ">= 0"
            raise InvalidValue(f"{name} must be in {bounds}, got {value}", name)
        object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, object]:
        """The event form; IGTF methods sorted so the payload (and its hash) is deterministic."""
        rates = self.tax_rates
        return {
            "reference_currency": self.reference_currency.value,
            "local_currency": self.local_currency.value,
            "tax_rates": {
                "general": format_decimal(rates.general),
                "reduced": format_decimal(rates.reduced),
                "luxury": format_decimal(rates.luxury),
            },
            "special_taxpayer": self.special_taxpayer,
            "igtf_rate": format_decimal(self.igtf_rate),
            "igtf_methods": sorted(method.value for method in self.igtf_methods),
            "discount_threshold_percent": format_decimal(self.discount_threshold_percent),
            "change_tolerance": format_decimal(self.change_tolerance),
            "max_rate_age_days": self.max_rate_age_days,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SaleSettings:
        """Read the `to_dict` form."""
        rates = _get(data, "tax_rates")
        if not isinstance(rates, Mapping):
            raise InvalidType("tax_rates must be an object", "tax_rates")
        methods = _get(data, "igtf_methods")
        if not isinstance(methods, list | tuple):
            raise InvalidType("igtf_methods must be a list", "igtf_methods")
        age = _get(data, "max_rate_age_days")
        special = _get(data, "special_taxpayer")
        if not isinstance(special, bool):
            raise InvalidType("special_taxpayer must be a bool", "special_taxpayer")
        if isinstance(age, bool) or not isinstance(age, int):
            raise InvalidType("max_rate_age_days must be an int", "max_rate_age_days")
        return cls(
            reference_currency=Currency.parse(_get(data, "reference_currency")),
            local_currency=Currency.parse(_get(data, "local_currency")),
            tax_rates=TaxRates(
                **{name: parse_decimal(_get(rates, name), name) for name in _RATE_NAMES}
            ),
            special_taxpayer=special,
            igtf_rate=parse_decimal(_get(data, "igtf_rate"), "igtf_rate"),
            igtf_methods=frozenset(TenderMethod(str(m)) for m in methods),
            discount_threshold_percent=parse_decimal(
                _get(data, "discount_threshold_percent"), "discount_threshold_percent"
            ),
            change_tolerance=parse_decimal(_get(data, "change_tolerance"), "change_tolerance"),
            max_rate_age_days=age,
        )


_RATE_NAMES = ("general", "reduced", "luxury")


def _methods(methods: Iterable[object]) -> frozenset[TenderMethod]:
    result = frozenset(methods)
    for method in result:
        if not isinstance(method, TenderMethod):
            raise InvalidType("igtf_methods must hold TenderMethod values", "igtf_methods")
    return frozenset(TenderMethod(str(method)) for method in result)


def check_rate(rate: object, settings: SaleSettings) -> None:
    """The sale's rate must convert the reference currency into the local one (USD→VES).

    Raises `InvalidType` or `CurrencyMismatch`, both naming the field "rate".
    """
    if not isinstance(rate, ExchangeRate):
        raise InvalidType("rate must be an ExchangeRate", "rate")
    if rate.base is not settings.reference_currency or rate.quote is not settings.local_currency:
        raise CurrencyMismatch(
            f"the sale needs a {settings.reference_currency}→{settings.local_currency} rate, "
            f"got {rate.base}→{rate.quote}",
            "rate",
        )


def _get(data: Mapping[str, object], key: str) -> object:
    try:
        return data[key]
    except KeyError:
        raise InvalidValue(f"{key} is missing", key) from None
