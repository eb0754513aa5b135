"""The till's main window mounts the back office from the wiring's factory on Ctrl+M."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from fluxion_desktop.cli.back_office_wiring import back_office_factory
from fluxion_desktop.ui.back_office.back_office import BackOffice
from fluxion_desktop.ui.formatting import NumberFormat
from fluxion_desktop.ui.main_window import MainWindow
from tests.ui.conftest import log_in, till_context


def test_ctrl_m_shows_the_back_office_to_a_manager_and_back(qtbot, till, runner):
    context = replace(till_context(till.services, runner),
                      back_office=back_office_factory(till.services, runner=runner))  # fmt: skip
    window = MainWindow(context, NumberFormat(".", ","))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    log_in(qtbot, window, "maria", "1234")

    qtbot.keyClick(window.sale.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    office = window.current_screen
    assert isinstance(office, BackOffice)
    assert office.products.model.rowCount() == 3
    qtbot.keyClick(office, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen is window.sale
