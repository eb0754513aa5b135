"""The forecast agent's engine: daily demand series, fast models (statsforecast), Prophet, the
rolling-origin backtest that picks between them, and the trend and seasonality reports.

Nothing here is imported at till start: `agent.NumpyForecaster` imports the engine modules (and
they pandas, statsforecast and Prophet) only inside its methods.
"""
