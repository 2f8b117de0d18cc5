"""Light and dark themes: the Fusion style with a palette, the choice kept in QSettings.

Label colours (from the schema) are chosen to stay readable behind black text on the light theme
and behind white text on the dark one, so the palette only sets the window's own colours.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SETTINGS_KEY = "view/dark"

_LIGHT = {
    "window": "#f3f2ef",
    "base": "#fdfcfa",
    "alternate": "#f0eeea",
    "text": "#1c1b19",
    "button": "#e9e7e2",
    "highlight": "#3d6fb5",
    "highlighted_text": "#ffffff",
    "disabled": "#8a8782",
    "tooltip_base": "#fffbe6",
    "link": "#2a5ea8",
    "mid": "#c9c6bf",
}

_DARK = {
    "window": "#26272b",
    "base": "#1d1e21",
    "alternate": "#2a2b30",
    "text": "#e8e6e1",
    "button": "#323338",
    "highlight": "#4f7fc4",
    "highlighted_text": "#ffffff",
    "disabled": "#7c7b78",
    "tooltip_base": "#3a3b40",
    "link": "#8db4ec",
    "mid": "#45464c",
}


def palette(dark: bool) -> QPalette:
    """The palette of the light or dark theme."""
    c = {k: QColor(v) for k, v in (_DARK if dark else _LIGHT).items()}
    pal = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, c["window"])
        pal.setColor(group, QPalette.ColorRole.WindowText, c["text"])
        pal.setColor(group, QPalette.ColorRole.Base, c["base"])
        pal.setColor(group, QPalette.ColorRole.AlternateBase, c["alternate"])
        pal.setColor(group, QPalette.ColorRole.Text, c["text"])
        pal.setColor(group, QPalette.ColorRole.Button, c["button"])
        pal.setColor(group, QPalette.ColorRole.ButtonText, c["text"])
        pal.setColor(group, QPalette.ColorRole.BrightText, QColor("#ff5555"))
        pal.setColor(group, QPalette.ColorRole.Highlight, c["highlight"])
        pal.setColor(group, QPalette.ColorRole.HighlightedText, c["highlighted_text"])
        pal.setColor(group, QPalette.ColorRole.ToolTipBase, c["tooltip_base"])
        pal.setColor(group, QPalette.ColorRole.ToolTipText, c["text"])
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, c["disabled"])
        pal.setColor(group, QPalette.ColorRole.Link, c["link"])
        pal.setColor(group, QPalette.ColorRole.Mid, c["mid"])
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(disabled, role, c["disabled"])
    for role, key in (
        (QPalette.ColorRole.Window, "window"),
        (QPalette.ColorRole.Base, "base"),
        (QPalette.ColorRole.Button, "button"),
        (QPalette.ColorRole.Highlight, "mid"),
    ):
        pal.setColor(disabled, role, c[key])
    return pal


def error_colour(dark: bool) -> QColor:
    """The colour of error messages in the status bar."""
    return QColor("#ff7b72") if dark else QColor("#b3261e")


def saved_dark() -> bool:
    """The theme chosen last time (light by default)."""
    value = QSettings().value(SETTINGS_KEY, False)
    return value in (True, "true", "1", 1)


def apply_theme(dark: bool, app: QApplication | None = None, *, save: bool = True) -> None:
    """Switch the whole application to the light or dark theme (and remember the choice)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    if "Fusion" in QStyleFactory.keys() and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette(dark))
    app.setProperty("annotatorDark", dark)
    if save:
        QSettings().setValue(SETTINGS_KEY, dark)


def is_dark(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()  # type: ignore[assignment]
    return bool(app.property("annotatorDark")) if app is not None else False
