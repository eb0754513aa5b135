"""A manager (or HQ) sets and removes the tenant's threshold alert rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fluxion_desktop.application.alert_raising import ThresholdRule
from fluxion_desktop.application.authorization import Authorizer
from fluxion_desktop.application.device import DeviceIdentity
from fluxion_desktop.application.message_bus import MessageBus
from fluxion_desktop.application.ports import Clock
from fluxion_desktop.application.repository import Repository
from fluxion_desktop.domain.alert_rules import AlertRuleBook, rule_book_id
from fluxion_desktop.domain.identity import Permission


@dataclass(frozen=True, slots=True)
class SetAlertRule:
    user_id: str
    rule: ThresholdRule


@dataclass(frozen=True, slots=True)
class RemoveAlertRule:
    user_id: str
    rule_id: str


class AlertRuleHandlers:
    """`validate` checks an expression and raises (naming what is wrong) on a bad one: the
    composition root passes the rule language's `parse_rule`. Nothing is recorded for a bad rule.
    """

    def __init__(
        self,
        books: Repository[AlertRuleBook],
        authorizer: Authorizer,
        identity: DeviceIdentity,
        clock: Clock,
        validate: Callable[[str], object],
    ) -> None:
        self._books = books
        self._authorizer = authorizer
        self._identity = identity
        self._clock = clock
        self._validate = validate

    def register(self, bus: MessageBus) -> None:
        bus.register(SetAlertRule, self.set_rule)
        bus.register(RemoveAlertRule, self.remove_rule)

    def set_rule(self, command: SetAlertRule) -> bool:
        """True when the rule was recorded, False when it was already exactly so."""
        self._authorizer.require(command.user_id, Permission.MANAGE_SETTINGS)
        rule = command.rule
        self._validate(rule.expression)
        book = self._book()
        changed = book.set_rule(rule.rule_id, self._identity.tenant_id, rule.name,
                                rule.expression.strip(), rule.severity, rule.enabled,
                                self._clock.now())  # fmt: skip
        self._books.save(book, command.user_id)
        return changed

    def remove_rule(self, command: RemoveAlertRule) -> None:
        self._authorizer.require(command.user_id, Permission.MANAGE_SETTINGS)
        book = self._book()
        book.remove_rule(command.rule_id, self._identity.tenant_id, self._clock.now())
        self._books.save(book, command.user_id)

    def _book(self) -> AlertRuleBook:
        book_id = rule_book_id(self._identity.tenant_id, self._identity.device_id)
        return self._books.get(book_id) or AlertRuleBook(book_id)
