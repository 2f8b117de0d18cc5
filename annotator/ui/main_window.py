"""The main window: reader in the middle, document list, side panel, label bar, menus, status bar.

Every edit goes through the `Session` (the only path from widgets to the store) and is committed at
once, so there is nothing to save and no "unsaved changes" prompt. Every key the window handles is
a QAction with its shortcut, so the shortcuts sheet is generated from the real bindings.
Everything shown from projects and documents is plain text (labels are set to PlainText, message
boxes get escaped text, item views draw plain strings).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.core.model import Document, Status
from annotator.core.pg_backend import redact
from annotator.core.store import ProjectError, Store, is_server_location
from annotator.ui import i18n, plain, theme
from annotator.ui.bidi import directed, unmarked
from annotator.ui.dock_widths import DockWidths
from annotator.ui.document_list import DocumentList
from annotator.ui.help_dialog import GuidelinesPanel, ShortcutsDialog
from annotator.ui.label_bar import LabelBar
from annotator.ui.session import Session
from annotator.ui.side_panel import SidePanel
from annotator.ui.status_bar import StatusBar

READER_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]
DEFAULT_FONT_SIZE = 16
MIN_FONT_SIZE, MAX_FONT_SIZE = 9, 40
MAX_RECENT = 10
PROJECT_PATTERNS = "*.annotator.db *.db"
IMPORT_PATTERNS = "*.txt *.jsonl *.json *.ndjson *.conll *.bio *.iob *.iob2 *.tsv *.ann"


def critical(parent: QWidget | None, title: str, text: str) -> None:
    """A blocking error dialog with plain text."""
    QMessageBox.critical(parent, title, plain.message(text))


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _as_bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes")


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ReportDialog(QDialog):
    """A plain-text report (the result of an import)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(640, 420)


#: Change.summary's templates, for the translators (tests check the list is whole).
CHANGE_TEMPLATES = (
    QT_TRANSLATE_NOOP("Change", "Add {label}"),
    QT_TRANSLATE_NOOP("Change", "Reject {label}"),
    QT_TRANSLATE_NOOP("Change", "Reject {n} suggestions"),
    QT_TRANSLATE_NOOP("Change", "Delete {label}"),
    QT_TRANSLATE_NOOP("Change", "Accept {label}"),
    QT_TRANSLATE_NOOP("Change", "Accept {n} suggestions"),
    QT_TRANSLATE_NOOP("Change", "Relabel {old} as {new}"),
    QT_TRANSLATE_NOOP("Change", "Edit {label} attributes"),
    QT_TRANSLATE_NOOP("Change", "Resize {label}"),
    QT_TRANSLATE_NOOP("Change", "Link {type}"),
    QT_TRANSLATE_NOOP("Change", "Unlink {type}"),
    QT_TRANSLATE_NOOP("Change", "Mark {status}"),
    QT_TRANSLATE_NOOP("Change", "Edit"),
)


def describe_change(change) -> str:
    """A short description of an edit for the Undo and Redo menu entries ("Add QUOTE"), translated."""
    template, values = change.summary()
    if "status" in values:
        values = {**values, "status": i18n.status_text(change.status[1]).lower()}
    return i18n.translate("Change", template).format(**values)


class MainWindow(QMainWindow):
    """The annotation window. `store` may be None: the window opens empty with the File menu usable."""

    def __init__(self, store: Store | None, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotator = annotator
        self.store: Store | None = None
        self.session: Session | None = None
        self.reader = None
        self.find_bar = None
        self.doc_list: DocumentList | None = None
        self.side_panel: SidePanel | None = None
        self.label_bar: LabelBar | None = None
        self._project_page: QWidget | None = None
        self._dialogs: list[QWidget] = []
        self.agreement_dock: QDockWidget | None = None
        self.adjudication = None  # the adjudication window, made on first use
        self._initializing = True
        self._message_doc: int | None = None  # the document open when the status bar's message was shown
        self._waiting_doc: int | None = None  # the document open when the waiting background message came
        self._suggesting_now = False  # within Ctrl+Shift+S (its suggestions answer the key)
        self._remember: tuple[str, int] | None = None  # (settings key, document id) not written yet
        self._remember_timer = QTimer(self)
        self._remember_timer.setSingleShot(True)
        self._remember_timer.setInterval(1000)
        self._remember_timer.timeout.connect(self._remember_document)

        settings = QSettings()
        self.font_size = int(settings.value("view/fontSize", DEFAULT_FONT_SIZE) or DEFAULT_FONT_SIZE)
        self.snap = _as_bool(settings.value("view/snap"), True)
        self.strip_clitics = _as_bool(settings.value("view/stripClitics"), True)
        self.find_whole_words = _as_bool(settings.value("find/wholeWords"), True)
        self.all_links = _as_bool(settings.value("view/allLinks"), False)
        self.dark = (
            theme.is_dark()
            if QApplication.instance().property("annotatorDark") is not None
            else theme.saved_dark()
        )

        self.setWindowTitle("annotator")
        self.resize(1360, 860)
        self._guide_wanted = _as_bool(settings.value("view/guidelines"), True)
        self._syncing_guide = False
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self._create_actions()
        self._build_menus()
        self.retranslate()

        if store is not None:
            self.set_store(store)
        else:
            self._update_actions()
            self._update_title()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self._initializing = False
        self._sync_guidelines_visibility()

    # ------------------------------------------------------------------ layout
    def _build_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.placeholder = _plain_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.setCentralWidget(self.stack)

    def _build_docks(self) -> None:
        self.docs_dock = QDockWidget(self)
        self.docs_dock.setObjectName("documentsDock")
        self.panel_dock = QDockWidget(self)
        self.panel_dock.setObjectName("sidePanelDock")
        self.guide_dock = QDockWidget(self)
        self.guide_dock.setObjectName("guidelinesDock")
        self.guidelines = GuidelinesPanel(self.guide_dock)
        self.guide_dock.setWidget(self.guidelines)
        # Arabic is read from the right: the document list sits on the right, details on the left
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.docs_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.panel_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.guide_dock)
        self.resizeDocks([self.docs_dock, self.panel_dock], [430, 500], Qt.Orientation.Horizontal)
        # given back when the window grows again after being made narrow (or dragged: kept)
        self.dock_widths = DockWidths(self, {self.docs_dock: 430, self.panel_dock: 500})
        self.guide_dock.hide()
        self.guide_dock.visibilityChanged.connect(self._guide_visibility_changed)

    def _build_status_bar(self) -> None:
        bar = StatusBar(self)  # messages in the interface's direction
        self.setStatusBar(bar)
        self.project_label = _plain_label()
        self.annotator_label = _plain_label()
        self.doc_status_label = _plain_label()
        self.error_label = _plain_label()
        self.error_label.hide()
        self.progress_label = _plain_label()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(140)
        self.progress_bar.setMaximumHeight(14)
        bar.addWidget(self.error_label)
        bar.addPermanentWidget(self.project_label)
        bar.addPermanentWidget(self.annotator_label)
        bar.addPermanentWidget(self.doc_status_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.progress_label)
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.setInterval(10000)
        self._error_timer.timeout.connect(self.error_label.hide)

    def _action(
        self,
        text: str,
        slot,
        shortcuts: list | None = None,
        *,
        section: str,
        checkable: bool = False,
        checked: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(self.tr(text), self)
        action.setProperty("sourceText", text)  # translated again when the language changes
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty("helpSection", section)
        if checkable:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        if name:
            action.setObjectName(name)
        self.addAction(action)  # shortcuts work even while a menu bar is hidden
        return action

    def _create_actions(self) -> None:
        K = QKeySequence.StandardKey
        f, e, d, v, h = "File", "Edit", "Document", "View", "Help"
        g = "Suggestions"
        self.act_new = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&New project…"), self.new_project, [K.New], section=f
        )
        self.act_open = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Open…"), self.open_dialog, [K.Open], section=f
        )
        self.act_open_server = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Open &server project…"), self.open_server_dialog, [], section=f
        )
        self.act_import = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Import files…"), self.import_dialog, ["Ctrl+Shift+I"], section=f
        )
        self.act_import_folder = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Import &folder…"), self.import_folder_dialog, section=f
        )
        self.act_export = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Export…"), self.export_dialog, ["Ctrl+E"], section=f
        )
        self.act_quit = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Quit"), self.close, ["Ctrl+Q"], section=f
        )

        self.act_undo = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Undo"), self.undo, ["Ctrl+Z"], section=e, name="undo"
        )
        self.act_redo = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
            self.redo,
            ["Ctrl+Shift+Z", "Ctrl+Y"],
            section=e,
            name="redo",
        )
        self.act_find = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Find…"), self.show_find, ["Ctrl+F"], section=e
        )
        self.act_whole_words = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Find &whole words only"),
            self.set_find_whole_words,
            ["Alt+W"],
            section=e,
            checkable=True,
            checked=self.find_whole_words,
            name="findWholeWords",
        )

        self.act_in_progress = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Mark &in progress"),
            lambda: self.set_status(Status.IN_PROGRESS),
            ["Ctrl+Shift+D"],
            section=d,
        )
        self.act_done = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Mark &done"),
            lambda: self.set_status(Status.DONE),
            ["Ctrl+D"],
            section=d,
        )
        self.act_done_next = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Done and &next"),
            self.done_and_next,
            ["Ctrl+Return", "Ctrl+Enter"],
            section=d,
            name="doneAndNext",
        )
        self.act_next_unfinished = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Next &unfinished"),
            self.next_unfinished,
            ["Ctrl+Shift+Return"],
            section=d,
        )
        self.act_next = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Ne&xt document"),
            lambda: self.step_document(1),
            ["Alt+Down", "Ctrl+PgDown"],
            section=d,
        )
        self.act_prev = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Previous document"),
            lambda: self.step_document(-1),
            ["Alt+Up", "Ctrl+PgUp"],
            section=d,
        )
        self.act_focus_list = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Go to document &list"),
            self.focus_document_list,
            ["Ctrl+L"],
            section=d,
        )
        self.act_focus_reader = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Go to &text"), self.focus_reader, ["Ctrl+T"], section=d
        )
        self.act_delete_doc = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "D&elete document…"), self.delete_document, section=d
        )

        self.act_bigger = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Bigger text"),
            lambda: self.change_font_size(1),
            ["Ctrl+=", "Ctrl++"],
            section=v,
        )
        self.act_smaller = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Smaller text"),
            lambda: self.change_font_size(-1),
            ["Ctrl+-"],
            section=v,
        )
        self.act_font_reset = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Normal text size"),
            lambda: self.change_font_size(0),
            ["Ctrl+0"],
            section=v,
        )
        self.act_dark = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Dark theme"),
            self.set_dark,
            ["Ctrl+Shift+T"],
            section=v,
            checkable=True,
            checked=self.dark,
        )
        self.act_snap = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Snap selection to &words"),
            self.set_snap,
            ["Ctrl+Shift+W"],
            section=v,
            checkable=True,
            checked=self.snap,
        )
        self.act_clitics = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Leave out &proclitics (و ف ب ل ك)"),
            self.set_strip_clitics,
            ["Ctrl+Shift+K"],
            section=v,
            checkable=True,
            checked=self.strip_clitics,
        )
        self.act_all_links = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Show &all links"),
            self.set_all_links,
            ["Ctrl+Shift+L"],
            section=v,
            checkable=True,
            checked=self.all_links,
        )
        self.act_docs_dock = self.docs_dock.toggleViewAction()
        self.act_panel_dock = self.panel_dock.toggleViewAction()
        self.act_guidelines = self.guide_dock.toggleViewAction()
        for act, text in (
            (self.act_docs_dock, QT_TRANSLATE_NOOP("MainWindow", "Document &list")),
            (self.act_panel_dock, QT_TRANSLATE_NOOP("MainWindow", "Spans and &relations panel")),
            (self.act_guidelines, QT_TRANSLATE_NOOP("MainWindow", "&Guidelines")),
        ):
            act.setProperty("helpSection", v)
            act.setProperty("sourceText", text)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (
            (i18n.SYSTEM, QT_TRANSLATE_NOOP("MainWindow", "As the &system")),
            *i18n.LANGUAGES.items(),
        ):
            act = QAction(self.tr(name), self.language_group)
            act.setCheckable(True)
            act.setChecked(code == i18n.saved_choice())
            act.setData(code)
            if code == i18n.SYSTEM:
                act.setProperty("sourceText", name)  # a language's own name is never translated
            act.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.language_actions[code] = act

        self.act_suggest = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Suggest for this document"),
            self.suggest_now,
            ["Ctrl+Shift+S"],
            section=g,
            name="suggest",
        )
        self.act_accept_all = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Accept all suggestions"),
            self.accept_all,
            ["Ctrl+Shift+A"],
            section=g,
            name="acceptAll",
        )
        self.act_reject_all = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Reject all suggestions"),
            self.reject_all,
            ["Ctrl+Shift+X"],
            section=g,
            name="rejectAll",
        )
        self.act_model = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Entity &model…"),
            self.show_model_dialog,
            ["Ctrl+Shift+M"],
            section=g,
            name="entityModel",
        )
        self.act_auto_suggest = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Suggest when a document &opens"),
            self.set_auto_suggest,
            section=g,
            checkable=True,
            checked=_as_bool(QSettings().value("suggest/auto"), True),
        )
        r = "Review"
        self.act_agreement = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Agreement"), self.show_agreement, ["Ctrl+Shift+G"], section=r
        )
        self.act_charts = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Charts…"), self.show_charts, ["Ctrl+Shift+H"], section=r
        )
        self.act_adjudicate = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "A&djudicate…"),
            self.show_adjudication,
            ["Ctrl+Shift+J"],
            section=r,
        )

        self.act_shortcuts = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"),
            self.show_shortcuts,
            ["F1", "?"],
            section=h,
            name="shortcuts",
        )
        self.act_about = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&About annotator"), self.show_about, section=h
        )

    def _menu(self, text: str, parent) -> QMenu:
        menu = QMenu(self.tr(text), parent)
        menu.setProperty("sourceText", text)
        return menu

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&File"), mb)
        mb.addMenu(m)
        m.addActions([self.act_new, self.act_open, self.act_open_server])
        self.recent_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "Open &recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addMenu(self.recent_menu)
        m.addSeparator()
        m.addActions([self.act_import, self.act_import_folder, self.act_export])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Edit"), mb)
        mb.addMenu(m)
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_whole_words])
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Document"), mb)
        mb.addMenu(m)
        m.addActions([self.act_in_progress, self.act_done, self.act_done_next])
        m.addSeparator()
        m.addActions([self.act_next_unfinished, self.act_next, self.act_prev])
        m.addSeparator()
        m.addActions([self.act_focus_list, self.act_focus_reader])
        m.addSeparator()
        m.addAction(self.act_delete_doc)
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Suggestions"), mb)
        mb.addMenu(m)
        m.addActions([self.act_suggest, self.act_accept_all, self.act_reject_all])
        m.addSeparator()
        self.source_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "Suggest &from"), self)
        self.source_menu.aboutToShow.connect(self._fill_source_menu)
        m.addMenu(self.source_menu)
        m.addAction(self.act_auto_suggest)
        m.addSeparator()
        m.addAction(self.act_model)
        self.suggestions_menu = m
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&View"), mb)
        mb.addMenu(m)
        m.addActions([self.act_bigger, self.act_smaller, self.act_font_reset])
        m.addSeparator()
        m.addAction(self.act_dark)
        m.addSeparator()
        m.addActions([self.act_snap, self.act_clitics])
        m.addSeparator()
        m.addAction(self.act_all_links)
        m.addSeparator()
        m.addActions([self.act_docs_dock, self.act_panel_dock, self.act_guidelines])
        m.addSeparator()
        self.language_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Language"), m)
        self.language_menu.addActions(list(self.language_actions.values()))
        m.addMenu(self.language_menu)
        self.view_menu = m
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Review"), mb)
        mb.addMenu(m)
        m.addActions([self.act_agreement, self.act_charts, self.act_adjudicate])
        m = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Help"), mb)
        mb.addMenu(m)
        m.addActions([self.act_shortcuts, self.act_about])
        self._fill_recent_menu()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Show every text of the window in the language now installed (see `annotator.ui.i18n`)."""
        for obj in [*self.findChildren(QAction), *self.findChildren(QMenu)]:
            source = obj.property("sourceText")
            if source:
                if isinstance(obj, QMenu):
                    obj.setTitle(self.tr(source))
                else:
                    obj.setText(self.tr(source))
        self.placeholder.setText(
            self.tr("No project is open.\n\nUse File > Open… or File > New project… to start.")
        )
        self.docs_dock.setWindowTitle(self.tr("Documents"))
        self.panel_dock.setWindowTitle(self.tr("Spans and relations"))
        self.guide_dock.setWindowTitle(self.tr("Guidelines"))
        self._update_title()
        self._update_doc_status()
        self._update_progress()
        self._update_actions()

    def set_language(self, code: str) -> None:
        """View > Language: '' follows the system. Applies at once (QEvent.LanguageChange)."""
        language = i18n.choose(code)
        for c, act in self.language_actions.items():
            act.setChecked(c == code)
        self.retranslate()  # now; the other widgets follow on their LanguageChange event
        self.show_message(self.tr("Interface language: {name}").format(name=i18n.LANGUAGES[language]))

    # ------------------------------------------------------------------ project
    def set_store(self, store: Store) -> None:
        """Show `store` in this window (closing the project shown before), in the same layout."""
        # the docks shrink to nothing while their widgets are replaced: their sizes are put back after
        layout_before = self.saveState() if self.store is not None and not self._initializing else None
        self._detach()
        self.store = store
        if store.is_server:  # on a server an annotator is who logged in: edits go under that name
            self.annotator = store.backend.user
        self.session = Session(store, self.annotator, self)
        from annotator.ui.find_bar import FindBar
        from annotator.ui.reader import ReaderView

        page = QWidget(self.stack)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.reader = ReaderView(self.session, page)
        self.find_bar = FindBar(self.reader, self.session, page, self.act_whole_words)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        layout.addWidget(self.reader, 1)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self._project_page = page

        self.doc_list = DocumentList(store, self.annotator, self.docs_dock)
        self.docs_dock.setWidget(self.doc_list)
        self.side_panel = SidePanel(self.session, self.panel_dock)
        self.panel_dock.setWidget(self.side_panel)
        self.label_bar = LabelBar(self.session, self.reader, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)
        self.guidelines.set_text(store.guidelines)

        s = self.session
        s.document_opened.connect(self._on_document_opened)
        s.changed.connect(self._on_changed)
        s.status_changed.connect(self._on_status_changed)
        s.external_change.connect(self._on_external_change)
        s.documents_deleted.connect(self._on_documents_deleted)
        s.error.connect(self.show_error)
        s.server_connection.connect(self._on_server_connection)
        s.not_saved.connect(self.warn_not_saved)
        s.suggestions_made.connect(self._on_suggestions_made)
        s.auto_suggest = self.act_auto_suggest.isChecked()
        s.suggest_layer = self._saved_layer()
        self.reader.spanSelected.connect(self.side_panel.show_span)
        self.reader.selectionChanged.connect(self._text_selected)
        self.reader.message.connect(self.show_message)
        self.side_panel.spanActivated.connect(self.reader.select_span)
        # a click in the panel or the list hands the keys back to the reader (label, digit, Del, Tab)
        self.side_panel.spans_view.clicked.connect(self.focus_reader)
        self.side_panel.attributeChosen.connect(self.focus_reader)
        self.doc_list.documentActivated.connect(self._open_from_list)

        self._apply_reader_settings()
        self._update_title()
        self._update_progress()
        self._update_actions()
        self._sync_guidelines_visibility()
        self.open_document(self._initial_document())
        if layout_before is not None:
            self._syncing_guide = True  # restoring is not the annotator closing the guidelines
            try:
                self.restoreState(layout_before)
            finally:
                self._syncing_guide = False
            self._sync_guidelines_visibility()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def _detach(self) -> None:
        self._remember_document()
        if self.session is not None:
            self.session.close()
            self.session.blockSignals(True)
            self.session.deleteLater()
        if self.label_bar is not None:
            self.removeToolBar(self.label_bar)
            self.label_bar.deleteLater()
        for widget in (self.doc_list, self.side_panel, self._project_page):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if self._project_page is not None:
            self.stack.removeWidget(self._project_page)
        if self.adjudication is not None:
            self.adjudication.close()
            self.adjudication.deleteLater()
            self.adjudication = None
        if self.agreement_dock is not None:
            self.agreement_dock.hide()
        if self.store is not None:
            self.store.close()
        self.store = self.session = self.reader = self.find_bar = None
        self.doc_list = self.side_panel = self.label_bar = self._project_page = None
        self.stack.setCurrentWidget(self.placeholder)

    def open_project(self, path: str | Path) -> bool:
        """Open the project at `path` (offering to create it when missing); False if it was refused.
        A `postgresql://` URL opens a project on a server."""
        if is_server_location(path):
            return self._open_server(str(path))
        path = Path(path).expanduser()
        try:
            if not path.exists():
                answer = QMessageBox.question(
                    self,
                    self.tr("Create project?"),
                    plain.message(
                        self.tr("{path} does not exist.\n\nCreate a new, empty project there?").format(
                            path=path
                        )
                    ),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                store = Store.create(path)
            else:
                store = Store.open(path, verify="background")
        except ProjectError as exc:
            critical(self, self.tr("Cannot open the project"), str(exc))
            return False
        except (OSError, sqlite3.Error) as exc:
            critical(self, self.tr("Cannot open the project"), f"{path}: {exc}")
            return False
        self.set_store(store)
        self.add_recent(path)
        return True

    def _open_server(self, url: str) -> bool:
        """A project on a PostgreSQL server (an empty database: offer to create the project)."""
        try:
            try:
                store = Store.open(url)
            except ProjectError as exc:
                if "holds no project" not in str(exc):
                    raise
                answer = QMessageBox.question(
                    self,
                    self.tr("Create project?"),
                    plain.message(
                        self.tr("{url} holds no project yet.\n\nCreate a new, empty project there?").format(
                            url=redact(url)
                        )
                    ),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                store = Store.create(url)
        except ProjectError as exc:
            critical(self, self.tr("Cannot open the project"), str(exc))
            return False
        except sqlite3.Error as exc:
            critical(self, self.tr("Cannot open the project"), f"{redact(url)}: {exc}")
            return False
        self.set_store(store)
        self.add_recent(store.location)
        return True

    def open_server_dialog(self) -> None:
        """File > Open server project: a postgresql:// URL (the password comes from ~/.pgpass)."""
        url, ok = QInputDialog.getText(
            self,
            self.tr("Open a project on a server"),
            self.tr(
                "PostgreSQL URL, for example postgresql://layla@db.example.org/news\n"
                "(passwords come from ~/.pgpass or PGPASSWORD, never from here):"
            ),
            text="postgresql://",
        )
        if ok and is_server_location(url.strip()):
            self.open_project(url.strip())

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), str(Path.home() / "project.annotator.db"), self._project_filter()
        )
        if not path:
            return
        if not path.endswith(".db"):
            path += ".annotator.db"
        try:
            store = Store.create(path)
        except ProjectError as exc:
            critical(self, self.tr("Cannot create the project"), str(exc))
            return
        except (OSError, sqlite3.Error) as exc:
            critical(self, self.tr("Cannot create the project"), f"{path}: {exc}")
            return
        self.set_store(store)
        self.add_recent(path)

    def open_dialog(self) -> None:
        start = str(self.store.path.parent) if self.store and self.store.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), start, self._project_filter())
        if path:
            self.open_project(path)

    def _project_filter(self) -> str:
        return self.tr("Annotator projects ({patterns});;All files (*)").format(patterns=PROJECT_PATTERNS)

    # recent projects -------------------------------------------------------
    @staticmethod
    def recent_projects() -> list[str]:
        return _as_list(QSettings().value("recentProjects"))

    def add_recent(self, path: str | Path) -> None:
        p = redact(str(path)) if is_server_location(path) else str(Path(path).resolve())
        items = [p] + [x for x in self.recent_projects() if x != p]
        QSettings().setValue("recentProjects", items[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = self.recent_projects()
        for p in items:
            act = self.recent_menu.addAction(p.replace("&", "&&"))
            act.triggered.connect(lambda _c=False, p=p: self.open_project(p))
        if not items:
            act = self.recent_menu.addAction(self.tr("(none)"))
            act.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(
                self.tr("Clear list"), lambda: QSettings().setValue("recentProjects", [])
            )

    # ------------------------------------------------------------------ documents
    def _settings_key(self) -> str:
        assert self.store is not None
        digest = hashlib.sha1(self.store.identity.encode("utf-8")).hexdigest()[:16]
        return f"lastDocument/{digest}"

    def _initial_document(self) -> int | None:
        assert self.store is not None
        last = QSettings().value(self._settings_key())
        if last is not None:
            try:
                doc_id = int(last)
                self.store.document_info(doc_id, self.annotator)
                return doc_id
            except (TypeError, ValueError, KeyError):
                pass
        nxt = self.store.next_unfinished(self.annotator)
        if nxt is not None:
            return nxt
        first = self.store.list_documents(self.annotator, limit=1)
        return first[0].id if first else None

    def open_document(self, doc_id: int | None) -> None:
        if self.session is None:
            return
        if doc_id is not None and doc_id == self.session.doc_id:
            return
        try:
            self.session.open_document(doc_id)
        except KeyError:
            self.show_error(self.tr("Document {id} is no longer in the project.").format(id=doc_id))

    def _open_from_list(self, doc_id: int) -> None:
        self.open_document(doc_id)
        self.focus_reader()

    def step_document(self, step: int) -> None:
        """Open the next (step 1) or previous (step -1) document of the list."""
        if self.doc_list is None or self.session is None:
            return
        model = self.doc_list.model
        row = model.row_of(self.session.doc_id) if self.session.doc_id is not None else None
        target = 0 if row is None else row + step
        doc_id = model.doc_id(target)
        if doc_id is None:
            self.show_message(self.tr("No next document") if step > 0 else self.tr("No previous document"))
            return
        self.open_document(doc_id)

    def next_unfinished(self) -> None:
        if self.session is None:
            return
        nxt = self.session.next_unfinished()
        if nxt is None or nxt == self.session.doc_id:
            self.show_message(self.tr("Every other document is done."))
            return
        self.open_document(nxt)

    def set_status(self, status: Status) -> None:
        if self.session is not None and self.session.doc is not None:
            pending = len(self.session.suggestions()) if status == Status.DONE else 0
            self.session.set_status(status)
            if status == Status.DONE:
                self.show_message(*self._done_text(self.session.doc.name, pending))
            else:
                self.show_message(
                    self.tr("Marked {name} {status}").format(
                        name=self.session.doc.name, status=i18n.status_text(status).lower()
                    )
                )

    def _done_text(self, name: str, pending: int) -> tuple[str, int]:
        """What the status bar says when a document is marked done, and for how long: the
        suggestions still pending are named (every export leaves them out)."""
        if not pending:
            return self.tr("Marked {name} done").format(name=name), 5000
        text = self.tr("Marked {name} done · {suggestions} still pending, not exported")
        return text.format(name=name, suggestions=i18n.counted_text(pending, "suggestion")), 10000

    def done_and_next(self) -> None:
        """Ctrl+Enter: mark the document done and open the next unfinished one; the status bar says
        both (with the suggestions left pending, and what the next document's opening said)."""
        if self.session is None or self.session.doc is None:
            return
        name, pending = self.session.doc.name, len(self.session.suggestions())
        nxt = self.session.done_and_next()
        done, timeout = self._done_text(name, pending)
        if nxt is None:
            text = self.tr("{done} · All documents are done.").format(done=done)
        else:
            text = self.tr("{done} · opened {name}").format(done=done, name=self.session.doc.name)
            said = self._message_about(nxt, waiting=True)  # its suggestions, or the layers it has
            if said:
                text = f"{text} · {said}"
        self.show_message(text, timeout)
        self.focus_reader()

    def _message_about(self, doc_id: int | None, waiting: bool = False) -> str:
        """The status bar's message when it was shown with `doc_id` open ('' otherwise); with
        `waiting`, a background message about it still waiting comes first (and is said here)."""
        bar = self.statusBar()
        if waiting and bar.waiting is not None and self._waiting_doc == doc_id:
            said = bar.waiting
            bar.drop_background()
            return said
        said = bar.currentMessage()
        return unmarked(said) if said and self._message_doc == doc_id else ""

    def focus_document_list(self) -> None:
        """Ctrl+L: the list's filter box, its text selected, ready to type (Tab reaches the table)."""
        if self.doc_list is not None:
            self.docs_dock.show()
            self.docs_dock.raise_()
            self.doc_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.doc_list.search.selectAll()

    def _text_selected(self) -> None:
        if self.reader is not None and self.side_panel is not None:
            extent = self.reader.label_extent()
            labelable = extent is not None and extent[0] < extent[1]
            self.side_panel.text_selected(extent if labelable else None)
            if self.doc_list is not None:
                self.doc_list.label_ahead(labelable)

    def focus_reader(self) -> None:
        if self.reader is not None:
            self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ session signals
    def _on_document_opened(self, doc: Document | None) -> None:
        bar = self.statusBar()
        if bar.waiting is not None and self._waiting_doc != (doc.id if doc else None):
            bar.drop_background()  # it spoke of the document before
        if not self._message_about(doc.id if doc else None):
            bar.clearMessage()  # it spoke of the document before (a message about this one waiting shows)
        if self.doc_list is not None:
            self.doc_list.select_document(doc.id if doc else None)
        if doc is not None and self.store is not None:
            # remembered for the next start a moment later, not before the document is shown (writing
            # the settings file takes 10-30 ms); a window closed sooner writes it as it closes
            self._remember = (self._settings_key(), doc.id)
            self._remember_timer.start()
        self._update_doc_status()
        self._update_actions()
        self._hint_other_layers()

    def _remember_document(self) -> None:
        """Write the last opened document to the settings (see `_on_document_opened`)."""
        self._remember_timer.stop()
        if self._remember is not None:
            key, doc_id = self._remember
            self._remember = None
            QSettings().setValue(key, doc_id)

    def _on_changed(self, change) -> None:
        if self.doc_list is not None:
            self.doc_list.model.apply(change)  # the span count follows without a query
        self._update_undo_actions()  # an edit changes what Undo and Redo say, not what else is enabled

    # ------------------------------------------------------------------ suggestions
    def suggest_now(self) -> None:
        if self.session is not None and self.session.doc is not None:
            self._suggesting_now = True  # what it says answers the key at once (a long document's later)
            try:
                self.session.suggest()
            finally:
                self._suggesting_now = False
            self.focus_reader()

    def accept_all(self) -> None:
        if self.session is None or self.session.doc is None:
            return
        n = len(self.session.suggestions())
        if self.session.accept_all() is not None:
            self.show_message(
                self.tr("Accepted {suggestions} (Ctrl+Z undoes this)").format(
                    suggestions=i18n.counted_text(n, "suggestion")
                )
            )
        else:
            self.show_message(self.tr("No suggestions in this document"))

    def reject_all(self) -> None:
        if self.session is None or self.session.doc is None:
            return
        n = len(self.session.suggestions())
        if self.session.reject_all() is not None:
            self.show_message(
                self.tr("Rejected {suggestions} (Ctrl+Z undoes this)").format(
                    suggestions=i18n.counted_text(n, "suggestion")
                )
            )
        else:
            self.show_message(self.tr("No suggestions in this document"))

    def set_auto_suggest(self, on: bool) -> None:
        QSettings().setValue("suggest/auto", bool(on))
        if self.session is not None:
            self.session.auto_suggest = bool(on)

    def _layer_key(self) -> str:
        return "suggestLayer/" + self._settings_key().split("/", 1)[1]

    def _saved_layer(self) -> str | None:
        value = QSettings().value(self._layer_key()) if self.store is not None else None
        return str(value) if value else None

    def set_suggestion_layer(self, layer: str | None) -> None:
        """Suggest from another annotator's layer (None: the rules and the project memory), and
        suggest again for the document shown."""
        if self.session is None:
            return
        self.session.suggest_layer = layer or None
        QSettings().setValue(self._layer_key(), layer or "")
        self.show_message(
            self.tr("Suggestions from {name}'s layer").format(name=layer)
            if layer
            else self.tr("Suggestions from the rules and project memory")
        )
        self.suggest_now()

    def _fill_source_menu(self) -> None:
        menu = self.source_menu
        menu.clear()
        current = self.session.suggest_layer if self.session is not None else None
        act = menu.addAction(self.tr("Rules and project memory"))
        act.setCheckable(True)
        act.setChecked(current is None)
        act.triggered.connect(lambda _c=False: self.set_suggestion_layer(None))
        layers = {}
        if self.store is not None:
            try:
                layers = {k: v for k, v in self.store.layers().items() if k != self.annotator}
            except sqlite3.Error:
                layers = {}
        if layers:
            menu.addSeparator()
        for name, n in layers.items():
            act = menu.addAction(
                self.tr("{name}'s layer ({spans})")
                .format(name=name, spans=i18n.counted_text(n, "span"))
                .replace("&", "&&")
            )
            act.setCheckable(True)
            act.setChecked(name == current)
            act.triggered.connect(lambda _c=False, name=name: self.set_suggestion_layer(name))

    def _on_suggestions_made(self, doc_id: int, n: int) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_row(doc_id)
        if self.session is None:
            return
        layer = self.session.suggest_layer
        source = (
            self.tr("{name}'s layer").format(name=layer) if layer else self.tr("the rules and project memory")
        )
        run = self.store.suggestion_run(doc_id, self.annotator) if self.store is not None else None
        if not layer and "model" in (run or "").split(","):
            source = self.tr("the rules, project memory and entity model")
        text = (
            self.tr("{suggestions} from {source}: Tab goes through them, Enter accepts, X rejects").format(
                suggestions=i18n.counted_text(n, "suggestion"), source=source
            )
            if n
            else self.tr("No new suggestions from {source}").format(source=source)
        )
        if self._suggesting_now:
            self.show_message(text)
        else:
            self.show_background_message(text)

    def _hint_other_layers(self) -> None:
        """Say so when the document has spans in other layers that are not offered here."""
        if self.session is None or self.session.doc is None or self.session.suggest_layer:
            return
        # only an empty layer gets the hint: no counting query otherwise (the index holds the first
        # page of a long document's spans, so it is empty exactly when the layer is)
        if self.session.index:
            return
        others = self.session.other_layers()
        if others:
            names = ", ".join(f"{k} ({v})" for k, v in others.items())
            self.show_message(
                self.tr(
                    "This document has spans in other layers: {names}. Suggestions > Suggest from offers them here."
                ).format(names=names)
            )

    def _on_status_changed(self, doc_id: int, status) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_row(doc_id)
        self._update_doc_status()
        self._update_progress()
        if status == Status.DONE:
            self._count_done_for_model()

    # ------------------------------------------------------------------ the entity model
    @property
    def model_trainer(self):  # type: ignore[no-untyped-def]
        """The background trainer of the project's entity model (made on first use)."""
        if getattr(self, "_model_trainer", None) is None:
            from annotator.ui.model_trainer import ModelTrainer

            self._model_trainer = ModelTrainer(self)
            self._model_trainer.finished.connect(self._on_model_trained)
        return self._model_trainer

    def show_model_dialog(self) -> None:
        """Suggestions > Entity model: its quality per label, train it in the background."""
        if self.store is None:
            return
        from annotator.ui.model_dialog import ModelDialog

        dialog = ModelDialog(self.store, self.model_trainer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def train_model(self) -> bool:
        """Retrain the entity model in the background (False: one is already training)."""
        if self.store is None or self.model_trainer.running:
            return False
        self._done_since_training = 0
        self.show_message(self.tr("Training the entity model in the background…"))
        return self.model_trainer.start(self.store.location, env=self.store.child_env())

    def _count_done_for_model(self) -> None:
        """Retrain after every N documents marked done, N set in the Entity model dialog (0: never)."""
        from annotator.ui.model_dialog import retrain_every_key

        every = int(QSettings().value(retrain_every_key(self.store), 0) or 0) if self.store else 0
        if every <= 0:
            return
        self._done_since_training = getattr(self, "_done_since_training", 0) + 1
        if self._done_since_training >= every:
            self.train_model()

    def _on_model_trained(self, ok: bool, message: str, result: object) -> None:
        if ok and isinstance(result, dict):
            quality = (result.get("quality") or {}).get("overall")
            n = result.get("documents")
            if quality:
                text = self.tr("Entity model trained on {n} documents, F1 {f1} on held-out documents.")
                text = text.format(n=n, f1=f"{quality['f1']:.2f}")
            else:
                text = self.tr("Entity model trained on {n} documents.").format(n=n)
            self.show_background_message(text)
        else:
            self.show_background_message(
                self.tr("Entity model not trained: {reason}").format(reason=message), 10000
            )

    def delete_document(self) -> None:
        """Delete the open document after the user confirms (it cannot be undone)."""
        if self.session is None or self.session.doc is None:
            return
        doc = self.session.doc
        spans = len(self.store.spans(doc.id)) if self.store is not None else 0
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete document?"),
            self.tr(
                "Delete “{name}” with its {spans} spans (every annotator's), its relations and statuses?"
                "\n\nThis cannot be undone."
            ).format(name=doc.name, spans=spans),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is untrusted text
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        deletion = self.session.delete_documents([doc.id])
        if deletion is not None:
            self.show_message(
                self.tr(
                    "Deleted {documents} document(s) with {spans} spans and {relations} relations"
                ).format(documents=len(deletion.doc_ids), spans=deletion.spans, relations=deletion.relations)
            )

    def _on_documents_deleted(self, deletion) -> None:
        """Reload the list and open the document after the deleted one (or the one before)."""
        if self.doc_list is not None:
            self.doc_list.model.reload()
        self._update_progress()
        if self.session is not None and self.session.doc is None and self.store is not None:
            gone = max(deletion.doc_ids)
            ids = self.store.document_ids()
            after = [i for i in ids if i > gone]
            self.open_document(after[0] if after else (ids[-1] if ids else None))

    def _on_external_change(self) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_visible()
        if self.store is not None:
            self.guidelines.set_text(self.store.guidelines)
        self._update_doc_status()
        self._update_progress()
        self._update_actions()
        self._sync_guidelines_visibility()

    def _on_server_connection(self, online: bool) -> None:
        """A server project's connection: lost (edits fail and say so; what was saved stays on the
        server) or back (everything is re-read: notices may have been missed meanwhile)."""
        if online:
            self.show_background_message(self.tr("Connected to the server again; the project is up to date"))
            if self.session is not None and self.session.doc is not None:
                self.session.open_document(self.session.doc.id)
            self._on_external_change()
        else:
            self.show_error(
                self.tr(
                    "The connection to the server is lost; retrying every second. Everything saved is safe "
                    "on the server; edits made now are not saved."
                )
            )

    # ------------------------------------------------------------------ edit
    def undo(self) -> None:
        """Undo the last edit of this document, and say what was undone."""
        if self.session is None:
            return
        applied = self.session.undo()
        if applied is None and not self.session.can_undo():
            self.show_message(self.tr("Nothing to undo"))
        elif applied is not None:
            self.reader.show_change(applied)
            if len(applied.spans_removed) == 1 and not applied.spans_added and not applied.spans_updated:
                # a label key taken back: its words selected again, as before the key, for the right one
                gone = applied.spans_removed[0]
                self.reader.select_text(gone.start, gone.end, exact=True, scroll=False)
            elif len(applied.spans_added) == 1 and not applied.spans_removed:
                # a deletion taken back: the span selected again, as before the Del
                self.reader.select_span(applied.spans_added[0].id)
            self.show_message(self.tr("Undone: {what}").format(what=describe_change(applied.inverse())))

    def redo(self) -> None:
        if self.session is None:
            return
        applied = self.session.redo()
        if applied is None and not self.session.can_redo():
            self.show_message(self.tr("Nothing to redo"))
        elif applied is not None:
            self.reader.show_change(applied)
            self.show_message(self.tr("Redone: {what}").format(what=describe_change(applied)))

    def show_find(self) -> None:
        if self.find_bar is not None:
            self.find_bar.show_and_focus()

    # ------------------------------------------------------------------ view
    def _apply_reader_settings(self) -> None:
        if self.reader is None:
            return
        self.reader.set_font(READER_FAMILIES[0], self.font_size)
        if self.side_panel is not None:
            self.side_panel.set_text_font(READER_FAMILIES[0], self.font_size)
        self.reader.set_theme(self.dark)
        self.reader.set_snap(self.snap)
        self.reader.set_strip_clitics(self.strip_clitics)
        self.reader.set_show_all_links(self.all_links)

    def change_font_size(self, step: int) -> None:
        size = DEFAULT_FONT_SIZE if step == 0 else self.font_size + step
        self.font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        QSettings().setValue("view/fontSize", self.font_size)
        if self.reader is not None:
            self.reader.set_font(READER_FAMILIES[0], self.font_size)
        if self.side_panel is not None:
            self.side_panel.set_text_font(READER_FAMILIES[0], self.font_size)
        self.show_message(self.tr("Text size {size} pt").format(size=self.font_size))

    def set_dark(self, dark: bool) -> None:
        self.dark = bool(dark)
        theme.apply_theme(self.dark)
        if self.reader is not None:
            self.reader.set_theme(self.dark)
        self._style_error_label()
        if self.act_dark.isChecked() != self.dark:
            self.act_dark.setChecked(self.dark)
        if not self._initializing:
            self.show_message(self.tr("Dark theme") if self.dark else self.tr("Light theme"))

    def set_snap(self, on: bool) -> None:
        self.snap = bool(on)
        QSettings().setValue("view/snap", self.snap)
        if self.reader is not None:
            self.reader.set_snap(self.snap)
        if not self._initializing:
            self.show_message(
                self.tr("Selections snap to whole words")
                if self.snap
                else self.tr("Selections are kept as dragged (snapping off)")
            )

    def set_strip_clitics(self, on: bool) -> None:
        self.strip_clitics = bool(on)
        QSettings().setValue("view/stripClitics", self.strip_clitics)
        if self.reader is not None:
            self.reader.set_strip_clitics(self.strip_clitics)
        if self.find_bar is not None:
            self.find_bar.refresh()  # a whole word after a proclitic is one only while they are left out
        if not self._initializing:
            self.show_message(
                self.tr("Proclitics (و ف ب ل ك) are left out of new spans")
                if self.strip_clitics
                else self.tr("Proclitics are kept in new spans")
            )

    def set_find_whole_words(self, on: bool) -> None:
        """Edit > Find whole words only (the find bar's toggle is the same action): remembered."""
        self.find_whole_words = bool(on)
        QSettings().setValue("find/wholeWords", self.find_whole_words)
        if not self._initializing:
            self.show_message(
                self.tr("Find: whole words only («مصر» finds «ومصر», not «مصروفات»)")
                if self.find_whole_words
                else self.tr("Find: inside words too")
            )

    def set_all_links(self, on: bool) -> None:
        """View > Show all links: every link of the lines in view, not only the selected span's."""
        self.all_links = bool(on)
        QSettings().setValue("view/allLinks", self.all_links)
        if self.reader is not None:
            self.reader.set_show_all_links(self.all_links)
        if not self._initializing:
            self.show_message(
                self.tr("Every link of the lines in view is drawn")
                if self.all_links
                else self.tr("Links are drawn for the selected span")
            )

    def _sync_guidelines_visibility(self) -> None:
        """A project without guidelines hides their panel without changing the annotator's choice:
        the next project with guidelines shows them again (and the first time for each project)."""
        if self._initializing:  # done once the saved layout is restored
            return
        empty = self.guidelines.empty
        self.act_guidelines.setEnabled(not empty)
        self._syncing_guide = True
        try:
            first_time = not empty and not self._guidelines_seen()
            if empty:
                self.guide_dock.hide()
            elif (first_time or self._guide_wanted) and self.guide_dock.isHidden():
                self.guide_dock.show()
                # below the side panel, small: the spans and relations stay the main thing there
                self.resizeDocks([self.panel_dock, self.guide_dock], [3, 1], Qt.Orientation.Vertical)
        finally:
            self._syncing_guide = False

    def _guide_visibility_changed(self, visible: bool) -> None:
        """Remember the annotator's own showing or closing of the guidelines (not ours, not a tab)."""
        if self._initializing or self._syncing_guide or self.guidelines.empty:
            return
        if not visible and not self.guide_dock.isHidden():
            return  # another tab raised over it, or the window closing: not a choice
        self._guide_wanted = visible
        QSettings().setValue("view/guidelines", visible)

    def _guidelines_seen(self) -> bool:
        """The guidelines open by themselves once per project; after that the View toggle rules."""
        if self.store is None:
            return True
        key = "guidelinesShown/" + self._settings_key().split("/", 1)[1]
        settings = QSettings()
        if settings.value(key):
            return True
        settings.setValue(key, True)
        return False

    # ------------------------------------------------------------------ status bar and titles
    def _update_title(self) -> None:
        if self.store is None:
            self.setWindowTitle("annotator")
            self.project_label.setText(self.tr("No project"))
        else:
            self.setWindowTitle(f"annotator — {self.store.name}")
            self.project_label.setText(self.store.name)
            self.project_label.setToolTip("")
        self.annotator_label.setText(self.tr("Annotator: {name}").format(name=self.annotator))

    def _update_doc_status(self) -> None:
        if self.session is None or self.session.doc is None:
            self.doc_status_label.setText("")
            return
        status = self.session.status()
        self.doc_status_label.setText(i18n.status_text(status))

    def _update_progress(self) -> None:
        if self.store is None:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self.progress_label.setText("")
            return
        try:
            total = self.store.count_documents(self.annotator)
            done = self.store.count_documents(self.annotator, Status.DONE)
        except sqlite3.Error:
            return
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)
        self.progress_label.setText(self.tr("{done}/{total} done").format(done=done, total=total))

    @property
    def progress_text(self) -> str:
        return self.progress_label.text()

    def _update_actions(self) -> None:
        has_project = self.session is not None
        has_doc = has_project and self.session.doc is not None
        for act in (
            self.act_import,
            self.act_import_folder,
            self.act_export,
            self.act_next,
            self.act_prev,
            self.act_next_unfinished,
            self.act_focus_list,
            self.act_agreement,
            self.act_charts,
            self.act_adjudicate,
        ):
            act.setEnabled(has_project)
        for act in (
            self.act_in_progress,
            self.act_done,
            self.act_done_next,
            self.act_find,
            self.act_focus_reader,
            self.act_delete_doc,
            self.act_suggest,
            self.act_accept_all,
            self.act_reject_all,
        ):
            act.setEnabled(has_doc)
        self.act_undo.setProperty("helpText", self.tr("&Undo"))  # the shortcuts sheet's words
        self.act_redo.setProperty("helpText", self.tr("&Redo"))
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        has_doc = self.session is not None and self.session.doc is not None
        # one query each: None exactly when there is nothing to undo (redo)
        undo = self.session.next_undo() if has_doc else None
        redo = self.session.next_undo(redo=True) if has_doc else None
        self.act_undo.setEnabled(undo is not None)
        self.act_redo.setEnabled(redo is not None)
        self.act_undo.setText(
            self.tr("&Undo {what}").format(what=describe_change(undo)) if undo else self.tr("&Undo")
        )
        self.act_redo.setText(
            self.tr("&Redo {what}").format(what=describe_change(redo)) if redo else self.tr("&Redo")
        )

    def show_message(self, text: str, timeout: int = 5000) -> None:
        """The message of what the user just did (shown at once)."""
        # the document it speaks of: a message about the document before goes when another opens
        self._message_doc = self.session.doc_id if self.session is not None else None
        self.statusBar().showMessage(text, timeout)

    def show_background_message(self, text: str, timeout: int = 5000) -> None:
        """The message of work that ended in the background: it waits until the user's own message
        has been read (StatusBar.show_background)."""
        doc = self.session.doc_id if self.session is not None else None
        self._waiting_doc = doc

        def shown() -> None:
            self._message_doc = doc

        self.statusBar().show_background(text, timeout, shown)

    def _style_error_label(self) -> None:
        pal = self.error_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, theme.error_colour(self.dark))
        self.error_label.setPalette(pal)

    def show_error(self, text: str) -> None:
        """A session error: a red status-bar message (`warn_not_saved` adds a dialog)."""
        self._style_error_label()
        self.error_label.setText(directed(text, self.isRightToLeft()))
        self.error_label.show()
        self._error_timer.start()

    def warn_not_saved(self, text: str) -> None:
        """An edit the project could not store: a dialog, as the user may think it was saved."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("The edit was not saved"),
            directed(text, self.isRightToLeft()),  # as the status bar shows it
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ import / export
    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import files"),
            str(Path.home()),
            self.tr("Texts and annotations ({patterns});;All files (*)").format(patterns=IMPORT_PATTERNS),
        )
        if paths:
            self.import_files(paths)

    def import_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"), str(Path.home()))
        if path:
            self.import_files([path])

    def import_files(self, paths: list[str | Path], *, show_report: bool = True):
        """Import files or folders into the open project, with a progress dialog and a report."""
        if self.store is None:
            return None
        from annotator.core.importers import import_paths

        dialog = QProgressDialog(self.tr("Importing…"), "", 0, 0, self)
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            QApplication.processEvents()

        try:
            report = import_paths(
                self.store, [Path(p) for p in paths], annotator=self.annotator, progress=progress
            )
        except (ValueError, OSError, sqlite3.Error) as exc:
            dialog.close()
            critical(self, self.tr("Import failed"), str(exc))
            return None
        finally:
            dialog.close()
        if self.doc_list is not None:
            self.doc_list.model.reload()
            if self.session is not None:
                self.doc_list.select_document(self.session.doc_id)
        self._update_progress()
        if self.session is not None and self.session.doc is None:
            self.open_document(self._initial_document())
        if show_report:
            box = ReportDialog(self.tr("Import report"), self.report_text(report), self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.show_message(self.import_summary(report))
        return report

    def import_summary(self, report) -> str:
        """The core's `ImportReport.summary()` in the interface's language."""
        text = self.tr("Imported {imported}, duplicates {duplicates}, failed {failed}").format(
            imported=len(report.imported), duplicates=len(report.duplicates), failed=len(report.failures)
        )
        if report.merged:
            text += self.tr("; annotations added to {n} already there").format(n=len(report.merged))
        return text

    def report_text(self, report) -> str:
        """The import report (file names and the importers' messages stay as they are)."""
        lines = [self.import_summary(report) + self.tr("."), ""]
        if report.spans or report.relations:
            lines.append(
                self.tr("{spans} and {relations} imported.").format(
                    spans=i18n.counted_text(report.spans, "span"),
                    relations=i18n.counted_text(report.relations, "relation"),
                )
            )
        for title, items in (
            (self.tr("Imported"), report.imported),
            (self.tr("Skipped as duplicates"), report.duplicates),
            (self.tr("Failed"), [str(f) for f in report.failures]),
            (self.tr("Warnings"), report.warnings),
        ):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines.extend(f"  {x}" for x in items)
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def export_dialog(self) -> None:
        if self.store is None:
            return
        from annotator.ui.export_dialog import ExportDialog

        ExportDialog(self, self.store, self.annotator).exec()

    # ------------------------------------------------------------------ review
    def show_agreement(self) -> None:
        """The agreement panel, in a dock beside the reader (measured when shown)."""
        if self.store is None:
            return
        from annotator.ui.agreement_panel import AgreementPanel

        if self.agreement_dock is None:
            self.agreement_dock = QDockWidget(self.tr("Agreement"), self)
            self.agreement_dock.setObjectName("agreementDock")
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.agreement_dock)
        panel = self.agreement_dock.widget()
        if not isinstance(panel, AgreementPanel) or panel.store is not self.store:
            panel = AgreementPanel(self.store, self.agreement_dock)
            self.agreement_dock.setWidget(panel)
        self.agreement_dock.show()
        panel.refresh()

    def show_charts(self) -> None:
        if self.store is None:
            return
        from annotator.ui.charts_dialog import ChartsDialog

        dialog = ChartsDialog(self.store, self.dark, self)
        if self.session is not None:  # other windows' edits (a team on a server) redraw it
            dialog.follow(self.session.external_change)
            dialog.follow(self.session.changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def show_adjudication(self) -> None:
        """The adjudication window on this project (one per window, raised when open)."""
        if self.store is None:
            return
        from annotator.ui.adjudication_window import AdjudicationWindow

        if self.adjudication is None or self.adjudication.store is not self.store:
            self.adjudication = AdjudicationWindow(self.store, self)
            self.adjudication.setWindowFlag(Qt.WindowType.Window)
            self.adjudication.reader.set_font(READER_FAMILIES[0], self.font_size)
            self.adjudication.reader.set_theme(self.dark)
        self.adjudication.show()
        self.adjudication.raise_()
        self.adjudication.activateWindow()

    # ------------------------------------------------------------------ help
    def shortcut_actions(self) -> list[QAction]:
        return list(self.actions())

    def shortcuts_dialog(self) -> ShortcutsDialog:
        keymap = self.reader.keymap() if self.reader is not None else []
        return ShortcutsDialog(self.shortcut_actions(), keymap, self)

    def show_shortcuts(self) -> None:
        dialog = self.shortcuts_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def show_about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About annotator"),
            self.tr(
                "annotator {version}\n\nAnnotate quotes, speakers, speech cues and named entities "
                "in Arabic news, and export training data.\n\nFonts: Noto Naskh Arabic and Noto Sans "
                "(SIL Open Font License)."
            ).format(version=__version__),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ closing
    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        # every edit is already committed: nothing to save, nothing to ask
        self.save_layout()
        self._detach()
        event.accept()
