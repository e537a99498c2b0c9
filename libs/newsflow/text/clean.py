"""Cleaning: a raw page (plain text or HTML) → its lines, each classified with a reason.

Plain text: every line is normalised (:mod:`newsflow.text.normalize`) and classified by
:mod:`newsflow.text.boilerplate`; kept lines carry their offsets in the raw text.

HTML: the page's main content (:mod:`newsflow.text.dom`: the element richest in prose, without
furniture and link lists) gives the candidate lines, the same classifier removes what it let
through, and title, dek, authors and date come from the page's metadata (``<title>``, Open
Graph, schema.org's JSON-LD, ``<meta name=author>``, ``article:published_time``, ``<time
datetime>``). Pathologically deep markup is read with a linear fallback instead.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from newsflow.schema import HTML, Block, RawArticle
from newsflow.text import boilerplate, dom, linefilter, sitelines, slug
from newsflow.text.boilerplate import BODY, BOILERPLATE, IN_TEXT, NO_PARAGRAPH, classify, word_count
from newsflow.text.dates import iso_date, url_date
from newsflow.text.normalize import line_spacing, normalize_line, normalize_lines, rejoined, unwrapped

VERSION = f"clean-0.25+{boilerplate.VERSION}+{linefilter.VERSION}+{sitelines.VERSION}"
"""What a cleaned message's ``versions.cleaner`` says: this module's, the line rules', the line filter's
and the site-furniture rule's."""

_BLOCK_TAGS = ",".join(sorted(dom.BLOCK_TAGS))
_CODE_TAGS = "script,style,noscript,template,svg,iframe,head"
"""What every reader of a page leaves out, a naive scraper too. All have end tags."""
_CODE_SET = frozenset(_CODE_TAGS.split(","))
_SEP = "\u2029"

# HTML parsers build deep trees in time quadratic in the depth (lexbor takes ~40 s for 100,000
# nested <div>s), so past this depth the page is read with a linear tag-stripping fallback.
MAX_HTML_DEPTH = 1000
THIN_WORDS = 100
"""An HTML page whose main content, as chosen on the DOM, keeps fewer body words than this is read
again by trafilatura (comments left out), whose text is taken when it is longer. html-dev (990
pages), F1 / docs/s of newsflow alone (trafilatura: 0.917 / 45.7 in the same run): without 0.907 /
139; 100 words 0.915 / ~102-105 (2.2-2.3x); 150 0.916 / ~96 (2.0-2.1x); 200 0.918 / ~88 (1.9x,
from a run that also scored, at 81). trafilatura's fast mode (no fallback extractors) keeps five
sixths of the F1 gain (150: 0.915, 200: 0.916) for ~40% less extra time."""
TRAFILATURA = "trafilatura_main_content"
"""Flag: the main content is trafilatura's (see :data:`THIN_WORDS`)."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))


@dataclass(slots=True)
class Cleaned:
    blocks: list[Block]
    """Kept lines: ``body`` plus the evidence kinds (title, byline, dateline…)."""
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    removed: Counter[str] = field(default_factory=Counter)
    """Lines removed, per reason."""
    removed_chars: Counter[str] = field(default_factory=Counter)
    """Characters removed, per reason."""
    flags: list[str] = field(default_factory=list)
    """Notes on how the page was read, e.g. ``html_too_deep``."""
    site_keys: list[int] = field(default_factory=list)
    """The keys of the body lines, to remember the page by in its site's memory (when :func:`clean`
    was given one)."""
    url_title: Block | None = None
    """Plain text: the line that spells the page's address best (:func:`_url_title`), a candidate title."""


_TAG_MARK = re.compile(
    r"<(/|(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)[\s/>])[a-zA-Z])(?=[^<>]*>)",
    re.I)
"""The first character of every tag (as :data:`_TAG` finds them) but a void element's: ``/`` for a
closing tag."""
_SLASH = ord("/")


def too_deep(content: str) -> bool:
    """Whether ``content``'s tags nest :data:`MAX_HTML_DEPTH` deep or more. A bound first, in C
    (regex and numpy): every opening tag but a void element's counts +1, every closing tag -1.
    Self-closing tags (``<path/>`` in SVG) and unclosed ones (``<p>``, ``<li>``) only raise it,
    so only a page whose bound reaches the limit is counted exactly (:func:`html_depth`)."""
    marks = "".join(_TAG_MARK.findall(content)).encode("ascii", "replace")
    if len(marks) < MAX_HTML_DEPTH:
        return False
    level = np.cumsum(np.where(np.frombuffer(marks, dtype=np.uint8) == _SLASH, -1, 1))
    # depth never goes under 0: a walk's height above the lowest point it has reached so far
    if int((level - np.minimum.accumulate(np.minimum(level, 0))).max()) < MAX_HTML_DEPTH:
        return False
    return html_depth(content) >= MAX_HTML_DEPTH


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


def stripped_html_lines(content: str) -> list[str]:
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
        if name in _CODE_SET and not closing:
            skipping = name
        elif name in dom.BLOCK_TAGS:
            parts.append(_SEP)
    if skipping is None:
        parts.append(content[pos:])
    return [t for t in (normalize_line(html.unescape(p)) for p in "".join(parts).split(_SEP)) if t]


def visible_text_lines(content: str, text_nodes: bool = False) -> list[str]:
    """All visible text of an HTML page, as a naive scraper saves it: one block a line or, with
    ``text_nodes``, a text node a line, as BeautifulSoup's ``get_text("\\n", strip=True)`` does (a link
    or a bold word inside a sentence then stands on a line of its own, which
    :func:`~newsflow.text.normalize.rejoined` joins back)."""
    if too_deep(content):
        return stripped_html_lines(content)
    tree = dom.parse(content)
    for node in tree.css(_CODE_TAGS):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return []
    if text_nodes:
        parts = [node.text_content for node in root.traverse(include_text=True) if node.tag == "-text"]
    else:
        for node in tree.css(_BLOCK_TAGS):
            node.insert_before(_SEP)
            node.insert_after(_SEP)
        parts = root.text(deep=True).split(_SEP)
    return [t for t in map(normalize_line, parts) if t]


def _classified(lines: list[str], spans: list[tuple[int, int]] | None, cleaned: Cleaned,
                main_content: bool = False, markup: np.ndarray | None = None,
                classified: list[boilerplate.Line] | None = None) -> Cleaned:
    """``cleaned`` given the blocks of ``lines`` as :func:`classify` reads them (``classified``, when
    already read), the counts of what it removed, and the page's date when it has none yet."""
    classified = classified or classify(lines, main_content, markup=markup)
    for i, line in enumerate(classified):
        text = lines[i]
        furniture = boilerplate.is_furniture(line)
        if line.kind in boilerplate.REMOVED or furniture:  # out of the text: counted by reason
            cleaned.removed[line.reason] += 1
            cleaned.removed_chars[line.reason] += len(text)
        if line.kind == BOILERPLATE:
            continue
        start, end = spans[i] if spans is not None else (None, None)
        cleaned.blocks.append(Block(text, line.kind, start, end, furniture, line.reason == IN_TEXT))
    if any(line.reason == NO_PARAGRAPH for line in classified):
        cleaned.flags.append(NO_PARAGRAPH)
    if cleaned.published is None:  # plain text; HTML when its metadata gives no date
        cleaned.published = _header_date(lines, classified)
    return cleaned


HEADER_LINES = 5
"""Lines before a page's first paragraph read for its date when no headline stands above it."""


def _header_date(lines: list[str], classified: list[boilerplate.Line]) -> str | None:
    """The first day named (:func:`~newsflow.text.dates.iso_date`) in a page's header, outside its
    paragraphs: from its headline (the last title-like line before its first paragraph; else
    :data:`HEADER_LINES` lines before it) to its second paragraph. Figures-only lines count
    (``10.12.2022 18:27``), which the page's text leaves out."""
    body = list(islice((i for i, line in enumerate(classified) if line.kind == BODY), 2))
    if not body:
        return None
    first = next((i for i in range(body[0] - 1, -1, -1) if classified[i].kind == boilerplate.TITLE),
                 max(0, body[0] - HEADER_LINES))
    stop = body[1] if len(body) > 1 else len(lines)
    return next((day for i in range(first, stop) if classified[i].kind != BODY and (day := iso_date(lines[i]))), None)


def plain_lines(content: str) -> list[tuple[str, int, int]]:
    """Plain text's lines as they are classified, each with its ``(start, end)`` in ``content``:
    normalised, hard-wrapped paragraphs and sentences broken at inline elements joined back, the
    same whether the scraper put a blank line between every two lines or not."""
    lines = list(normalize_lines(content))
    return rejoined(content, unwrapped(content, lines), line_spacing(content, lines), apart=boilerplate.opens_byline)


def _clean_plain(content: str, url: str | None = None) -> Cleaned:
    lines = plain_lines(content)
    texts = [text for text, _, _ in lines]
    classified = classify(texts)
    cleaned = _classified(texts, [(start, end) for _, start, end in lines], Cleaned(blocks=[], published=url_date(url)),
                          classified=classified)
    cleaned.url_title = _url_title(lines, classified, url)
    return cleaned


URL_TITLE_SHARE = 0.5
"""Share of the words of a page's address (:mod:`newsflow.text.slug`) a line must hold to be a
candidate title by it (:func:`_url_title`)."""


URL_TITLE_WORDS = 30
"""The most words of a paragraph the rules kept that :func:`_url_title` reads as a headline (a long
headline is read as a paragraph), when it ends on no full stop after :data:`~newsflow.text.boilerplate.SENTENCE_WORDS`."""


def _headline_length(text: str) -> bool:
    """Whether a paragraph is short enough to be a headline (:data:`URL_TITLE_WORDS`); a long line
    is passed over by its characters before its words are counted."""
    if len(text) > 10 * URL_TITLE_WORDS:
        return False
    words = word_count(text)
    return words <= URL_TITLE_WORDS and not (words >= boilerplate.SENTENCE_WORDS and text.endswith("."))


def _url_title(lines: list[tuple[str, int, int]], classified: list[boilerplate.Line], url: str | None) -> Block | None:
    """The first of the lines that hold the most of the words of ``url``'s path, and
    :data:`URL_TITLE_SHARE` of them or more. Lines the rules left out are read too (a headline
    printed twice, in a breadcrumb and over the text, is a ``repeated`` one), but no paragraph
    (:func:`_headline_length`), photo credit, breadcrumb (``Home > News > …``), web or e-mail address."""
    words = slug.slug_words(url)
    if not words:
        return None
    eligible = [(text, start, end) for (text, start, end), line in zip(lines, classified, strict=True)
                if not ((line.kind == BODY and not _headline_length(text)) or line.reason == "credit")]
    best, found = URL_TITLE_SHARE, None
    for (text, start, end), score in zip(eligible, slug.shares([text for text, _, _ in eligible], words), strict=True):
        if (score > best or (found is None and score == best)) and not (
                ">" in text or "@" in text or boilerplate.WEB_ADDRESS.search(text)):
            best, found = score, Block(text, boilerplate.TITLE, start, end)
    return found


def _clean_html(content: str, url: str | None = None) -> Cleaned:
    if too_deep(content):
        return _classified(stripped_html_lines(content), None, Cleaned(blocks=[], flags=["html_too_deep"], published=url_date(url)))
    tree = dom.parse(content)
    linked = dom.json_ld(tree)
    author = dom.meta(tree, 'meta[name="author"]', 'meta[property="article:author"]', '[rel="author"]')
    cleaned = Cleaned(
        blocks=[],
        title=dom.page_title(tree),
        description=dom.meta(tree, 'meta[property="og:description"]', 'meta[name="description"]'),
        authors=_declared_names(dom.linked_authors(linked) or ([author] if author and not author.startswith("http") else []))
        or dom.byline_authors(tree),
        published=dom.published_date(tree, linked) or url_date(url),
    )
    main = dom.unwrapped_blocks(dom.main_content(dom.blocks(tree), cleaned.description))
    _classified([block.text for block in main], None, cleaned, main_content=True, markup=dom.block_features(main))
    found = sum(word_count(b.text) for b in cleaned.blocks if b.kind == BODY)
    if found < THIN_WORDS:
        second = _trafilatura_lines(content)
        if sum(map(word_count, second)) > found:
            # trafilatura has chosen its lines: each is kept as article text, none classified again
            cleaned.blocks = [Block(text=line) for line in second]
            cleaned.removed.clear()
            cleaned.removed_chars.clear()
            cleaned.flags = [f for f in cleaned.flags if f != NO_PARAGRAPH] + [TRAFILATURA]
    body = [b for b in cleaned.blocks if b.kind == BODY]
    if len(body) > 1 and body[0].text == cleaned.title:
        body[0].kind = boilerplate.TITLE  # the headline over the text: the record carries it as its title
    return cleaned


def _declared_names(authors: list[str]) -> list[str]:
    """Authors as the metadata declares them, each that reads as a byline (``Von Vanessa Franke``,
    ``By Glen Owen And Brendan Carlin For The Mail On Sunday``) read as one
    (:func:`~newsflow.text.boilerplate.author_names`); others as they are (an outlet's name, which a
    byline's rules would cut short). When it came in (clean-0.21), 6 of html-dev's 990 pages: three
    now name the person alone, one its two authors, two an outlet or a role and a name, without "Von"."""
    return [name for author in authors
            for name in (boilerplate.author_names(author) if boilerplate.BYLINE_PREFIX.match(author) else [author])]


def _trafilatura_lines(content: str) -> list[str]:
    import trafilatura  # a second opinion for a few pages: not loaded by a worker that never needs it

    text = trafilatura.extract(content, include_comments=False) or ""
    return [t for t in (normalize_line(line) for line in text.split("\n")) if t]


def clean(raw: RawArticle, site_history: sitelines.History | None = None) -> Cleaned:
    """Classify every line of ``raw.content``; kept lines come back as blocks. ``site_history``:
    the remembered pages of ``raw``'s site, whose repeated paragraphs are furniture here
    (:mod:`newsflow.text.sitelines`); given one, even empty, the page's :attr:`Cleaned.site_keys`
    are filled to remember it by."""
    cleaned = _clean_html(raw.content, raw.url) if raw.content_type == HTML else _clean_plain(raw.content, raw.url)
    if site_history is None:
        return cleaned
    body = [b for b in cleaned.blocks if b.kind == BODY]
    cleaned.site_keys = sitelines.line_keys(b.text for b in body)
    if site_history:
        for block, repeated in zip(body, sitelines.repeated(cleaned.site_keys, site_history, raw.id), strict=True):
            if repeated and not block.furniture:  # out of the text, still body for the segmenter
                block.furniture = True
                cleaned.removed[sitelines.REASON] += 1
                cleaned.removed_chars[sitelines.REASON] += len(block.text)
    return cleaned
