"""The side panel's context column shows a span amid its words as the text has them: a proclitic
glued to the span («و» + «قال») and a comma glued to the word before it stay glued, one space stands
where the text has white space."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont

from annotator.ui.context_delegate import ContextDelegate
from annotator.ui.side_panel import context_of

TEXT = "وقال الوزير أوربان، الساعة العاشرة صباحا:  إن المحادثات مستمرة.\nوتابع أن الوفود ستلتقي."


@pytest.mark.parametrize(
    ("surface", "before", "after"),
    [
        ("قال", "و", " الوزير أوربان، الساعة العاشرة صباحا:  إن المحادثات مستمرة."),
        ("أوربان", "وقال الوزير ", "، الساعة العاشرة صباحا:  إن المحادثات مستمرة."),
        ("تابع", "و", " أن الوفود ستلتقي."),
    ],
)
def test_context_keeps_the_texts_own_spacing_at_the_span(surface: str, before: str, after: str) -> None:
    i = TEXT.index(surface)
    got = context_of(TEXT, i, i + len(surface))
    assert got == (before, surface, after)


def test_the_laid_out_line_reads_as_the_text(qapp) -> None:
    i = TEXT.index("أوربان")
    pieces = context_of(TEXT, i, i + len("أوربان"))
    layout, _ = ContextDelegate()._lay_out(pieces, 4000, QFont(), QColor("black"), QColor("gray"))
    assert layout.text() == "".join(pieces) == TEXT[: TEXT.index("\n")]
    j = TEXT.index("تابع")
    layout, _ = ContextDelegate()._lay_out(
        context_of(TEXT, j, j + 4), 4000, QFont(), QColor("black"), QColor("gray")
    )
    assert layout.text().startswith("وتابع أن")  # not «و تابع»
