"""Site furniture: paragraphs a site prints on many of its pages.

One page cannot tell a site's standing blurbs from its article ("% of readers think this story is
Fact. Add your two cents.", a teaser headline under every story, a commenting policy, "This article
was contributed by …"): they are prose. Across pages they give themselves away, as in CCNet's
paragraph deduplication, here per site and bounded: each page's body lines are hashed, the hashes
of a site's last :data:`HISTORY` pages are remembered (by the cleaner worker in Redis, by
``newsflow process`` in memory for the run), and a body line found on :data:`MIN_PAGES` or more of
the other pages is marked as furniture (removal reason :data:`REASON`). The first pages of a site
are cleaned without it.

Guards, so an article never loses its own text:

- an earlier page sharing more than :data:`SAME_PAGE` of this page's lines is a version of it (scraped
  again, updated, replayed), not another page: it does not count;
- a page whose every body line would go keeps them all, and a page of one line is not judged.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from itertools import chain
from zlib import adler32, crc32

import numpy as np

VERSION = "site-3"
REASON = "site_repeated"
HISTORY = 100
"""Pages of a site remembered: the newest ones."""
MIN_PAGES = 3
"""A body line on this many other remembered pages of its site is furniture."""
SAME_PAGE = 0.5
"""An earlier page sharing more than this share of a page's distinct body lines (or of its own, when
it has fewer) is a version of the same page."""
MAX_SITES = 1000
"""Sites an in-process :class:`SiteMemory` keeps, least recently seen dropped first."""

History = Sequence[tuple[str, frozenset[int]]]
"""A site's remembered pages, newest first: ``(page id, its distinct line keys)``."""


def line_keys(lines: Iterable[str]) -> list[int]:
    """A 64-bit key per line, the same in every process: CRC-32 and Adler-32 of its UTF-8 side by
    side (zlib's, in C: a third of the time of a cryptographic hash; collisions do not matter at a
    few thousand lines a site)."""
    return [crc32(raw) << 32 | adler32(raw) for raw in (line.encode("utf-8", "surrogatepass") for line in lines)]


def repeated(keys: list[int], history: History, page_id: str) -> list[bool]:
    """Which of a page's body lines (``keys``, see :func:`line_keys`) are site furniture.
    ``history`` is the site's remembered pages; entries with ``page_id`` (a replay) and versions
    of this page are left out, and each other page counts once."""
    mine = set(keys)
    if len(mine) < 2 or not history:
        return [False] * len(keys)
    shares = []
    seen = {page_id}
    for other_id, other in history:
        if other_id in seen:
            continue
        seen.add(other_id)
        shared = mine & other
        if shared and len(shared) <= SAME_PAGE * min(len(mine), len(other)):  # more: a version of this page
            shares.append(shared)
    if len(shares) < MIN_PAGES:
        return [False] * len(keys)
    furniture = {key for key, pages in Counter(chain.from_iterable(shares)).items() if pages >= MIN_PAGES}
    flags = [key in furniture for key in keys]
    return flags if not all(flags) else [False] * len(keys)


def pack(page_id: str, keys: Iterable[int]) -> bytes:
    """One remembered page as bytes: the length of its id (4 bytes), its id, its distinct keys
    (little-endian uint64)."""
    raw_id = page_id.encode("utf-8", "surrogatepass")
    return len(raw_id).to_bytes(4, "little") + raw_id + np.array(sorted(set(keys)), dtype="<u8").tobytes()


def unpack(blob: bytes) -> tuple[str, frozenset[int]]:
    end = 4 + int.from_bytes(blob[:4], "little")
    return (blob[4:end].decode("utf-8", "surrogatepass"),
            frozenset(np.frombuffer(blob[end:], dtype="<u8").tolist()))


class SiteMemory:
    """The remembered pages of recently seen sites, in this process (``newsflow process``)."""

    def __init__(self, pages: int = HISTORY, sites: int = MAX_SITES) -> None:
        self.pages = pages
        self.sites = sites
        self._by_site: OrderedDict[str, list[tuple[str, frozenset[int]]]] = OrderedDict()

    def recent(self, site: str | None) -> History:
        return list(self._by_site.get(site, ())) if site else []

    def remember(self, site: str | None, page_id: str, keys: Iterable[int]) -> None:
        if not site:
            return
        pages = self._by_site.pop(site, [])
        self._by_site[site] = [(page_id, frozenset(keys)), *pages][: self.pages]
        while len(self._by_site) > self.sites:
            self._by_site.popitem(last=False)
