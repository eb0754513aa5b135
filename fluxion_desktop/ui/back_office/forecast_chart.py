"""One product's forecast as a QtCharts chart: the sales history, the forecast with its
prediction interval as a band, and the days the stock runs out as red marks on the time axis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDateTime, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from fluxion_desktop.ui.back_office.context import ForecastView, Number


def _ms(day: date) -> float:
    """A day as the milliseconds QDateTimeAxis plots (local noon: no day slips in any zone)."""
    return float(QDateTime(datetime.combine(day, time(12))).toMSecsSinceEpoch())


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
    stockouts.setName(QCoreApplication.translate("ForecastChart", "Stock-out"))
    stockouts.setColor(QColor("#b00020"))
    stockouts.setMarkerSize(11)
    stockouts.append([QPointF(_ms(day), 0.0) for day in view.stockout_days])
    for series in (band, history, forecast, stockouts):
        chart.addSeries(series)
    _axes(chart, view)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _axes(chart: QChart, view: ForecastView) -> None:
    days = [p.day for p in view.history] + [p.day for p in view.forecast]
    highs = [float(p.quantity) for p in view.history] + [float(p.high) for p in view.forecast]
    x = QDateTimeAxis()
    x.setFormat("dd/MM")
    if days:
        x.setRange(QDateTime.fromMSecsSinceEpoch(int(_ms(min(days)))),
                   QDateTime.fromMSecsSinceEpoch(int(_ms(max(days)))))  # fmt: skip
    y = QValueAxis()
    y.setRange(0, max([1.0, *highs]) * 1.1)
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
