"""The label schema: which labels and relation types a project has, their colours and keys.

A schema is plain data (loaded from TOML or from the project's JSON copy) and is validated as a
whole on load, so that a bad schema is refused with every problem named rather than failing later
in the window or in an export.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.resources import resource_path

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Label and relation names: letters (any script), digits, `_`, `-` and `.`, not starting with a digit,
#: `-` or `.` (brat and WebAnno corpora use names such as `_gt_0` or `Cause-Effect`). No whitespace,
#: `|`, `,`, `=` or `:`, which the flat formats and `--map` use as separators.
_NAME = re.compile(r"^(?![\d.\-])[\w.\-]+$")


def valid_name(name: str) -> bool:
    """Whether `name` can name a label or a relation type."""
    return bool(_NAME.match(name))


class SchemaError(ValueError):
    """A schema that cannot be used; the message lists every problem found."""


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    colour: str
    key: str = ""
    description: str = ""
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RelationType:
    name: str
    heads: tuple[str, ...]
    tails: tuple[str, ...]
    key: str = ""
    description: str = ""
    #: Each tail span takes at most one relation of this type (a quote has one cue): the window
    #: does not propose a second one, and puts such tails last when linking.
    one_per_tail: bool = False

    def mismatch(self, head_label: str, tail_label: str) -> str | None:
        """Why this relation cannot link a `head_label` span to a `tail_label` one (None: it can)."""
        if head_label in self.heads and tail_label in self.tails:
            return None
        return (
            f"{self.name} goes from {'/'.join(self.heads)} to {'/'.join(self.tails)}, "
            f"not {head_label} to {tail_label}"
        )


@dataclass(frozen=True, slots=True)
class Schema:
    labels: tuple[Label, ...]
    relations: tuple[RelationType, ...] = ()

    def label(self, name: str) -> Label:
        for lab in self.labels:
            if lab.name == name:
                return lab
        raise KeyError(name)

    def relation(self, name: str) -> RelationType:
        for rel in self.relations:
            if rel.name == name:
                return rel
        raise KeyError(name)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(lab.name for lab in self.labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(rel.name for rel in self.relations)

    def has_label(self, name: str) -> bool:
        return name in self.label_names

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": [
                {
                    "name": lab.name,
                    "colour": lab.colour,
                    "key": lab.key,
                    "description": lab.description,
                    "attributes": {k: list(v) for k, v in lab.attributes.items()},
                }
                for lab in self.labels
            ],
            "relations": [
                {
                    "name": rel.name,
                    "from": list(rel.heads),
                    "to": list(rel.tails),
                    "key": rel.key,
                    "description": rel.description,
                    **({"one_per_tail": True} if rel.one_per_tail else {}),
                }
                for rel in self.relations
            ],
        }

    def to_toml(self) -> str:
        """The schema as a TOML file that `load_schema` reads back (to edit and set again)."""

        def q(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string

        out: list[str] = []
        for lab in self.labels:
            out += [
                "[[labels]]",
                f"name = {q(lab.name)}",
                f"description = {q(lab.description)}",
                f"colour = {q(lab.colour)}",
                f"key = {q(lab.key)}",
            ]
            if lab.attributes:
                inner = ", ".join(
                    f"{q(k)} = [{', '.join(q(v) for v in vs)}]" for k, vs in lab.attributes.items()
                )
                out.append(f"attributes = {{ {inner} }}")
            out.append("")
        for rel in self.relations:
            out += [
                "[[relations]]",
                f"name = {q(rel.name)}",
                f"description = {q(rel.description)}",
                f"from = [{', '.join(q(h) for h in rel.heads)}]",
                f"to = [{', '.join(q(t) for t in rel.tails)}]",
                f"key = {q(rel.key)}",
            ]
            if rel.one_per_tail:
                out.append("one_per_tail = true")
            out.append("")
        return "\n".join(out)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def with_labels(self, names: list[str]) -> Schema:
        """This schema plus plain labels for any of `names` it lacks (for importing foreign tag sets)."""
        missing = [n for n in names if not self.has_label(n)]
        if not missing:
            return self
        extra = tuple(Label(name=n, colour="#cccccc") for n in missing)
        return Schema(labels=self.labels + extra, relations=self.relations)


def _check_key(raw: dict[str, Any], name: str, where: str, seen: dict[str, str], problems: list[str]) -> str:
    """A label's or relation's key: one character, not shared with any other (case-insensitive)."""
    key = str(raw.get("key", ""))
    if len(key) > 1:
        problems.append(f"{where}: key {key!r} must be a single character")
    elif key:
        if key.lower() in seen:
            problems.append(f"{where}: key {key!r} is already used by {seen[key.lower()]}")
        seen[key.lower()] = name
    return key


def schema_from_dict(data: dict[str, Any], source: str = "schema") -> Schema:
    """Build and validate a schema; every problem is collected into one SchemaError."""
    problems: list[str] = []
    labels: list[Label] = []
    seen_keys: dict[str, str] = {}
    raw_labels = data.get("labels")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise SchemaError(f"{source}: no labels (expected a [[labels]] list)")
    for i, raw in enumerate(raw_labels, 1):
        where = f"{source}: label {i}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not a table")
            continue
        name = str(raw.get("name", ""))
        if not _NAME.match(name):
            problems.append(
                f"{where}: bad name {name!r} (letters, digits, _ - and ., not starting with a digit)"
            )
            continue
        where = f"{source}: label {name}"
        if any(lab.name == name for lab in labels):
            problems.append(f"{where}: defined twice")
        colour = str(raw.get("colour", raw.get("color", "")))
        if not _COLOUR.match(colour):
            problems.append(f"{where}: unknown colour {colour!r} (expected #rrggbb)")
        key = _check_key(raw, name, where, seen_keys, problems)
        attrs: dict[str, tuple[str, ...]] = {}
        for attr, values in (raw.get("attributes") or {}).items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or not values:
                problems.append(f"{where}: attribute {attr!r} needs a list of values")
                continue
            attrs[str(attr)] = tuple(values)
        labels.append(Label(name, colour, key, str(raw.get("description", "")), attrs))
    names = {lab.name for lab in labels}
    relations: list[RelationType] = []
    for i, raw in enumerate(data.get("relations") or [], 1):
        name = str(raw.get("name", "")) if isinstance(raw, dict) else ""
        where = f"{source}: relation {name or i}"
        if not _NAME.match(name):
            problems.append(f"{where}: bad name {name!r}")
            continue
        if any(rel.name == name for rel in relations):
            problems.append(f"{where}: defined twice")
        heads = tuple(raw.get("from") or ())
        tails = tuple(raw.get("to") or ())
        if not heads or not tails:
            problems.append(f"{where}: needs 'from' and 'to' label lists")
        for lab in heads + tails:
            if lab not in names:
                problems.append(f"{where}: names unknown label {lab!r}")
        key = _check_key(raw, name, where, seen_keys, problems)
        one = raw.get("one_per_tail", False)
        if not isinstance(one, bool):
            problems.append(f"{where}: one_per_tail must be true or false")
        relations.append(RelationType(name, heads, tails, key, str(raw.get("description", "")), one is True))
    if problems:
        raise SchemaError("\n".join(problems))
    return Schema(tuple(labels), tuple(relations))


def load_schema(path: str | Path) -> Schema:
    """Load a schema from a TOML (or JSON) file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read: {exc.strerror}") from exc
    return parse_schema(raw, str(path), json_format=path.suffix.lower() == ".json")


def parse_schema(raw: bytes, source: str, *, json_format: bool = False) -> Schema:
    """A schema from the bytes of a TOML (or JSON) file; `source` names it in messages."""
    try:
        if json_format:
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SchemaError(f"{source}: {exc}") from exc
    return schema_from_dict(data, source)


def default_schema() -> Schema:
    """The bundled schema (read through importlib.resources: it works from an installed wheel)."""
    resource = resource_path("schema.toml")
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        raise SchemaError(f"bundled schema {resource}: cannot read: {exc.strerror or exc}") from exc
    return parse_schema(raw, "bundled schema.toml")
