"""Reports from real sales; the rate of the day, store settings and users through their commands."""

from __future__ import annotations

from decimal import Decimal

from fluxion_desktop.application.sale_completion import CompleteSale
from fluxion_desktop.application.sales import AddTender, OpenSale, ScanItem
from fluxion_desktop.domain.identity import Role
from fluxion_desktop.domain.inventory import NegativeStockPolicy
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.domain.tenders import TenderMethod
from tests.support.app import Till, open_shift
from tests.ui.back_office.conftest import CAFE, HARINA


def _sell(till: Till, shift: str, *codes: str) -> None:
    bus = till.services.bus
    sale_id = bus.handle(OpenSale(till.cashier, shift))
    for code in codes:
        bus.handle(ScanItem(till.cashier, sale_id, code))
    due = till.services.handlers.sales.load(sale_id).amount_to_settle(
        TenderMethod.DEBIT_CARD, Currency.VES
    )
    bus.handle(AddTender(till.cashier, sale_id, TenderMethod.DEBIT_CARD, due, "REF-1"))
    bus.handle(CompleteSale(till.cashier, sale_id, Currency.VES))


def test_reports_show_sales_by_day_and_product_and_the_shifts(office, till: Till):
    shift = open_shift(till)
    _sell(till, shift, CAFE, HARINA, HARINA)
    _sell(till, shift, HARINA)
    screen = office.reports
    day = till.clock.now().date()
    screen.set_period(day, day)
    office.show_screen(screen)
    screen.refresh()

    assert screen.by_day.text(0, 0) == day.isoformat()
    assert screen.by_day.text(0, 1) == "$ 6.75"  # net: café 3.00 + harina 3 x 1.25
    assert screen.by_day.text(0, 2) == "4"
    by_product = {screen.by_product.text(r, 0): r for r in range(screen.by_product.rowCount())}
    assert screen.by_product.text(by_product["HAR-1"], 2) == "3"
    assert screen.by_product.text(by_product["HAR-1"], 3) == "$ 3.75"
    assert screen.by_product.text(0, 0) == "HAR-1"  # highest net first
    assert screen.shifts.rowCount() == 1
    assert screen.shifts.text(0, 2) == "José"
    assert screen.shifts.text(0, 3) == "open"


def test_a_period_ending_before_it_starts_is_refused(office, till: Till):
    screen = office.reports
    day = till.clock.now().date()
    screen.set_period(day, day.replace(year=day.year - 1))
    screen.refresh()
    assert screen.message.text() == "The period ends before it starts."


def test_the_rate_of_the_day_and_its_history_and_recording_a_new_one(office, till: Till):
    screen = office.rates
    office.show_screen(screen)
    assert screen.current.text().startswith("BCV 36.50 Bs/$")
    assert screen.history.rowCount() == 1

    screen.rate.setText("37,25")
    screen.record()

    rate = till.services.queries.store.current_rate(Currency.USD, Currency.VES)
    assert rate is not None and rate.rate == Decimal("37.25")
    assert screen.current.text().startswith("BCV 37.25 Bs/$")
    assert screen.history.rowCount() == 2


def test_a_rate_typed_wrong_is_said_and_not_recorded(office, till: Till):
    screen = office.rates
    office.show_screen(screen)
    screen.rate.setText("0")
    screen.record()
    assert "rate must be positive" in screen.message.text()
    assert len(till.services.queries.store.rate_history(Currency.USD, Currency.VES)) == 1


def test_settings_show_and_save_through_the_command(office, till: Till):
    screen = office.settings
    office.show_screen(screen)
    assert screen.store_name.text() == "Bodega La Esquina"
    assert screen.general.text() == "16.00"
    assert screen.special_taxpayer.isChecked()
    assert screen.hq.text() == "not enrolled with HQ"
    assert screen.printer.text() == "none: receipts go to PDF (printer.json sets one)"

    screen.store_name.setText("Bodega La Nueva")
    screen.igtf.setText("2")
    screen.policy.setCurrentIndex(screen.policy.findData(NegativeStockPolicy.BLOCK))
    screen.save.click()

    saved = till.services.queries.store.settings()
    assert saved.store_name == "Bodega La Nueva"
    assert saved.sale.igtf_rate == Decimal("0.02")
    assert saved.negative_stock_policy is NegativeStockPolicy.BLOCK
    assert saved.sale.tax_rates.general == Decimal("0.16")
    assert screen.message.text() == "Settings saved."


def test_a_tax_rate_of_a_hundred_percent_is_refused(office, till: Till):
    screen = office.settings
    office.show_screen(screen)
    screen.general.setText("100")
    screen.save.click()
    assert "general rate" in screen.message.text()
    assert till.services.queries.store.settings().sale.tax_rates.general == Decimal("0.16")


def test_users_are_listed_created_and_their_pin_changed(office, till: Till):
    screen = office.users
    office.show_screen(screen)
    assert [screen.model.text(r, 0) for r in range(screen.model.rowCount())] == [
        "admin",
        "jose",
        "maria",
    ]
    # Creating users is the administrator's; the manager logged in here may not.
    screen.username.setText("ana")
    screen.display_name.setText("Ana")
    screen.role.setCurrentIndex(screen.role.findData(Role.CASHIER))
    screen.pin.setText("4321")
    screen.buttons["create"].click()
    assert "may not manage users" in screen.message.text()
    assert screen.pin.text() == ""  # never left on screen


def test_an_administrator_creates_a_user_and_changes_a_pin(qtbot, till: Till, runner):
    from fluxion_desktop.application.authorization import Credentials
    from fluxion_desktop.application.identity import LogIn
    from fluxion_desktop.ui.back_office.back_office import BackOffice
    from fluxion_desktop.ui.formatting import NumberFormat
    from tests.ui.back_office.conftest import back_office_context

    context = back_office_context(till.services, runner, lambda: till.admin)
    office = BackOffice(context, NumberFormat(".", ","))
    qtbot.addWidget(office)
    screen = office.users
    office.show_screen(screen)
    screen.username.setText("ana")
    screen.display_name.setText("Ana")
    screen.role.setCurrentIndex(screen.role.findData(Role.CASHIER))
    screen.pin.setText("4321")
    screen.buttons["create"].click()
    assert screen.message.text() == "Saved."
    row = next(r for r in range(screen.model.rowCount()) if screen.model.text(r, 0) == "ana")

    screen.table.selectRow(row)
    screen.pin.setText("8765")
    screen.buttons["pin"].click()

    user = till.services.bus.handle(LogIn(Credentials("ana", "8765")))
    assert user.display_name == "Ana" and user.role is Role.CASHIER


def test_the_wiring_gives_the_main_window_a_factory_of_the_back_office(qtbot, till: Till, runner):
    from fluxion_desktop.cli.back_office_wiring import back_office_factory
    from fluxion_desktop.ui.back_office.back_office import BackOffice

    build = back_office_factory(till.services, runner=runner)
    manager = till.services.queries.users.get(till.manager)
    office = build(manager)  # as the main window does on Ctrl+M
    qtbot.addWidget(office)
    assert isinstance(office, BackOffice)
    assert office.products.model.rowCount() == 3
    office.rates.rate.setText("38")
    office.rates.record()
    assert office.rates.message.text() == "Rate recorded."  # acting as the manager

    anonymous = build()  # nobody: the screens read, commands are refused
    qtbot.addWidget(anonymous)
    anonymous.rates.rate.setText("39")
    anonymous.rates.record()
    assert anonymous.rates.message.text() == "Log in as a manager first."

    threaded = back_office_factory(till.services)(manager)  # its own worker thread
    qtbot.addWidget(threaded)
    qtbot.waitUntil(lambda: threaded.products.model.rowCount() == 3, timeout=5000)
    assert [name for name, _ in office.named_screens()][:3] == ["products", "stock", "alerts"]


def test_every_back_office_screen_renders_to_a_png(qtbot, office, tmp_path):
    from PySide6.QtGui import QImage

    from fluxion_desktop.ui.back_office.screenshots import render_back_office

    written = render_back_office(office, tmp_path, first_number=13)

    assert [p.name for p in written][:2] == ["13-back-office-products.png",
                                             "14-back-office-stock.png"]  # fmt: skip
    assert len(written) == len(office.named_screens())
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 800)


def test_settings_show_this_tills_printer_and_hq(qtbot, till: Till, runner):
    import json

    from fluxion_desktop.adapters.sync.state_store import SqliteSyncState
    from fluxion_desktop.cli.back_office_wiring import back_office_context
    from fluxion_desktop.ui.back_office.back_office import BackOffice

    data_dir = till.services.settings.data_dir
    (data_dir / "printer.json").write_text(json.dumps({"backend": "network",
                                                       "host": "192.168.1.50"}))  # fmt: skip
    SqliteSyncState(till.services.engine).set_hq_url("https://hq.example.com")
    office = BackOffice(back_office_context(till.services, runner, lambda: till.manager))
    qtbot.addWidget(office)
    office.show_screen(office.settings)

    assert office.settings.printer.text() == "network 192.168.1.50:9100"
    assert office.settings.hq.text() == "https://hq.example.com"
