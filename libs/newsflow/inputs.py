"""What ``newsflow push`` reads: files, folders, JSON lines, CSV, standard input → raw messages.

Each input becomes ``(key, value)``: the value is the raw article's JSON bytes and the key its id
(see :meth:`RawArticle.from_obj`). JSON lines pass through byte for byte, so a malformed line
still reaches the pipeline and its dead-letter topic; its key is then ``<file>:<line>``.
"""

from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from newsflow.schema import HTML, PLAIN, RawArticle, Rejected

# CSV column → raw article field (CONTRACT.md); other non-empty columns go to ``meta``.
CSV_FIELDS = {"id": "id", "url": "url", "title": "title", "authors": "authors", "domain": "source",
              "source": "source", "published": "published", "content": "content"}
_TEXT_SUFFIXES = {".txt": PLAIN, ".text": PLAIN, ".html": HTML, ".htm": HTML}


@dataclass(slots=True)
class Record:
    key: str
    value: bytes
    origin: str


class InputError(Exception):
    """An input that cannot be read at all (missing file, unreadable CSV); says which and why."""


def key_for(value: bytes, fallback: str) -> str:
    """The id the pipeline will give this message, or ``fallback`` when it will reject it."""
    try:
        return RawArticle.from_bytes(value).id
    except Rejected:
        return fallback


def without_bom(lines: Iterable[bytes]) -> Iterator[bytes]:
    """``lines`` with the UTF-8 byte order mark that Windows tools put before the first taken off."""
    lines = iter(lines)
    if (first := next(lines, None)) is not None:
        yield first.removeprefix(codecs.BOM_UTF8)
        yield from lines


def _jsonl(lines: Iterable[bytes], origin: str) -> Iterator[Record]:
    for number, line in enumerate(without_bom(lines), 1):
        line = line.rstrip(b"\r\n")
        if line.strip():
            where = f"{origin}:{number}"
            yield Record(key_for(line, where), line, where)


def _csv(path: Path) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8-sig", newline="") as fh:  # -sig: a spreadsheet's byte order mark
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "content" not in reader.fieldnames:
            raise InputError(f"{path}: a CSV needs a 'content' column (has: {reader.fieldnames})")
        for number, row in enumerate(reader, 2):
            obj: dict = {"meta": {}}
            for column, value in row.items():
                if not column or value in (None, ""):
                    continue
                target = CSV_FIELDS.get(column)
                if target:
                    obj.setdefault(target, value)
                else:
                    obj["meta"][column] = value
            obj.setdefault("content", "")
            value = orjson.dumps(obj)
            yield Record(key_for(value, f"{path}:{number}"), value, f"{path}:{number}")


def _text_file(path: Path, name: str) -> Record:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc})") from None
    obj = {"id": name, "content": content}
    if path.suffix.lower() in _TEXT_SUFFIXES:
        obj["content_type"] = _TEXT_SUFFIXES[path.suffix.lower()]
    value = orjson.dumps(obj)
    return Record(key_for(value, name), value, str(path))


def read_path(path: Path) -> Iterator[Record]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if child.suffix.lower() in (".jsonl", ".csv"):
                yield from read_path(child)
            else:
                yield _text_file(child, str(child.relative_to(path)))
    elif not path.exists():
        raise InputError(f"{path}: no such file or folder")
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            yield from _jsonl(fh, str(path))
    elif path.suffix.lower() == ".csv":
        yield from _csv(path)
    else:
        yield _text_file(path, path.name)


def read_inputs(paths: list[str]) -> Iterator[Record]:
    """Records from ``paths``; ``-`` (or no path) reads JSON lines from standard input."""
    for p in paths or ["-"]:
        if p == "-":
            yield from _jsonl(sys.stdin.buffer, "<stdin>")
        else:
            yield from read_path(Path(p))
