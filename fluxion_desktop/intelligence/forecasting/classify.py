"""Demand classes by inter-demand interval and variability (Syntetos-Boylan, as in the M5 study).

ADI: the mean number of days between days with sales; CV²: the squared coefficient of variation of
the non-zero quantities. Smooth (ADI < 1.32, CV² < 0.49), erratic (ADI < 1.32), intermittent
(CV² < 0.49) and lumpy otherwise.
"""

from __future__ import annotations

from fluxion_desktop.intelligence.forecasting.series import Floats

ADI_CUT = 1.32
CV2_CUT = 0.49
REGULAR = ("smooth", "erratic")
SLOW = ("intermittent", "lumpy")


def adi_cv2(y: Floats) -> tuple[float, float]:
    sold = y[y > 0]
    if sold.size == 0:
        return float("inf"), 0.0
    adi = y.shape[0] / sold.size
    mean = float(sold.mean())
    cv2 = float(sold.var() / mean**2) if mean > 0 else 0.0
    return adi, cv2


def demand_class(y: Floats) -> str:
    adi, cv2 = adi_cv2(y)
    if adi < ADI_CUT:
        return "smooth" if cv2 < CV2_CUT else "erratic"
    return "intermittent" if cv2 < CV2_CUT else "lumpy"
