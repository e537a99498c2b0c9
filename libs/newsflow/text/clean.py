"""Cleaning: a raw page (plain text or HTML) → its text as a list of classified blocks.

This is the foundation's cleaner: it normalises (see :mod:`newsflow.text.normalize`), splits the
page into lines or HTML blocks and keeps every non-empty one as ``body``. It removes no
boilerplate yet; that classification arrives with the cleaning stage's own issue. Offsets of
every kept line into the raw text are recorded for text/plain input.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from newsflow.schema import HTML, Block, RawArticle
from newsflow.text.normalize import normalize_line

VERSION = "clean-0.1"

_BLOCK_TAGS = (
    "address,article,aside,blockquote,br,dd,div,dl,dt,figcaption,figure,footer,form,h1,h2,h3,h4,"
    "h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,td,th,tr,ul"
)
_DROP_TAGS = "script,style,noscript,template,svg,iframe,head"
_SEP = "\u2029"

# HTML parsers build deep trees in time quadratic in the depth (lexbor takes ~40 s for 100,000
# nested <div>s), so past this depth the page is read with a linear tag-stripping fallback.
MAX_HTML_DEPTH = 1000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))
_BLOCK_SET = frozenset(_BLOCK_TAGS.split(","))
_DROP_SET = frozenset(_DROP_TAGS.split(","))


def html_depth(content: str, stop_at: int = MAX_HTML_DEPTH) -> int:
    """Nesting depth of ``content``'s tags, counted in one linear pass (stops early at ``stop_at``)."""
    depth = deepest = 0
    for match in _TAG.finditer(content):
        name = match.group(2).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                break
    return deepest


def _stripped_html_blocks(content: str) -> list[Block]:
    """Linear fallback for pathological markup: block tags become breaks, other tags vanish."""
    parts: list[str] = []
    pos = 0
    skipping: str | None = None  # inside <script>, <style>…: drop until its end tag
    for match in _TAG.finditer(content):
        closing, name = match.group(1), match.group(2).lower()
        if skipping is not None:
            if closing and name == skipping:
                skipping, pos = None, match.end()
            continue
        parts.append(content[pos : match.start()])
        pos = match.end()
        if name in _DROP_SET and not closing:
            skipping = name
        elif name in _BLOCK_SET:
            parts.append(_SEP)
    if skipping is None:
        parts.append(content[pos:])
    text = "".join(parts)
    return [Block(text=t) for t in (normalize_line(html.unescape(p)) for p in text.split(_SEP)) if t]


@dataclass(slots=True)
class Cleaned:
    blocks: list[Block]
    title: str | None = None
    removed: Counter[str] = field(default_factory=Counter)
    """Blocks removed, per reason."""
    removed_chars: Counter[str] = field(default_factory=Counter)
    """Characters removed, per reason."""
    flags: list[str] = field(default_factory=list)
    """Notes on how the page was read, e.g. ``html_too_deep``."""


def _plain_blocks(content: str) -> Cleaned:
    blocks: list[Block] = []
    pos = 0
    for raw_line in content.splitlines(keepends=True):
        start, pos = pos, pos + len(raw_line)
        text = normalize_line(raw_line)
        if not text:
            continue
        lead = len(raw_line) - len(raw_line.lstrip())
        stripped = raw_line.strip()
        blocks.append(Block(text=text, start=start + lead, end=start + lead + len(stripped)))
    return Cleaned(blocks=blocks)


def _html_blocks(content: str) -> Cleaned:
    if html_depth(content) >= MAX_HTML_DEPTH:
        return Cleaned(blocks=_stripped_html_blocks(content), flags=["html_too_deep"])
    tree = LexborHTMLParser(content)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    title = normalize_line(title_node.text()) if title_node else None
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    for node in tree.css(_BLOCK_TAGS):
        node.insert_before(_SEP)
        node.insert_after(_SEP)
    root = tree.body or tree.root
    text = root.text(deep=True) if root is not None else ""
    blocks = [Block(text=t) for t in (normalize_line(part) for part in text.split(_SEP)) if t]
    return Cleaned(blocks=blocks, title=title or None)


def clean(raw: RawArticle) -> Cleaned:
    """Split ``raw.content`` into normalised blocks."""
    return _html_blocks(raw.content) if raw.content_type == HTML else _plain_blocks(raw.content)
