"""Projects for the export tests: the sample article with hand-made quotes, speakers, cues,
entities, relations and attributes; a second small document; ANERcorp."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewDocument, NewRelation, NewSpan, Origin, Status
from annotator.core.store import Store
from tests.shared_data import ANERCORP, SAMPLE

__all__ = ["ANERCORP", "SAMPLE", "make_anercorp_project", "make_sample_project"]

SECOND_TEXT = "قال الوزير محمد علي: «سنواصل العمل» 👍 في القاهرة.\nوأضاف أن NTV نقلت الخبر."


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _at(text: str, needle: str, nth: int = 0, offset: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos + offset, pos + offset + len(needle)


def sample_documents() -> list[NewDocument]:
    text = sample_text()
    spans: list[NewSpan] = []

    def add(
        needle: str,
        label: str,
        key: str = "",
        nth: int = 0,
        attrs: dict | None = None,
        annotator: str = "ali",
        origin: Origin = Origin.MANUAL,
    ) -> None:
        s, e = _at(text, needle, nth)
        spans.append(NewSpan(s, e, label, attrs or {}, annotator, origin, key))

    add("كشفت", "CUE", "c0")
    add("مصادر في وزارة الدفاع التركية", "SPEAKER", "s0", attrs={"kind": "anonymous"})
    add("وزارة الدفاع التركية", "ORG", "o0")  # nested in the SPEAKER above
    add("أذربيجان", "GPE")
    add("تركيا", "GPE", origin=Origin.SUGGESTED)
    add("أكدت", "CUE", "c1")
    add("المصادر", "SPEAKER", "s1", nth=0, attrs={"kind": "anonymous"})
    add("أن الجهود مستمرة لإنشاء آلية لفض النزاعات", "QUOTE", "q1", attrs={"type": "indirect"})
    add("شددت", "CUE", "c2")
    add("مصادر وزارة الدفاع التركية", "SPEAKER", "s2", attrs={"kind": "anonymous"})
    add(
        '"القوات المسلحة التركية تجلب الاستقرار والسلام أينما ذهبت، ولا تشكل تهديدًا لأحد لا يشكل تهديدًا لها"',
        "QUOTE",
        "q2",
        attrs={"type": "direct"},
    )
    add("المتحدث باسم وزارة الدفاع التركية", "SPEAKER", "s3", attrs={"kind": "title"})
    add("وزارة الدفاع التركية", "ORG", "o3", nth=2)
    add("إسرائيل", "GPE", annotator="bea")
    relations = [
        NewRelation("ATTRIBUTED_TO", "q1", "s1", "ali"),
        NewRelation("CUE_OF", "c1", "q1", "ali"),
        NewRelation("ATTRIBUTED_TO", "q2", "s2", "ali"),
        NewRelation("CUE_OF", "c2", "q2", "ali"),
        NewRelation("SAME_AS", "s3", "o3", "ali"),
    ]
    first = NewDocument(
        name=SAMPLE.stem,
        text=text,
        meta={"date": "2025-04-28", "title": "مساعٍ لتهدئة التوتر في سوريا"},
        source=f"sample/{SAMPLE.name}",
        spans=spans,
        relations=relations,
        statuses={"ali": Status.DONE, "bea": Status.IN_PROGRESS},
    )
    t2 = SECOND_TEXT
    s2 = [
        NewSpan(*_at(t2, "قال"), "CUE", {}, "ali", Origin.MANUAL, "c"),
        NewSpan(*_at(t2, "الوزير محمد علي"), "SPEAKER", {"kind": "named"}, "ali", Origin.MANUAL, "s"),
        NewSpan(*_at(t2, "محمد علي"), "PERS", {}, "ali", Origin.MANUAL, ""),
        NewSpan(*_at(t2, "«سنواصل العمل»"), "QUOTE", {"type": "direct"}, "ali", Origin.MANUAL, "q"),
        NewSpan(*_at(t2, "قاهرة"), "GPE", {}, "ali", Origin.MANUAL, ""),  # inside a token: misaligned
        NewSpan(*_at(t2, "NTV"), "ORG", {}, "ali", Origin.IMPORTED, ""),
    ]
    second = NewDocument(
        name="تصريح الوزير",
        text=t2,
        meta={"title": "تصريح"},
        spans=s2,
        relations=[NewRelation("ATTRIBUTED_TO", "q", "s", "ali"), NewRelation("CUE_OF", "c", "q", "ali")],
        statuses={"ali": Status.DONE},
    )
    t3 = "خبر لم ينته بعد عن لبنان."
    third = NewDocument(
        name="unfinished",
        text=t3,
        statuses={"ali": Status.IN_PROGRESS},
        spans=[NewSpan(*_at(t3, "لبنان"), "GPE", {}, "ali", Origin.MANUAL)],
    )
    return [first, second, third]


def make_sample_project(path: Path) -> Store:
    store = Store.create(path)
    store.add_documents(sample_documents())
    return store


def make_anercorp_project(path: Path) -> Store:
    from annotator.core.importers import import_paths

    store = Store.create(path)
    report = import_paths(store, [ANERCORP], format="conll")
    assert report.ok, report.failures
    return store


def listing(folder: Path) -> list[str]:
    """Every file and folder under `folder`, temporaries included, as sorted relative paths."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
