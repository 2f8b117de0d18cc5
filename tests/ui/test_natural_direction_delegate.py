"""Each cell's text in its own direction: a Latin document name in the Arabic interface reads as
written and is cut at its end, an Arabic title in the English interface too; the column keeps its
alignment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from annotator.core.model import NewDocument
from annotator.core.store import Store
from annotator.core.text import dominant_direction, first_strong
from annotator.ui.document_list import DocumentList
from annotator.ui.natural_direction_delegate import NaturalDirectionDelegate
from tests.ui.readerutil import same_pixels

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
_V = Qt.AlignmentFlag.AlignVCenter
_ABS = Qt.AlignmentFlag.AlignAbsolute
LATIN_NAME = "2025-04-28-turkey-israel-azerbaijan-talks-in-baku"
ARABIC_TITLE = "محادثات 2025 في باكو (CNN) حول خفض التصعيد في سوريا"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, qapp) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def _view(
    qtbot, direction: Qt.LayoutDirection, texts: list[str], delegate: QStyledItemDelegate | None, align=None
):
    """A one-column table showing `texts`, 160 px wide (long ones are elided), no grid or headers."""
    model = QStandardItemModel(len(texts), 1)
    for row, text in enumerate(texts):
        item = QStandardItem(text)
        if align is not None:
            item.setData(int(align.value), Qt.ItemDataRole.TextAlignmentRole)
        model.setItem(row, 0, item)
    view = QTableView()
    view.setLayoutDirection(direction)
    view.setModel(model)
    if delegate is not None:
        view.setItemDelegate(delegate)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setColumnWidth(0, 160)
    view.resize(200, 120)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _cell(view: QTableView, row: int) -> QImage:
    return view.viewport().grab(view.visualRect(view.model().index(row, 0))).toImage()


def test_dominant_direction() -> None:
    assert dominant_direction("(CNN)-- شهد فريق CNN دخول القافلة إلى المدينة") == "R"
    assert dominant_direction("2025-04-28-turkey-israel") == "L"
    assert dominant_direction("BBC عربي") == "R"  # four letters to three
    assert dominant_direction("AB أب") == "L"  # a tie: the first strong character's direction
    assert dominant_direction("١٢ - 12") is None


def test_first_strong() -> None:
    assert first_strong("2025-04-28-turkey") == "L"
    assert first_strong("(2025) محادثات") == "R"
    assert first_strong("٢٠٢٥ - 12") is None  # digits and punctuation only
    assert first_strong("") is None


@pytest.mark.parametrize("text", [LATIN_NAME, "1mb-1000", "doc (2)"])
def test_latin_text_in_a_right_to_left_table_reads_left_to_right_on_the_right(qtbot, text: str) -> None:
    """What the cell shows is what a left-to-right table shows right-aligned: the date before the
    words, cut at the text's end; for the long dated name the plain delegate's cell differs (the
    bug this fixes: "…tur-2025-04-28"); the short ones happen to read the same either way."""
    ours = _view(qtbot, RTL, [text], NaturalDirectionDelegate())
    reference = _view(qtbot, LTR, [text], None, align=Qt.AlignmentFlag.AlignRight | _V)
    plain = _view(qtbot, RTL, [text], None)
    assert same_pixels(_cell(ours, 0), _cell(reference, 0))
    if text == LATIN_NAME:
        assert not same_pixels(_cell(plain, 0), _cell(reference, 0))


def test_an_arabic_title_opening_with_a_latin_tag_reads_right_to_left(qtbot) -> None:
    title = "(CNN)-- شهد فريق CNN دخول القافلة إلى المدينة"
    ours = _view(qtbot, RTL, [title], NaturalDirectionDelegate())
    plain = _view(qtbot, RTL, [title], None)
    opt = QStyleOptionViewItem()
    opt.initFrom(ours)
    ours.itemDelegate().initStyleOption(opt, ours.model().index(0, 0))
    assert opt.direction == RTL  # left as the view lays it out: right to left
    assert same_pixels(_cell(ours, 0), _cell(plain, 0))


def test_arabic_text_in_a_left_to_right_table_reads_right_to_left_on_the_left(qtbot) -> None:
    ours = _view(qtbot, LTR, [ARABIC_TITLE], NaturalDirectionDelegate())
    reference = _view(qtbot, RTL, [ARABIC_TITLE], None, align=Qt.AlignmentFlag.AlignLeft | _ABS | _V)
    plain = _view(qtbot, LTR, [ARABIC_TITLE], None)
    assert same_pixels(_cell(ours, 0), _cell(reference, 0))
    assert not same_pixels(_cell(plain, 0), _cell(reference, 0))


def test_text_of_the_views_direction_and_numbers_are_left_as_qt_draws_them(qtbot) -> None:
    texts = ["محادثات تركية", "12", ""]
    ours = _view(qtbot, RTL, texts, NaturalDirectionDelegate())
    plain = _view(qtbot, RTL, texts, None)
    for row in range(len(texts)):
        assert same_pixels(_cell(ours, row), _cell(plain, row))


def test_the_document_list_lays_a_latin_name_out_left_to_right_in_the_arabic_interface(
    qtbot, tmp_path
) -> None:
    store = Store.create(tmp_path / "p.annotator.db")
    store.add_documents(
        [
            NewDocument(
                LATIN_NAME, "قال الوزير إن المحادثات مستمرة.", {"title": "Turkey and Israel hold talks"}
            ),
            NewDocument("مقال-عن-باكو", "قال الوزير إن الجولة مستمرة.", {"title": ARABIC_TITLE}),
        ]
    )
    doc_list = DocumentList(store, "mona")
    doc_list.setLayoutDirection(RTL)
    qtbot.addWidget(doc_list)
    doc_list.show()
    qtbot.waitExposed(doc_list)
    view = doc_list.view
    model = view.model()
    by_text = {}
    for row in range(model.rowCount()):
        for col in (0, 1):
            index = model.index(row, col)
            opt = QStyleOptionViewItem()
            opt.initFrom(view)
            view.itemDelegateForIndex(index).initStyleOption(opt, index)
            by_text[opt.text] = opt
    for latin in (LATIN_NAME, "Turkey and Israel hold talks"):
        assert by_text[latin].direction == LTR
        assert by_text[latin].displayAlignment & Qt.AlignmentFlag.AlignRight  # the column's side kept
        assert by_text[latin].displayAlignment & _ABS
    for arabic in ("مقال-عن-باكو", ARABIC_TITLE):
        assert by_text[arabic].direction == RTL
    store.close()
