"""Label Studio: a JSON list of tasks with their annotations, as Label Studio exports and imports it,
and the labelling config that matches it.

Files: `tasks.json` (with a split, `tasks.train.json` ...) and `tasks.labelconfig.xml`. A task is
`{"id", "data": {"text", "name", ...meta}, "annotations": [...], "predictions": []}` with one
annotation per annotator layer: `result` holds a `labels` region per span (`value: {start, end,
text, labels}`, offsets in code points as Label Studio 1.6+ counts them), per-region `choices`
(the schema's attributes: quote type, speaker kind) or `textarea` (other attributes, notes) under
the region's id, and `relation` items (`from_id`, `to_id`, `direction: right`, `labels`). The
annotation carries the annotator's name in `created_username` and the layer's status in
`annotator_status`, which this project's import reads back (Label Studio ignores them).

Create a Label Studio project with the config file (Settings > Labeling Interface > Code), then
import the JSON: the annotations appear as submitted ones. Suggested spans are never exported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.exporters.common import XDoc, layers

__all__ = ["Writer", "labeling_config", "targets", "task"]

SUFFIXES = (".json", ".jsonl")


def _file(out: Path, split: str | None, suffix: str) -> Path:
    from annotator.core.exporters import sibling

    return sibling(out, SUFFIXES, suffix, split)


def config_path(out: Path) -> Path:
    return _file(out, None, ".labelconfig.xml")


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    return [_file(out, s, ".json") for s in splits or (None,)] + [config_path(out)]


def task(x: XDoc, number: int, declared: set[str]) -> dict[str, Any]:
    doc = x.doc
    annotations = []
    for n, (annotator, spans, relations) in enumerate(layers(x), 1):
        result: list[dict[str, Any]] = []
        for sp in spans:
            rid = f"s{sp.id}"
            where = {"start": sp.start, "end": sp.end, "text": sp.text}
            result.append(
                {
                    "value": {**where, "labels": [sp.label]},
                    "id": rid,
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "origin": "manual",
                }
            )
            for key, value in sorted(sp.attrs.items()):
                kind = "choices" if key in declared else "textarea"
                field = [value] if kind == "choices" else value.split("\n")
                result.append(
                    {
                        "value": {**where, ("choices" if kind == "choices" else "text"): field},
                        "id": rid,
                        "from_name": key,
                        "to_name": "text",
                        "type": kind,
                        "origin": "manual",
                    }
                )
        for r in relations:
            result.append(
                {
                    "from_id": f"s{r.head}",
                    "to_id": f"s{r.tail}",
                    "type": "relation",
                    "direction": "right",
                    "labels": [r.type],
                }
            )
        status = x.statuses.get(annotator)
        annotations.append(
            {
                "id": n,
                "result": result,
                "created_username": annotator,
                "annotator_status": str(status.value) if status is not None else "new",
                "was_cancelled": False,
                "ground_truth": False,
            }
        )
    data = {"text": doc.text, "name": doc.name}
    for key, value in doc.meta.items():
        data.setdefault(key if key not in data else f"meta_{key}", value)
    return {"id": number, "data": data, "annotations": annotations, "predictions": []}


def labeling_config(ctx: Any, used_attrs: dict[str, set[str]]) -> str:
    """The `<View>` config for the exported labels, relation types and attributes."""
    schema = ctx.schema
    colours = {ctx.options.label_map.get(lab.name, lab.name): lab.colour for lab in schema.labels}
    lines = ["<View>", "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in schema.relations]
    lines += ["  </Relations>", '  <Labels name="label" toName="text">']
    lines += [
        f"    <Label value={quoteattr(name)} background={quoteattr(colours.get(name, '#cccccc'))}/>"
        for name in ctx.labels
    ]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>']
    declared: dict[str, list[str]] = {}
    for lab in schema.labels:
        for key, values in lab.attributes.items():
            declared.setdefault(key, [])
            declared[key] += [v for v in values if v not in declared[key]]
    for key, values in sorted(declared.items()):
        lines.append(f'  <Choices name={quoteattr(key)} toName="text" perRegion="true" choice="single">')
        lines += [f"    <Choice value={quoteattr(v)}/>" for v in values]
        lines.append("  </Choices>")
    for key in sorted(set(used_attrs) - set(declared)):
        lines.append(f'  <TextArea name={quoteattr(key)} toName="text" perRegion="true"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.ao = ao
        self.files = {s: ao.file(_file(ctx.out, s, ".json")) for s in ctx.splits or (None,)}
        self.first = dict.fromkeys(self.files, True)
        for fh in self.files.values():
            fh.write("[")
        self.declared = {key for lab in ctx.schema.labels for key in lab.attributes}
        self.used_attrs: dict[str, set[str]] = {}
        self.count = 0

    def write(self, x: XDoc) -> None:
        self.count += 1
        item = task(x, self.count, self.declared)
        fh = self.files[x.split]
        fh.write("\n" if self.first[x.split] else ",\n")
        self.first[x.split] = False
        fh.write(json.dumps(item, ensure_ascii=False))
        for sp in x.spans:
            for key, value in sp.attrs.items():
                self.used_attrs.setdefault(key, set()).add(value)
        self.ctx.report.spans += len(x.spans)
        self.ctx.report.relations += len(x.relations)

    def close(self) -> None:
        for fh in self.files.values():
            fh.write("\n]\n")
        self.ao.file(config_path(self.ctx.out)).write(labeling_config(self.ctx, self.used_attrs))
