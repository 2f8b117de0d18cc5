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

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
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
from annotator.core.store import ProjectError, Store
from annotator.ui import plain, theme
from annotator.ui.document_list import STATUS_TEXT, DocumentList
from annotator.ui.help_dialog import GuidelinesPanel, ShortcutsDialog
from annotator.ui.label_bar import LabelBar
from annotator.ui.session import Session
from annotator.ui.side_panel import SidePanel

READER_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]
DEFAULT_FONT_SIZE = 16
MIN_FONT_SIZE, MAX_FONT_SIZE = 9, 40
MAX_RECENT = 10
PROJECT_FILTER = "Annotator projects (*.annotator.db *.db);;All files (*)"
IMPORT_FILTER = "Texts and annotations (*.txt *.jsonl *.json *.ndjson *.conll *.bio *.iob *.iob2 *.tsv *.ann);;All files (*)"


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
        self._initializing = True

        settings = QSettings()
        self.font_size = int(settings.value("view/fontSize", DEFAULT_FONT_SIZE) or DEFAULT_FONT_SIZE)
        self.snap = _as_bool(settings.value("view/snap"), True)
        self.strip_clitics = _as_bool(settings.value("view/stripClitics"), True)
        self.dark = (
            theme.is_dark()
            if QApplication.instance().property("annotatorDark") is not None
            else theme.saved_dark()
        )

        self.setWindowTitle("annotator")
        self.resize(1360, 860)
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self._create_actions()
        self._build_menus()

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
        self.placeholder = _plain_label(
            "No project is open.\n\nUse File > Open… or File > New project… to start."
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.setCentralWidget(self.stack)

    def _build_docks(self) -> None:
        self.docs_dock = QDockWidget("Documents", self)
        self.docs_dock.setObjectName("documentsDock")
        self.panel_dock = QDockWidget("Spans and relations", self)
        self.panel_dock.setObjectName("sidePanelDock")
        self.guide_dock = QDockWidget("Guidelines", self)
        self.guide_dock.setObjectName("guidelinesDock")
        self.guidelines = GuidelinesPanel(self.guide_dock)
        self.guide_dock.setWidget(self.guidelines)
        # Arabic is read from the right: the document list sits on the right, details on the left
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.docs_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.panel_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.guide_dock)
        self.resizeDocks([self.docs_dock, self.panel_dock], [420, 440], Qt.Orientation.Horizontal)
        self.guide_dock.hide()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
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
        action = QAction(text, self)
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
        self.act_new = self._action("&New project…", self.new_project, [K.New], section=f)
        self.act_open = self._action("&Open…", self.open_dialog, [K.Open], section=f)
        self.act_import = self._action("&Import files…", self.import_dialog, ["Ctrl+Shift+I"], section=f)
        self.act_import_folder = self._action("Import &folder…", self.import_folder_dialog, section=f)
        self.act_export = self._action("&Export…", self.export_dialog, ["Ctrl+E"], section=f)
        self.act_quit = self._action("&Quit", self.close, ["Ctrl+Q"], section=f)

        self.act_undo = self._action("&Undo", self.undo, ["Ctrl+Z"], section=e, name="undo")
        self.act_redo = self._action("&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], section=e, name="redo")
        self.act_find = self._action("&Find…", self.show_find, ["Ctrl+F"], section=e)

        self.act_in_progress = self._action(
            "Mark &in progress", lambda: self.set_status(Status.IN_PROGRESS), ["Ctrl+Shift+D"], section=d
        )
        self.act_done = self._action(
            "Mark &done", lambda: self.set_status(Status.DONE), ["Ctrl+D"], section=d
        )
        self.act_done_next = self._action(
            "Done and &next", self.done_and_next, ["Ctrl+Return", "Ctrl+Enter"], section=d, name="doneAndNext"
        )
        self.act_next_unfinished = self._action(
            "Next &unfinished", self.next_unfinished, ["Ctrl+Shift+Return"], section=d
        )
        self.act_next = self._action(
            "Ne&xt document", lambda: self.step_document(1), ["Alt+Down", "Ctrl+PgDown"], section=d
        )
        self.act_prev = self._action(
            "&Previous document", lambda: self.step_document(-1), ["Alt+Up", "Ctrl+PgUp"], section=d
        )
        self.act_focus_list = self._action(
            "Go to document &list", self.focus_document_list, ["Ctrl+L"], section=d
        )
        self.act_focus_reader = self._action("Go to &text", self.focus_reader, ["Ctrl+T"], section=d)

        self.act_bigger = self._action(
            "&Bigger text", lambda: self.change_font_size(1), ["Ctrl+=", "Ctrl++"], section=v
        )
        self.act_smaller = self._action(
            "&Smaller text", lambda: self.change_font_size(-1), ["Ctrl+-"], section=v
        )
        self.act_font_reset = self._action(
            "&Normal text size", lambda: self.change_font_size(0), ["Ctrl+0"], section=v
        )
        self.act_dark = self._action(
            "&Dark theme", self.set_dark, ["Ctrl+Shift+T"], section=v, checkable=True, checked=self.dark
        )
        self.act_snap = self._action(
            "Snap selection to &words",
            self.set_snap,
            ["Ctrl+Shift+W"],
            section=v,
            checkable=True,
            checked=self.snap,
        )
        self.act_clitics = self._action(
            "Leave out &proclitics (و ف ب ل ك)",
            self.set_strip_clitics,
            ["Ctrl+Shift+K"],
            section=v,
            checkable=True,
            checked=self.strip_clitics,
        )
        self.act_docs_dock = self.docs_dock.toggleViewAction()
        self.act_docs_dock.setText("Document &list")
        self.act_panel_dock = self.panel_dock.toggleViewAction()
        self.act_panel_dock.setText("Spans and &relations panel")
        self.act_guidelines = self.guide_dock.toggleViewAction()
        self.act_guidelines.setText("&Guidelines")
        for act in (self.act_docs_dock, self.act_panel_dock, self.act_guidelines):
            act.setProperty("helpSection", v)

        self.act_shortcuts = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, ["F1", "?"], section=h, name="shortcuts"
        )
        self.act_about = self._action("&About annotator", self.show_about, section=h)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addMenu(self.recent_menu)
        m.addSeparator()
        m.addActions([self.act_import, self.act_import_folder, self.act_export])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addAction(self.act_find)
        m = mb.addMenu("&Document")
        m.addActions([self.act_in_progress, self.act_done, self.act_done_next])
        m.addSeparator()
        m.addActions([self.act_next_unfinished, self.act_next, self.act_prev])
        m.addSeparator()
        m.addActions([self.act_focus_list, self.act_focus_reader])
        m = mb.addMenu("&View")
        m.addActions([self.act_bigger, self.act_smaller, self.act_font_reset])
        m.addSeparator()
        m.addAction(self.act_dark)
        m.addSeparator()
        m.addActions([self.act_snap, self.act_clitics])
        m.addSeparator()
        m.addActions([self.act_docs_dock, self.act_panel_dock, self.act_guidelines])
        self.view_menu = m
        m = mb.addMenu("&Help")
        m.addActions([self.act_shortcuts, self.act_about])
        self._fill_recent_menu()

    # ------------------------------------------------------------------ project
    def set_store(self, store: Store) -> None:
        """Show `store` in this window (closing the project shown before)."""
        self._detach()
        self.store = store
        self.session = Session(store, self.annotator, self)
        from annotator.ui.find_bar import FindBar
        from annotator.ui.reader import ReaderView

        page = QWidget(self.stack)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.reader = ReaderView(self.session, page)
        self.find_bar = FindBar(self.reader, self.session, page)
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
        s.error.connect(self.show_error)
        self.reader.spanSelected.connect(self.side_panel.show_span)
        self.reader.message.connect(self.show_message)
        self.side_panel.spanActivated.connect(self.reader.select_span)
        # a click in the panel or the list hands the keys back to the reader (label, digit, Del, Tab)
        self.side_panel.spans_view.clicked.connect(self.focus_reader)
        self.doc_list.documentActivated.connect(self._open_from_list)

        self._apply_reader_settings()
        self._update_title()
        self._update_progress()
        self._update_actions()
        self._sync_guidelines_visibility()
        self.open_document(self._initial_document())
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def _detach(self) -> None:
        if self.session is not None:
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
        if self.store is not None:
            self.store.close()
        self.store = self.session = self.reader = self.find_bar = None
        self.doc_list = self.side_panel = self.label_bar = self._project_page = None
        self.stack.setCurrentWidget(self.placeholder)

    def open_project(self, path: str | Path) -> bool:
        """Open the project at `path` (offering to create it when missing); False if it was refused."""
        path = Path(path).expanduser()
        try:
            if not path.exists():
                answer = QMessageBox.question(
                    self,
                    "Create project?",
                    plain.message(f"{path} does not exist.\n\nCreate a new, empty project there?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                store = Store.create(path)
            else:
                store = Store.open(path, verify="background")
        except ProjectError as exc:
            critical(self, "Cannot open the project", str(exc))
            return False
        except (OSError, sqlite3.Error) as exc:
            critical(self, "Cannot open the project", f"{path}: {exc}")
            return False
        self.set_store(store)
        self.add_recent(path)
        return True

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New project", str(Path.home() / "project.annotator.db"), PROJECT_FILTER
        )
        if not path:
            return
        if not path.endswith(".db"):
            path += ".annotator.db"
        try:
            store = Store.create(path)
        except ProjectError as exc:
            critical(self, "Cannot create the project", str(exc))
            return
        except (OSError, sqlite3.Error) as exc:
            critical(self, "Cannot create the project", f"{path}: {exc}")
            return
        self.set_store(store)
        self.add_recent(path)

    def open_dialog(self) -> None:
        start = str(self.store.path.parent) if self.store else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open project", start, PROJECT_FILTER)
        if path:
            self.open_project(path)

    # recent projects -------------------------------------------------------
    @staticmethod
    def recent_projects() -> list[str]:
        return _as_list(QSettings().value("recentProjects"))

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        items = [p] + [x for x in self.recent_projects() if x != p]
        QSettings().setValue("recentProjects", items[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = self.recent_projects()
        for p in items:
            act = self.recent_menu.addAction(p.replace("&", "&&"))
            act.triggered.connect(lambda _c=False, p=p: self.open_project(p))
        if not items:
            act = self.recent_menu.addAction("(none)")
            act.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", lambda: QSettings().setValue("recentProjects", []))

    # ------------------------------------------------------------------ documents
    def _settings_key(self) -> str:
        assert self.store is not None
        digest = hashlib.sha1(str(self.store.path.resolve()).encode("utf-8")).hexdigest()[:16]
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
            self.show_error(f"Document {doc_id} is no longer in the project.")

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
        while target >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        doc_id = model.doc_id(target)
        if doc_id is None:
            self.show_message("No next document" if step > 0 else "No previous document")
            return
        self.open_document(doc_id)

    def next_unfinished(self) -> None:
        if self.session is None:
            return
        nxt = self.session.next_unfinished()
        if nxt is None or nxt == self.session.doc_id:
            self.show_message("Every other document is done.")
            return
        self.open_document(nxt)

    def set_status(self, status: Status) -> None:
        if self.session is not None and self.session.doc is not None:
            self.session.set_status(status)

    def done_and_next(self) -> None:
        if self.session is None or self.session.doc is None:
            return
        nxt = self.session.done_and_next()
        if nxt is None:
            self.show_message("All documents are done.")
        self.focus_reader()

    def focus_document_list(self) -> None:
        if self.doc_list is not None:
            self.docs_dock.show()
            self.doc_list.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reader(self) -> None:
        if self.reader is not None:
            self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ session signals
    def _on_document_opened(self, doc: Document | None) -> None:
        if self.doc_list is not None:
            self.doc_list.select_document(doc.id if doc else None)
        if doc is not None and self.store is not None:
            QSettings().setValue(self._settings_key(), doc.id)
        self._update_doc_status()
        self._update_actions()

    def _on_changed(self, change) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_row(change.doc_id)
        self._update_actions()

    def _on_status_changed(self, doc_id: int, _status) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_row(doc_id)
        self._update_doc_status()
        self._update_progress()

    def _on_external_change(self) -> None:
        if self.doc_list is not None:
            self.doc_list.refresh_visible()
        if self.store is not None:
            self.guidelines.set_text(self.store.guidelines)
        self._update_doc_status()
        self._update_progress()
        self._update_actions()
        self._sync_guidelines_visibility()

    # ------------------------------------------------------------------ edit
    def undo(self) -> None:
        if self.session is not None:
            if self.session.undo() is None and not self.session.can_undo():
                self.show_message("Nothing to undo")

    def redo(self) -> None:
        if self.session is not None:
            if self.session.redo() is None and not self.session.can_redo():
                self.show_message("Nothing to redo")

    def show_find(self) -> None:
        if self.find_bar is not None:
            self.find_bar.show_and_focus()

    # ------------------------------------------------------------------ view
    def _apply_reader_settings(self) -> None:
        if self.reader is None:
            return
        self.reader.set_font(READER_FAMILIES[0], self.font_size)
        self.reader.set_theme(self.dark)
        self.reader.set_snap(self.snap)
        self.reader.set_strip_clitics(self.strip_clitics)

    def change_font_size(self, step: int) -> None:
        size = DEFAULT_FONT_SIZE if step == 0 else self.font_size + step
        self.font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        QSettings().setValue("view/fontSize", self.font_size)
        if self.reader is not None:
            self.reader.set_font(READER_FAMILIES[0], self.font_size)
        self.show_message(f"Text size {self.font_size} pt")

    def set_dark(self, dark: bool) -> None:
        self.dark = bool(dark)
        theme.apply_theme(self.dark)
        if self.reader is not None:
            self.reader.set_theme(self.dark)
        self._style_error_label()
        if self.act_dark.isChecked() != self.dark:
            self.act_dark.setChecked(self.dark)

    def set_snap(self, on: bool) -> None:
        self.snap = bool(on)
        QSettings().setValue("view/snap", self.snap)
        if self.reader is not None:
            self.reader.set_snap(self.snap)

    def set_strip_clitics(self, on: bool) -> None:
        self.strip_clitics = bool(on)
        QSettings().setValue("view/stripClitics", self.strip_clitics)
        if self.reader is not None:
            self.reader.set_strip_clitics(self.strip_clitics)

    def _sync_guidelines_visibility(self) -> None:
        if self._initializing:  # done once the saved layout is restored
            return
        empty = self.guidelines.empty
        self.act_guidelines.setEnabled(not empty)
        if empty:
            self.guide_dock.hide()
        elif not self._guidelines_seen():
            self.guide_dock.show()
            # below the side panel, small: the spans and relations stay the main thing there
            self.resizeDocks([self.panel_dock, self.guide_dock], [3, 1], Qt.Orientation.Vertical)

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
            self.project_label.setText("No project")
        else:
            self.setWindowTitle(f"annotator — {self.store.path.name}")
            self.project_label.setText(self.store.path.name)
            self.project_label.setToolTip("")
        self.annotator_label.setText(f"Annotator: {self.annotator}")

    def _update_doc_status(self) -> None:
        if self.session is None or self.session.doc is None:
            self.doc_status_label.setText("")
            return
        status = self.session.status()
        self.doc_status_label.setText(f"{STATUS_TEXT.get(status, str(status))}")

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
        self.progress_label.setText(f"{done}/{total} done")

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
        ):
            act.setEnabled(has_project)
        for act in (
            self.act_in_progress,
            self.act_done,
            self.act_done_next,
            self.act_find,
            self.act_focus_reader,
        ):
            act.setEnabled(has_doc)
        # one query each: the description is "" exactly when there is nothing to undo (redo)
        undo_text = self.session.undo_text() if has_doc else ""
        redo_text = self.session.undo_text(redo=True) if has_doc else ""
        self.act_undo.setEnabled(undo_text != "")
        self.act_redo.setEnabled(redo_text != "")
        self.act_undo.setText(f"&Undo {undo_text}".rstrip())
        self.act_redo.setText(f"&Redo {redo_text}".rstrip())

    def show_message(self, text: str, timeout: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout)

    def _style_error_label(self) -> None:
        pal = self.error_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, theme.error_colour(self.dark))
        self.error_label.setPalette(pal)

    def show_error(self, text: str) -> None:
        """A session error: a red status-bar message; a dialog too when an edit could not be saved."""
        self._style_error_label()
        self.error_label.setText(text)
        self.error_label.show()
        self._error_timer.start()
        if text.startswith(("Could not save", "The project refused")):
            box = QMessageBox(
                QMessageBox.Icon.Critical, "The edit was not saved", text, QMessageBox.StandardButton.Ok, self
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    # ------------------------------------------------------------------ import / export
    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import files", str(Path.home()), IMPORT_FILTER)
        if paths:
            self.import_files(paths)

    def import_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder", str(Path.home()))
        if path:
            self.import_files([path])

    def import_files(self, paths: list[str | Path], *, show_report: bool = True):
        """Import files or folders into the open project, with a progress dialog and a report."""
        if self.store is None:
            return None
        from annotator.core.importers import import_paths

        dialog = QProgressDialog("Importing…", "", 0, 0, self)
        dialog.setWindowTitle("Import")
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
            critical(self, "Import failed", str(exc))
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
            box = ReportDialog("Import report", self.report_text(report), self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.show_message(report.summary())
        return report

    @staticmethod
    def report_text(report) -> str:
        lines = [report.summary().capitalize() + ".", ""]
        if report.spans or report.relations:
            lines.append(f"{report.spans} spans and {report.relations} relations imported.")
        for title, items in (
            ("Imported", report.imported),
            ("Skipped as duplicates", report.duplicates),
            ("Failed", [str(f) for f in report.failures]),
            ("Warnings", report.warnings),
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
            "About annotator",
            f"annotator {__version__}\n\nAnnotate quotes, speakers, speech cues and named entities "
            "in Arabic news, and export training data.\n\nFonts: Noto Naskh Arabic and Noto Sans "
            "(SIL Open Font License).",
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
