"""The messages that flow between stages, and how raw input is validated.

Field meanings are in CONTRACT.md. Every message carries ``schema_version``; the schema evolves
by adding optional fields only. All encoding and decoding goes through orjson.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import orjson

SCHEMA_VERSION = 1

HTML = "text/html"
PLAIN = "text/plain"

# Rejection reasons: a small fixed set; they double as metric labels and dead-letter headers.
REASONS = (
    "bad_json",
    "invalid_utf8",
    "not_an_object",
    "missing_content",
    "bad_field",
    "empty_content",
    "binary_content",
    "too_large",
    "no_text",
    "internal_error",
    "worker_died",
)


FIELDS_NAMED = 8
"""A message without ``content`` is rejected naming this many of its fields."""


class Rejected(Exception):
    """A message that cannot be processed, with a reason from :data:`REASONS`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        assert reason in REASONS, reason
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


_HTML_SNIFF = re.compile(rb"<(?:!doctype|html|head|body|div|p|article|meta|title|span|a|br|table)[\s>/]", re.I)


def sniff_content_type(content: str) -> str:
    """``text/html`` when the start of ``content`` looks like markup, else ``text/plain``."""
    head = content[:4096].lstrip().encode("utf-8", "replace")
    if head.startswith(b"<") and _HTML_SNIFF.search(head):
        return HTML
    return HTML if len(_HTML_SNIFF.findall(head)) >= 3 else PLAIN


BINARY_HEAD = 65536
BINARY_SHARE = 0.01
_CONTROL_CHAR = re.compile("[\x00-\x08\x0e-\x1f]")


def is_binary(content: str) -> bool:
    """Whether ``content`` is binary data, not text: a NUL among its first :data:`BINARY_HEAD`
    characters, and control characters (tab, line and page breaks aside) more than
    :data:`BINARY_SHARE` of them — an image or a PDF holds ~10%; a real page may carry a few stray
    NULs (one of html-dev's, 22 in 190 KB of Spanish news), which cleaning drops."""
    head = content[:BINARY_HEAD]
    return "\x00" in head and len(_CONTROL_CHAR.findall(head)) > BINARY_SHARE * len(head)


_MEDIA_TYPES = {PLAIN: PLAIN, HTML: HTML, "application/xhtml+xml": HTML}


def _media_type(value: str) -> str:
    """A ``content_type`` as scrapers save it, often an HTTP header's value (``text/html;
    charset=UTF-8``), as one of the two the pipeline reads. The charset is moot: the content is a
    JSON string, decoded already."""
    media_type = _MEDIA_TYPES.get(value.split(";", 1)[0].strip().lower())
    if media_type is None:
        raise Rejected("bad_field", f"content_type must be {PLAIN!r} or {HTML!r} (got {value[:80]!r})")
    return media_type


def _opt_str(obj: dict, name: str) -> str | None:
    value = obj.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int | float):
        raise Rejected("bad_field", f"{name} must be a string")
    return str(value)


def _authors(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [a.strip() for a in value.split(",") if a.strip()]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    raise Rejected("bad_field", "authors must be a string or a list of strings")


@dataclass(slots=True)
class RawArticle:
    """A value of ``news.raw.v1``: one scraped page."""

    id: str
    content: str
    content_type: str
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_obj(cls, obj: Any, max_bytes: int | None = None) -> RawArticle:
        if not isinstance(obj, dict):
            raise Rejected("not_an_object", f"expected a JSON object, got {type(obj).__name__}")
        content = obj.get("content")
        if content is None:  # its fields named, so a scraper's own name for the text is seen at once
            fields = ", ".join(repr(key[:40]) for key in list(obj)[:FIELDS_NAMED]) + (", …" if len(obj) > FIELDS_NAMED else "")
            raise Rejected("missing_content", f"no 'content' field (it has {fields or 'none'})")
        if not isinstance(content, str):
            raise Rejected("bad_field", "content must be a string")
        if max_bytes is not None and len(content) > max_bytes // 4 and len(content.encode("utf-8", "surrogatepass")) > max_bytes:
            raise Rejected("too_large", f"content is larger than {max_bytes} bytes")
        if not content.strip():
            raise Rejected("empty_content", "content is empty or whitespace only")
        if is_binary(content):
            raise Rejected("binary_content", "content holds NUL and control characters: binary data, not text")
        declared = _opt_str(obj, "content_type")
        content_type = _media_type(declared) if declared else sniff_content_type(content)
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise Rejected("bad_field", "meta must be an object")
        url = _opt_str(obj, "url")
        raw_id = _opt_str(obj, "id")
        if raw_id is None:
            raw_id = "u" + content_hash(url) if url else "c" + content_hash(content)
        return cls(
            id=raw_id,
            content=content,
            content_type=content_type,
            url=url,
            title=_opt_str(obj, "title"),
            authors=_authors(obj.get("authors")),
            published=_opt_str(obj, "published"),
            source=_opt_str(obj, "source"),
            meta=meta,
        )

    @classmethod
    def from_bytes(cls, data: bytes, max_bytes: int | None = None) -> RawArticle:
        if max_bytes is not None and len(data) > max_bytes * 2:
            raise Rejected("too_large", f"message is larger than {max_bytes * 2} bytes")
        try:
            # a UTF-8 byte order mark, which some Windows producers write, is no part of the JSON
            obj = orjson.loads(data.removeprefix(codecs.BOM_UTF8))
        except orjson.JSONDecodeError as exc:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                raise Rejected("invalid_utf8", str(exc)) from None
            raise Rejected("bad_json", str(exc)) from None
        return cls.from_obj(obj, max_bytes)


@dataclass(slots=True)
class Block:
    """A line or block of a cleaned page: what it is (``kind``) and where it came from.

    ``kind`` is ``body`` for article text; ``title``, ``dek``, ``byline``, ``dateline``,
    ``separator`` and ``source`` (a web address right under a paragraph, which closes a scraped
    story) are evidence kept for the segmenter. ``start``/``end`` are offsets in the raw
    ``content`` for text/plain input, None for HTML. ``furniture``: a body-shaped line that the
    cleaner reads as page furniture (flagged by the line filter of :mod:`newsflow.text.linefilter`,
    in a run of teasers or in a reply thread) — the segmenter reads it as body (where articles start
    and end does not hang on the filter), the article's text leaves it out. ``in_text``: a line
    that is no paragraph but that the article's text keeps (a subheading or a list item among its
    paragraphs, read so by the line filter); the segmenter reads it by its kind (a title, or an
    ``aside`` it passes over).
    """

    text: str
    kind: str = "body"
    start: int | None = None
    end: int | None = None
    furniture: bool = False
    in_text: bool = False


@dataclass(slots=True)
class Article:
    """One article; the value of ``news.cleaned.v1`` (one per page, ``blocks`` filled),
    ``news.segmented.v1`` and ``news.tagged.v1``. Fields follow CONTRACT.md."""

    id: str
    parent_id: str
    text: str
    segment: int = 0
    segments: int = 1
    url: str | None = None
    source: dict[str, Any] = field(default_factory=lambda: {"domain": None, "credibility": []})
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    description: str | None = None
    spans: list[list[int]] | None = None
    language: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    quality: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    content_type: str = PLAIN
    meta: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] | None = None
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if out["blocks"] is None:
            del out["blocks"]
        return out

    def to_bytes(self) -> bytes:
        """:meth:`to_dict` as JSON; orjson serialises the blocks (dataclasses) itself, ten times
        faster than copying them into dicts first."""
        return orjson.dumps({name: getattr(self, name) for name in _ARTICLE_FIELDS
                             if name != "blocks" or self.blocks is not None})

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> Article:
        kwargs = {k: v for k, v in obj.items() if k in _ARTICLE_FIELDS}
        if kwargs.get("blocks") is not None:  # fields a newer cleaner adds are passed over, as the article's are
            kwargs["blocks"] = [Block(**{k: v for k, v in b.items() if k in _BLOCK_FIELDS}) for b in kwargs["blocks"]]
        return cls(**kwargs)

    @classmethod
    def from_bytes(cls, data: bytes) -> Article:
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise Rejected("bad_json", str(exc)) from None
        if not isinstance(obj, dict):
            raise Rejected("not_an_object", "expected a JSON object")
        try:
            return cls.from_dict(obj)
        except TypeError as exc:
            raise Rejected("bad_field", str(exc)) from None


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
_BLOCK_FIELDS = frozenset(f.name for f in fields(Block))
