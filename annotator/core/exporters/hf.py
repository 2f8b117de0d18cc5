"""Hugging Face token classification: one row per sentence with `tokens` and BIO `ner_tags`.

Files (`out` = `data.jsonl`, or `data.parquet`, or `data`):
- `data.jsonl`: `{"id", "document", "sentence", "tokens": [...], "ner_tags": [int, ...]}` per line,
  readable by `datasets.load_dataset("json", data_files=...)` as it is;
- `data.parquet` with the same columns when pyarrow is installed (an optional extra; asking for
  a `.parquet` output without it is an error, otherwise it is just not written);
- `data.labels.json`: `{"names": ["O", "B-PERS", "I-PERS", ...], "id2label": {...}, "label2id": {...}}`,
  the tag list `ner_tags` index into (O, then B-/I- per label in schema order, after --map and the
  label filters), the same for every export of the project with the same labels.
With a split: `data.train.jsonl`, `data.dev.jsonl`, `data.test.jsonl` (and `.parquet`), one labels file.

Tokens, sentences and the flat rule are those of the CoNLL export (see conll.py).

The Parquet columns are made by pyarrow's JSON reader from the lines written to `data.jsonl`, a
row group of 2,000 rows at a time (parsed in C++ against the fixed schema). Building them from
Python lists (`Table.from_pydict`, `pa.array`) makes pyarrow import pandas, when installed, to ask
whether each list is a pandas object: 0.5 s of a 1 to 2 s export. The file's bytes are the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.exporters.common import XDoc, bio_tags, label_list, tagged_rows, tokens_for
from annotator.core.exporters.conll import flat_for

__all__ = ["Writer", "have_pyarrow", "targets"]

SUFFIXES = (".jsonl", ".json", ".parquet")
#: Rows per Parquet row group (the same as every earlier export, so the files stay byte for byte).
BATCH_ROWS = 2000
#: A row group is also written once its JSON lines reach this many bytes (pyarrow's JSON reader
#: takes a block of at most 2 GiB; 2,000 rows of ordinary text are a few hundred kB).
BATCH_BYTES = 1 << 30
#: json.dumps(x, ensure_ascii=False) without building an encoder per row.
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def have_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.json  # noqa: F401  (makes the row groups)
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _file(out: Path, split: str | None, suffix: str) -> Path:
    from annotator.core.exporters import sibling

    return sibling(out, SUFFIXES, suffix, split)


def labels_path(out: Path) -> Path:
    return _file(out, None, ".labels.json")


def check(out: Path, **_: object) -> None:
    if out.suffix.lower() == ".parquet" and not have_pyarrow():
        from annotator.core.exporters import ExportError

        raise ExportError(
            "a .parquet output needs pyarrow, which is not installed "
            "(pip install 'annotator[parquet]'), or give a .jsonl output"
        )


def targets(out: Path, splits: tuple[str, ...] | None) -> list[Path]:
    names = splits or (None,)
    paths = [_file(out, s, ".jsonl") for s in names]
    if have_pyarrow():
        paths += [_file(out, s, ".parquet") for s in names]
    return [*paths, labels_path(out)]


class Writer:
    def __init__(self, ctx: Any, ao: Any) -> None:
        self.ctx = ctx
        self.names = label_list(ctx.labels)
        self.ids = {n: i for i, n in enumerate(self.names)}
        splits = ctx.splits or (None,)
        self.files = {s: ao.file(_file(ctx.out, s, ".jsonl")) for s in splits}
        self.counter = dict.fromkeys(splits, 0)
        self.parquet: dict[str | None, Any] = {}
        # per split: the JSON lines of the row group being filled, and their size in characters
        self.batches: dict[str | None, list[str]] = {s: [] for s in splits}
        self.batch_chars = dict.fromkeys(splits, 0)
        if have_pyarrow():
            import pyarrow as pa
            import pyarrow.json as pa_json
            import pyarrow.parquet as pq

            self.pa_schema = pa.schema(
                [
                    ("id", pa.string()),
                    ("document", pa.string()),
                    ("sentence", pa.int32()),
                    ("tokens", pa.list_(pa.string())),
                    ("ner_tags", pa.list_(pa.int32())),
                ]
            )
            self.parse_options = pa_json.ParseOptions(
                explicit_schema=self.pa_schema, unexpected_field_behavior="error"
            )
            for s in splits:
                tmp = ao.temp_path(_file(ctx.out, s, ".parquet"))
                self.parquet[s] = pq.ParquetWriter(str(tmp), self.pa_schema)
            ao.on_abort(self._close_writers)
        lab = ao.file(labels_path(ctx.out))
        lab.write(
            json.dumps(
                {
                    "names": self.names,
                    "id2label": {str(i): n for i, n in enumerate(self.names)},
                    "label2id": self.ids,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )

    def _flush(self, split: str | None) -> None:
        """Write the row group of `split` filled so far: its JSON lines read by pyarrow's JSON reader
        as one block (one chunk per column, as `Table.from_pydict` made them)."""
        lines = self.batches[split]
        if lines and split in self.parquet:
            import pyarrow as pa
            import pyarrow.json as pa_json

            data = ("\n".join(lines) + "\n").encode("utf-8")
            read = pa_json.ReadOptions(use_threads=False, block_size=len(data))
            table = pa_json.read_json(
                pa.BufferReader(data), read_options=read, parse_options=self.parse_options
            )
            self.parquet[split].write_table(table)
        lines.clear()
        self.batch_chars[split] = 0

    def write(self, x: XDoc) -> None:
        kept = flat_for(x, self.ctx)
        tokens = tokens_for(x.doc)
        tags = bio_tags(tokens, kept, self.ctx.notes, x.doc.name)
        text = x.doc.text
        words = [text[s:e] for s, e in tokens]
        ids_of = self.ids.__getitem__
        name = x.doc.name
        batch = self.batches[x.split]
        lines = []
        for n, (r, row_tags) in enumerate(tagged_rows(x.doc, tokens, tags, self.ctx.notes)):
            row_id = str(self.counter[x.split])
            self.counter[x.split] += 1
            toks, ids = words[r.start : r.stop], list(map(ids_of, row_tags))
            line = _dumps({"id": row_id, "document": name, "sentence": n, "tokens": toks, "ner_tags": ids})
            lines.append(line)
            if self.parquet:
                batch.append(line)
                self.batch_chars[x.split] += len(line) + 1
                # characters are at most 4 bytes in UTF-8
                if len(batch) >= BATCH_ROWS or self.batch_chars[x.split] * 4 >= BATCH_BYTES:
                    self._flush(x.split)
        if lines:
            self.files[x.split].write("\n".join(lines) + "\n")
        self.ctx.report.spans += len(kept)

    def _close_writers(self) -> None:
        for w in self.parquet.values():
            w.close()
        self.parquet.clear()

    def close(self) -> None:
        for s in self.parquet:
            self._flush(s)
        self._close_writers()
