"""First run: the store, its currencies and rate of the day, taxes and IGTF, the administrator
and PIN, and (optionally) enrolment with HQ. Each page checks what it asks before Next; Finish
sets the till up on the runner (`application.first_run.FirstRun`): enrolment first, and nothing
is written unless every answer is good and HQ, when asked, enrolled the till."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from fluxion_desktop.application.first_run import (
    FirstRun,
    FirstRunAnswers,
    FirstRunDone,
    SetUpTarget,
    check_answers,
    store_settings_from,
)
from fluxion_desktop.domain.errors import DomainError, InvalidValue
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.ui.context import TillContext
from fluxion_desktop.ui.errors import explain
from fluxion_desktop.ui.formatting import parse_amount

ERROR_STYLE = "color: #b00020; font-size: 11pt;"


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

    def finish_form(self) -> None:
        self.form.addRow(self.error)


class FirstRunWizard(QWizard):
    set_up = Signal(object)  # FirstRunDone

    def __init__(self, context: TillContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up Fluxion POS"))
        self.setMinimumSize(640, 480)
        self._context = context
        self._first_run = context.first_run or FirstRun(
            SetUpTarget(context.bus, context.device, context.users), None
        )
        self._busy = False
        self.store_name, self.rif, self.address = QLineEdit(), QLineEdit(), QLineEdit()
        self.reference, self.local = QComboBox(), QComboBox()
        self.rate = QLineEdit()
        self.iva_general, self.iva_reduced = QLineEdit("16"), QLineEdit("8")
        self.iva_luxury, self.igtf = QLineEdit("31"), QLineEdit("3")
        self.special = QCheckBox(self.tr("The store is a special taxpayer (charges IGTF)"))
        self.admin_username, self.admin_name = QLineEdit("admin"), QLineEdit()
        self.pin, self.pin_again = QLineEdit(), QLineEdit()
        self.hq_url, self.code = QLineEdit(), QLineEdit()
        self.hq_note = QLabel()
        self.hq_note.setWordWrap(True)
        self.pages = (self._store_page(), self._money_page(), self._taxes_page(),
                      self._admin_page(), self._hq_page())  # fmt: skip
        for page in self.pages:
            self.addPage(page)

    # -- pages -------------------------------------------------------------------------------

    def _store_page(self) -> _Page:
        page = _Page(self.tr("Your store"), self.tr("As it appears on receipts."))
        page.form.addRow(self.tr("Name"), self.store_name)
        page.form.addRow(self.tr("RIF"), self.rif)
        page.form.addRow(self.tr("Address"), self.address)
        self.rif.setPlaceholderText("J-12345678-9")
        page.finish_form()
        return page

    def _money_page(self) -> _Page:
        why = self.tr("Prices are in the reference currency, shown in the local one at the rate.")
        page = _Page(self.tr("Currencies"), why)
        for combo, chosen in ((self.reference, Currency.USD), (self.local, Currency.VES)):
            for currency in Currency:
                combo.addItem(currency.value, currency.value)
            combo.setCurrentIndex(combo.findData(chosen.value))
        page.form.addRow(self.tr("Reference currency"), self.reference)
        page.form.addRow(self.tr("Local currency"), self.local)
        self.rate.setPlaceholderText(self.tr("e.g. 36,50 (can be entered later)"))
        page.form.addRow(self.tr("Rate of the day (BCV)"), self.rate)
        page.finish_form()
        return page

    def _taxes_page(self) -> _Page:
        page = _Page(self.tr("Taxes"), self.tr("IVA per category and IGTF, in percent."))
        page.form.addRow(self.tr("IVA general %"), self.iva_general)
        page.form.addRow(self.tr("IVA reduced %"), self.iva_reduced)
        page.form.addRow(self.tr("IVA luxury %"), self.iva_luxury)
        page.form.addRow(self.special)
        page.form.addRow(self.tr("IGTF %"), self.igtf)
        page.finish_form()
        return page

    def _admin_page(self) -> _Page:
        page = _Page(self.tr("Administrator"),
                     self.tr("The first user; they create the others."))  # fmt: skip
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self)
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
        page.form.addRow(self.tr("User"), self.admin_username)
        page.form.addRow(self.tr("Name"), self.admin_name)
        page.form.addRow(self.tr("PIN"), self.pin)
        page.form.addRow(self.tr("PIN again"), self.pin_again)
        page.finish_form()
        return page

    def _hq_page(self) -> _Page:
        # A till that has recorded anything alone cannot move its events to HQ's store later.
        why = self.tr("Leave empty to work alone; a till set up alone cannot join an HQ later.")
        page = _Page(self.tr("Head office (optional)"), why)
        self.hq_url.setPlaceholderText("https://hq.example.com")
        page.form.addRow(self.tr("HQ address"), self.hq_url)
        page.form.addRow(self.tr("One-time code"), self.code)
        page.form.addRow(self.hq_note)
        if not self._first_run.can_enrol:
            enrolled = self._first_run.target.pull is not None
            self._close_hq_fields(
                self.tr("This till is enrolled with HQ: Finish fetches HQ's users and catalog "
                        "first.")
                if enrolled
                else self.tr("Enrolment is not available here; use fluxion-pos enroll.")
            )  # fmt: skip
        page.finish_form()
        return page

    def _close_hq_fields(self, note: str) -> None:
        for field in (self.hq_url, self.code):
            field.setEnabled(False)
        self.hq_note.setText(note)

    # -- checks ------------------------------------------------------------------------------

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if not isinstance(page, _Page):
            return True
        page.error.clear()
        try:
            self._check(self.pages.index(page))
        except DomainError as error:
            page.error.setText(error.message)
            return False
        return True

    def _check(self, index: int) -> None:
        if index == 3 and self.pin.text() != self.pin_again.text():
            raise InvalidValue(self.tr("The two PINs differ"), "pin")
        answers = self.answers()
        if index < 3:
            store_settings_from(answers)
        else:
            check_answers(answers, date.today())

    def answers(self) -> FirstRunAnswers:
        rate = self.rate.text().strip()
        return FirstRunAnswers(
            store_name=self.store_name.text(),
            rif=self.rif.text(),
            address=self.address.text(),
            reference_currency=Currency(str(self.reference.currentData())),
            local_currency=Currency(str(self.local.currentData())),
            rate_of_the_day=parse_amount(rate, "rate") if rate else None,
            iva_general=_percent(self.iva_general),
            iva_reduced=_percent(self.iva_reduced),
            iva_luxury=_percent(self.iva_luxury),
            special_taxpayer=self.special.isChecked(),
            igtf_percent=_percent(self.igtf),
            admin_username=self.admin_username.text(),
            admin_name=self.admin_name.text(),
            admin_pin=self.pin.text(),
            # Closed fields (enrolled already, or no enrolment here) ask for no enrolment.
            hq_url=self.hq_url.text() if self.hq_url.isEnabled() else "",
            enrolment_code=self.code.text() if self.code.isEnabled() else "",
        )

    # -- finishing ---------------------------------------------------------------------------

    def accept(self) -> None:
        if self._busy or not self.validateCurrentPage():
            return
        first_run, answers = self._first_run, self.answers()
        self._set_busy(True)
        # Enrolment, HQ's first pull and the writes all run on the runner, never here.
        task = self._context.runner.run(lambda: first_run.finish(answers, date.today()))
        task.on_success(self._done).on_failure(self._failed)

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        # Enrolment and HQ's first pull can take a while: Finish is not pressed twice meanwhile.
        self._busy = busy
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton,
                       QWizard.WizardButton.CancelButton):  # fmt: skip
            self.button(button).setEnabled(not busy)

    def _done(self, done: FirstRunDone) -> None:
        self._set_busy(False)
        super().accept()
        self.set_up.emit(done)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        enrolled = self._first_run.enrolled
        if enrolled is not None and self.hq_url.isEnabled():
            self.hq_url.setText(enrolled.hq_url)
            self.code.clear()
            self._close_hq_fields(
                self.tr("Enrolled with HQ: finishing again records the rest in HQ's store.")
            )
        page = self.currentPage()
        if isinstance(page, _Page):
            page.error.setText(explain(error))


def _percent(field: QLineEdit) -> Decimal:
    return parse_amount(field.text() or "0", "percent")
