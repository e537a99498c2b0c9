"""HTML → text blocks with what the markup says about them, and the page's main content.

One walk over the lexbor tree (selectolax) gives every block of text with the share of it that
is link text and the elements around it. The main content is then the element whose text is
most article-like: each block of prose (long, few links, outside page furniture) counts for its
length, everything else against it (:func:`main_content`).

Page furniture is markup, not words, so it holds whatever the page's language: ``<nav>``,
``<footer>``, ``<aside>``, ``<form>``, photo captions (``<figcaption>``), and elements whose
``class``/``id`` name a sidebar, a comment list, a share bar… (the patterns of Mozilla's
Readability). Wrappers are often named ``has-sidebar`` or ``with-comments``, so a flagged
element that holds half the page's prose or more is read as content after all.

The measurements behind each rule's settings, and what was tried instead: docs/tuning.md.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

import numpy as np
import orjson
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsflow.text.boilerplate import NAME_PARTICLES, author_names, letter_ratio, word_count
from newsflow.text.dates import iso_date
from newsflow.text.normalize import normalize_line, unwrapped, word_stems

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr",
    "ul",
})
DROP_TAGS = frozenset({
    "audio", "button", "canvas", "embed", "head", "iframe", "input", "map", "noscript", "object",
    "option", "rp", "rt", "script", "select", "style", "svg", "template", "textarea", "video",
})  # rt/rp: ruby readings (furigana) printed above the words they gloss
FURNITURE_TAGS = frozenset({"aside", "dialog", "figcaption", "footer", "form", "menu", "nav"})
# Readability's "unlikely candidates" and "maybe candidates", plus a few names from news sites.
_FURNITURE_NAME = re.compile(
    r"-ad-|^ads?$|agegate|author|banner|breadcrumb|byline|combx|comment|community|cookie|disqus|extra|footer|"
    r"gdpr|header|legend|menu|meta\b|modal|nav\b|^nav|navbar|newsletter|outbrain|pager|pagination|popup|"
    r"promo|recommend|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|"
    r"subscribe|supplemental|taboola|tags\b|teaser|toolbar"
)
_CONTENT_NAME = re.compile(r"and|article|body|column|content|entry|main|post|shadow|story|text")

PROSE_CHARS = 50
"""A block this long with few links is prose: it votes for the element holding it."""
MAX_PROSE_LINKS = 0.33
MAX_KEPT_LINKS = 0.5
"""Blocks of the main content that are more link text than this are link lists (teasers, tags)."""
OTHER_WEIGHT = 0.3
"""How much a character of non-prose text counts against the element holding it."""
FURNITURE_SHARE = 0.5
FURNITURE_WEIGHT = 0.15
"""How much a character of furniture counts against the element holding it: less than other text,
since furniture is left out of the main content anyway (a photo gallery inside the article's
element must not make a single paragraph the best element)."""


@dataclass(slots=True)
class DomBlock:
    text: str
    tag: str
    """The nearest enclosing block element (``p``, ``li``, ``td``, ``h2``…)."""
    link_chars: int
    """Characters of the text inside ``<a>``."""
    furniture: tuple[int, ...]
    """Enclosing elements that look like page furniture (element numbers, see ``ancestors``)."""
    ancestors: tuple[int, ...]
    """Enclosing elements, outermost first, numbered in document order."""

    def is_prose(self) -> bool:
        return (len(self.text) >= PROSE_CHARS and self.link_chars < MAX_PROSE_LINKS * len(self.text)
                and letter_ratio(self.text) >= 0.5)


def parse(content: str) -> LexborHTMLParser:
    return LexborHTMLParser(content)


def blocks(tree: LexborHTMLParser) -> list[DomBlock]:
    """Every block of visible text in ``tree``'s body, in document order.

    An iterative walk (pages nest thousands deep) that keeps a stack of the open elements:
    ``(depth, tag, number, looks like furniture, inside a link)``.
    """
    root = tree.body
    if root is None:
        return []
    out: list[DomBlock] = []
    stack: list[tuple[int, str, int, bool, bool]] = [(0, "body", 0, False, False)]  # the body is a candidate too
    parts: list[str] = []
    link_chars = 0
    where: tuple[str, tuple[int, ...], tuple[int, ...]] = ("body", (), (0,))
    verdicts: dict[str, bool] = {}
    numbered = 1

    def flush() -> None:
        nonlocal parts, link_chars
        if parts:
            text = normalize_line("".join(parts))
            if text:
                out.append(DomBlock(text, where[0], link_chars, where[1], where[2]))
            parts = []
            link_chars = 0

    node: LexborNode | None = root.child
    depth = 1
    while node is not None:
        closed_block = False
        while stack and stack[-1][0] >= depth:
            closed_block |= stack.pop()[1] in BLOCK_TAGS
        tag = node.tag
        descend = False
        if tag == "-text":
            if closed_block:
                flush()
            text = node.text_content
            if text:
                if not parts:
                    where = (next(e[1] for e in reversed(stack) if e[1] in BLOCK_TAGS or e[0] == 0),
                             tuple(e[2] for e in stack if e[3]), tuple(e[2] for e in stack))
                parts.append(text)
                if stack and stack[-1][4]:
                    link_chars += len(text.strip())
        elif tag and tag[0] != "-" and tag not in DROP_TAGS:
            if closed_block or tag in BLOCK_TAGS:
                flush()
            furniture = tag in FURNITURE_TAGS
            if not furniture:
                attributes = node.attributes
                names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".strip().lower()
                if names:
                    furniture = verdicts.get(names)
                    if furniture is None:
                        furniture = verdicts[names] = bool(_FURNITURE_NAME.search(names)) and not _CONTENT_NAME.search(names)
            stack.append((depth, tag, numbered, furniture, tag == "a" or bool(stack and stack[-1][4])))
            numbered += 1
            descend = True
        child = node.child if descend else None
        if child is not None:
            node, depth = child, depth + 1
            continue
        while node is not None and node.next is None:
            node, depth = node.parent, depth - 1
            if depth == 0:
                node = None
        if node is not None:
            node = node.next
    flush()
    return out


def main_content(page: list[DomBlock], description: str | None = None) -> list[DomBlock]:
    """The blocks of the element whose text is most article-like, without its furniture, its link
    lists and the headings of either: the element maximising (prose characters − 0.3 × other
    characters − 0.15 × furniture characters); with a lead set apart right before it (:func:`_lead`),
    or the paragraph before it that the page's ``description`` quotes (:func:`_described`)."""
    prose = [block.is_prose() for block in page]
    total = 0
    held: dict[int, int] = {}
    for block, is_prose in zip(page, prose, strict=True):
        if is_prose:
            total += len(block.text)
            for element in block.furniture:
                held[element] = held.get(element, 0) + len(block.text)
    furniture = [any(held.get(e, 0) < FURNITURE_SHARE * total for e in block.furniture) for block in page]
    score: dict[int, float] = {}
    for block, is_prose, is_furniture in zip(page, prose, furniture, strict=True):
        value = (len(block.text) if is_prose and not is_furniture
                 else -(FURNITURE_WEIGHT if is_furniture else OTHER_WEIGHT) * len(block.text))
        for element in block.ancestors:
            score[element] = score.get(element, 0.0) + value
    if not score:
        return []
    best = max(score, key=lambda element: (score[element], element))  # ties: the deeper element
    members = [i for i, block in enumerate(page) if best in block.ancestors]
    inside = [(i, True, True) for i in _lead(page, prose, furniture, best, members[0])]
    inside += [(i, not furniture[i] and page[i].link_chars <= MAX_KEPT_LINKS * len(page[i].text), prose[i])
               for i in members]
    # a block that is no prose goes with the block after it: the heading of a link list goes with it
    # ("Related posts", "Lesen Sie auch"); a heading reads past a photo's caption to the text under it
    out: list[int] = []
    for k, (i, kept, is_prose) in enumerate(inside):
        after = k + 1
        if page[i].tag in _HEADINGS:
            while after < len(inside) - 1 and page[inside[after][0]].tag == "figcaption":
                after += 1
        if kept and (is_prose or after == len(inside) or inside[after][1]):
            out.append(i)
    if out and description and (described := _described(page[: out[0]], prose, description)) is not None:
        out.insert(0, described)
    return [page[i] for i in out]


LEAD_GAP = 200
"""Characters of other blocks (a photo's caption, a date) that may stand between a lead paragraph and
the content element (:func:`_lead`)."""
LEAD_LEVELS = 2
"""How far above the content element a lead's element may part from it: its parent or grandparent.
Three levels let in a caption beside a lead, four and more a subscription's and an ad blocker's
notices (html-dev: 2 pages at 2 levels, 4 at 3, 9 at any)."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _lead(page: list[DomBlock], prose: list[bool], furniture: list[bool], best: int, first: int) -> list[int]:
    """The paragraphs (prose, no furniture) right before the content element ``best``, whose first
    block is ``first``, inside the element :data:`LEAD_LEVELS` above it: a lead a page sets apart
    from the rest of its text, with its photo and caption between the two. Read back from ``first``
    up to a heading, a block of furniture, that element's start or more than :data:`LEAD_GAP`
    characters of other blocks."""
    chain = page[first].ancestors
    at = chain.index(best)
    if at == 0:
        return []
    above, found, gap = chain[max(at - LEAD_LEVELS, 0)], [], 0
    for i in range(first - 1, -1, -1):
        block = page[i]
        if above not in block.ancestors or furniture[i] or block.tag in _HEADINGS:
            break
        if prose[i]:
            found.append(i)
        elif (gap := gap + len(block.text)) > LEAD_GAP:
            break
    return found[::-1]


DESCRIBED_CHARS = 40
"""The fewest characters of a page's description that must open a paragraph for :func:`_described`."""


def _described(before: list[DomBlock], prose: list[bool], description: str | None) -> int | None:
    """The first paragraph of ``before`` (the blocks before the main content's first) that opens on
    the page's ``description`` (``og:description``, the ``description`` meta; cut off with an
    ellipsis or not): a dek or standfirst the page sets in its header, away from its text, which its
    metadata quotes. Read with quotes and apostrophes folded straight."""
    from ftfy.fixes import uncurl_quotes  # ftfy's tables load with the first description, not at start-up

    key = uncurl_quotes((description or "").rstrip(" .…")).casefold()[:80]
    if len(key) < DESCRIBED_CHARS:
        return None
    return next((i for i, block in enumerate(before)
                 if prose[i] and uncurl_quotes(block.text[: len(key)]).casefold().startswith(key)), None)


def unwrapped_blocks(content: list[DomBlock]) -> list[DomBlock]:
    """``content`` with hard-wrapped paragraphs joined back: an element whose text a ``<br>`` breaks
    at a fixed width (e-mails and plain text pasted into a ``<p>``) gives one block for each of its
    lines, which would read as titles and fragments. Blocks that follow each other inside one
    element are read as plain text's lines are (:func:`~newsflow.text.normalize.unwrapped`)."""
    out: list[DomBlock] = []
    for _, grouped in groupby(content, key=lambda block: block.ancestors):
        run = list(grouped)
        if len(run) < 4:  # as normalize.unwrapped: too few lines to tell a wrap
            out += run
            continue
        lines, at = [], 0
        for block in run:
            lines.append((block.text, at, at + len(block.text)))
            at += len(block.text) + 1
        joined = unwrapped("\n".join(block.text for block in run), lines)
        if len(joined) == len(run):
            out += run
            continue
        first_of = {begin: k for k, (_, begin, _) in enumerate(lines)}  # a joined line spans its parts
        last_of = {finish: k for k, (_, _, finish) in enumerate(lines)}
        for text, begin, finish in joined:
            first, last = first_of[begin], last_of[finish]
            out.append(DomBlock(text, run[first].tag, sum(b.link_chars for b in run[first : last + 1]),
                                run[first].furniture, run[first].ancestors))
    return out


_FEATURE_TAGS = ("p", "li", "h", "td", "div", "blockquote", "dd", "span")
BLOCK_FEATURES = (*(f"tag_{t}" for t in _FEATURE_TAGS), "link_share", "log_blocks_to_end", "log_depth")
"""What the markup says about each block, for the HTML line filter (:mod:`newsflow.text.linefilter`):
its element (``h`` for any heading), the share of its text inside links, how many blocks follow it
and how deep in the page it sits (enclosing elements)."""


def block_features(content: list[DomBlock]) -> np.ndarray:
    """A row of :data:`BLOCK_FEATURES` per block of ``content`` (the main content)."""
    n = len(content)
    tags = [("h" if b.tag[:1] == "h" and b.tag[1:].isdigit() else b.tag) for b in content]
    one_hot = np.array([[float(tag == t) for t in _FEATURE_TAGS] for tag in tags]).reshape(n, len(_FEATURE_TAGS))
    return np.hstack([
        one_hot,
        np.array([b.link_chars / max(len(b.text), 1) for b in content]).reshape(n, 1),
        np.log1p(np.arange(n)[::-1]).reshape(n, 1),
        np.log1p(np.array([len(b.ancestors) for b in content], dtype=float)).reshape(n, 1),
    ])


def meta(tree: LexborHTMLParser, *selectors: str) -> str | None:
    """The first non-empty ``content``/``datetime`` attribute or text among ``selectors``."""
    for selector in selectors:
        node = tree.css_first(selector)
        if node is None:
            continue
        attributes = node.attributes
        value = attributes.get("content") or attributes.get("datetime") or node.text(deep=True)
        if value and value.strip():
            return normalize_line(value)
    return None


TITLE_STEM = 6
"""Letters a word is cut to when a heading's words are looked up in the page's ``<title>``."""


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's headline: its ``og:title``; else its ``h1`` — of several, the one that shares most
    words (cut to :data:`TITLE_STEM` letters) with the ``<title>``, the first on a tie, as a page
    without ``og:title`` often opens on an ``h1`` for screen readers ("Navigation und Service",
    "Quicklinks") or the site's name above the article's own; else its ``<title>``."""
    headings = [text for node in tree.css("h1") if (text := normalize_line(node.text(deep=True) or ""))]
    found = meta(tree, 'meta[property="og:title"]')
    if found:
        return without_site_name(found, tree, headings)
    named = set(word_stems(meta(tree, "title") or "", TITLE_STEM))
    if len(headings) > 1 and named:
        shared = [len(named.intersection(word_stems(text, TITLE_STEM))) for text in headings]
        best = max(range(len(headings)), key=lambda i: (shared[i], -i))
        if shared[best]:
            return headings[best]
    found = meta(tree, "h1")
    if found:
        return found
    found = meta(tree, "title")
    return without_site_name(found, tree, headings) if found else None


TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—»·•:]{1,2}|-{1,2})\s+")
"""What parts a headline from the site's name in an ``og:title`` or a ``<title>``
(``Headline | Site``, ``Site » Headline``, ``Headline - site.de``)."""
SITE_NAME_WORDS = 4
SITE_KEY_LETTERS = 4


_NOT_KEY = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """``text``'s letters and digits, case-folded: how a site's name and a title's part are compared."""
    return _NOT_KEY.sub("", text.casefold())


def site_keys(tree: LexborHTMLParser) -> set[str]:
    """What the page calls its site, letters and digits only, case-folded: its ``og:site_name`` and
    application name, and the host of its ``og:url`` or canonical link, whole, without its top-level
    domain and its first label (``www.cnet.de`` → ``cnetde``, ``cnet``)."""
    keys = {_key(name) for selector in ('meta[property="og:site_name"]', 'meta[name="application-name"]')
            if (name := meta(tree, selector))}
    for selector, attribute in (('meta[property="og:url"]', "content"), ('link[rel="canonical"]', "href")):
        node = tree.css_first(selector)
        host = (urlsplit(node.attributes.get(attribute) or "").hostname or "") if node is not None else ""
        if host := host.removeprefix("www."):
            keys |= {_key(host), _key(host.rsplit(".", 1)[0]), _key(host.split(".")[0])}
    return keys - {""}


def without_site_name(title: str, tree: LexborHTMLParser, headings: list[str]) -> str:
    """``title`` less the site's name before or after the headline (:data:`TITLE_SEPARATOR`): a
    first or last part that is the site's name or holds it in :data:`SITE_NAME_WORDS` words or fewer
    (:func:`site_keys`; a key of :data:`SITE_KEY_LETTERS` letters or more), or whose removal leaves
    one of the page's ``headings`` (``h1``)."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = TITLE_SEPARATOR.findall(title)
    keys = site_keys(tree)
    for part, rest in ((parts[-1], title[: len(title) - len(parts[-1]) - len(separators[-1])]),
                       (parts[0], title[len(parts[0]) + len(separators[0]) :])):
        key = _key(part)
        if key in keys or rest in headings or (len(part.split()) <= SITE_NAME_WORDS and any(
                len(site) >= SITE_KEY_LETTERS and site in key for site in keys)):
            return rest
    return title


BYLINE_SELECTORS = ('[itemprop="author"] [itemprop="name"]', '[itemprop="author"]', '[class*="byline"]',
                    '[class*="author"]')
"""Where a page's markup names its author when its metadata does not, surest first."""
BYLINE_WORDS = 8
_NOT_THE_AUTHORS = re.compile(r"comment|respond|reply", re.I)
_BYLINE_LABEL = re.compile(r"^(?:(?:author|autor|autorin|auteur|autore)\b\s*:?\s*|(?:\w+\s+)?(?:von|by|por|par|di)\s*:\s*"
                           r"|(?:\w+\s+)(?=(?:von|by|por|par)\s))", re.I)
"""A label before a byline's name that :func:`~newsflow.text.boilerplate.author_names` does not take
off: ``Autor:``, ``Written by:``, and the verb of ``Eingestellt von``, ``Posted by``, ``Publicado por``."""
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
"""A word of a name: letters (an initial's full stop, a hyphen, an apostrophe), no figure or sign."""
_TRAILING_WORDS = re.compile(r"\s+(?:updated|published|aktualisiert|veröffentlicht)\b.*$", re.I)


def byline_authors(tree: LexborHTMLParser) -> list[str]:
    """The person the page's byline markup names (:data:`BYLINE_SELECTORS`; ``Von Anna Schmidt``,
    ``By Jane Doe | 3 March``: :func:`~newsflow.text.boilerplate.author_names`): the first element
    of :data:`BYLINE_WORDS` words or fewer, outside a form and a comment thread (whose commenters
    are named so too), that gives a name: two words or more (a single word is as often a user name
    or the site's), capitalised, of letters. The authors of a page whose metadata names none."""
    for selector in BYLINE_SELECTORS:
        for node in tree.css(selector):
            text = normalize_line(node.text(deep=True, separator=" ") or "")
            if not text or word_count(text) > BYLINE_WORDS or _in_comments(node):
                continue
            byline = _TRAILING_WORDS.sub("", _BYLINE_LABEL.sub("", text.lstrip("~-–— ")))
            names = [name for name in author_names(byline) if _person_like(name)]
            if names:
                return names
    return []


def _person_like(name: str) -> bool:
    """Two words or more, the first capitalised and longer than an initial, all of letters, the last
    no particle (``Artikel von``)."""
    words = name.split()
    return (len(words) >= 2 and name[0].isupper() and len(words[0]) > 1
            and words[-1].lower() not in NAME_PARTICLES and all(map(_NAME_WORD.fullmatch, words)))


def _in_comments(node: LexborNode) -> bool:
    """Whether ``node`` is inside a form or an element named for comments or replies."""
    while node is not None:
        if node.tag == "form" or _NOT_THE_AUTHORS.search(f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"):
            return True
        node = node.parent
    return False


def json_ld(tree: LexborHTMLParser) -> list[dict]:
    """The page's schema.org objects (``<script type="application/ld+json">``), ``@graph`` lists
    flattened; a script that is not valid JSON is skipped."""
    objects: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            found = orjson.loads(node.text() or "")
        except orjson.JSONDecodeError:
            continue
        stack = found if isinstance(found, list) else [found]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                stack += item.get("@graph", []) if isinstance(item.get("@graph"), list) else []
            elif isinstance(item, list):
                stack += item
    return objects


DATE_SOURCES = (
    'meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', "json-ld",
    "time[datetime]", 'meta[name="date"]', 'meta[name="dc.date"]', 'meta[name="DC.date.issued"]',
    '[itemprop="datePublished"]', "time",
)
"""Where a page declares when it was published, in the order they are believed: Open Graph's and
schema.org's published time (as a ``<meta>``, or ``datePublished`` in JSON-LD), ``<time datetime>``,
the ``date`` and Dublin Core metas, a schema.org element's text, a ``<time>`` element's text."""


def published_date(tree: LexborHTMLParser, linked: list[dict]) -> str | None:
    """The first of :data:`DATE_SOURCES` that :func:`~newsflow.text.dates.iso_date` reads, as ISO 8601
    (a source whose value reads as no date, such as ``PT15M``, gives way to the next); ``linked``: the
    page's :func:`json_ld`."""
    for selector in DATE_SOURCES:
        values = [item.get("datePublished") for item in linked] if selector == "json-ld" else [meta(tree, selector)]
        if day := next((day for value in values if isinstance(value, str) and (day := iso_date(value))), None):
            return day
    return None


def linked_authors(linked: list[dict]) -> list[str]:
    """The people a page's schema.org objects (:func:`json_ld`) name as ``author`` — not an
    organisation, which is the publisher however it is filed."""
    names: list[str] = []
    for item in linked:
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type", "Person") == "Person" and isinstance(author.get("name"), str):
                names.append(normalize_line(html.unescape(author["name"])))
    return [name for name in dict.fromkeys(names) if name]
