"""Label Studio's JSON export (a list of tasks) and its JSON-MIN variant.

A task is `{"id", "data": {"text", ...}, "annotations": [{"result": [...], "completed_by",
"was_cancelled", ...}], "predictions": [...], "meta"}`. In `result`:
- `labels` items (`value: {start, end, text, labels}`) are spans (one per label when a region has
  several), keyed by the item's `id`;
- `choices` and `textarea` items with the `id` of a region are that region's attributes
  (per-region controls): `attrs[from_name]` is the choice (several joined with `,`) or the text;
  without a region they describe the document and are kept in `meta` (by `from_name`);
- `relation` items (`from_id`, `to_id`, `direction`, `labels`) link regions: `left` reverses the
  direction, an unlabelled relation has the type `relation` (map it with `--map relation=TYPE`).
Each submitted annotation is one annotator's layer (status done): the name is the annotation's
`created_username` (without Label Studio's `, id` suffix), else `completed_by`'s email, else
`--annotator` (with `-userN` added when several numeric users annotated). Cancelled (skipped)
annotations and `predictions` (model output) are counted, not imported. Offsets are checked
against each region's `text`: Label Studio versions before 1.6 counted UTF-16 units (an emoji is
two), later ones code points; either is accepted when the text confirms it.

JSON-MIN (`[{"text", "label": [{"start", "end", "text", "labels"}], "annotator", ...}]`) has no
relations; its other keys go to `meta`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, as_int, counted_warnings
from annotator.core.importers.jsonl import LineError, records
from annotator.core.model import NewDocument, Status
from annotator.core.text import OffsetMap

__all__ = ["parse"]

_MIN_KNOWN = {"text", "label", "id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time"}


def _text_of(data: dict[str, Any]) -> tuple[str, Any]:
    """The key and value of the task's text: `text`, else its only (or longest) string."""
    if "text" in data:
        return "text", data["text"]
    strings = [(k, v) for k, v in data.items() if isinstance(v, str)]
    if not strings:
        raise LineError('the task\'s "data" holds no text')
    return max(strings, key=lambda kv: len(kv[1]))


class _Offsets:
    """Region offsets to code points: as written, or from UTF-16 units when the region text says so."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.map: OffsetMap | None = None

    def __call__(self, value: dict[str, Any], what: str) -> tuple[int, int]:
        if "globalOffsets" in value and isinstance(value["globalOffsets"], dict):
            value = value["globalOffsets"]
        start, end = as_int(value.get("start"), f"{what} start"), as_int(value.get("end"), f"{what} end")
        surface = value.get("text")
        if isinstance(surface, str) and self.raw[start:end] != surface:
            if self.map is None:
                self.map = OffsetMap(self.raw)
            if not self.map.identity and end <= self.map.utf16_length:
                s2, e2 = self.map.to_cp(start), self.map.to_cp(end)
                if self.raw[s2:e2] == surface:
                    return s2, e2
            raise LineError(
                f"{what}: text {surface!r} does not match the text at [{start}, {end}): {self.raw[start:end]!r}"
            )
        return start, end


def _annotator_name(ann: dict[str, Any], options: ImportOptions, numeric_users: set[Any]) -> str:
    username = ann.get("created_username")
    if isinstance(username, str) and username.strip():
        name = username.rsplit(",", 1)[0].strip() if "," in username else username.strip()
        if name:
            return name
    who = ann.get("completed_by")
    if isinstance(who, dict):
        email = who.get("email") or who.get("username")
        if isinstance(email, str) and email.strip():
            return email.strip()
        who = who.get("id")
    if who is not None and len(numeric_users) > 1:
        return f"{options.annotator}-user{who}"
    return options.annotator


def _task(
    obj: Any, options: ImportOptions, source: str, counts: Counter[str], numeric_users: set[Any]
) -> NewDocument:
    if not isinstance(obj, dict):
        raise LineError(f"expected a task object, got {type(obj).__name__}")
    data = obj.get("data")
    if not isinstance(data, dict):
        raise LineError('a task needs a "data" object')
    text_key, raw = _text_of(data)
    b = DocBuilder(raw, options)
    offsets = _Offsets(b.raw)
    meta: dict[str, Any] = {k: v for k, v in data.items() if k != text_key}
    if isinstance(obj.get("meta"), dict):
        for k, v in obj["meta"].items():
            meta.setdefault(k, v)
    annotations = obj.get("annotations", obj.get("completions")) or []
    if not isinstance(annotations, list):
        raise LineError('"annotations" must be a list')
    counts["predictions"] += len(obj.get("predictions") or [])
    statuses: dict[str, Status] = {}
    for a, ann in enumerate(annotations, 1):
        if not isinstance(ann, dict):
            raise LineError(f"annotation {a} is not an object")
        if ann.get("was_cancelled"):
            counts["cancelled"] += 1
            continue
        who = _annotator_name(ann, options, numeric_users)
        status = ann.get("annotator_status", Status.DONE.value)
        status = Status(status) if status in {s.value for s in Status} else Status.DONE
        if status != Status.NEW:
            statuses[who] = status
        result = ann.get("result") or []
        if not isinstance(result, list):
            raise LineError(f'annotation {a}: "result" must be a list')
        regions: dict[str, list[Any]] = {}
        for i, item in enumerate(result):
            if not isinstance(item, dict):
                raise LineError(f"annotation {a} result {i} is not an object")
            value = item.get("value") if isinstance(item.get("value"), dict) else {}
            if item.get("type") in ("labels", "hypertextlabels", "paragraphlabels") or (
                item.get("type") is None and "labels" in value
            ):
                what = f"annotation {a} region {item.get('id', i)}"
                start, end = offsets(value, what)
                labels = value.get("labels") or value.get(item.get("type") or "labels") or []
                if isinstance(labels, str):
                    labels = [labels]
                if not labels:
                    raise LineError(f"{what}: a region without a label")
                rid = str(item.get("id", f"#{a}.{i}"))
                spans = regions.setdefault(rid, [])
                for label in labels:
                    spans.append(b.span(start, end, label, what=what, annotator=who))
                if len(labels) > 1:
                    counts["multi_label"] += 1
        for i, item in enumerate(result):
            kind = item.get("type")
            value = item.get("value") if isinstance(item.get("value"), dict) else {}
            rid = str(item.get("id", ""))
            name = str(item.get("from_name") or kind)
            if kind in ("choices", "textarea", "taxonomy", "rating", "number"):
                field = value.get(kind, value.get("text"))
                if isinstance(field, list):
                    field = ("\n" if kind == "textarea" else ",").join(
                        "/".join(x) if isinstance(x, list) else str(x) for x in field
                    )
                if rid in regions:
                    for sp in regions[rid]:
                        sp.attrs[name] = str(field)
                else:
                    meta[name] = field
                    counts["document_fields"] += 1
            elif kind == "relation":
                what = f"annotation {a} relation {i}"
                src, dst = str(item.get("from_id")), str(item.get("to_id"))
                if src not in regions or dst not in regions:
                    raise LineError(f"{what}: names a region that is not in the annotation")
                if item.get("direction") == "left":
                    src, dst = dst, src
                if item.get("direction") == "bi":
                    counts["bidirectional"] += 1
                labels = item.get("labels") or ["relation"]
                for rtype in labels:
                    b.relation(rtype, regions[src][0], regions[dst][0], what)
            elif kind not in ("labels", "hypertextlabels", "paragraphlabels", None):
                counts["other_results"] += 1
    name = meta.pop("name", None) or (f"task-{obj['id']}" if "id" in obj else None)
    return b.document(name or f"{Path(source).stem}-task", meta, source, statuses=statuses)


def _json_min(obj: dict[str, Any], options: ImportOptions, source: str, default_name: str) -> NewDocument:
    b = DocBuilder(obj.get("text"), options)
    offsets = _Offsets(b.raw)
    for i, region in enumerate(obj.get("label") or []):
        what = f"label {i}"
        if not isinstance(region, dict):
            raise LineError(f"{what} is not an object")
        start, end = offsets(region, what)
        for label in region.get("labels") or []:
            b.span(start, end, label, what=what)
    meta = {k: v for k, v in obj.items() if k not in _MIN_KNOWN}
    name = meta.pop("name", None) or (f"task-{obj['id']}" if "id" in obj else default_name)
    return b.document(name, meta, source, statuses={options.annotator: Status.DONE})


def parse(path: Path, options: ImportOptions) -> Parsed:
    items = list(records(path, options))
    numeric_users = {
        ann.get("completed_by")
        for _, obj in items
        if isinstance(obj, dict)
        for ann in (obj.get("annotations") or [])
        if isinstance(ann, dict) and isinstance(ann.get("completed_by"), (int, str))
    }
    docs: list[NewDocument] = []
    counts: Counter[str] = Counter()
    for number, obj in items:
        try:
            if isinstance(obj, dict) and "data" not in obj and isinstance(obj.get("label"), list):
                docs.append(_json_min(obj, options, str(path), f"{path.stem}-{number}"))
            else:
                docs.append(_task(obj, options, str(path), counts, numeric_users))
        except LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
    if not docs:
        raise ImportFailure(path, None, "no tasks in the file")
    return docs, counted_warnings(
        counts,
        {
            "predictions": "{n} {n:prediction|predictions} (model output) not imported: only annotations are",
            "cancelled": "{n} cancelled (skipped) {n:annotation|annotations} not imported",
            "multi_label": "{n} {n:region carries|regions carry} several labels: imported as one span per label",
            "bidirectional": "{n} bidirectional {n:relation|relations} imported in {n:its|their} from -> to direction",
            "document_fields": "{n} document-level {n:choice or text|choices or texts} kept in meta",
            "other_results": "{n} {n:result|results} of other kinds (ratings of the task, shapes) not imported",
        },
    )
