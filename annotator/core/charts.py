"""What the review charts show, as plain data (drawn by `annotator.ui.chart_image`, in the window
and for `annotator stats --plot`).

Three charts a project lead looks at:
- **progress**: per annotator, how many documents are new, in progress, done, adjudicated;
- **labels**: per annotator, how many real spans of each label (suggestions are not work done);
- **agreement**: per label, span F1 (overlap and exact, mean over pairs) and Krippendorff's alpha
  on tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.agreement import ADJUDICATED, ALL, AgreementReport
from annotator.core.model import Status
from annotator.core.store import Store

__all__ = ["BarChart", "Series", "agreement_chart", "dashboard", "label_chart", "progress_chart"]

STATUS_COLOURS = {
    Status.NEW: "#b0b7c3",
    Status.IN_PROGRESS: "#f2a93b",
    Status.DONE: "#3a9d5d",
    Status.ADJUDICATED: "#3b6fd4",
}
STATUS_NAMES = {
    Status.NEW: "new",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
    Status.ADJUDICATED: "adjudicated",
}


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str  # #rrggbb
    values: tuple[float | None, ...]  # one per category; None: no figure (drawn as "n/a")


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars: one group per category, one bar (or stacked segment) per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    maximum: float | None = None  # the axis end (1.0 for agreement); None: from the data
    decimals: int = 0
    empty_text: str = "nothing to show yet"
    #: `title` as a template and its values, so that the window can show it in another language.
    title_template: str = ""
    title_values: tuple[tuple[str, int], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values if v)


def progress_chart(store: Store) -> BarChart:
    """Documents per status for every annotator (and the adjudicated layer, when there is one)."""
    total = store.count_documents()
    counts: dict[str, dict[Status, int]] = {}
    for doc_states in store.all_statuses().values():
        for annotator, status in doc_states.items():
            counts.setdefault(annotator, {}).setdefault(status, 0)
            counts[annotator][status] += 1
    for annotator in store.annotators():
        counts.setdefault(annotator, {})
    names = sorted(counts, key=lambda a: (a == ADJUDICATED, a))
    series = []
    for status in Status:
        if status == Status.NEW:
            values = tuple(
                float(total - sum(v for s, v in counts[a].items() if s != Status.NEW)) for a in names
            )
        else:
            values = tuple(float(counts[a].get(status, 0)) for a in names)
        series.append(Series(STATUS_NAMES[status], STATUS_COLOURS[status], values))
    template = "Progress: documents per status ({total} documents)"
    return BarChart(
        template.format(total=total),
        tuple(names),
        tuple(series),
        stacked=True,
        empty_text="no annotator has started yet",
        title_template=template,
        title_values=(("total", total),),
    )


def label_chart(store: Store) -> BarChart:
    """Real spans (suggestions left out) per label for every annotator, stacked."""
    counts = store.span_counts()
    names = sorted(counts, key=lambda a: (a == ADJUDICATED, a))
    labels = [lab for lab in store.schema.labels if any(counts[a].get(lab.name) for a in names)]
    series = tuple(
        Series(lab.name, lab.colour, tuple(float(counts[a].get(lab.name, 0)) for a in names))
        for lab in labels
    )
    return BarChart(
        "Spans per annotator and label", tuple(names), series, stacked=True, empty_text="no spans yet"
    )


def agreement_chart(report: AgreementReport, colours: dict[str, str] | None = None) -> BarChart:
    """Per label (and overall): span F1 by overlap and exact (mean over pairs), token alpha."""
    keys = [*report.labels, ALL] if report.labels else []
    template = "Agreement per label ({annotators} annotators, {documents} documents)"
    values = (("annotators", len(report.annotators)), ("documents", report.documents))
    return BarChart(
        template.format(**dict(values)),
        tuple("all labels" if k == ALL else k for k in keys),
        (
            Series("span F1, overlap", "#3b6fd4", tuple(report.mean_f1(k) for k in keys)),
            Series("span F1, exact", "#8fb1ee", tuple(report.mean_f1(k, exact=True) for k in keys)),
            Series("Krippendorff's alpha, tokens", "#d9822b", tuple(report.alpha.get(k) for k in keys)),
        ),
        maximum=1.0,
        decimals=3,
        empty_text="no document has two annotators yet",
        title_template=template,
        title_values=values,
    )


def dashboard(store: Store, report: AgreementReport | None = None) -> list[BarChart]:
    """The three charts, agreement measured with default filters unless a report is given."""
    if report is None:
        from annotator.core.agreement import measure

        report = measure(store)
    return [progress_chart(store), label_chart(store), agreement_chart(report)]
