"""A fake card terminal (hardware is the one thing we fake) that keeps its journal in a file,
so a test can check charges and refunds across a crash and a restart."""

from __future__ import annotations

import json
from pathlib import Path

from fluxion_desktop.application.sale_completion import PaymentDeclined
from fluxion_desktop.domain.money import Money


class FileCardTerminal:
    def __init__(self, journal: Path, decline: bool = False) -> None:
        self._journal = journal
        self._decline = decline

    def charge(self, tender_id: str, amount: Money, reference: str | None) -> str:
        if self._decline:
            raise PaymentDeclined("insufficient funds", "tenders")
        approval = f"APR-{tender_id[-6:]}"
        self._write({"charge": tender_id, "approval": approval, "amount": str(amount.amount)})
        return approval

    def refund(self, approval: str, amount: Money) -> None:
        if approval not in self.refunded():
            self._write({"refund": approval, "amount": str(amount.amount)})

    def entries(self) -> list[dict[str, str]]:
        if not self._journal.exists():
            return []
        return [json.loads(line) for line in self._journal.read_text().splitlines()]

    def charged(self) -> list[str]:
        return [e["approval"] for e in self.entries() if "charge" in e]

    def refunded(self) -> list[str]:
        return [e["refund"] for e in self.entries() if "refund" in e]

    def _write(self, entry: dict[str, str]) -> None:
        with self._journal.open("a") as handle:
            handle.write(json.dumps(entry) + "\n")
            handle.flush()
