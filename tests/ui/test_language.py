"""The till speaks Spanish or English (Qt Linguist): --lang, else $FLUXION_LANG, else the system."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.i18n import (
    choose_language,
    install_language,
    translations_dir,
    uninstall_language,
)
from fluxion_desktop.ui.screens.login import LoginScreen
from fluxion_desktop.ui.task_runner import SynchronousTaskRunner
from tests.ui.conftest import till_context


@pytest.fixture
def language_restored(qapp) -> Iterator[None]:
    locale = QLocale()
    yield
    uninstall_language(qapp)
    QLocale.setDefault(locale)


def test_the_translations_are_where_the_till_looks_for_them():
    folder = translations_dir({})
    assert (folder / "fluxion_es.ts").is_file()
    assert (folder / "fluxion_es.qm").stat().st_size > 0


def test_the_language_switches_between_spanish_and_english(qtbot, till, language_restored):
    context = till_context(till.services, SynchronousTaskRunner())

    assert install_language("es")
    spanish = LoginScreen(context)
    qtbot.addWidget(spanish)
    assert spanish.submit.text() == "Entrar (Intro)"
    assert spanish.username.placeholderText() == "usuario"
    assert NumberFormat.system().amount(Decimal("1234.5")) == "1.234,50"

    install_language("en")
    english = LoginScreen(context)
    qtbot.addWidget(english)
    assert english.submit.text() == "Log in (Enter)"
    assert english.username.placeholderText() == "user"
    assert NumberFormat.system().amount(Decimal("1234.5")) == "1,234.50"


def test_an_unknown_language_is_refused(qapp, language_restored):
    with pytest.raises(ValueError, match="unknown language"):
        install_language("fr")


@pytest.mark.parametrize(
    ("requested", "environ", "chosen"),
    [
        ("es", {"FLUXION_LANG": "en"}, "es"),  # --lang wins
        ("en", {"FLUXION_LANG": "es"}, "en"),
        (None, {"FLUXION_LANG": "es"}, "es"),  # then the environment
        (None, {"FLUXION_LANG": "es_VE.UTF-8"}, "es"),
        (None, {"FLUXION_LANG": "EN"}, "en"),
    ],
)
def test_the_language_is_chosen_by_flag_then_environment(requested, environ, chosen):
    assert choose_language(requested, environ) == chosen


def test_without_a_choice_the_system_locale_decides(qapp):
    system_is_spanish = QLocale.system().language() == QLocale.Language.Spanish
    expected = "es" if system_is_spanish else "en"
    assert choose_language(None, {}) == expected
    assert choose_language(None, {"FLUXION_LANG": "fr"}) == expected  # unknown: ignored


def test_a_spanish_receipt_reads_as_in_caracas(qtbot, till, language_restored):
    from fluxion_desktop.adapters.read_models.sales_lookup import SqlSalesLookup
    from fluxion_desktop.application.receipts import Receipts
    from fluxion_desktop.ui.printout_words import receipt_words
    from fluxion_desktop.ui.sale_session import SaleSession
    from tests.support.app import open_shift
    from tests.ui.conftest import CAFE

    open_shift(till)
    context = till_context(till.services, SynchronousTaskRunner())
    cashier = till.services.queries.users.get(till.cashier)
    assert cashier is not None
    session = SaleSession(context, cashier)
    session.scan(CAFE)
    option = session.current().options[0]  # dollars cash: the whole sale and its IGTF
    session.add_tender(option.method, option.to_settle, None)
    sale = session.complete(option.currency)
    receipts = Receipts(SqlSalesLookup(till.services.engine, till.services.queries.sales),
                        till.services.queries.store, till.services.queries.users)  # fmt: skip

    install_language("es")
    text = receipts.printout(sale.sale_id, receipt_words(), NumberFormat.system()).text

    assert "Tasa BCV 36,50 Bs/$ (25/11/2026)" in text
    assert "Cajero: José" in text and "25/11/2026" in text
    assert "TOTAL                  $ 3,48    Bs 127,02" in text
    assert "IVA 16 % sobre $ 3,00" in text and "Vuelto" in text
