"""The Qt-free parts under the till: the printer adapter on escpos's own printers (Dummy, File),
printer.json refused with a message naming the field, the receipt's layout rules, and the
first-run set-up on a real till (nothing written when an answer is bad)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from escpos.printer import Dummy

from fluxion_desktop.adapters.printing.escpos_printer import EscposPrinter, printer_from_config
from fluxion_desktop.adapters.printing.printer_config import (
    PrinterConfig,
    PrinterConfigError,
    load_printer_config,
)
from fluxion_desktop.application.first_run import FirstRun, FirstRunAnswers, SetUpTarget
from fluxion_desktop.application.printouts import (
    LineStyle,
    PrinterError,
    PrintLine,
    Printout,
    PrintoutBuilder,
)
from fluxion_desktop.domain.errors import DomainError
from fluxion_desktop.domain.money import Currency

SAMPLE = Printout("Receipt 1", (PrintLine("Bodega", LineStyle.TITLE),
                                PrintLine("TOTAL   $ 9.14", LineStyle.BOLD),
                                PrintLine("Café 2 x $ 3.00")))  # fmt: skip


def test_the_escpos_printer_sends_every_line_and_cuts(tmp_path: Path):
    paper = Dummy()
    EscposPrinter(lambda: paper).print(SAMPLE)
    text = paper.output.decode("cp437")
    assert "Bodega\n" in text and "TOTAL   $ 9.14\n" in text and "Café 2 x $ 3.00\n" in text
    assert paper.output.endswith(b"\x1dV\x00")  # the full cut, after the last line


def test_a_printer_that_is_not_there_raises_a_printer_error_for_the_cashier(tmp_path: Path):
    config = PrinterConfig(backend="file", device=str(tmp_path / "missing" / "lp0"))
    printer = printer_from_config(config)
    assert printer is not None
    with pytest.raises(PrinterError) as raised:
        printer.print(SAMPLE)
    assert raised.value.field == "printer"
    assert "did not print" in raised.value.message and "reprint" in raised.value.message

    network = printer_from_config(PrinterConfig(backend="network", host="127.0.0.1", port=9,
                                                timeout=1.0))  # fmt: skip
    assert network is not None
    with pytest.raises(PrinterError):
        network.print(SAMPLE)


def test_printer_json_chooses_the_backend_and_refuses_bad_values(tmp_path: Path):
    assert load_printer_config(tmp_path) == PrinterConfig()  # no file: no printer
    assert printer_from_config(PrinterConfig()) is None
    (tmp_path / "printer.json").write_text(json.dumps({"backend": "network", "host": "10.0.0.9"}))
    assert load_printer_config(tmp_path) == PrinterConfig(backend="network", host="10.0.0.9")
    for bad, field in (({"backend": "bluetooth"}, "backend"), ({"backend": "usb"}, "usb_vendor"),
                       ({"backend": "file"}, "device"), ({"port": "9100"}, "port"),
                       ({"colour": "red"}, "colour"), ({"width": 80}, "width")):  # fmt: skip
        (tmp_path / "printer.json").write_text(json.dumps(bad))
        with pytest.raises(PrinterConfigError, match=field):
            load_printer_config(tmp_path)


def test_columns_keep_amounts_flush_right_and_long_words_wrap():
    out = PrintoutBuilder(32)
    out.columns("TOTAL", "$ 9.14", "Bs 333.61")
    out.columns("IVA", "$ 123,456.00", "Bs 4,506,144.00")  # too wide: one amount per line
    out.text("Supercalifragilisticoespialidosamente dicho")
    lines = [line.text for line in out.build("t").lines]
    assert lines[0] == "TOTAL           $ 9.14 Bs 333.61"
    assert lines[1] == "IVA                 $ 123,456.00"
    assert lines[2] == "                 Bs 4,506,144.00"
    assert lines[3:] == ["Supercalifragilisticoespialidosa", "mente dicho"]
    assert all(len(line) <= 32 for line in lines)


def answers(**changes: object) -> FirstRunAnswers:
    values: dict[str, object] = dict(
        store_name="Bodega", rif="", address="", reference_currency=Currency.USD,
        local_currency=Currency.VES, rate_of_the_day=Decimal("36.50"),
        iva_general=Decimal(16), iva_reduced=Decimal(8), iva_luxury=Decimal(31),
        special_taxpayer=False, igtf_percent=Decimal(3), admin_username="admin",
        admin_name="Carmen", admin_pin="2468",
    )  # fmt: skip
    values.update(changes)
    return FirstRunAnswers(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"iva_general": Decimal(160)}, "general"), ({"admin_pin": "12"}, "pin"),
     ({"rif": "J-1"}, "rif"), ({"hq_url": "https://hq"}, "hq_url"),
     ({"local_currency": Currency.USD}, "reference_currency")],
)  # fmt: skip
def test_a_bad_answer_writes_nothing(tmp_path: Path, change: dict[str, object], field: str):
    from tests.support.app import open_till

    till = open_till(tmp_path)  # bound to a store; its users are made below the check
    before = till.services.store.last_position()
    with pytest.raises(DomainError) as raised:
        set_up = FirstRun(SetUpTarget(till.services.bus, till.services.identity, None), None)
        set_up.finish(answers(**change), till.clock.now().date())
    assert field in (raised.value.field or "") or field in raised.value.message
    assert till.services.store.last_position() == before
    till.services.close()


def test_a_till_not_bound_to_a_store_is_told_how_to_bind_it(tmp_path: Path):
    from fluxion_desktop.bootstrap import bootstrap
    from fluxion_desktop.settings import Settings
    from tests.support.app import FAST_PINS

    services = bootstrap(Settings(tmp_path), pin_hasher=FAST_PINS, configure_logs=False)
    try:
        with pytest.raises(DomainError, match="not bound to a store") as raised:
            set_up = FirstRun(SetUpTarget(services.bus, services.identity, None), None)
            set_up.finish(answers(), services.clock.now().date())
        assert raised.value.field == "store_id"
        assert services.queries.users.all() == []
    finally:
        services.close()
