"""doccano's JSONL, in every shape its versions export.

- `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id",
  "from_id", "to_id", "type"}]}`: sequence labelling with relations (doccano 1.5 and later);
- `{"text" or "data", "label": [[start, end, "LABEL"], ...]}`: sequence labelling (doccano 1.x);
- `{"text", "annotations": [{"label", "start_offset", "end_offset", "user"}]}`: doccano 0.x, where a
  label may be a number (the label's id in that project: name it with `--map 3=PERS`) and `user`
  names who made it (when the file holds several users, each is a layer `ANNOTATOR-userN`, the
  same name in every record); doccano 1.0 adds `label_name` and `user_name`, which are used;
- `"label": ["positive", ...]` (text classification) is kept in `meta.categories`;
- every other key (doccano flattens a document's metadata into the record, and adds `id`,
  `Comments`, `annotation_approver`) goes to `meta`. Offsets are code points, as doccano counts them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, counted_warnings
from annotator.core.importers.jsonl import LineError, records
from annotator.core.model import NewDocument

__all__ = ["parse", "to_document"]

_KNOWN = {"text", "data", "label", "labels", "entities", "relations", "annotations", "meta", "id", "name"}


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise LineError(f'"{key}" must be a list')
    return value


def _offsets(item: dict[str, Any]) -> tuple[Any, Any]:
    start = item.get("start_offset", item.get("start"))
    end = item.get("end_offset", item.get("end"))
    return start, end


def _users(obj: Any) -> set[Any]:
    """The numeric users of a record's doccano 0.x `annotations` (those without a `user_name`)."""
    annotations = obj.get("annotations") if isinstance(obj, dict) else None
    if not isinstance(annotations, list):
        return set()
    return {
        a["user"]
        for a in annotations
        if isinstance(a, dict) and a.get("user") is not None and not isinstance(a.get("user_name"), str)
    }


def to_document(
    obj: Any,
    default_name: str,
    options: ImportOptions,
    source: str,
    counts: Counter[str],
    users: set[Any] | None = None,
) -> NewDocument:
    """One record as a document; `users` are the numeric users of the whole file (several: each is
    a layer of its own, named alike in every record)."""
    if not isinstance(obj, dict):
        raise LineError(f"expected a JSON object, got {type(obj).__name__}")
    raw = obj.get("text")
    if raw is None and isinstance(obj.get("data"), str):
        raw = obj["data"]
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise LineError('"meta" must be an object')
    meta = dict(meta)
    for key, value in obj.items():
        if key not in _KNOWN and not (key in ("Comments", "comments") and not value):
            meta.setdefault(key, value)
    annotations = _list(obj, "annotations")
    users = _users(obj) if users is None else users
    b = DocBuilder(raw, options)

    for i, ent in enumerate(_list(obj, "entities"), 1):
        if not isinstance(ent, dict):
            raise LineError(f"entity {i} is not an object")
        start, end = _offsets(ent)
        b.span(start, end, ent.get("label"), key=ent.get("id", f"#{i}"), what=f"entity {ent.get('id', i)}")
    labels = obj.get("label", obj.get("labels"))
    if isinstance(labels, list):
        categories = []
        for item in labels:
            if isinstance(item, list) and len(item) == 3:
                b.span(item[0], item[1], item[2], what=f"label {item!r}")
            elif isinstance(item, str):
                categories.append(item)
            else:
                raise LineError(f'"label" entry {item!r} is not [start, end, label]')
        if categories:
            meta["categories"] = categories
            counts["categories"] += 1
    for i, ann in enumerate(annotations, 1):
        if not isinstance(ann, dict):
            raise LineError(f"annotation {i} is not an object")
        start, end = _offsets(ann)
        user, user_name = ann.get("user"), ann.get("user_name")
        if isinstance(user_name, str) and user_name.strip():
            who = user_name.strip()
        else:
            who = f"{options.annotator}-user{user}" if user is not None and len(users) > 1 else None
        label = ann.get("label_name") if isinstance(ann.get("label_name"), str) else ann.get("label")
        b.span(start, end, label, what=f"annotation {i}", annotator=who)

    for i, rel in enumerate(_list(obj, "relations"), 1):
        if not isinstance(rel, dict):
            raise LineError(f"relation {i} is not an object")
        what = f"relation {rel.get('id', i)}"
        head = b.keyed(rel.get("from_id", rel.get("head")), what)
        tail = b.keyed(rel.get("to_id", rel.get("tail")), what)
        b.relation(rel.get("type", rel.get("label")), head, tail, what)
    name = obj.get("name") or meta.get("name") or obj.get("id") or default_name
    return b.document(name, meta, source)


def parse(path: Path, options: ImportOptions) -> Parsed:
    items = list(records(path, options))
    users = set().union(*(_users(obj) for _, obj in items)) if items else set()
    docs: list[NewDocument] = []
    counts: Counter[str] = Counter()
    for number, obj in items:
        try:
            docs.append(to_document(obj, f"{path.stem}-{number}", options, str(path), counts, users))
        except LineError as exc:
            raise ImportFailure(path, number, str(exc)) from None
    if not docs:
        raise ImportFailure(path, None, "empty file")
    return docs, counted_warnings(
        counts,
        {
            "categories": "{n} {n:document carries|documents carry} text categories, kept in meta.categories (not spans)"
        },
    )
