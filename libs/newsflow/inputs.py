"""What ``newsflow push`` reads: files (gzipped too), folders, JSON lines, JSON documents, CSV, WARC, standard
input → raw messages.

Each input becomes ``(key, value)``: the value is the raw article's JSON bytes and the key its id
(see :meth:`RawArticle.from_obj`). JSON lines pass through byte for byte, so a malformed line
still reaches the pipeline and its dead-letter topic; its key is then ``<file>:<line>``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import itertools
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import fields as fields_of
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from newsflow.schema import BINARY_HEAD, HTML, PLAIN, RawArticle, Rejected, is_binary

log = logging.getLogger(__name__)

# CSV column → raw article field (CONTRACT.md); other non-empty columns go to ``meta``.
CSV_FIELDS = {"id": "id", "url": "url", "title": "title", "authors": "authors", "domain": "source",
              "source": "source", "published": "published", "content": "content"}
_TEXT_SUFFIXES = {".txt": PLAIN, ".text": PLAIN, ".html": HTML, ".htm": HTML}
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
"""Web archives: crawls' WARC files and Common Crawl's WET files (``….warc.wet.gz``, the pages' text)."""
MAX_PAGE_BYTES = 64 << 20
"""The most bytes of one page read (a file's, a WARC response's, decompressed): a page is rarely over a
few MB, and the pipeline rejects content over its own limit (``max_content_bytes``) with a reason."""


@dataclass(slots=True)
class Record:
    key: str
    value: bytes
    origin: str


class InputError(Exception):
    """An input that cannot be read at all (missing file, unreadable CSV); says which and why."""


Fields = dict[str, str]
"""The input's own names for raw article fields: its name → the field (``newsflow process --field
content=maintext`` gives ``{"maintext": "content"}``). A JSON object's or a CSV row's value under that
name is read as the field, in place of any value the field has."""
RAW_FIELDS = tuple(f.name for f in fields_of(RawArticle))
"""The raw article's fields (CONTRACT.md), which :data:`Fields` may name."""


def renamed(obj: Any, fields: Fields | None) -> Any:
    """``obj`` with its values under the ``fields``' names moved to the fields (an object only)."""
    if fields and isinstance(obj, dict):
        for name, field in fields.items():
            if name in obj:
                obj[field] = obj.pop(name)
    return obj


def renamed_lines(lines: Iterable[bytes], fields: Fields | None) -> Iterable[bytes]:
    """JSON lines with :func:`renamed` fields; a line without those names, or that is no JSON object,
    passes byte for byte (a malformed one still reaches the pipeline's dead letters). Without
    ``fields``, ``lines`` themselves."""
    return _renamed_lines(lines, fields) if fields else lines


def _renamed_lines(lines: Iterable[bytes], fields: Fields) -> Iterator[bytes]:
    for line in lines:
        if any(name.encode() in line for name in fields):
            with contextlib.suppress(orjson.JSONDecodeError):
                obj = orjson.loads(line)
                if isinstance(obj, dict) and any(name in obj for name in fields):
                    line = orjson.dumps(renamed(obj, fields))
        yield line


def key_for(value: bytes, fallback: str) -> str:
    """The id the pipeline will give this message, or ``fallback`` when it will reject it."""
    try:
        return RawArticle.from_bytes(value).id
    except Rejected:
        return fallback


def _built(obj: Any, fallback: str, origin: str) -> Record:
    """The record of a raw article this module built or parsed (a CSV row, a page, a WARC response, a
    JSON document's): keyed as :func:`key_for` keys a message, read off ``obj`` rather than its JSON
    parsed back."""
    try:
        key = RawArticle.from_obj(obj).id
    except Rejected:
        key = fallback
    return Record(key, orjson.dumps(obj), origin)


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


def _json(path: Path, fields: Fields | None = None) -> Iterator[Record]:
    """A ``.json`` file: an array of raw articles (Scrapy's and Apify's JSON export), one raw article,
    or JSON lines under that name. Arrays and JSON lines are streamed, so an export of any size is
    read in little memory; an element that is no object passes on to be rejected by the pipeline
    with its reason, as a bad JSON line does. An array cut short or broken (a crawl stopped before
    its export was closed): see :func:`_array`."""
    with _opened(path) as fh:
        if _opens_array(fh):
            yield from _array(fh, str(path), fields, path)
            return
        lines = iter(fh)
        if not (head := _through_nonblank(lines)):
            return  # nothing but white space
        try:
            document = orjson.loads(head[-1])
        except orjson.JSONDecodeError:  # one document over many lines, or JSON lines whose first is broken
            raw = b"".join(head) + fh.read()
        else:
            if not (more := _through_nonblank(lines)):
                yield _built(renamed(document, fields), str(path), str(path))
                return
            yield from _jsonl(renamed_lines(itertools.chain(head, more, lines), fields), str(path))
            return
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        yield from _jsonl(renamed_lines(raw.splitlines(), fields), str(path))
        return
    yield _built(renamed(document, fields), str(path), str(path))


def _through_nonblank(lines: Iterator[bytes]) -> list[bytes]:
    """The next lines up to the first that is not blank, that one last; none at the end."""
    taken = []
    for line in lines:
        taken.append(line)
        if line.strip():
            return taken
    return []


_PEEK_BYTES = 4096
"""How much of a stream is looked at to tell a JSON array from a single object or JSON lines."""


def _opens_array(stream: IO[bytes]) -> bool:
    """Whether ``stream`` (buffered: a file, gzipped or not, or standard input) holds a JSON array,
    looked at without taking it from the stream; a byte order mark before it is taken off."""
    if stream.peek(len(codecs.BOM_UTF8)).startswith(codecs.BOM_UTF8):
        stream.read(len(codecs.BOM_UTF8))
    return stream.peek(_PEEK_BYTES)[:_PEEK_BYTES].lstrip().startswith(b"[")


def _array(fh: IO[bytes], origin: str, fields: Fields | None, path: Path | None = None) -> Iterator[Record]:
    """A JSON array's elements, an element at a time (ijson), each reported as ``origin[i]``. One cut
    short or broken gives its elements up to the break, then, from a file (``path``), the rest a line
    each when it was written an element a line, as Scrapy writes it (a broken element is then
    rejected as bad JSON, by its line); otherwise the break is an error naming the element."""
    read = 0
    try:
        for item in ijson.items(fh, "item", use_float=True):
            yield _built(renamed(item, fields), f"{origin}[{read}]", f"{origin}[{read}]")
            read += 1
    except ijson.JSONError as exc:
        why = str(exc).splitlines()[0]  # yajl's message goes on to draw the text around the error
        if path is not None:
            with _opened(path) as again:
                if (rest := _lines_after(_element_lines(without_bom(again)), read)) is not None:
                    log.warning("%s: not a whole JSON array (%s); the rest read an element a line", origin, why)
                    yield from _jsonl(renamed_lines(rest, fields), origin)
                    return
        raise InputError(f"{origin}: not a whole JSON array: element {read} is broken ({why}); "
                         f"{read} read before it") from None


def _element_lines(lines: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a JSON array written an element a line (``[`` / ``{…},`` / ``{…}`` / ``]``), each
    stripped, without the array's brackets and commas: blank where only those stood, so lines keep
    their numbers."""
    for number, line in enumerate(lines):
        line = line.strip()
        if number == 0:
            line = line.removeprefix(b"[").lstrip()
        if line.endswith(b"]") and (line[:-1].rstrip().endswith(b"}") or not line[:-1].strip()):
            line = line[:-1].rstrip()  # the array's close, after its last element or alone
        yield line.removesuffix(b",")


def _lines_after(lines: Iterator[bytes], skip: int) -> Iterator[bytes] | None:
    """``lines`` with the first ``skip`` elements blanked (their numbers kept), or None when the first
    element does not stand on a line of its own (an array written over many lines, or on one)."""
    head = _through_nonblank(lines)
    if not head or not (head[-1].startswith(b"{") and head[-1].endswith(b"}")):
        return None
    return _blanked(itertools.chain(head, lines), skip)


def _blanked(lines: Iterable[bytes], skip: int) -> Iterator[bytes]:
    for line in lines:
        if line and skip:
            skip -= 1
            line = b""
        yield line


def _csv(path: Path, fields: Fields | None = None) -> Iterator[Record]:
    try:
        yield from _csv_rows(path, fields or {})
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason}); save it as UTF-8 (spreadsheets: \"CSV UTF-8\")") from None


def _csv_rows(path: Path, fields: Fields) -> Iterator[Record]:
    """The rows of a CSV, the columns :data:`CSV_FIELDS` and ``fields`` name read as their fields (the
    first non-empty one where two name a field, ``fields``' first), the others into ``meta``."""
    columns = {**CSV_FIELDS, **fields}
    csv.field_size_limit(sys.maxsize)
    with _opened(path, encoding="utf-8-sig", newline="") as fh:  # -sig: a spreadsheet's byte order mark
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not any(columns.get(name) == "content" for name in reader.fieldnames):
            raise InputError(f"{path}: a CSV needs a 'content' column (has: {reader.fieldnames}; "
                             "--field content=NAME reads another)")
        read = sorted((name for name in reader.fieldnames if name), key=lambda name: name not in fields)
        for number, row in enumerate(reader, 2):
            obj: dict = {"meta": {}}
            for column in read:
                value = row[column]
                if value in (None, ""):
                    continue
                target = columns.get(column)
                if target:
                    obj.setdefault(target, value)
                else:
                    obj["meta"][column] = value
            obj.setdefault("content", "")
            yield _built(obj, f"{path}:{number}", f"{path}:{number}")


_DECLARED = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
"""A page's declared encoding: ``<meta charset="…">`` or ``<meta http-equiv="Content-Type"
content="text/html; charset=…">``."""
DECLARED_BYTES = 4096
"""How far into a page its declared encoding is looked for (a browser's prescan reads 1024 bytes;
a scraped page may carry a long head of scripts before it)."""
_WEB_LABELS = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
               "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254",
               "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "gb2312": "gb18030",
               "gbk": "gb18030", "x-gbk": "gb18030"}
"""Labels that mean a wider code page on the web (the WHATWG Encoding Standard): a page labelled
``iso-8859-1`` is read as Windows-1252, whose curly quotes and dashes it holds in practice."""
WESTERN = "cp1252"
DETECTABLE_BYTES = 256
"""Bytes a detector needs to go by: on fewer, charset-normalizer read one line of German in Windows-1252
("Grüße aus Köln") as Mac Icelandic and one of French as Big5, so Windows-1252 is taken where it reads them."""


def decode_page(raw: bytes, charset: str | None = None) -> str:
    """A saved page's text: UTF-8 when it is (a byte order mark taken off), UTF-16 when a byte order
    mark says so; else ``charset`` (an HTTP header's, which a browser puts first too), else the
    encoding the page declares in a ``<meta>`` tag (:data:`_DECLARED`; looked for whatever the
    file's name, as scrapes are saved as ``.php`` or with none), read as :data:`_WEB_LABELS` say,
    bytes it cannot read replaced (a page labelled UTF-8 with a stray Latin-1 byte
    keeps the rest); else the encoding charset-normalizer reads the bytes in, Windows-1252 where it
    reads them as well as its first guess (a Western text is ambiguous between the Windows code
    pages, and 1252 is the web's commonest), or where there are too few bytes to detect anything
    (:data:`DETECTABLE_BYTES`). html-dev holds 27 pages that are not UTF-8, 26 of
    them declared (4 of those UTF-8 with stray bytes): of their 81 gold body snippets, 71 are found
    in the page decoded so (tags stripped), 66 decoded by charset-normalizer alone, 43 as UTF-8 with
    replacements. :class:`InputError` for bytes that are no text (:func:`~newsflow.schema.is_binary`,
    no encoding found)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows' "Unicode" text
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"starts as UTF-16 but is not ({exc.reason})") from None
    if is_binary(raw[:BINARY_HEAD].decode("latin-1")):
        raise InputError("holds NUL and control bytes: binary data, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(raw, 0, DECLARED_BYTES) if charset is None else None
    if charset is not None or declared:
        label = (charset or declared.group(1).decode("ascii")).lower()
        try:
            return raw.decode(_WEB_LABELS.get(label, label), "replace")
        except LookupError:
            pass  # a label Python does not know: guessed like an undeclared page
    if len(raw) < DETECTABLE_BYTES:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(WESTERN)
    from charset_normalizer import from_bytes  # only for the rare page that is not UTF-8

    guesses = from_bytes(raw)
    best = guesses.best()
    if best is None:
        raise InputError("not text in any encoding charset-normalizer knows")
    western = next((g for g in guesses if g.encoding == WESTERN and g.chaos <= best.chaos), None)
    return str(western or best)


def _text_file(path: Path, name: str) -> Record:
    """One page: ``name`` its id (a ``.gz`` file's without that suffix), its content type by the
    suffix under that."""
    name = name[:-3] if name.lower().endswith(".gz") else name
    with _opened(path) as fh:
        raw = fh.read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(f"{path}: larger than {MAX_PAGE_BYTES >> 20} MB, no page")
    try:
        content = decode_page(raw)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    obj = {"id": name, "content": content}
    suffix = Path(name).suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        obj["content_type"] = _TEXT_SUFFIXES[suffix]
    return _built(obj, name, str(path))


def _opened(path: Path, **text: str) -> IO:
    """``path`` opened for reading, decompressed when its name ends in ``.gz``; as text with ``text``'s
    arguments (``encoding``, ``newline``), else as bytes."""
    mode = "rt" if text else "rb"
    return gzip.open(path, mode, **text) if path.name.lower().endswith(".gz") else path.open(mode, **text)


_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl", ".jsonlines": "jsonl", ".json": "json",
          ".csv": "csv"}
"""File kinds by suffix (Scrapy's feed exports: ``.json``, ``.jsonl`` / ``.jl`` / ``.jsonlines``, ``.csv``)."""


def _kind(path: Path) -> str:
    """How a file is read: ``jsonl``, ``json``, ``csv``, ``warc`` or ``page``, by its name (a ``.gz`` one by
    the suffix under that)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = Path(name.removesuffix(".gz")).suffix
    return _KINDS.get(suffix, "page")


_PAGE_TYPES = {"text/html": HTML, "application/xhtml+xml": HTML, "text/plain": PLAIN}
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([-\w.:]+)", re.I)


def _warc(path: Path) -> Iterator[Record]:
    """The pages of a web archive (WARC, as crawlers such as Heritrix, wget ``--warc-file``,
    Browsertrix or Common Crawl write it; read with warcio): one raw article per successful (2xx)
    HTTP response whose type is HTML or plain text, its ``url`` the record's target URI, its text
    decoded by the charset the HTTP header names, else as :func:`decode_page` reads a page; and one
    per HTML or plain-text record saved without an HTTP exchange: a resource (as warcit writes files)
    or a conversion (a WET file's: the text Common Crawl extracted from a page, UTF-8). The record's
    date and id go to ``meta``. Requests, metadata, redirects, errors, images and scripts are passed
    over, and so is a page that is no text (logged)."""
    from warcio.archiveiterator import ArchiveIterator  # only for a WARC

    number = pages = 0
    with path.open("rb") as fh:
        for number, record in enumerate(ArchiveIterator(fh), 1):
            if record.rec_type in ("conversion", "resource"):  # no HTTP exchange: its own header says what it is
                declared, ok = record.rec_headers.get_header("Content-Type") or "", True
            elif record.rec_type == "response" and record.http_headers is not None:
                declared = record.http_headers.get_header("Content-Type") or ""
                ok = (record.http_headers.get_statuscode() or "").startswith("2")
            else:
                continue
            content_type = _PAGE_TYPES.get(declared.split(";", 1)[0].strip().lower())
            if content_type is None or not ok:
                continue
            raw = record.content_stream().read(MAX_PAGE_BYTES)
            where = f"{path}:{number}"
            charset = _CHARSET.search(declared)
            try:
                content = decode_page(raw, charset.group(1) if charset else None)
            except InputError as exc:  # one odd record does not stop the archive's other pages
                log.warning("%s: passed over: %s", where, exc)
                continue
            obj = {"url": record.rec_headers.get_header("WARC-Target-URI"), "content": content,
                   "content_type": content_type,
                   "meta": {"warc_date": record.rec_headers.get_header("WARC-Date"),
                            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}}
            pages += 1
            yield _built(obj, where, where)
    if not number:
        raise InputError(f"{path}: no WARC record in it (not a web archive, or cut short in its first record)")
    log.info("%s: %d pages of %d records", path, pages, number)


def read_path(path: Path, fields: Fields | None = None) -> Iterator[Record]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if _kind(child) == "page":
                yield _text_file(child, str(child.relative_to(path)))
            else:
                yield from read_path(child, fields)
    elif not path.exists():
        raise InputError(f"{path}: no such file or folder")
    else:
        try:
            yield from _read_file(path, fields)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(f"{path}: a damaged compressed file ({exc})") from None


def _read_file(path: Path, fields: Fields | None = None) -> Iterator[Record]:
    if (kind := _kind(path)) == "jsonl":
        with _opened(path) as fh:
            yield from _jsonl(renamed_lines(fh, fields), str(path))
    elif kind == "json":
        yield from _json(path, fields)
    elif kind == "csv":
        yield from _csv(path, fields)
    elif kind == "warc":
        yield from _warc(path)
    else:
        yield _text_file(path, path.name)


def reads_as_json_lines(path: Path) -> bool:
    """Whether ``newsflow process`` reads ``path`` as JSON lines, as CONTRACT.md has it: any file but
    those whose name says otherwise — a ``.json`` document, a ``.csv``, an ``.html`` page, a WARC, or a
    gzipped file — and a folder, which are read as ``push`` reads them. A file's first line is not
    looked at: a file of JSON lines whose first line is broken is still one, that line reported."""
    if path.is_dir() or path.name.lower().endswith(".gz"):
        return False
    kind = _kind(path)
    return kind == "jsonl" or (kind == "page" and _TEXT_SUFFIXES.get(path.suffix.lower()) != HTML)


def stdin_holds_an_array() -> bool:
    """Whether standard input starts a JSON array (``curl …/items.json | newsflow push``) rather than
    JSON lines; looked at without taking it from the stream."""
    return _opens_array(sys.stdin.buffer)


def read_stdin(fields: Fields | None = None) -> Iterator[Record]:
    """Standard input's raw articles: JSON lines, or the elements of a JSON array streamed."""
    if stdin_holds_an_array():
        yield from _array(sys.stdin.buffer, "<stdin>", fields)
    else:
        yield from _jsonl(renamed_lines(sys.stdin.buffer, fields), "<stdin>")


def read_inputs(paths: list[str], fields: Fields | None = None) -> Iterator[Record]:
    """Records from ``paths``; ``-`` (or no path) reads standard input (:func:`read_stdin`). ``fields``: the
    input's own names for raw article fields (JSON keys, CSV columns), see :data:`Fields`."""
    for p in paths or ["-"]:
        if p == "-":
            yield from read_stdin(fields)
        else:
            yield from read_path(Path(p), fields)
