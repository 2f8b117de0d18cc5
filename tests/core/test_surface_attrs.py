"""The attributes of earlier spans with the same words, kept span by span, answer as a full scan."""

from __future__ import annotations

import random

from annotator.core.attribution import SurfaceAttrs
from annotator.core.clitics import light
from annotator.core.model import Origin, Span

TEXT = "قال المتحدث إن الوزير، وقال المتحدثُ إن «الوزير» وأكد المتحدث باسم الوزارة أن الوزير قال"


def scan(spans: list[Span], label: str, surface: str) -> list[dict[str, str]]:
    """What the window did before: every span read on every label key."""
    want, n = light(surface), len(surface)
    return [
        s.attrs
        for s in sorted(spans, key=lambda s: (s.start, -s.end, s.id))
        if s.label == label
        and s.attrs
        and s.origin != Origin.SUGGESTED
        and abs(s.end - s.start - n) <= 4
        and light(TEXT[s.start : s.end]) == want
    ]


def test_kept_up_to_date_it_answers_as_a_scan() -> None:
    rng = random.Random(5)
    words = [
        (i, TEXT.index(" ", i) if " " in TEXT[i:] else len(TEXT))
        for i in range(len(TEXT))
        if i == 0 or TEXT[i - 1] == " "
    ]
    spans: dict[int, Span] = {}
    index = SurfaceAttrs(TEXT)
    for sid in range(1, 300):
        if spans and rng.random() < 0.3:
            gone = spans.pop(rng.choice(sorted(spans)))
            index.remove(gone)
        else:
            a, b = rng.choice(words)
            label = rng.choice(["SPEAKER", "QUOTE"])
            attrs = rng.choice([{}, {"kind": "named"}, {"kind": "title"}, {"type": "direct"}])
            origin = rng.choice([Origin.MANUAL, Origin.MANUAL, Origin.SUGGESTED])
            span = Span(sid, 1, a, b, label, "mona", origin, attrs)
            spans[sid] = span
            index.add(span)
        for a, b in words:
            for label in ("SPEAKER", "QUOTE"):
                assert index.attrs(label, TEXT[a:b]) == scan(list(spans.values()), label, TEXT[a:b])
    rebuilt = SurfaceAttrs(TEXT, spans.values())
    assert all(
        rebuilt.attrs(label, TEXT[a:b]) == index.attrs(label, TEXT[a:b])
        for a, b in words
        for label in ("SPEAKER", "QUOTE")
    )
    assert any(index.attrs("SPEAKER", TEXT[a:b]) for a, b in words)  # the test saw some answers
