"""A page's title as its address spells it: ``/2020/01/05/naturkosmetik-doch-gesuender/``.

Most news and blog sites put the headline's words in the article's URL (a "slug"). A naive scrape
holds the headline somewhere among menus, breadcrumbs, teasers and captions, and the lines around it
do not always tell it apart; the address does, in any language. Words are compared case-folded,
without accents, by their first :data:`STEM` letters, with a German umlaut spelt both ways
(``gesünder`` is ``gesuender`` in a German slug, ``gesunder`` in most others).
:func:`slug_words` reads the address, :func:`shares` how much of it each line of a page holds.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from urllib.parse import unquote, urlsplit

STEM = 5
"""Letters of a word compared: ``radfahren`` / ``radfahrer``, ``zunehmen`` in a slug and in a line."""
MIN_WORDS = 2
"""Words a slug must have, and a line must share with it, to be read."""
_WORD = re.compile(r"[a-z0-9]+")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp)$", re.I)


_COMBINING = re.compile("[\u0300-\u036f]")


def _plain(text: str) -> str:
    """``text`` without accents (``é`` → ``e``): decomposed, its combining marks taken out."""
    return text if text.isascii() else _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def _spelt_out(folded: str) -> str:
    """Case-folded text with its umlauts spelt out (``ß`` is ``ss`` once case-folded). ``str.replace``:
    a translation table is looked up a character at a time, several times slower on a page."""
    return folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


def _variants(text: str) -> list[str]:
    """``text`` case-folded and without accents, and with umlauts spelt out too where it has any."""
    folded = text.casefold()
    both = [folded, _spelt_out(folded)] if any(c in folded for c in "äöü") else [folded]
    return [_plain(variant) for variant in both]


@lru_cache(maxsize=256)  # a page's address is read by the cleaner and again for its record
def slug_words(url: str | None) -> frozenset[str]:
    """The words of the last part of ``url``'s path that has :data:`MIN_WORDS` or more of three
    letters or more (figures are dates and ids), cut to :data:`STEM` letters; empty when none has."""
    if not url:
        return frozenset()
    for part in reversed([p for p in unquote(urlsplit(url).path).split("/") if p]):
        plain = _plain(_spelt_out(_PAGE_SUFFIX.sub("", part).casefold()))
        words = {w[:STEM] for w in _WORD.findall(plain) if len(w) >= 3 and not w.isdigit()}
        if len(words) >= MIN_WORDS:
            return frozenset(words)
    return frozenset()


def shares(lines: list[str], slug: frozenset[str]) -> list[float]:
    """The share of ``slug``'s words that each of ``lines`` holds; 0 where a line holds fewer than
    :data:`MIN_WORDS`. The page is folded at once (:func:`_variants`) and searched for each word's
    stem as a substring; only a line where two of them turn up is split into words."""
    if not slug or not lines:
        return [0.0] * len(lines)
    hits: dict[int, set[str]] = {}
    split = []
    for variant in _variants("\n".join(lines)):
        split.append(variant.split("\n"))
        ends = list(accumulate(len(line) + 1 for line in split[-1]))
        for stem in slug:
            at = variant.find(stem)
            while at >= 0:
                number = bisect_right(ends, at)
                hits.setdefault(number, set()).add(stem)
                at = variant.find(stem, ends[number])  # on from the next line: one hit a line is enough
    out = [0.0] * len(lines)
    for number, found in hits.items():
        if len(found) >= MIN_WORDS:
            held = len(slug & {word[:STEM] for page in split for word in _WORD.findall(page[number])})
            out[number] = held / len(slug) if held >= MIN_WORDS else 0.0
    return out


def share(text: str, slug: frozenset[str]) -> float:
    """:func:`shares` of one line."""
    return shares([text], slug)[0]
