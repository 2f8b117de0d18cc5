"""Chart data: progress per annotator and status, real spans per label, agreement per label."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.agreement import measure
from annotator.core.charts import agreement_chart, dashboard, label_chart, progress_chart
from annotator.core.model import NewDocument, Origin, Status
from annotator.core.store import Store

TEXT = "قال الوزير محمد علي إن الحكومة المصرية ستعقد اجتماعا في القاهرة غدا"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.create(tmp_path / "c.annotator.db")
    ids = s.add_documents([NewDocument(f"d{i}", TEXT + " " * i) for i in range(4)]).ids
    for who in ("ليلى", "omar"):
        s.add_span(ids[0], 11, 19, "PERS", who)
        s.set_status(ids[0], who, Status.DONE)
    s.add_span(ids[0], 56, 63, "GPE", "ليلى")
    s.add_span(ids[0], 56, 63, "LOC", "omar")
    s.add_span(ids[1], 56, 63, "GPE", "omar", origin=Origin.SUGGESTED)  # not work done
    s.set_status(ids[1], "omar", Status.IN_PROGRESS)
    yield s
    s.close()


def test_progress_counts_documents_per_status(store: Store) -> None:
    chart = progress_chart(store)
    assert chart.categories == ("omar", "ليلى")  # names as stored: Qt shapes them when drawing
    values = {s.name: s.values for s in chart.series}
    assert values == {
        "new": (2.0, 3.0),
        "in progress": (1.0, 0.0),
        "done": (1.0, 1.0),
        "adjudicated": (0.0, 0.0),
    }
    assert chart.stacked


def test_label_counts_leave_suggestions_out(store: Store) -> None:
    values = {s.name: s.values for s in label_chart(store).series}
    assert values == {"PERS": (1.0, 1.0), "GPE": (0.0, 1.0), "LOC": (1.0, 0.0)}


def test_agreement_chart_per_label(store: Store) -> None:
    report = measure(store)
    chart = agreement_chart(report)
    assert chart.categories == ("PERS", "GPE", "LOC", "all labels") and chart.maximum == 1.0
    overlap = dict(zip(chart.categories, chart.series[0].values, strict=True))
    assert overlap["PERS"] == 1.0 and overlap["GPE"] == 0.0 and overlap["all labels"] == pytest.approx(0.5)
    assert [c.title.split(":")[0] for c in dashboard(store)][0] == "Progress"
