"""Qt's own strings (standard buttons, "< Back", the print and file dialogs) in the language the
gettext catalogue uses, so a Gaelic window has no English buttons Qt drew itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app import i18n

_installed: list[QTranslator] = []


def install_qt_translations(language: str | None = None) -> str:
    """Load Qt's `qtbase` catalogue for `language` (default: the one gettext uses), falling back
    to British English; returns the catalogue's language code ("" when Qt has none)."""
    app = QCoreApplication.instance()
    if app is None:
        return ""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = language or i18n.current_language()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for candidate in (code, code.split("_")[0], "en_GB", "en"):
        translator = QTranslator(app)
        if translator.load(f"qtbase_{candidate}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            return candidate
    return ""
