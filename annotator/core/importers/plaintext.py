"""Plain text files: scraped news articles (a date line, a title, the body, page furniture).

The text is stored WHOLE (only BOM and line endings normalised): furniture such as
"مشاركة المقال:" is left for annotators to ignore, because cutting it would be a guess that
changes offsets for ever. Only metadata is derived: the date (ISO 8601) and the title.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.importers import ImportOptions, Parsed, read_text
from annotator.core.model import NewDocument, cap_title
from annotator.core.text import fold

__all__ = ["detect_date", "parse", "parse_text"]

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Month names as written in Egypt/Gulf, the Maghreb and the Levant/Iraq; folded (core.text.fold).
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "يناير جانفي كانون الثاني",
        "فبراير فيفري شباط",
        "مارس اذار",
        "ابريل افريل نيسان",
        "مايو ماي ايار",
        "يونيو يونيه جوان حزيران",
        "يوليو يوليه جويليه تموز",
        "اغسطس اوت اب",
        "سبتمبر ايلول",
        "اكتوبر تشرين الاول",
        "نوفمبر تشرين الثاني",
        "ديسمبر كانون الاول",
    ],
    1,
):
    _MONTHS.update(
        dict.fromkeys(_names.replace("كانون ", "كانون_").replace("تشرين ", "تشرين_").split(), _number)
    )
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)

_WORDS_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*[-/ ]?\s*(?P<month>(?:كانون|تشرين)\s+\S+|[^\W\d_]+)\.?\s*(?:/\s*[^\W\d_]+\s*)?[-/, ]?\s*(?P<year>\d{4})"
)
_NUM_DATE = re.compile(r"(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})")
_TIME = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?\s*(?P<ampm>AM|PM|am|pm|ص|م|صباحا|مساء|مساءا)?(?!\w)"
)
#: A date line is short; a body sentence that happens to hold a date is not one.
_MAX_DATE_LINE = 80


def _month(word: str) -> int | None:
    word = fold(word)[0].strip()
    word = re.sub(r"\s+", "_", word)
    if word in _MONTHS:
        return _MONTHS[word]
    return _MONTHS.get(word[:3]) if word.isascii() else None


def detect_date(line: str) -> str | None:
    """The ISO date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`) of a date line, or None if it is not one.

    Accepts "الإثنين, 28 أبريل 2025 09:59 PM", "3 كانون الثاني 2024", Arabic-Indic digits,
    "28/04/2025" and "2025-04-28"; 12-hour times with AM/PM or ص/م become 24-hour.
    """
    line = fold(line.strip().translate(_DIGITS))[0]  # without tashkeel and tatweel, so month names match
    if not line or len(line) > _MAX_DATE_LINE:
        return None
    year = month = day = None
    date_end = 0
    m = _WORDS_DATE.search(line)
    if m and (mo := _month(m.group("month"))):
        year, month, day = int(m.group("year")), mo, int(m.group("day"))
        date_end = m.end()
    else:
        n = _NUM_DATE.search(line)
        if n is None:
            return None
        a, b, c = n.group("a"), n.group("b"), n.group("c")
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif len(c) == 4:
            year, month, day = int(c), int(b), int(a)
        else:
            return None
        date_end = n.end()
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    t = _TIME.search(line, date_end)
    if t:
        hour, minute = int(t.group("h")), int(t.group("m"))
        ampm = (t.group("ampm") or "").lower()
        if ampm in ("pm", "م", "مساء", "مساءا") and hour < 12:
            hour += 12
        elif ampm in ("am", "ص", "صباحا") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            iso += f"T{hour:02d}:{minute:02d}"
    return iso


def _first_lines(text: str, n: int) -> list[str]:
    """The first `n` non-blank lines, stripped, found without splitting the whole text."""
    out: list[str] = []
    pos = 0
    while len(out) < n and pos < len(text):
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        line = text[pos:end].strip()
        if line:
            out.append(line)
        pos = end + 1
    return out


def parse_text(text: str, name: str, source_file: str, source: str) -> NewDocument:
    """One document from an article's text: meta date (if the first line is one) and title.

    A title longer than `MAX_TITLE` characters (a file of one long line) is cut at a word boundary
    with "…": it is a label for lists, and the whole line stays in the text.
    """
    meta: dict[str, str] = {}
    nonempty = [cap_title(line) for line in _first_lines(text, 2)]
    if nonempty:
        date = detect_date(nonempty[0])
        if date:
            meta["date"] = date
            if len(nonempty) > 1:
                meta["title"] = nonempty[1]
        else:
            meta["title"] = nonempty[0]
    meta["source_file"] = source_file
    return NewDocument(name=name, text=text, meta=meta, source=source)


def parse(path: Path, options: ImportOptions) -> Parsed:
    text = read_text(path, options.encoding)
    return [parse_text(text, path.stem, path.name, str(path))], []
