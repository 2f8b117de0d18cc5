"""Small Arabic news-like documents with entity spans, for training tests that run in seconds.

Sentences come from templates filled with names, seeded, so every test gets the same documents.
Each span is placed by its own offsets as the text is built, so `text[start:end]` is its surface.
"""

from __future__ import annotations

import random

from annotator.core.model import NewDocument, NewSpan, Origin, Status
from annotator.core.store import Store

FIRST = ["محمد", "أحمد", "سارة", "خالد", "ليلى", "رجب", "جون", "فاطمة", "عمر", "هدى", "سامي", "ريم", "يوسف"]
LAST = ["علي", "حسن", "يوسف", "عمر", "منصور", "أردوغان", "كيري", "الخطيب", "درويش", "حداد", "سالم", "نصار"]
#: every first name with every last name: the model must learn names from their context, not by heart
PERSONS = [f"{a} {b}" for a in FIRST for b in LAST if a != b]
PLACES = ["القاهرة", "أنقرة", "باريس", "بغداد", "تونس", "دمشق", "عمان"]
ORGS = ["الأمم المتحدة", "حلف الناتو", "البنك الدولي", "جامعة الدول العربية"]
FILLER = ["اليوم", "أمس", "في بيان", "خلال مؤتمر صحفي", "بعد اجتماع طويل"]

# (template, slots): {P} person, {G} place, {O} organisation, {F} filler (not an entity)
TEMPLATES = [
    "قال الرئيس {P} في {G} {F} إن المفاوضات مستمرة .",
    "وأكد وزير الخارجية {P} أن {O} ستعقد اجتماعا في {G} .",
    "وصل {P} إلى {G} {F} للقاء ممثلي {O} .",
    "أعلنت {O} {F} أن الوضع في {G} يتحسن .",
    "وأشار {P} إلى أن {O} تدعم جهود {G} .",
]


def make_document(rng: random.Random, n_sentences: int = 6) -> tuple[str, list[tuple[int, int, str]]]:
    """One document's text and its entity spans (start, end, label)."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    for k in range(n_sentences):
        template = rng.choice(TEMPLATES)
        if k:
            text += "\n"
        pos = 0
        while pos < len(template):
            brace = template.find("{", pos)
            if brace == -1:
                text += template[pos:]
                break
            text += template[pos:brace]
            slot = template[brace + 1]
            value = {"P": PERSONS, "G": PLACES, "O": ORGS, "F": FILLER}[slot]
            word = rng.choice(value)
            if slot != "F":
                label = {"P": "PERS", "G": "GPE", "O": "ORG"}[slot]
                spans.append((len(text), len(text) + len(word), label))
            text += word
            pos = brace + 3
    return text, spans


def fill_project(
    store: Store,
    n_docs: int = 12,
    seed: int = 7,
    annotator: str = "layla",
    status: Status | None = Status.DONE,
    origin: Origin = Origin.MANUAL,
) -> list[int]:
    """Add `n_docs` documents annotated by `annotator` (marked `status`); returns their ids."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        text, spans = make_document(rng)
        docs.append(
            NewDocument(
                name=f"doc{seed}-{i}",
                text=text,
                spans=[NewSpan(s, e, lab, annotator=annotator, origin=origin) for s, e, lab in spans],
                statuses={annotator: status} if status else {},
            )
        )
    return store.add_documents(docs).ids
