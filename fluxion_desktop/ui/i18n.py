"""Which language the till speaks: Qt Linguist translations from `resources/translations/`.

Spanish when the system locale is Spanish, English otherwise; `--lang es|en` or `$FLUXION_LANG`
overrides it. The compiled `.qm` files live in the repository's `resources/translations/`, found
relative to this file (`fluxion_desktop/ui/i18n.py` → `parents[2]` is the repository root), so
the till finds them however it is started from a checkout; `$FLUXION_TRANSLATIONS` points
elsewhere (an installed copy, a packager's folder). The source strings are English, so a
missing `fluxion_en.qm` changes nothing.

Numbers follow the language chosen: the system's own locale when it speaks that language, else
es_VE for Spanish and en_US for English (`QLocale.setDefault`, which `NumberFormat.system` reads).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = ("es", "en")
_QT_LANGUAGES = {"es": QLocale.Language.Spanish, "en": QLocale.Language.English}
_FALLBACK_LOCALES = {"es": "es_VE", "en": "en_US"}
_installed: list[QTranslator] = []  # kept alive while installed (Qt does not own them)


def translations_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """`$FLUXION_TRANSLATIONS`, else the repository's `resources/translations/`."""
    override = environ.get("FLUXION_TRANSLATIONS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def choose_language(requested: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """`requested` (from `--lang`), else `$FLUXION_LANG`, else the system locale's language."""
    for choice in (requested, environ.get("FLUXION_LANG")):
        code = (choice or "").strip().lower()[:2]
        if code in LANGUAGES:
            return code
    spanish = QLocale.system().language() == QLocale.Language.Spanish
    return "es" if spanish else "en"


def install_language(language: str, app: QCoreApplication | None = None) -> bool:
    """Speak `language` from now on (widgets built later); True if a translation was loaded.

    Replaces the translator installed before, so languages can be switched (in tests, say).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing a language")
    uninstall_language(app)
    system = QLocale.system()
    if system.language() == _QT_LANGUAGES[language]:
        QLocale.setDefault(system)
    else:
        QLocale.setDefault(QLocale(_FALLBACK_LOCALES[language]))
    translator = QTranslator(app)
    if not translator.load(f"fluxion_{language}", str(translations_dir())):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def uninstall_language(app: QCoreApplication | None = None) -> None:
    """Back to the source strings (English); the default locale is left as it is."""
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
