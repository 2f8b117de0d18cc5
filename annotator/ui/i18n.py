"""The interface language: English (the source strings) or Arabic, with the window mirrored.

Strings shown by the window are marked for Qt's translation tools: `self.tr("…")` in a QObject
class, `translate("Context", "…")` (QCoreApplication.translate) elsewhere, QT_TRANSLATE_NOOP for
tables built before a translator is installed. `pyside6-lupdate` collects them into
`annotator/ui/translations/annotator_ar.ts`, a translator fills in the Arabic (Qt Linguist or any
editor), and `pyside6-lrelease` compiles the `.qm` the program loads (both tools come with
PySide6-Essentials; `python tools/translations.py` runs them). The `.qm` is package data, so a wheel
installed anywhere finds it with importlib.resources; Qt's own strings (file dialogs, standard
buttons) come from Qt's `qtbase_ar.qm`, shipped with PySide6.

The language follows the system (QLocale) unless one is chosen in View > Language (kept in
QSettings). Arabic turns the whole application right-to-left; widgets retranslate themselves on
QEvent.LanguageChange, so a choice applies at once.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)

from annotator.core.model import Status

SETTINGS_KEY = "view/language"
SYSTEM = ""  # the setting's value meaning "as the system"
#: The languages the interface speaks: code -> its own name (shown as is in every language).
LANGUAGES = {"en": "English", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar"})

translate = QCoreApplication.translate
_installed: list[QTranslator] = []
_in_use = {"language": "en"}


#: How the interface names each status (translated in the "Status" context).
STATUS_NAMES = {
    Status.NEW: QT_TRANSLATE_NOOP("Status", "New"),
    Status.IN_PROGRESS: QT_TRANSLATE_NOOP("Status", "In progress"),
    Status.DONE: QT_TRANSLATE_NOOP("Status", "Done"),
    Status.ADJUDICATED: QT_TRANSLATE_NOOP("Status", "Adjudicated"),
}


def status_text(status: Status) -> str:
    """A status as the interface names it, in the language in use."""
    return translate("Status", STATUS_NAMES.get(status, str(status)))


# Counted nouns as the interface says them: (one, many), "{n}" the number in "many". Arabic agrees a
# noun with its number six ways (مقطع واحد، مقطعان، ثلاثة مقاطع، أحد عشر مقطعًا، مئة مقطع): "مقطع واحد"
# and "{n} من المقاطع" read right for every number, as "1 span" and "{n} spans" do in English.
COUNTED = {
    "span": (QT_TRANSLATE_NOOP("Count", "1 span"), QT_TRANSLATE_NOOP("Count", "{n} spans")),
    "relation": (QT_TRANSLATE_NOOP("Count", "1 relation"), QT_TRANSLATE_NOOP("Count", "{n} relations")),
    "suggestion": (QT_TRANSLATE_NOOP("Count", "1 suggestion"), QT_TRANSLATE_NOOP("Count", "{n} suggestions")),
    "disagreement": (
        QT_TRANSLATE_NOOP("Count", "1 disagreement"),
        QT_TRANSLATE_NOOP("Count", "{n} disagreements"),
    ),
}


def counted_text(n: int, noun: str) -> str:
    """`n` and `noun` (a key of COUNTED) in the language in use, right for 1 and for many."""
    one, many = COUNTED[noun]
    return translate("Count", one) if n == 1 else translate("Count", many).format(n=n)


def saved_choice() -> str:
    """The language chosen in View > Language ('' when it follows the system)."""
    value = QSettings().value(SETTINGS_KEY, SYSTEM)
    return value if isinstance(value, str) and value in LANGUAGES else SYSTEM


def system_language() -> str:
    """The system's language if the interface speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve(choice: str) -> str:
    return choice if choice in LANGUAGES else system_language()


def qm_path(language: str):
    """The compiled translation of `language` inside the installed package (a Traversable)."""
    return resources.files("annotator.ui").joinpath("translations", f"annotator_{language}.qm")


def _load(translator: QTranslator, language: str) -> bool:
    data = qm_path(language)
    if not data.is_file():
        return False
    translator._data = data.read_bytes()  # QTranslator keeps a pointer into the bytes: keep them alive
    return translator.load(translator._data)


def apply_language(choice: str | None = None, app: QCoreApplication | None = None) -> str:
    """Install the translations of `choice` (None: the saved one; '': the system's) and set the
    layout direction. Returns the language now in use. Widgets get QEvent.LanguageChange."""
    app = app or QCoreApplication.instance()
    language = resolve(saved_choice() if choice is None else choice)
    if app is None:
        return language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != "en":
        qt = QTranslator(app)
        if qt.load(
            QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt)
            _installed.append(qt)
        ours = QTranslator(app)
        if _load(ours, language):
            app.installTranslator(ours)
            _installed.append(ours)
    _in_use["language"] = language
    if hasattr(app, "setLayoutDirection"):
        rtl = language in RTL_LANGUAGES
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    return language


def choose(choice: str) -> str:
    """Keep `choice` ('' for the system's language) and apply it now."""
    QSettings().setValue(SETTINGS_KEY, choice)
    return apply_language(choice)


def current() -> str:
    """The language in use (English until `apply_language` is called)."""
    return _in_use["language"]
