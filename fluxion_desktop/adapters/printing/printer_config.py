"""Which receipt printer this till has: `printer.json` in the data folder (none by default).

    {"backend": "network", "host": "192.168.1.50", "port": 9100}
    {"backend": "usb", "usb_vendor": 1208, "usb_product": 514}
    {"backend": "serial", "device": "/dev/ttyUSB0", "baudrate": 9600}
    {"backend": "file", "device": "/dev/usb/lp0"}

A printer belongs to the till, not to the store, so it is a local file and not a store setting
that syncs. A bad file is refused with a message naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

BACKENDS = ("none", "usb", "serial", "network", "file")
CONFIG_FILE = "printer.json"


class PrinterConfigError(Exception):
    """printer.json is unreadable or holds a bad value; the message names the field."""


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    backend: str = "none"
    device: str = ""  # the file or serial port
    host: str = ""
    port: int = 9100
    usb_vendor: int = 0
    usb_product: int = 0
    baudrate: int = 9600
    timeout: float = 5.0
    width: int = 42  # characters per line

    @property
    def configured(self) -> bool:
        return self.backend != "none"


def load_printer_config(data_dir: Path) -> PrinterConfig:
    path = data_dir / CONFIG_FILE
    if not path.exists():
        return PrinterConfig()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PrinterConfigError(f"{path} cannot be read: {error}") from None
    if not isinstance(raw, dict):
        raise PrinterConfigError(f"{path} must hold a JSON object")
    return parse_printer_config(raw, str(path))


def parse_printer_config(raw: dict[str, Any], where: str = CONFIG_FILE) -> PrinterConfig:
    config = PrinterConfig()
    known = {f.name for f in fields(PrinterConfig)}
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise PrinterConfigError(f"{where}: unknown setting {key!r}")
        expected = type(getattr(config, key))
        if expected is float and type(value) is int:
            value = float(value)
        if type(value) is not expected:
            raise PrinterConfigError(f"{where}: {key} must be {expected.__name__}, got {value!r}")
        changes[key] = value
    config = replace(config, **changes)
    if config.backend not in BACKENDS:
        raise PrinterConfigError(f"{where}: backend must be one of {', '.join(BACKENDS)}")
    needed = {"file": "device", "serial": "device", "network": "host"}.get(config.backend)
    if needed is not None and not getattr(config, needed):
        raise PrinterConfigError(f"{where}: the {config.backend} printer needs its {needed}")
    if config.backend == "usb" and not (config.usb_vendor and config.usb_product):
        raise PrinterConfigError(f"{where}: the usb printer needs usb_vendor and usb_product")
    if not 24 <= config.width <= 64:
        raise PrinterConfigError(f"{where}: width must be 24 to 64 characters")
    return config
