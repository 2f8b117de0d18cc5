"""Which key was pressed, whatever the keyboard layout: label keys are physical keys.

An Arabic annotator types with an Arabic layout switched on most of the day. The key marked Q then
sends «ض», and Qt reports the Arabic letter (X11, Wayland) or the Latin key (Windows, macOS),
depending on the platform. `key_char` gives back the Latin letter or digit on the key's cap in
every case: from an ASCII text, from a Latin `key()`, from the standard Arabic layout's letters
(Windows "Arabic (101)", X11 "ara", macOS "Arabic - PC": the same letters on the same keys), and
from the key's position (X11 keycode) when the layout is another one.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent

#: The standard Arabic layout: the character each Latin key sends (unshifted).
ARABIC_LAYOUT = {
    "ض": "q",
    "ص": "w",
    "ث": "e",
    "ق": "r",
    "ف": "t",
    "غ": "y",
    "ع": "u",
    "ه": "i",
    "خ": "o",
    "ح": "p",
    "ش": "a",
    "س": "s",
    "ي": "d",
    "ب": "f",
    "ل": "g",
    "ا": "h",
    "ت": "j",
    "ن": "k",
    "م": "l",
    "ئ": "z",
    "ء": "x",
    "ؤ": "c",
    "ر": "v",
    "لا": "b",
    "ى": "n",
    "ة": "m",
}
#: X11/Wayland (evdev) keycodes of the letter and digit keys: the physical key whatever the layout.
_XKB_KEYCODES = {
    **{code: ch for code, ch in zip(range(24, 34), "qwertyuiop", strict=True)},
    **{code: ch for code, ch in zip(range(38, 47), "asdfghjkl", strict=True)},
    **{code: ch for code, ch in zip(range(52, 59), "zxcvbnm", strict=True)},
    **{code: ch for code, ch in zip(range(10, 20), "1234567890", strict=True)},
}
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def _xkb_platform() -> bool:
    return QGuiApplication.platformName() in ("xcb", "wayland")


def key_char(event: QKeyEvent) -> str:
    """The Latin letter or digit (lower case) on the key pressed without Ctrl/Alt/Meta, or ''."""
    if event.modifiers() & _MODIFIERS:
        return ""
    text = event.text()
    if len(text) == 1 and text.isascii() and text.isprintable():
        return text.lower()
    key = event.key()
    if Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
        return chr(key).lower()
    if text in ARABIC_LAYOUT:
        return ARABIC_LAYOUT[text]
    if len(text) == 1 and unicodedata.category(text) == "Nd":
        return str(unicodedata.digit(text))
    if text and _xkb_platform():
        return _XKB_KEYCODES.get(event.nativeScanCode(), "")
    return ""
