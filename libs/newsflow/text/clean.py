"""Cleaning: a raw page (plain text or HTML) → its text as a list of classified blocks.

This is the foundation's cleaner: it normalises (see :mod:`newsflow.text.normalize`), splits the
page into lines or HTML blocks and keeps every non-empty one as ``body``. It removes no
boilerplate yet; that classification arrives with the cleaning stage's own issue. Offsets of
every kept line into the raw text are recorded for text/plain input.
"""

from __future__ import annotations

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


@dataclass(slots=True)
class Cleaned:
    blocks: list[Block]
    title: str | None = None
    removed: Counter[str] = field(default_factory=Counter)
    """Blocks removed, per reason."""
    removed_chars: Counter[str] = field(default_factory=Counter)
    """Characters removed, per reason."""


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
