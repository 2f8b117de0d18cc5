"""Untrusted text (document text, titles, names, paths) shown by Qt widgets that guess rich text.

Labels and tables are set to plain text where they are made; tool tips and the static message
boxes have no such switch: they guess (Qt's rich-text test) and render anything that looks like HTML.
These two helpers are the one place where such text is made literal for them.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def tooltip(text: str) -> str:
    """A tool tip that shows `text` literally: escaped inside a paragraph that keeps its line breaks."""
    if not text:
        return ""
    body = "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def marked_tooltip(before: str, mark: str, after: str) -> str:
    """A tool tip of `before`, `mark` and `after` shown literally, `mark` in bold (a span in its sentence)."""
    body = "".join(
        html.escape(part, quote=False).replace("\n", "<br>")
        if i != 1
        else f"<b>{html.escape(part, quote=False)}</b>"
        for i, part in enumerate((before, mark, after))
    )
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def message(text: str) -> str:
    """Message-box text shown literally even when it looks like HTML (a path such as `<b>.db`)."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text  # safe: escapes, never renders
