"""spaCy documents: `Doc.to_json()` records (JSON lines, a JSON list, or one object, as the project's
spaCy export writes them) and binary `.spacy` DocBin files (with spaCy installed).

A record's spans are its `ents` and every span group in `spans` (`{"sc": [...]}`), identical ones
counted once, plus the `unaligned` spans the project's export lists (those spaCy's tokens could not
hold), so the project reads back all it wrote. `tokens` (`{"id", "start", "end", ...}`) become the
document's tokens (whitespace tokens left out); `cats` are kept in `meta.cats`; the name comes from
`meta.name` (the export writes it; in a DocBin it is `user_data["name"]`), else the file and record.
Offsets are code points, as spaCy counts them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.importers import ImportFailure, ImportOptions, Parsed
from annotator.core.importers.building import DocBuilder, as_int, counted_warnings, parse_records
from annotator.core.importers.jsonl import LineError
from annotator.core.model import NewDocument

__all__ = ["parse", "to_document"]


def to_document(
    obj: Any, default_name: str, options: ImportOptions, source: str, counts: Counter[str]
) -> NewDocument:
    if not isinstance(obj, dict):
        raise LineError(f"expected a Doc JSON object, got {type(obj).__name__}")
    b = DocBuilder(obj.get("text"), options)
    seen: set[tuple[int, int, str]] = set()
    groups = obj.get("spans") or {}
    if not isinstance(groups, dict):
        raise LineError('"spans" must be an object of span groups')
    sources: list[tuple[str, Any]] = [("ents", obj.get("ents") or [])]
    sources += [(f"spans.{k}", v) for k, v in groups.items()]
    sources.append(("unaligned", obj.get("unaligned") or []))
    for where, items in sources:
        if not isinstance(items, list):
            raise LineError(f'"{where}" must be a list')
        for i, sp in enumerate(items):
            if not isinstance(sp, dict):
                raise LineError(f"{where} {i} is not an object")
            what = f"{where} {i}"
            start, end = as_int(sp.get("start"), f"{what} start"), as_int(sp.get("end"), f"{what} end")
            key = (start, end, str(sp.get("label")))
            if key in seen:
                continue
            seen.add(key)
            b.span(start, end, sp.get("label"), what=what, surface=sp.get("text"))
    tokens = None
    if isinstance(obj.get("tokens"), list):
        tokens = []
        for i, tok in enumerate(obj["tokens"]):
            if not isinstance(tok, dict):
                raise LineError(f"token {i} is not an object")
            s, e = as_int(tok.get("start"), f"token {i} start"), as_int(tok.get("end"), f"token {i} end")
            if not 0 <= s <= e <= len(b.raw):
                raise LineError(f"token {i}: offsets [{s}, {e}) outside the text (length {len(b.raw)})")
            if e > s and b.raw[s:e].strip():
                tokens.append((s, e))
    meta = dict(obj.get("meta") or {}) if isinstance(obj.get("meta"), dict) else {}
    if isinstance(meta.get("document"), dict):  # the project's export: the document's own metadata
        meta = {"name": meta.get("name"), **meta["document"]}
    for key in ("sha256", "split", "source"):
        meta.pop(key, None)  # the export's own bookkeeping, not the document's metadata
    if obj.get("cats"):
        meta["cats"] = obj["cats"]
        counts["cats"] += 1
    name = meta.pop("name", None) or default_name
    return b.document(name, meta, source, tokens=tokens)


def _docbin(path: Path) -> list[dict[str, Any]]:
    try:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise ImportFailure(
            path, None, "reading a .spacy DocBin needs spaCy: pip install 'annotator[spacy]'"
        ) from None
    try:
        docs = list(DocBin().from_disk(path).get_docs(Vocab()))
    except Exception as exc:  # spaCy raises ValueError, KeyError or msgpack errors on a bad file
        raise ImportFailure(path, None, f"not a spaCy DocBin: {type(exc).__name__}: {exc}") from None
    out = []
    for doc in docs:
        data = doc.to_json()
        data["spans"] = {
            key: [{"start": s.start_char, "end": s.end_char, "label": s.label_} for s in group]
            for key, group in doc.spans.items()
        }
        user = doc.user_data if isinstance(doc.user_data, dict) else {}
        document = user.get("meta") if isinstance(user.get("meta"), dict) else {}
        data["meta"] = {"name": user.get("name"), "document": document}
        out.append(data)
    return out


_MESSAGES = {"cats": "{n} {n:document carries|documents carry} text categories (cats), kept in meta.cats"}


def parse(path: Path, options: ImportOptions) -> Parsed:
    if path.suffix.lower() != ".spacy":
        return parse_records(path, options, to_document, _MESSAGES)
    counts: Counter[str] = Counter()
    docs: list[NewDocument] = []
    for n, obj in enumerate(_docbin(path), 1):
        try:
            docs.append(to_document(obj, f"{path.stem}-{n}", options, str(path), counts))
        except LineError as exc:
            raise ImportFailure(path, None, f"document {n}: {exc}") from None
    if not docs:
        raise ImportFailure(path, None, "no documents in the file")
    return docs, counted_warnings(counts, _MESSAGES)
