"""One product's forecast as a QtCharts chart: the sales history with its out-of-stock days as
red marks on the time axis, the forecast with its prediction interval as a band, and a red line
on the day the stock on hand is expected to run out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen

from fluxion_desktop.ui.back_office.context import ForecastView, Number


def _ms(day: date) -> float:
    """A day as the milliseconds QDateTimeAxis plots (local noon: no day slips in any zone)."""
    noon = QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
    return float(noon.toMSecsSinceEpoch())


def _series(series: QLineSeries, points: Iterable[tuple[date, Number]]) -> QLineSeries:
    series.append([QPointF(_ms(day), float(value)) for day, value in points])
    return series


def forecast_chart(view: ForecastView, title: str) -> QChart:
    """A chart of `view`; its series are named, so a test (or a person) can tell them apart."""
    chart = QChart()
    chart.setTitle(title)
    history = _series(QLineSeries(), ((p.day, p.quantity) for p in view.history))
    history.setName(QCoreApplication.translate("ForecastChart", "Sold"))
    forecast = _series(QLineSeries(), ((p.day, p.quantity) for p in view.forecast))
    forecast.setName(QCoreApplication.translate("ForecastChart", "Forecast"))
    forecast.setPen(QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine))
    low = _series(QLineSeries(chart), ((p.day, p.low) for p in view.forecast))
    high = _series(QLineSeries(chart), ((p.day, p.high) for p in view.forecast))
    band = QAreaSeries(high, low)
    band.setName(QCoreApplication.translate("ForecastChart", "Interval"))
    band.setColor(QColor(21, 101, 192, 50))
    band.setBorderColor(QColor(21, 101, 192, 0))
    stockouts = QScatterSeries()
    stockouts.setName(QCoreApplication.translate("ForecastChart", "Out of stock"))
    stockouts.setColor(QColor("#b00020"))
    stockouts.setMarkerSize(9)
    stockouts.append([QPointF(_ms(day), 0.0) for day in view.stockout_days])
    top = _top(view)
    for series in (band, history, forecast, stockouts):
        chart.addSeries(series)
    if view.runs_out_on is not None:
        runs_out = QLineSeries()
        runs_out.setName(QCoreApplication.translate("ForecastChart", "Runs out"))
        runs_out.setPen(QPen(QColor("#b00020"), 2))
        at = _ms(view.runs_out_on)
        runs_out.append([QPointF(at, 0.0), QPointF(at, top)])
        chart.addSeries(runs_out)
    _axes(chart, view, top)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _top(view: ForecastView) -> float:
    highs = [float(p.quantity) for p in view.history] + [float(p.high) for p in view.forecast]
    return max([1.0, *highs]) * 1.1


def _axes(chart: QChart, view: ForecastView, top: float) -> None:
    days = [p.day for p in view.history] + [p.day for p in view.forecast]
    x = QDateTimeAxis()
    x.setFormat("dd/MM")
    if days:
        x.setRange(QDateTime.fromMSecsSinceEpoch(int(_ms(min(days)))),
                   QDateTime.fromMSecsSinceEpoch(int(_ms(max(days)))))  # fmt: skip
    y = QValueAxis()
    y.setRange(0, top)
    y.setLabelFormat("%.0f")
    y.setTitleText(QCoreApplication.translate("ForecastChart", "units per day"))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(x)
        series.attachAxis(y)


def chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(280)
    return view
