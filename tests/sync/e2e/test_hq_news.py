"""What HQ writes (users, the day's rate, the catalog) reaches a till through pull, into its
read models; a second pull brings nothing twice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fluxion_desktop.bootstrap import bootstrap
from fluxion_desktop.cli import main
from fluxion_desktop.domain.money import Currency
from fluxion_desktop.settings import Settings
from sync.server.catalog_import import import_catalog
from sync.server.hq_directives import add_user, set_rate
from tests.sync.support.hq_server import RunningHq

CATALOG = """sku,name,price,currency,barcodes
HAR-1,Harina PAN 1 kg,1.45,USD,7591002100018
CAF-2,Café Fama de América 500 g,4.80,USD,7591016851203
"""


def test_hq_users_rate_and_catalog_reach_a_till(
    hq: RunningHq, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tenant, store = hq.tenant_and_store()
    now = hq.clock()
    add_user(hq.database, tenant, "carla", "Carla Pérez", "cashier", "4321", now, pin_cost=2**4)
    set_rate(hq.database, tenant, "40.25", now)
    (tmp_path / "catalog.csv").write_text(CATALOG, encoding="utf-8")
    import_catalog(hq.database, tenant, tmp_path / "catalog.csv", now)
    data = tmp_path / "till"

    assert main(["--data-dir", str(data), "enroll", hq.url, hq.enrollment_code(store)]) == 0
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    first = capsys.readouterr().out
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    again = capsys.readouterr().out

    services = bootstrap(Settings(data), configure_logs=False)
    try:
        q = services.queries
        user = q.users.by_username("carla")
        product = q.catalog.by_barcode("7591016851203")
        rate = q.store.current_rate(Currency.USD, Currency.VES)
    finally:
        services.close()
    assert user is not None and user.display_name == "Carla Pérez"
    assert product is not None and product.sku == "CAF-2"
    assert product.price.amount == Decimal("4.80")
    assert rate is not None and rate.rate == Decimal("40.25")
    assert "pulled 0" not in first and "pulled 0" in again
