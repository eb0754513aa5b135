"""Two tills of a store, offline, each create a user of the same name. When their events meet, the
user created first keeps the name on both tills, whichever order the events arrive in; the other
user's row never silently replaces a till's own, and a replay of the log agrees."""

from __future__ import annotations

from pathlib import Path

from fluxion_desktop.application.identity import CreateUser
from fluxion_desktop.domain.identity import Role
from tests.support.app import Till, open_till


def _own_events_to(source: Till, target: Till) -> None:
    device = source.services.identity.device_id
    own = [e for e in source.services.store.read_all(0, limit=100_000) if e.device_id == device]
    target.services.store.import_remote(own)


def _create_luis(till: Till) -> str:
    return str(till.services.bus.handle(CreateUser(till.admin, "luis", "Luis", Role.CASHIER,
                                                   "2222")))  # fmt: skip


def test_the_first_created_user_keeps_a_clashing_name_on_every_till(tmp_path: Path):
    a = open_till(tmp_path / "a")
    b = open_till(tmp_path / "b")
    try:
        luis_a = _create_luis(a)  # both offline: each till makes its own Luis, A's first
        luis_b = _create_luis(b)
        assert luis_a < luis_b  # time-ordered ids

        _own_events_to(a, b)  # B meets A's Luis after its own
        _own_events_to(b, a)  # A meets B's Luis after its own

        for till in (a, b):
            users = till.services.queries.users
            luis = users.by_username("luis")
            assert luis is not None and luis.user_id == luis_a
            assert users.get(luis_b) is None
            assert till.services.projections.check() == []  # a replay decides the same
    finally:
        a.services.close()
        b.services.close()
