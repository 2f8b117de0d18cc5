"""Label Studio's JSON export (a list of tasks) and its JSON-MIN variant.

A task is `{"id", "data": {"text", ...}, "annotations": [{"result": [...], "completed_by",
"was_cancelled", ...}], "predictions": [...], "meta"}`. In `result`:
- `labels` items (`value: {start, end, text, labels}`) are spans (one per label when a region has
  several), keyed by the item's `id`;
- `choices` and `textarea` items with the `id` of a region are that region's attributes
  (per-region controls): `attrs[from_name]` is the choice (several joined with `,`) or the text;
  without a region they describe the document and are kept in `meta` (by `from_name`);
- `relation` items (`from_id`, `to_id`, `direction`, `labels`) link regions: `left` reverses the
  direction, an unlabelled relation has the type `relation` (map it with `--map relation=TYPE`);
- a region's meta (`"meta": {"text": ["..."]}`, what an annotator typed in the region's info panel)
  is its spans' `note` attribute, as a brat note is.
Each submitted annotation is one annotator's layer (status done): the name is the annotation's
`created_username` (without Label Studio's `, id` suffix), else `completed_by`'s email, else
`--annotator` (with `-userN` added when several numeric users annotated). Cancelled (skipped)
annotations, `drafts` (saved, never submitted) and `predictions` (model output) are counted, not
imported. Offsets are checked against each region's `text`: Label Studio versions before 1.6
counted UTF-16 units (an emoji is two), later ones code points; either is accepted when the text
confirms it. Tasks that are not text (an image, audio or video file, a text loaded by URL) and
HyperText regions (offsets into a page's visible text, not its HTML) are refused with the reason.

JSON-MIN (`[{"text", "label": [{"start", "end", "text", "labels"}], "annotator", ...}]`) has no
relations: each record is one annotation of a task, its data keys (the text under `text` or the
task's own key) and each control's output under the control's name (`label`, `ner`, ...): regions
with labels, per-region choices (attributes of the region at the same offsets), task-level choices
(kept in `meta`). `annotator` (an e-mail, or a user id) names the layer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, add_note, as_int, counted_warnings
from annotator.core.importers.jsonl import LineError, records
from annotator.core.model import NewDocument, Status
from annotator.core.text import OffsetMap

__all__ = ["parse"]

#: The keys JSON-MIN adds to a task's data besides the controls' outputs.
_MIN_KNOWN = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"}


#: A task value that names a file rather than holding text: an upload, a local file, a URL (an
#: image, audio or video task, or a text loaded by URL), which Label Studio's own export keeps as is.
_FILE_REFERENCE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|/data/(?:upload|local-files)/)\S*$", re.I)


def _text_of(data: dict[str, Any]) -> tuple[str, Any]:
    """The key and value of the task's text: `text`, else its only (or longest) string that is not a
    file reference. A task whose text is a file reference (an image, audio or video task, or text
    loaded by URL) is refused: importing the reference as the text would lose every region."""
    strings = [(k, v) for k, v in data.items() if isinstance(v, str)]
    if "text" in data:
        key, value = "text", data["text"]
    else:
        texts = [(k, v) for k, v in strings if not _FILE_REFERENCE.match(v.strip())]
        if not texts:
            if strings:
                k, v = strings[0]
                raise LineError(
                    f'the task\'s "data" holds no text: data.{k} is a file reference ({v[:80]!r}), '
                    "an image, audio or video task or a text loaded by URL (only text tasks can be imported)"
                )
            raise LineError('the task\'s "data" holds no text')
        key, value = max(texts, key=lambda kv: len(kv[1]))
    if isinstance(value, str) and _FILE_REFERENCE.match(value.strip()):
        raise LineError(
            f"the task's text (data.{key}) is a file reference ({value[:80]!r}), not the text: "
            "export the task with its text, or import the file itself"
        )
    return key, value


#: A HyperText region's start: an XPath into the page (`/div[1]/p[2]/text()[1]`).
_XPATH = re.compile(r"^/\w")
_MARKUP = re.compile(r"<[A-Za-z][^>]*>")
_HTML_HINT = (
    "a HyperText region: its offsets count the page's visible text, not the HTML in the task, "
    "so they cannot be placed; label the text as plain text (a <Text> tag) to import it"
)


class _Offsets:
    """Region offsets to code points: as written, or from UTF-16 units when the region text says so."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.map: OffsetMap | None = None

    def __call__(self, value: dict[str, Any], what: str) -> tuple[int, int]:
        surface = value.get("text")  # the region's text, checked whatever offsets are used
        if "globalOffsets" in value and isinstance(value["globalOffsets"], dict):
            value = value["globalOffsets"]
        if _XPATH.match(str(value.get("start", ""))):
            raise LineError(f"{what}: {_HTML_HINT}")
        start, end = as_int(value.get("start"), f"{what} start"), as_int(value.get("end"), f"{what} end")
        if isinstance(surface, str) and self.raw[start:end] != surface:
            if self.map is None:
                self.map = OffsetMap(self.raw)
            if not self.map.identity and end <= self.map.utf16_length:
                s2, e2 = self.map.to_cp(start), self.map.to_cp(end)
                if self.raw[s2:e2] == surface:
                    return s2, e2
            hint = f" ({_HTML_HINT})" if _MARKUP.search(self.raw) else ""
            raise LineError(
                f"{what}: text {surface!r} does not match the text at [{start}, {end}): "
                f"{self.raw[start:end]!r}{hint}"
            )
        return start, end


def _region_note(meta: Any) -> str | None:
    """The text an annotator wrote in a region's meta (`"meta": {"text": ["..."]}`), or None."""
    if not isinstance(meta, dict):
        return None
    text = meta.get("text")
    if isinstance(text, list):
        text = "\n".join(str(t) for t in text if str(t).strip())
    return text if isinstance(text, str) and text.strip() else None


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
    drafts = obj.get("drafts")
    counts["drafts"] += len(drafts) if isinstance(drafts, list) else 0
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
        noted: set[tuple[str, str]] = set()  # a region's items (labels, choices) repeat its meta
        for item in result:
            rid = str(item.get("id", ""))
            note = _region_note(item.get("meta"))
            if note and rid in regions:
                if (rid, note) not in noted:
                    noted.add((rid, note))
                    for sp in regions[rid]:
                        add_note(sp, note)
            elif note:
                counts["meta_other"] += 1
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


def min_regions(value: Any) -> bool:
    """Whether a JSON-MIN value is a control's regions: a list of objects with offsets."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(r, dict) and "start" in r and "end" in r for r in value)
    )


def _region_labels(region: dict[str, Any]) -> list[Any] | None:
    """A JSON-MIN region's labels (`labels`, or `hypertextlabels` and the like), None for a region of
    another control (a per-region choice or text area)."""
    for key, value in region.items():
        if key == "labels" or key.endswith("labels"):
            return value if isinstance(value, list) else [value]
    return None


def _json_min(
    obj: dict[str, Any], options: ImportOptions, source: str, default_name: str, annotator: str | None
) -> NewDocument:
    """A JSON-MIN record: the task's data keys, and each control's output under the control's name
    (`label`, `ner`, ...): regions with offsets and labels, a per-region choice or text with the
    region's offsets, or a task-level choice or text (kept in meta)."""
    controls = {k: v for k, v in obj.items() if k not in _MIN_KNOWN and min_regions(v)}
    data = {k: v for k, v in obj.items() if k not in controls and k not in _MIN_KNOWN}
    text_key, raw = _text_of(data)
    b = DocBuilder(raw, options, annotator)
    offsets = _Offsets(b.raw)
    at: dict[tuple[int, int], list[Any]] = {}
    per_region: list[tuple[str, dict[str, Any]]] = []
    for name, regions in controls.items():
        for i, region in enumerate(regions):
            what = f"{name} {i}"
            labels = _region_labels(region)
            if labels is None:
                per_region.append((name, region))
                continue
            start, end = offsets(region, what)
            for label in labels:
                at.setdefault((start, end), []).append(b.span(start, end, label, what=what))
    for name, region in per_region:
        start, end = offsets(region, name)
        value = region.get("choices", region.get("text"))
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if (start, end) not in at:
            raise LineError(f"{name}: a per-region value at [{start}, {end}) without a labelled region there")
        for sp in at[(start, end)]:
            sp.attrs[name] = str(value)
    meta = {k: v for k, v in data.items() if k != text_key}
    name = meta.pop("name", None) or (f"task-{obj['id']}" if "id" in obj else default_name)
    done = controls or obj.get("annotation_id") is not None  # a task nobody annotated has neither
    return b.document(name, meta, source, statuses={b.annotator: Status.DONE} if done else {})


def _min_annotator(obj: Any, options: ImportOptions, numeric: set[Any]) -> str | None:
    """A JSON-MIN record's annotator: its e-mail or name, or `ANNOTATOR-userN` for a numeric id when
    the file holds several (None: the importing annotator)."""
    who = obj.get("annotator") if isinstance(obj, dict) else None
    if isinstance(who, str) and who.strip() and not who.strip().isdigit():
        return who.strip()
    if who is not None and len(numeric) > 1:
        return f"{options.annotator}-user{who}"
    return None


def parse(path: Path, options: ImportOptions) -> Parsed:
    items = list(records(path, options))
    numeric_users = {
        ann.get("completed_by")
        for _, obj in items
        if isinstance(obj, dict)
        for ann in (obj.get("annotations") or [])
        if isinstance(ann, dict) and isinstance(ann.get("completed_by"), (int, str))
    }
    min_users = {
        obj["annotator"]
        for _, obj in items
        if isinstance(obj, dict) and isinstance(obj.get("annotator"), int) and "data" not in obj
    }
    docs: list[NewDocument] = []
    counts: Counter[str] = Counter()
    for number, obj in items:
        try:
            if isinstance(obj, dict) and "data" not in obj and "annotations" not in obj:
                who = _min_annotator(obj, options, min_users)
                docs.append(_json_min(obj, options, str(path), f"{path.stem}-{number}", who))
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
            "drafts": "{n} {n:draft|drafts} (annotations saved but never submitted) not imported",
            "multi_label": "{n} {n:region carries|regions carry} several labels: imported as one span per label",
            "bidirectional": "{n} bidirectional {n:relation|relations} imported in {n:its|their} from -> to direction",
            "document_fields": "{n} document-level {n:choice or text|choices or texts} kept in meta",
            "other_results": "{n} {n:result|results} of other kinds (ratings of the task, shapes) not imported",
            "meta_other": "{n} region {n:note|notes} (meta) on relations or other results not imported",
        },
    )
