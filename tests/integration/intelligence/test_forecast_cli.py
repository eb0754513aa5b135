"""fluxion-pos forecast: the CSV's columns, days and bounds, for one product or every one."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from fluxion_desktop.cli.main import main
from tests.support.app import open_till

HEADER = ["sku", "date", "forecast", "lo80", "hi80", "lo95", "hi95", "model"]
LAST = date(2025, 6, 30)


def _history(path: Path) -> Path:
    lines = ["date,sku,quantity,price"]
    for i in range(120):
        day = LAST - timedelta(days=119 - i)
        lines.append(f"{day},REG-1,{10 + (5 if day.weekday() >= 4 else 0) + i % 3},2.00")
        lines.append(f"{day},SLOW-1,{1 if i % 9 == 0 else 0},5.00")
    for i in range(10):  # too short to forecast
        lines.append(f"{LAST - timedelta(days=i)},NEW-1,1,1.00")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_forecast_all_writes_the_columns_from_the_day_after_the_history(tmp_path: Path, capsys):
    data = tmp_path / "till"
    open_till(data).services.close()
    assert main(["--data-dir", str(data), "import-sales", str(_history(tmp_path / "h.csv"))]) == 0
    out = tmp_path / "forecast.csv"

    code = main(["--data-dir", str(data), "forecast", "--all", "--horizon", "14",
                 "--out", str(out), "--workers", "1"])  # fmt: skip

    assert code == 0
    err = capsys.readouterr().err
    assert "14/3" not in err and "3/3" in err  # the progress bar reached the end
    assert "insufficient data: 10 days of history" in err
    with out.open() as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADER
    by_sku: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_sku.setdefault(row[0], []).append(row)
    assert sorted(by_sku) == ["REG-1", "SLOW-1"]
    for sku_rows in by_sku.values():
        days = [date.fromisoformat(r[1]) for r in sku_rows]
        assert days == [LAST + timedelta(days=i) for i in range(1, 15)]
        for row in sku_rows:
            forecast, lo80, hi80, lo95, hi95 = map(float, row[2:7])
            assert 0 <= lo95 <= lo80 <= forecast <= hi80 <= hi95
    assert by_sku["SLOW-1"][0][7] in {"croston_sba", "adida", "imapa", "tsb", "croston_family",
                                       "window_average", "seasonal_naive"}  # fmt: skip


def test_forecast_one_product_with_a_named_model(tmp_path: Path):
    data = tmp_path / "till"
    open_till(data).services.close()
    assert main(["--data-dir", str(data), "import-sales", str(_history(tmp_path / "h.csv"))]) == 0
    out = tmp_path / "one.csv"

    code = main(["--data-dir", str(data), "forecast", "--product", "REG-1", "--horizon", "7",
                 "--model", "naive", "--out", str(out)])  # fmt: skip

    assert code == 0
    rows = list(csv.reader(out.open()))
    assert [r[7] for r in rows[1:]] == ["seasonal_naive"] * 7
    assert main(["--data-dir", str(data), "forecast", "--product", "NOPE", "--horizon", "7",
                 "--out", str(out)]) == 1  # fmt: skip
