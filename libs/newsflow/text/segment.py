"""Segmentation: a cleaned page's blocks → the articles in it.

Two kinds of evidence, neither a word list:

- **cues** from the cleaner: a title-like line after body text is a candidate start. It is taken
  when page furniture sits around it (a repeated separator such as "Published" / "Continue
  Reading", a byline, a dateline), or when the text after it shares little vocabulary with the
  article before it — a subheading continues its article's vocabulary, a new story does not;
- **furniture**: in a dump of whole saved pages, a long stretch of menus, footers and widgets
  between two paragraphs is where one page ends and the next begins; it is taken, like a title
  without furniture around it, when the text after it shares little vocabulary with the text before
  (less than after a title: past an article, its own page's comments and related stories follow);
- **content** where there are no titles, and inside the parts that titles leave when no furniture
  marks the page's articles (a headline with too little dip in cohesion around it opens nothing
  by itself): lexical cohesion between paragraphs (tf-idf over the page's own paragraphs, each
  word also weighed by how rare it is in the page's language, so function words weigh nothing in
  any language wordfreq knows); the page is cut into the most cohesive runs of paragraphs, and a
  cut stands only where the parts on either side are much less alike across than inside, so a
  single article whose subject drifts or whose paragraphs share few words stays whole. On a page
  where no title opened an article, its title-like lines are its own headings, where its sections
  drift apart: no content cut falls at one, and cuts elsewhere on such a page must be clearer. A
  new article found by content begins at the title-like line above its first paragraph, if any.

Each evidence also turns up on a page of one article (readers' comments under names and dates, a
cookie notice after the menus, related stories under their headlines), so in plain text every
boundary found is then weighed by a learned check (:mod:`newsflow.text.boundaries`) that compares
the parts on either side; the part after a boundary it rejects joins the part before.

The measurements behind each rule's settings, and what was tried instead: docs/tuning.md.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, count, islice, pairwise, repeat

import numpy as np

from newsflow.schema import Block
from newsflow.text import boundaries, linefilter
from newsflow.text.boilerplate import (
    ASIDE,
    BODY,
    BYLINE,
    BYLINE_PREFIX,
    DATELINE,
    HEADING_WORDS,
    NO_SENTENCE_MARKS,
    SEPARATOR,
    SOURCE,
    TITLE,
    WEB_ADDRESS,
    author_names,
    closing_notices,
    ends_like_sentence,
    word_count,
)
from newsflow.text.dates import iso_date
from newsflow.text.frequency import informativeness, likeliest_language
from newsflow.text.normalize import word_stems

RULES = "segment-0.44"
"""The version of this module's rules, which the boundary check is fitted on. What each version changed,
with its figures: docs/tuning.md."""
TEXT = "text-6"
"""The version of what an article's text is made of (:func:`text_blocks`), wherever it begins and ends."""
VERSION = f"{RULES}+{boundaries.VERSION}+{TEXT}"

_NON_WORD = re.compile(r"\W+")
_NUMBERED = re.compile(r"\(?(\d{1,2})[.):]\s")
"""``5. Fed by the Fed``, ``(3) ...``: a numbered section of a list article, not a new article; no
content cut falls between two items that follow each other ("34. …", "35. …"), whose subjects may
drift. Read with ``match``: at a line's start."""

TITLE_DEPTH = 0.06
"""A title-like line without other cues starts a new article when lexical cohesion across it is
this much lower than cohesion inside the text on either side (see :func:`_valley`). 0.03 before
words were weighed by their language's frequencies; with them, 0.05: BBC dumps Pk 0.068 (0.075
at 0.06) but untitled html-dev German 0.204 (0.186)."""
WINDOW = 3
"""Paragraphs compared on each side of a gap (lexical cohesion)."""
MIN_PARAGRAPHS = 3
"""No content-only boundary leaves fewer paragraphs than this on either side (unless two of them
hold :data:`LONG_PAIR_WORDS` words), and a page of fewer than twice this many is not cut by content."""
LONG_PAIR_WORDS = 150
"""Two paragraphs holding this many words can be a story of their own, a news brief (117 of the BBC dev
dumps' 1,458 stories have two): found by content, or under a header with furniture next to another such
header (which otherwise reads as a thread of readers' comments). A page too short to be cut into parts
of :data:`MIN_PARAGRAPHS` still stays whole: sample 004, a roundup of two sections of two paragraphs
(180 words each) under one headline, is one article."""
TITLE_MIN_PARAGRAPHS = 2
"""A title-like line opens an article only this many paragraphs or more after the last one opened (or
the page's start): one paragraph under a headline is a teaser, two can be a short story."""
SPLIT_COST = 0.05
"""What opening a new article costs in :func:`_content_starts`, in cosine per pair of paragraphs."""
MAX_CROSS_RATIO = 0.3
"""A content-only cut stands where the parts on either side are less alike across than this times inside
(see :func:`_content_starts`)."""
HEADED_CROSS_RATIO = 0.25
"""The same on a page with title-like lines after its body that opened no article (an article's own
headings), where no cut falls at a heading either."""
MAX_RUN = 200
"""Longest run of paragraphs the content-only cutting considers, so its cost grows linearly with the
page (with :data:`MAX_CELLS`, about 4 × MAX_RUN × MAX_CELLS multiplications at most: see
:meth:`_Runs.cohesions`); a longer article is cut there first and made whole again by the
cross-ratio check."""
MAX_TITLE_PART_SIMILARITY = 0.15
"""A title-like line with no furniture around it opens an article only if the whole parts on either side
are less alike than this (tf-idf cosine): a subheading opens a section of the same article, which shares
its vocabulary."""
FURNITURE_PART_SIMILARITY = 0.1
"""The same for a stretch of furniture (:data:`FURNITURE_GAP`) that no title cue marks, stricter: past
an article's end, one page's furniture leads to its readers' comments, related stories or author box,
which share the article's vocabulary more than the next saved page does."""
SECTION_SHARE = 0.5
"""Title-like lines without furniture around them open articles by :data:`MAX_TITLE_PART_SIMILARITY`
only if they are at least this share of the page's headlines standing tightly between paragraphs
(:func:`_tight_headlines`): in a dump of stories nearly every headline opens one, in one long article
only a few of its section headings part vocabularies enough. Under this share a headline still opens an
article where the parts on either side are as unlike as across a stretch of furniture
(:data:`FURNITURE_PART_SIMILARITY`), as in a dump of articles with headings of their own."""
FEED_CUES = 2
"""A page where this many articles or more open under furniture (a byline, a dateline, a recurring
separator) is a feed that marks its articles so: content cuts no article there (sample 003's lead story
drifts enough for one). Under it, a byline or two stand on a dump of stories most of which carry none,
and content still finds those."""
HEADS_SEPARATOR = 3
"""A separator line (short, repeated on the page) is furniture around article heads when this many heads
carry it, the first article's (what stands before its first paragraphs) included."""
MAX_HEADER_TITLES = 2
"""An article's header holds a title and perhaps a kicker or a dek; more title-like lines than this
between two paragraphs are a menu or a tag list. Where a byline or a dateline stands there, the header
begins at the headline over it: title-like lines above it end the article before (a credit, a teaser) or
are the next saved page's menu."""
PREFIX = 6
"""Paragraphs are compared by their words' first 6 characters, a stemmer for any language that inflects
("Regierung", "Regierungen"; "election", "elections")."""
IDF_BASE = 0.2
"""Added to every word's idf on the page (``log((1 + n) / (1 + df))``, as scikit-learn's smoothed idf
adds 1), so a word found in every paragraph still weighs something: that a page's parts share their
subject ("Lyft" in a short report and in the results section under its subheading) is evidence they are
one article. Without it such a word weighed nothing, and two short sections of one story could look as
unlike as two stories."""
MAX_CELLS = 4_000_000
"""Paragraphs × words held as dense tf-idf (32 MB): on a page bigger than that only its most
widespread words are columns, and the others count in the norms alone."""
FURNITURE_GAP = 400
"""Characters of furniture between two paragraphs (menus, footers, widgets: what the cleaner took out,
and title-like lines) that end one page and begin another. The median stretch inside one page is 0
words, between pages 157."""
MIN_ARTICLE_WORDS = 100
"""A part of a page without a run of this many words of consecutive paragraphs (in plain text: nothing
but line breaks between them; :data:`PROSE_WORDS` of them in sentences) is not an article of its own (a
cookie notice, a teaser, a subscription box, a list of links with blurbs, a comment thread) but belongs
to its neighbour: the shortest of the 1,458 BBC articles of the dev dumps has 115 words."""
CUED_ARTICLE_WORDS = 50
"""The run of :data:`MIN_ARTICLE_WORDS` that a part needs where a header with furniture around its title
opens it (a byline, a dateline, a separator recurring at article heads: a page's own head, which a
comment thread's headers, crowded together, do not pass for): a short page of a dump, a news brief,
stands there. The page's last part still needs :data:`MIN_ARTICLE_WORDS` (:func:`settled`)."""
PROSE_WORDS = 30
"""Of a :data:`MIN_ARTICLE_WORDS` run, the words that must stand in paragraphs with a sentence end (a
full stop, a question mark… then a space or the paragraph's end): a sidebar's list of archive months,
categories or teaser headlines is no article however long, while an article's code, lists and headings
between its paragraphs count."""
PIECE_PARAGRAPHS = 1000
"""Paragraphs segmented at once, at most about. Past a few thousand, the tf-idf columns a page may hold
(:data:`MAX_CELLS`) are only its commonest words: most headlines lose the dip in cohesion that opens an
article, and once fewer than half of a page's headlines open one, all of them are read as one article's
section headings (:data:`SECTION_SHARE`). Pieces are cut at title-like lines, so an untitled page is
read at once, as content cuts do well on it (the 1,016 articles without titles: 0.072 / 0.897)."""
_RUNS_ON = frozenset(",;")
"""A paragraph ending on one of these is followed by more of its list or sentence: no content cut after
it."""
TRAILING_GAP = 200
"""An article's text ends with its longest run of paragraphs: after it, a run of fewer than
:data:`MIN_ARTICLE_WORDS` words that this many characters of page furniture or more set apart (a
newsletter box, an author's bio, "You might also like:", a copyright line) is not the article's
(:func:`text_blocks`)."""
TRAILING = "trailing"
"""Removal reason of those runs in a cleaned page's provenance."""
LEADING = "leading"
"""Removal reason of paragraphs over a headline that heads the article's text (:func:`_under_lead`)."""
AUTHOR_NOTE = "author_note"
"""Removal reason of an author's note under the article (:func:`without_author_notes`)."""
LINE_BREAKS = 4
"""Paragraphs at most this many characters apart in the raw text (``\r\n\r\n``) are consecutive.
Letting a caption or an ad line between them (60 / 150 characters) helps dumps of whole pages (Pk
0.138 -> 0.124 / 0.111 English) but splits more single pages (news sample 15 -> 18 / 20, html-dev
naive text 208 -> 256 / 296)."""
HEADING_GAP = 90
"""Whether a part is long enough to stand as an article (:func:`_merge_small`, before the boundary
check) reads its runs of paragraphs across this many characters taken out between two of them: a
subheading or a caption (``Recent Findings``), as an abstract's sections have, or a link's words that
stayed on a line of their own. The check's features and the page's tail (:func:`settled`) still read
runs at :data:`LINE_BREAKS`."""


NOTICE_MARGIN = 1.0
SURE_BOUNDARY = 0.95
NOTICE_WORDS = 5
"""A page's last part is a notice, not an article, and belongs to none (a cookie or privacy notice, a
comment policy, a donation plea, terms of service: :func:`settled`) where the plain-text line filter's
n-grams read it as furniture and far less as article text than the article before it: the median
n-gram score of its paragraphs of :data:`NOTICE_WORDS` words or more (:func:`linefilter.text_score
<newsflow.text.linefilter.text_score>`) is under 0 and under the article's by this margin or more
(log-odds). Only after a boundary that :data:`TRAILING_GAP` characters of furniture or more set
apart (menus, share buttons), that no cue opened and that the check was not sure of (p under
:data:`SURE_BOUNDARY`), and not where a byline or a dateline signs the part (:func:`_signed`)."""


TOPIC_SHARE = 0.6
TOPIC_WEIGHT = 0.5
TOPIC_LETTERS = 4
"""A headline opens no article where the paragraphs on either side of it (two or more each) share a
topic word that the headline does not hold: a word of :data:`TOPIC_LETTERS` letters or more, of weight
:data:`TOPIC_WEIGHT` or more in the page's language (:mod:`newsflow.text.frequency`: not a common word),
found in :data:`TOPIC_SHARE` of the paragraphs of each side (:func:`_one_topic`). An article's sections
drift apart in their words, but its subject ("hemp") stays in most of its paragraphs, and cohesion
weighs such a word little because it is found all over the page (:data:`IDF_BASE`); a story of the same
subject names it in its headline."""


class _Vectors:
    """tf-idf vectors of a page's paragraphs (words cut to :data:`PREFIX` characters; idf from the
    page itself, times how informative the word is in the page's language) as prefix sums: the
    summed vector of any run of paragraphs (a "window") and its norm cost one subtraction. A word
    found in a single paragraph never meets another window's words, so it is kept only as part of
    that paragraph's squared norm, not as a column."""

    def __init__(self, shared: np.ndarray, private: np.ndarray,
                 topics: tuple[np.ndarray, np.ndarray] | None = None,
                 words: tuple[dict[str, int], np.ndarray] | None = None) -> None:
        """``topics``: (paragraph, word) of each topic word (:data:`TOPIC_SHARE`) in a paragraph,
        by paragraph; ``words``: each word stem's first position among the page's words, and the
        number of the word at each such position (see :meth:`word`)."""
        self.n = shared.shape[0]
        self._prefix = np.zeros((self.n + 1, shared.shape[1]))
        np.cumsum(shared, axis=0, out=self._prefix[1:])
        self._private = np.concatenate(([0.0], np.cumsum(private)))
        empty = np.zeros(0, dtype=np.int64)
        self._topic_rows, self._topic_words = topics if topics is not None else (empty, empty)
        self._firsts, self._numbers = words if words is not None else ({}, empty)

    def word(self, stem: str) -> int | None:
        """Word ``stem``'s number on the page, as :meth:`topic_words` gives it; None when the page
        has no such word."""
        first = self._firsts.get(stem)
        return None if first is None else int(self._numbers[first])

    @classmethod
    def of(cls, texts: list[str], language: str | None = None) -> _Vectors:
        """``language``: the wordfreq list to weigh words by (:mod:`newsflow.text.frequency`);
        the likeliest for the page's words when not given."""
        tokens = [word_stems(t, PREFIX) for t in texts]
        flat = list(chain.from_iterable(tokens))
        # words numbered as they first come on the page, in C (no Python loop per word): the
        # position of a word's first use, then those positions in order
        firsts: dict[str, int] = {}
        first = np.fromiter(map(firsts.setdefault, flat, count()), np.int64, len(flat))
        n, v = len(texts), max(len(firsts), 1)
        number = np.zeros(len(flat), np.int64)
        number[np.fromiter(firsts.values(), np.int64, len(firsts))] = np.arange(len(firsts))
        lighter = informativeness(language or likeliest_language(flat, PREFIX), PREFIX)
        # every (paragraph, word) pair of the page once, with its count (numpy throughout: no
        # Python loop per pair)
        pair = np.repeat(np.arange(n, dtype=np.int64), [len(t) for t in tokens]) * v + number[first]
        pair, counts = np.unique(pair, return_counts=True)
        row, word = np.divmod(pair, v)
        df = np.bincount(word, minlength=v)
        # by document frequency on the page (IDF_BASE for a word in all n paragraphs), and by how
        # informative the word is in its language
        weights = np.fromiter(map(lighter.get, firsts, repeat(1.0)), float, v)  # in the words' order
        idf = (np.log((1 + n) / (1 + df)) + IDF_BASE) * weights
        widespread = np.flatnonzero(df > 1)
        if widespread.size * n > MAX_CELLS:
            widespread = widespread[np.argsort(-df[widespread], kind="stable")[: MAX_CELLS // n]]
        column = np.full(v, -1)
        column[widespread] = np.arange(widespread.size)
        col, weight = column[word], counts * idf[word]
        inner = col >= 0
        shared = np.zeros((n, widespread.size))
        shared[row[inner], col[inner]] = weight[inner]
        private = np.bincount(row[~inner], weights=weight[~inner] ** 2, minlength=n)
        topical = ((weights >= TOPIC_WEIGHT) & (np.fromiter(map(len, firsts), np.int64, v) >= TOPIC_LETTERS))[word]
        return cls(shared, private, (row[topical], word[topical]), (firsts, number))

    def topic_words(self, start: int, stop: int) -> set[int]:
        """The informative words (:data:`TOPIC_WEIGHT`) found in :data:`TOPIC_SHARE` of paragraphs
        ``start:stop`` or more."""
        lo, hi = np.searchsorted(self._topic_rows, [start, stop])
        counts = np.bincount(self._topic_words[lo:hi])
        return set(np.flatnonzero(counts >= TOPIC_SHARE * (stop - start)).tolist())

    def units(self) -> np.ndarray:
        """Each paragraph's vector scaled to unit length, widespread words only (the rest never
        meet another paragraph's)."""
        rows = np.diff(self._prefix, axis=0)
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows) + np.diff(self._private))
        norms[norms == 0] = 1.0
        return rows / norms[:, None]

    def window(self, start: int, stop: int) -> tuple[np.ndarray, float]:
        """The summed vector of paragraphs ``start:stop`` and its norm."""
        start, stop = min(max(start, 0), self.n), min(max(stop, 0), self.n)
        vector = self._prefix[stop] - self._prefix[start]
        squared = float(vector @ vector) + self._private[stop] - self._private[start]
        return vector, math.sqrt(max(squared, 0.0))

    @staticmethod
    def similarity(a: tuple[np.ndarray, float], b: tuple[np.ndarray, float]) -> float:
        (va, na), (vb, nb) = a, b
        if not na or not nb:
            return 0.0
        return float(va @ vb) / (na * nb)


def _across(vectors: _Vectors, gap: int) -> float:
    """Cohesion across paragraph ``gap``: the :data:`WINDOW` paragraphs before it against those from it on."""
    return vectors.similarity(vectors.window(gap - WINDOW, gap), vectors.window(gap, gap + WINDOW))


def _valley(vectors: _Vectors, gap: int, across: float, width: int = 2) -> float:
    """How much lower cohesion is across paragraph ``gap`` (``across``, :func:`_across`) than within
    the text on either side."""
    n = vectors.n
    inside = []
    if gap >= 2 * width:
        inside.append(vectors.similarity(vectors.window(gap - 2 * width, gap - width), vectors.window(gap - width, gap)))
    if gap + 2 * width <= n:
        inside.append(vectors.similarity(vectors.window(gap, gap + width), vectors.window(gap + width, gap + 2 * width)))
    return sum(inside) / len(inside) - across if inside else 0.0


TITLE_APART = 0.02
APART_WORDS = 120
"""A headline-shaped line opens an article also where no valley in cohesion marks it
(:data:`TITLE_DEPTH`) but the :data:`WINDOW` paragraphs on either side share almost no words (their
similarity under :data:`TITLE_APART`), each side holding :data:`APART_WORDS` words of prose or more
outside the furniture: stories whose own paragraphs share few words (tips, a list of items, an article
ending on a bio and a comment policy) show no valley between them."""


def _apart(blocks: list[Block], body_at: list[int], gap: int, across: float) -> bool:
    """Whether the paragraphs on either side of paragraph ``gap``, whose cohesion across it is
    ``across`` (:func:`_across`), are apart (:data:`TITLE_APART`)."""
    def prose(paras: list[int]) -> int:
        return sum(word_count(blocks[i].text) for i in paras if not blocks[i].furniture)

    return (across < TITLE_APART and prose(body_at[max(gap - WINDOW, 0) : gap]) >= APART_WORDS
            and prose(body_at[gap : gap + WINDOW]) >= APART_WORDS)


def _one_topic(vectors: _Vectors, starts: set[int], cued: set[int], headline_of: Callable[[int], str]) -> set[int]:
    """Those of ``starts`` (paragraph indexes; not ``cued`` ones) where the parts on either side
    (two paragraphs or more each) share a topic word (:data:`TOPIC_SHARE`) that the headline over the
    start (``headline_of``) does not hold."""
    if starts <= cued:
        return set()
    ordered = sorted(starts)
    topics = [vectors.topic_words(a, b) if b - a >= 2 else set() for a, b in pairwise([0, *ordered, vectors.n])]
    out = set()
    for k, p in enumerate(ordered):
        if p not in cued and (shared := topics[k] & topics[k + 1]) and shared - {
                vectors.word(stem) for stem in word_stems(headline_of(p), PREFIX)}:
            out.add(p)
    return out


def _title_starts(blocks: list[Block], body_pos: dict[int, int], vectors: _Vectors) -> list[tuple[int, int, bool]]:
    """``(block index, paragraph index, furniture cue)`` where a new article starts, from title-like
    lines and source lines (:data:`~newsflow.text.boilerplate.SOURCE`)."""
    body_at = sorted(body_pos, key=body_pos.get)
    # candidates: (title or source line index, block before which the header cluster starts, first paragraph after,
    #              paragraphs after, furniture in the cluster)
    candidates = []
    last_body = None
    for i, block in enumerate(blocks):
        if block.kind == BODY:
            last_body = i
        elif last_body is not None and body_pos[last_body] + 1 < len(body_at) and (
                block.kind == TITLE or (block.kind == SOURCE and blocks[i + 1].kind == BODY)):
            # (a source line right over the next story's first paragraph: a candidate with no headline)
            next_para = body_pos[last_body] + 1
            after = body_at[next_para : next_para + WINDOW]
            # the header's cues: from the last paragraph to a few blocks past the first one under the
            # title, short of the next title-like line, whose cues are the next header's (segment-0.31:
            # news-sample dumps Pk 0.141 -> 0.138, 0.146 -> 0.144; own-menu German page dumps 0.063 -> 0.066)
            end = min(after[0] + 4, len(blocks))
            cluster = blocks[last_body + 1 : next((j for j in range(after[0] + 1, end) if blocks[j].kind == TITLE), end)]
            candidates.append((i, last_body + 1, next_para, len(after), cluster))
            last_body = None
    # a separator is a cue only when it recurs at three article heads or more, the first article's
    # included ("Published", "Continue Reading"); a name repeated in one credits block is not, nor a
    # "Read more" or "Advertisement" seen twice among an article's paragraphs
    recurring = Counter(t for *_, cluster in candidates for t in {b.text for b in cluster if b.kind == SEPARATOR})
    recurring.update({b.text for b in blocks[: body_at[0] + 4] if b.kind == SEPARATOR})
    for text in _inline_separators(blocks):  # a photo credit recurs too, but also between paragraphs
        del recurring[text]
    # a headline right under a source line (the story above's web address) is cued too
    cues = [any(b.kind in (BYLINE, DATELINE) or (b.kind == SEPARATOR and recurring[b.text] >= HEADS_SEPARATOR)
                for b in cluster) or (cluster[0].kind == SOURCE and blocks[i].kind == TITLE)
            for i, *_, cluster in candidates]
    # a header with furniture a paragraph or two from the next such header, or from the previous
    # one, or from the page's end, opens no article: readers' comments (each under its author and
    # date) and lists of teasers, the last of them included; two paragraphs of a brief's words
    # (LONG_PAIR_WORDS) are a story
    crowded: set[int] = set()
    for before, after in pairwise([c[2] for c, cue in zip(candidates, cues, strict=True) if cue] + [len(body_at)]):
        if after - before < MIN_PARAGRAPHS and sum(word_count(blocks[i].text) for i in body_at[before:after]) < LONG_PAIR_WORDS:
            crowded |= {before, after}
    starts: list[tuple[int, int, bool]] = []
    article_start_para = 0
    for (i, first, next_para, n_after, _cluster), cue in zip(candidates, cues, strict=True):
        if next_para - article_start_para < TITLE_MIN_PARAGRAPHS:
            continue  # a byline or teaser inside an article's first paragraph opens nothing
        if cue and next_para in crowded:
            continue
        signed = next((j for j in range(first, body_at[next_para]) if blocks[j].kind in (BYLINE, DATELINE)), None)
        if signed is not None:  # the header begins at the headline over its byline or dateline: title-like
            # lines above it end the article before (its footnotes, a caption) or are the next page's menu
            first = next((j for j in range(signed - 1, first - 1, -1) if blocks[j].kind == TITLE), first)
        if sum(b.kind == TITLE for b in blocks[first : body_at[next_para]]) > MAX_HEADER_TITLES:
            continue  # a menu, a tag list or a row of share buttons, not a headline
        sourced = blocks[i].kind == SOURCE  # no headline: the story under it opens after it
        if cue or ((sourced or _headline_shaped(blocks[i].text)) and n_after >= 2 and (
                _valley(vectors, next_para, across := _across(vectors, next_para)) >= TITLE_DEPTH
                or _apart(blocks, body_at, next_para, across))):
            starts.append((i + 1 if sourced else _head(blocks, first, i), next_para, cue))
            article_start_para = next_para
    return starts


SOURCE_WORDS = 30
"""A paragraph of at most this many words that holds a web address closes an article ("Source:
http://…", "Visit www.…"): a content cut found right before one goes after it."""


def _closes(text: str, words: int) -> bool:
    """Whether a paragraph (``words`` long) closes an article: see :data:`SOURCE_WORDS`."""
    return words <= SOURCE_WORDS and WEB_ADDRESS.search(text) is not None


def _head(blocks: list[Block], first: int, stop: int) -> int:
    """Where an article whose header may begin at block ``first`` starts: at the first evidence
    block (title, separator, byline, dateline) before ``stop``, else at ``stop``."""
    while first < stop and blocks[first].kind not in (TITLE, SEPARATOR, BYLINE, DATELINE):
        first += 1
    return first


def _furniture_starts(blocks: list[Block], body_at: list[int], taken: set[int]) -> list[tuple[int, int, bool]]:
    """``(block index, paragraph index, False)`` after every stretch of at least
    :data:`FURNITURE_GAP` characters of page furniture between two paragraphs — where one saved
    page ends and the next begins in a dump of whole pages — starting at the last title-like line
    of the stretch (the next page's headline). Plain text only: its blocks' offsets show how much
    the cleaner took out between them."""
    out = []
    for para, (before, after) in enumerate(pairwise(body_at), start=1):
        if para in taken or blocks[before].end is None or blocks[after].start - blocks[before].end < FURNITURE_GAP:
            continue
        start = next((i for i in range(after - 1, before, -1) if blocks[i].kind == TITLE), after)
        out.append((start, para, False))
    return out


def _headline_shaped(text: str) -> bool:
    """4 words or more and not numbered: 2-3 word lines between paragraphs are subheadings, and so
    are numbered ones."""
    return word_count(text) >= 4 and not _NUMBERED.match(text)


def _tight_headlines(blocks: list[Block], body_at: list[int]) -> int:
    """How many headline-shaped lines (:func:`_headline_shaped`) stand alone between two paragraphs
    with nothing taken out around them (plain text; in HTML, with nothing else between): a dump's
    headlines, or an article's section headings."""
    count = 0
    for before, after in pairwise(body_at):
        if after - before != 2:
            continue
        line = blocks[before + 1]
        if line.kind != TITLE or not _headline_shaped(line.text):
            continue
        count += line.start is None or (line.start - blocks[before].end <= LINE_BREAKS
                                        and blocks[after].start - line.end <= LINE_BREAKS)
    return count


def _inline_separators(blocks: list[Block]) -> set[str]:
    """Separators that also stand between two paragraphs with nothing else around them (a photo
    credit between paragraphs): they mark no article's head anywhere on the page."""
    before: list[str | None] = []  # kind of the nearest block before each that is no separator
    last = None
    for block in blocks:
        before.append(last)
        if block.kind != SEPARATOR:
            last = block.kind
    out, after = set(), None
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].kind != SEPARATOR:
            after = blocks[i].kind
        elif before[i] == BODY and after == BODY:
            out.add(blocks[i].text)
    return out


def _content_starts(units: np.ndarray, words: np.ndarray, barred: set[int], limit: float) -> list[int]:
    """Paragraph indices where a new article starts, from content alone; ``units``: the
    paragraphs' unit vectors (:meth:`_Vectors.units`, or a run of them).

    The page is cut into the runs of paragraphs that maximise their summed cohesion less
    :data:`SPLIT_COST` a run (exact dynamic programming, in the manner of Utiyama & Isahara 2001);
    a run's cohesion is the sum of its paragraphs' pairwise cosines over its length, so a cut pays
    where the parts on either side share less than :data:`SPLIT_COST` a pair of paragraphs. Then
    cuts go, the weakest first, until the parts on either side of each are less alike across than
    ``limit`` times the cohesion inside the looser of them: one article whose paragraphs share few
    words (an interview, a drifting column) is loose inside as well as across, two stories are
    not. No cut stays at one of ``barred`` (a paragraph under a heading, where a section of the
    same article starts, or after one that runs on). ``words``: each paragraph's words, for
    :data:`LONG_PAIR_WORDS`."""
    n = units.shape[0]
    if n < 2 * MIN_PARAGRAPHS:
        return []
    runs = _Runs(units, words)
    best = np.full(n + 1, -np.inf)
    best[0] = 0.0
    back = np.zeros(n + 1, dtype=np.int64)
    for begin in range(2, n + 1, MAX_RUN + 1):
        # the runs ending at these MAX_RUN + 1 stops start at most MAX_RUN before the first of them
        first, last = max(0, begin - MAX_RUN), min(n + 1, begin + MAX_RUN + 1)
        cohesion = runs.cohesions(first, last)
        for stop in range(begin, last):
            value = best[first:last] + cohesion[stop - first]
            k = int(np.argmax(value))
            if value[k] > -np.inf:  # else no run of a length allowed ends here
                best[stop], back[stop] = value[k] - SPLIT_COST, first + k
    cuts, stop = [], int(back[n])
    while stop > 0:
        cuts.append(stop)
        stop = int(back[stop])
    return _weakest_removed([c for c in reversed(cuts) if c not in barred], runs, n, limit)


def _weakest_removed(cuts: list[int], runs: _Runs, n: int, limit: float) -> list[int]:
    """``cuts`` (paragraph indices in ``0 < c < n``) less the weakest, one at a time, until each
    left parts runs whose :meth:`_Runs.cross_ratio` is under ``limit``. A cut's ratio depends on
    its neighbours only, so after a removal those two are recomputed; the ratios wait in a heap,
    stale entries skipped, so a page of many short parts costs ``c log c``, not ``c²``. Of equal
    ratios the first cut goes."""
    before = [-1, *range(len(cuts) - 1)]  # neighbours by position in ``cuts``; -1 / len: the page's ends
    after = [*range(1, len(cuts) + 1)]

    def ratio(k: int) -> float:
        return runs.cross_ratio(cuts[before[k]] if before[k] >= 0 else 0, cuts[k],
                                cuts[after[k]] if after[k] < len(cuts) else n)

    ratios = [ratio(k) for k in range(len(cuts))]
    heap = [(-r, k) for k, r in enumerate(ratios)]
    heapq.heapify(heap)
    gone = [False] * len(cuts)
    while heap and -heap[0][0] >= limit:
        negative, k = heapq.heappop(heap)
        if gone[k] or -negative != ratios[k]:
            continue  # removed, or its ratio has changed since
        gone[k] = True
        left, right = before[k], after[k]
        if left >= 0:
            after[left] = right
        if right < len(cuts):
            before[right] = left
        for j in (left, right):
            if 0 <= j < len(cuts):
                ratios[j] = ratio(j)
                heapq.heappush(heap, (-ratios[j], j))
    return [c for c, removed in zip(cuts, gone, strict=True) if not removed]


class _Runs:
    """Cohesion of runs of paragraphs from prefix sums of their unit vectors (and of their words,
    which tell the runs that may stand)."""

    def __init__(self, units: np.ndarray, words: np.ndarray) -> None:
        self._words = np.concatenate(([0], np.cumsum(words)))
        self._prefix = np.zeros((units.shape[0] + 1, units.shape[1]))
        np.cumsum(units, axis=0, out=self._prefix[1:])
        # each paragraph's product with itself, left out of the pairs (under 1 when some of its words
        # are its own, which never meet another paragraph's)
        self._own = np.concatenate(([0.0], np.cumsum(np.einsum("ij,ij->i", units, units))))

    def _pairs(self, summed: np.ndarray, starts, stop: int):
        """Summed pairwise cosines inside runs ``starts:stop`` whose summed unit vectors are ``summed``."""
        return np.einsum("...j,...j->...", summed, summed) - self._own[stop] + self._own[starts]

    def cohesions(self, first: int, last: int) -> np.ndarray:
        """Row ``stop - first``, column ``start - first``: the summed pairwise cosines of the paragraphs
        of run ``start:stop`` over its length, for every ``first <= start < stop < last``; -inf where
        no run may end (:data:`MIN_PARAGRAPHS`, :data:`LONG_PAIR_WORDS`, :data:`MAX_RUN`). From one product of the
        runs' prefix sums (taken from ``first``, so they stay small): |a - b|² = |a|² + |b|² - 2a·b."""
        summed = self._prefix[first:last] - self._prefix[first]
        dots = summed @ summed.T
        squared = dots.diagonal()
        own = self._own[first:last]
        pairs = squared[:, None] + squared[None, :] - 2 * dots - own[:, None] + own[None, :]
        index = np.arange(first, last)
        length = index[:, None] - index[None, :]
        words = self._words[first:last]
        long = (length >= 2) & (words[:, None] - words[None, :] >= LONG_PAIR_WORDS)
        allowed = ((length >= MIN_PARAGRAPHS) | long) & (length <= MAX_RUN)
        return np.where(allowed, pairs / np.maximum(length, 1), -np.inf)

    def cross_ratio(self, a: int, b: int, c: int) -> float:
        """Mean cosine across runs ``a:b`` and ``b:c`` over the mean inside the looser of them."""
        left, right = self._prefix[b] - self._prefix[a], self._prefix[c] - self._prefix[b]
        inside = min(self._pairs(v, x, y) / ((y - x) * (y - x - 1)) for v, x, y in ((left, a, b), (right, b, c)))
        across = (left @ right) / ((b - a) * (c - b))
        return across / inside if inside > 0 else math.inf


def _dissimilar(vectors: _Vectors, paras: list[int], limits: list[float]) -> set[int]:
    """Boundaries (paragraph indices) go, the one whose neighbouring parts are most alike for its
    limit first, until every one left separates parts less similar than its limit (``inf`` for a
    boundary that furniture cues: it stays)."""
    paras, limits = list(paras), list(limits)
    while True:
        bounds = [0, *paras, vectors.n]
        similar = [0.0 if limit == math.inf else
                   vectors.similarity(vectors.window(bounds[k], g), vectors.window(g, bounds[k + 2])) / limit
                   for k, (g, limit) in enumerate(zip(paras, limits, strict=True))]
        if not paras or max(similar) < 1:
            return set(paras)
        worst = max(range(len(paras)), key=similar.__getitem__)
        del paras[worst], limits[worst]


def segment(blocks: list[Block], content_boundaries: bool = True) -> list[list[Block]]:
    """Group ``blocks`` into articles, in order; evidence blocks go with the article they open.

    ``content_boundaries=False``: split at title cues only, never on content alone (for HTML,
    whose main content is one article and whose subheadings the cleaner has made body). In plain
    text, each boundary the rules find (:func:`candidates`) is then weighed by the learned check of
    :mod:`newsflow.text.boundaries`: the part after a boundary it rejects joins the one before. A
    page of more than :data:`PIECE_PARAGRAPHS` paragraphs is segmented piece by piece. Asides (short
    lines the article's text keeps, see :class:`~newsflow.schema.Block`) are not read: each goes
    with the article of the block before it."""
    read = [b for b in blocks if b.kind != ASIDE]
    pieces = _pieces(read)
    groups = [group for k, piece in enumerate(pieces)
              for group in _segment_piece(piece, content_boundaries, page_end=k == len(pieces) - 1)]
    return groups if len(read) == len(blocks) else _with_asides(groups, blocks)


def _with_asides(groups: list[list[Block]], blocks: list[Block]) -> list[list[Block]]:
    """``groups`` (of ``blocks`` less their asides) with each aside put back after the block before it."""
    group_of = {id(b): k for k, group in enumerate(groups) for b in group}
    out: list[list[Block]] = [[] for _ in groups]
    k = 0
    for block in blocks:
        if block.kind == ASIDE:
            out[k].append(block)
        elif id(block) in group_of:  # not a block the segmenter left out (a part without a paragraph)
            k = group_of[id(block)]
            out[k].append(block)
    return out


def _pieces(blocks: list[Block]) -> list[list[Block]]:
    """``blocks`` cut before the first title-like line after every :data:`PIECE_PARAGRAPHS`-th
    paragraph (a page without such lines stays whole); a piece without a paragraph joins the one
    before."""
    body_at = [i for i, b in enumerate(blocks) if b.kind == BODY]
    cuts: list[int] = []
    for k in range(PIECE_PARAGRAPHS, len(body_at), PIECE_PARAGRAPHS):
        first = max(body_at[k - 1], cuts[-1] if cuts else 0) + 1
        at = next((i for i in range(first, len(blocks)) if blocks[i].kind == TITLE), None)
        if at is None:
            break
        cuts.append(at)
    pieces: list[list[Block]] = []
    for a, b in pairwise([0, *cuts, len(blocks)]):
        if pieces and not any(block.kind == BODY for block in blocks[a:b]):
            pieces[-1] = pieces[-1] + blocks[a:b]
        else:
            pieces.append(blocks[a:b])
    return pieces


def _segment_piece(blocks: list[Block], content_boundaries: bool, page_end: bool = True) -> list[list[Block]]:
    """:func:`candidates`, settled by the learned check (:func:`settled`) where it applies; a notice
    is looked for only at the ``page_end``."""
    groups, rows = candidates(blocks, content_boundaries)
    if rows is None:
        return groups
    check = boundaries.model()
    return settled(groups, check.probabilities(rows).tolist(), check.threshold,
                   notice_boundaries(rows) if page_end else None)


def notice_boundaries(rows: np.ndarray) -> list[bool]:
    """Which boundaries (rows of :func:`boundary_rows`) a notice may follow (:data:`NOTICE_MARGIN`):
    those no cue opened, with :data:`TRAILING_GAP` characters of furniture or more before them."""
    cue = rows[:, boundaries.FEATURES.index(f"origin_{boundaries.CUE}")] == 1
    apart = rows[:, boundaries.FEATURES.index("log_furniture_chars")] >= math.log1p(TRAILING_GAP)
    return (apart & ~cue).tolist()


def settled(groups: list[list[Block]], probabilities: list[float], threshold: float,
            notices: list[bool] | None = None) -> list[list[Block]]:
    """``groups`` (:func:`candidates`) with the part after each boundary the check gives a
    probability under ``threshold`` (``probabilities``: one a boundary) joined to the part before;
    then a last article without a run of :data:`MIN_ARTICLE_WORDS` words of prose once the
    paragraphs the line filter reads as furniture are out (:func:`_article_words`) joins the one
    before, and one that reads as a notice (:data:`NOTICE_MARGIN`) after a boundary that ``notices``
    allows (one flag a boundary, :func:`notice_boundaries`; none without them) and the check was not
    sure of is left out, attached to no article; and so on back. Such a part is the page's tail —
    comments, a sign-up form, teasers, the footer, a cookie notice — not an article of its own."""
    out, firm = [groups[0]], [True]  # firm: no notice may follow the boundary before the part
    for group, p, notice in zip(groups[1:], probabilities, notices or [False] * len(probabilities), strict=True):
        if p >= threshold:
            out.append(group)
            firm.append(p >= SURE_BOUNDARY or not notice)
        else:
            out[-1] = out[-1] + group
    while len(out) > 1:
        if _article_words(out[-1], furniture=False) < MIN_ARTICLE_WORDS:
            out[-2:] = [out[-2] + out[-1]]
        elif not firm[-1] and _notice(out[-1], out[-2]):
            out.pop()  # attached to no article
        else:
            break
        firm.pop()
    return out


def _notice(part: list[Block], before: list[Block]) -> bool:
    """Whether ``part``, unsigned, reads as a notice under the article ``before`` (:data:`NOTICE_MARGIN`)."""
    if _signed(part):
        return False
    scored = [[b.text for b in group if b.kind == BODY and not b.furniture and word_count(b.text) >= NOTICE_WORDS]
              for group in (part, before)]
    if not all(scored):
        return False
    score = linefilter.text_score(scored[0])
    return score < 0 and score <= linefilter.text_score(scored[1]) - NOTICE_MARGIN


def _signed(group: list[Block]) -> bool:
    """A byline or a dateline before the group's first paragraph of :data:`PROSE_WORDS` words."""
    for block in group:
        if block.kind in (BYLINE, DATELINE):
            return True
        if block.kind == BODY and word_count(block.text) >= PROSE_WORDS:
            return False
    return False


def candidates(blocks: list[Block], content_boundaries: bool = True) -> tuple[list[list[Block]], np.ndarray | None]:
    """The articles the rules find in ``blocks``, and a row of :func:`boundary_rows` for each
    boundary between them (None in HTML, whose blocks carry no offsets, or for a single article)."""
    if not blocks:
        return [], None
    body_at = [i for i, b in enumerate(blocks) if b.kind == BODY]
    if len(body_at) < 2:
        return [blocks], None
    body_pos = {i: k for k, i in enumerate(body_at)}
    vectors = _Vectors.of([blocks[i].text for i in body_at])
    titled = _title_starts(blocks, body_pos, vectors)
    uncued = {p for _, p, cue in titled if not cue}
    titled = sorted(titled + _furniture_starts(blocks, body_at, {p for _, p, _ in titled}))
    origins = {id(blocks[block]): boundaries.CUE if cue else boundaries.TITLE if p in uncued else boundaries.FURNITURE
               for block, p, cue in titled}  # by the block that opens the part: groups are slices of blocks
    block_of = {para: block for block, para, _ in titled}
    kept = _dissimilar(vectors, [p for _, p, _ in titled],
                       [math.inf if cue else MAX_TITLE_PART_SIMILARITY if p in uncued else FURNITURE_PART_SIMILARITY
                        for _, p, cue in titled])
    if len(kept & uncued) < SECTION_SHARE * _tight_headlines(blocks, body_at):
        # one article's section headings, of which a few drift further apart; or a dump of articles
        # with their own headings: a headline opens one only where the parts are as unlike as
        # across a stretch of furniture
        cued = {p for _, p, cue in titled if cue}
        paras = sorted(kept)
        kept = _dissimilar(vectors, paras, [math.inf if p in cued else FURNITURE_PART_SIMILARITY for p in paras])
    def headline_of(p: int) -> str:  # the last title-like line of the header over paragraph p
        return next((blocks[i].text for i in range(body_at[p] - 1, block_of[p] - 1, -1) if blocks[i].kind == TITLE), "")

    kept -= _one_topic(vectors, kept, {p for _, p, cue in titled if cue}, headline_of)
    starts = [block_of[p] for p in sorted(kept)]
    if content_boundaries and sum(cue for _, p, cue in titled if p in kept) < FEED_CUES:
        # content: on a page without article titles, and inside each part the titles leave on a
        # page whose articles furniture does not mark (a byline, a dateline, "Published": FEED_CUES), where a
        # headline may have opened no article (too little dip in cohesion around it). On a page
        # where no title opened an article, title-like lines after the body are the article's own
        # headings: its sections drift apart there, so no cut falls at one. Wherever title-like
        # lines stand after the body, a cut must be clearer; the new article begins at its header.
        # No article ends on a comma or a semicolon (a list runs on there), nor inside a numbered list.
        headed = any(b.kind == TITLE for b in blocks[body_at[0] :])
        items = [int(m.group(1)) if (m := _NUMBERED.match(blocks[i].text)) else None for i in body_at]
        barred = {p for p in range(1, len(body_at)) if blocks[body_at[p - 1]].text[-1] in _RUNS_ON
                  or (items[p - 1] is not None and items[p] == items[p - 1] + 1)}
        if not starts:
            barred |= {p for p in range(1, len(body_at))
                       if any(b.kind == TITLE for b in blocks[body_at[p - 1] + 1 : body_at[p]])}
        units = vectors.units()
        words = np.array([word_count(blocks[i].text) for i in body_at])
        for a, b in pairwise([0, *sorted(kept), len(body_at)]):
            cuts = _content_starts(units[a:b], words[a:b], {h - a for h in barred if a < h < b},
                                   HEADED_CROSS_RATIO if headed else MAX_CROSS_RATIO)
            cuts = [c + 1 if c + 1 < b - a and _closes(blocks[body_at[a + c]].text, words[a + c]) else c for c in cuts]
            starts += [_head(blocks, body_at[a + c - 1] + 1, body_at[a + c]) for c in cuts]
        starts.sort()
    bounds = [0, *starts, len(blocks)]
    groups = [blocks[a:b] for a, b in pairwise(bounds) if a < b]
    cued = {key for key, origin in origins.items() if origin == boundaries.CUE}
    groups = _merge_small([g for g in groups if any(b.kind == BODY for b in g)], cued) or [blocks]
    if len(groups) < 2 or blocks[0].start is None:
        return groups, None
    paragraph = {id(blocks[i]): k for k, i in enumerate(body_at)}
    return groups, boundary_rows(groups, [origins.get(id(g[0]), boundaries.CONTENT) for g in groups[1:]],
                                 vectors, [[paragraph[id(b)] for b in g if b.kind == BODY] for g in groups])


def boundary_rows(groups: list[list[Block]], origins: list[str], vectors: _Vectors,
                  paragraphs: list[list[int]]) -> np.ndarray:
    """A row of :data:`boundaries.FEATURES <newsflow.text.boundaries.FEATURES>` for each boundary
    between ``groups`` (plain text: blocks with offsets). ``origins``: what opened each group but
    the first; ``paragraphs``: each group's paragraph numbers in ``vectors``."""
    end = groups[-1][-1].end or 1
    sides, edges, inner = [], [], []
    for group in groups:
        body_at = [i for i, b in enumerate(group) if b.kind == BODY]
        inner.append(sum(b.kind == TITLE for b in group[body_at[0] + 1 :]))
        body = [group[i] for i in body_at]
        titles = [b for b in group[: body_at[0]] if b.kind == TITLE]
        header = _header(group, past_furniture=False)
        sides.append((math.log1p(_article_words(group)), math.log1p(sum(word_count(b.text) for b in body)),
                      sum(b.furniture for b in body) / len(body),
                      float(bool(titles)), float(any(b.kind in (BYLINE, DATELINE) for b in header)),
                      math.log1p(word_count(titles[-1].text)) if titles else 0.0))
        # (first paragraph's offset, last one's end, blocks before the first, blocks after the last)
        edges.append((body[0].start, body[-1].end, body_at[0], len(group) - 1 - body_at[-1]))
    opening = sum(origin != boundaries.CONTENT for origin in origins)
    share = opening / (opening + sum(inner)) if opening else 0.0
    rows = []
    for k, origin in enumerate(origins, start=1):
        (_, last_end, _, trailing), (first_start, _, leading, _) = edges[k - 1], edges[k]
        similarity = vectors.similarity(vectors.window(paragraphs[k - 1][0], paragraphs[k - 1][-1] + 1),
                                        vectors.window(paragraphs[k][0], paragraphs[k][-1] + 1))
        rows.append([*(float(origin == o) for o in boundaries.ORIGINS), math.log1p(max(first_start - last_end - LINE_BREAKS, 0)),
                     math.log1p(trailing + leading), *sides[k], *sides[k - 1][:3], similarity, first_start / end,
                     float(k == len(groups) - 1), float(k == 1), math.log1p(len(groups)),
                     math.log1p(inner[k]), math.log1p(inner[k - 1]), share])
    return np.array(rows)


def _article_words(group: list[Block], furniture: bool = True, gap: int = LINE_BREAKS) -> int:
    """Words of the longest run of paragraphs and subheadings (:func:`text_blocks`) with nothing
    between them but line breaks (plain text, whose offsets show what the cleaner took out) and
    with :data:`PROSE_WORDS` or more in paragraphs that hold a sentence end; all of a group's text
    for HTML. Paragraphs read as furniture count (where articles end does not hang on the line
    filter) unless ``furniture`` is False: then they are left out and break runs, and the runs
    :func:`text_blocks` sets apart after the longest are left out too."""
    body = text_blocks(group, furniture=furniture, in_text=False)
    if not body or body[0].start is None:
        return sum(word_count(b.text) for b in body)
    best = run = prose = 0
    for before, block in zip([None, *body], body, strict=False):
        if before is None or block.start - before.end > gap:
            run = prose = 0
        words, sentences = _words_and_prose(block.text)
        run += words
        prose += sentences
        if prose >= PROSE_WORDS:
            best = max(best, run)
    return best


@lru_cache(maxsize=1 << 14)
def _words_and_prose(text: str) -> tuple[int, int]:
    """A paragraph's words, and those of them that count as prose (all of them where it holds a
    sentence's end, else none): read once, though a page's parts are measured several times over
    (:func:`_article_words`: ~3,100 calls for the BBC dev dumps' 300 pages)."""
    words = word_count(text)
    return words, words if _SENTENCE_END.search(text) or NO_SENTENCE_MARKS.search(text) else 0


_SENTENCE_END = re.compile(r"[.!?…。！？؟।۔።။](?<!\b\d\.)(?<!\b\d\d\.)[\"'”’»)\]]*(?:\s|$)")
"""A sentence's end anywhere in a paragraph (the line rules' ``ends_like_sentence`` reads its last
character only, and counts a colon); not an ordinal's full stop (``2. Weltkrieg``, ``22. Oktober``: a
German tag cloud read as prose and stood as an article of its own under a page's comment form). The
lookbehinds follow the mark: before it, they stop the pattern's scan for its first character and the
search ran ~12× slower."""


def _merge_small(groups: list[list[Block]], cued: Collection[int] = ()) -> list[list[Block]]:
    """Merge every group without a run of :data:`MIN_ARTICLE_WORDS` words of consecutive paragraphs
    (a subheading between them allowed: :data:`HEADING_GAP`), or of :data:`CUED_ARTICLE_WORDS` for a
    group whose first block is in ``cued`` (``id()`` of the blocks that open a header with furniture
    around its title), into the one before it (the first into the one after): readers' comments,
    teasers, footers and lists of links with their blurbs join the article they follow."""
    out: list[list[Block]] = []
    pending: list[Block] = []  # small groups before the first article
    for group in groups:
        if _article_words(group, gap=HEADING_GAP) >= (CUED_ARTICLE_WORDS if id(group[0]) in cued else MIN_ARTICLE_WORDS):
            out.append(pending + group)
            pending = []
        elif out:
            out[-1] = out[-1] + group
        else:
            pending += group
    return out or ([pending] if pending else [])


@dataclass(slots=True)
class Parts:
    """An article's pieces, read from its blocks."""

    body: list[Block]
    title: str | None
    description: str | None
    authors: list[str]
    published: str | None
    """ISO 8601: the day a dateline in the header names (:func:`published_date`)."""


def text_blocks(blocks: list[Block], furniture: bool = False, in_text: bool = True) -> list[Block]:
    """What an article's text is made of: its paragraphs (less those read as page furniture, see
    :class:`~newsflow.schema.Block`) and its subheadings — title-like lines of
    :data:`HEADING_WORDS` words with one of those paragraphs right before and right after them (not
    a newsletter box's title over its pitch), other than a repeat of a headline above the text — and,
    with ``in_text``, the other lines the cleaner kept in the text (``Block.in_text``) between its
    first and last of those. ``furniture``: keep the paragraphs read as furniture too. A headline under the first paragraphs (:func:`_under_lead`) is
    no subheading, and the text may start under it."""
    kept_lines = any(b.in_text for b in blocks)  # asides are among them; the segmenter's own groups hold none
    read = [b for b in blocks if b.kind != ASIDE] if kept_lines else blocks
    first_body = next((i for i, b in enumerate(read) if b.kind == BODY), len(read))
    headlines = {_letters(b.text) for b in read[:first_body] if b.kind == TITLE}
    if not headlines and (under := _under_lead(read, first_body)) is not None:
        headlines.add(_letters(under[0].text))
        if under[1]:
            read = read[read.index(under[0]) :]

    def kept(b: Block) -> bool:
        return b.kind == BODY and (furniture or not b.furniture)

    last = len(read) - 1
    text = [b for i, b in enumerate(read) if kept(b) or (
        b.kind == TITLE and 0 < i < last and kept(read[i - 1]) and kept(read[i + 1])
        and word_count(b.text) in HEADING_WORDS and _letters(b.text) not in headlines)]
    text = text if furniture else _without_trailing_runs(text)
    if not in_text or not text or not kept_lines:
        return text
    taken = {id(b) for b in text}
    at = [k for k, b in enumerate(blocks) if id(b) in taken]
    return [b for k, b in enumerate(blocks) if id(b) in taken or (
        at[0] < k < at[-1] and b.in_text and _letters(b.text) not in headlines)]


def without_author_notes(body: list[Block], authors: list[str]) -> list[Block]:
    """``body`` less its paragraphs after the first that open on the full name of one of the
    article's ``authors``, case aside: the note a page prints about its author ("Ganesh Sitaraman is
    a professor at Vanderbilt Law School…", "Georg Kasch, Jahrgang 1979, ist Redakteur…"), in any
    language, as the byline names them."""
    names = tuple(name.casefold() for name in authors if len(name.split()) >= 2)
    if not names or len(body) < 2:
        return body
    return [body[0], *(b for b in body[1:] if not _opens_on(b.text, names))]


def without_closing_notices(body: list[Block], model: str = linefilter.TEXT) -> list[Block]:
    """``body`` (an article's text blocks) less its last paragraphs that read as a notice under it
    (:func:`~newsflow.text.boilerplate.closing_notices`, by the n-grams of the line filter
    ``model``): what the cleaner takes off the end of a page, taken off each article of a dump but
    the last (whose end is the page's), so an article's text is the same scraped alone or among
    others."""
    paragraphs = [b for b in body if b.kind == BODY]
    found = closing_notices([b.text for b in paragraphs], model=model)
    if not found:
        return body
    notices = {id(b) for b in paragraphs[-found:]}
    return [b for b in body if id(b) not in notices]


def _opens_on(text: str, names: tuple[str, ...]) -> bool:
    """Whether ``text`` opens on one of ``names`` (case-folded) as whole words."""
    opening = text[: max(map(len, names)) + 1].casefold()
    return any(opening.startswith(name) and not opening[len(name) : len(name) + 1].isalnum() for name in names)


def _without_trailing_runs(text: list[Block]) -> list[Block]:
    """``text`` (plain text: blocks with offsets) cut into runs where :data:`TRAILING_GAP` characters
    or more were taken out between two blocks, less the runs of fewer than :data:`MIN_ARTICLE_WORDS`
    words after its longest run."""
    if len(text) < 2 or text[0].start is None:
        return text
    cuts = [k for k in range(1, len(text)) if text[k].start - text[k - 1].end >= TRAILING_GAP]
    if not cuts:
        return text
    runs = [text[a:b] for a, b in pairwise([0, *cuts, len(text)])]
    words = [sum(word_count(b.text) for b in run) for run in runs]
    longest = words.index(max(words))
    return [b for k, run in enumerate(runs) if k <= longest or words[k] >= MIN_ARTICLE_WORDS for b in run]


def _letters(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def _header(group: list[Block], past_furniture: bool = True) -> list[Block]:
    """An article's header: its blocks before its second paragraph (the first may be a dek), not
    counting paragraphs read as furniture (a site's line on each of its pages, "% of readers think
    this story is Fact", over a byline) unless ``past_furniture`` is False, as the boundary check
    was fitted."""
    body_at = list(islice((i for i, b in enumerate(group) if b.kind == BODY and not (past_furniture and b.furniture)), 2))
    return group[: body_at[1] if len(body_at) > 1 else len(group)]  # read up to the second paragraph only


def _under_headline(group: list[Block]) -> list[Block] | None:
    """An article's header (:func:`_header`) from its last title-like line before its first
    paragraph on; None when no such line stands there."""
    header = _header(group)
    first_body = next((i for i, b in enumerate(header) if b.kind == BODY), len(header))
    headline = next((i for i in range(first_body - 1, -1, -1) if header[i].kind == TITLE), None)
    return None if headline is None else header[headline:]


def header_authors(group: list[Block]) -> list[str]:
    """The names in the bylines of an article's header
    (:func:`~newsflow.text.boilerplate.author_names`), each once: from its headline on, not in a
    menu above it; failing those, only bylines that say so ("By …", "Von …"), not bare names. A bare
    name (a line of capitalised words over a separator, ``Alexander Mercouris`` / ``Published``)
    counts only where the header has no byline that says so, it is the only one, and no separator
    stands right before it: between two separators it is a menu's item (``Show More``, ``Log Out``,
    ``Alle Themen``)."""
    under = _under_headline(group)
    bylines: list[Block] = []
    if under is not None:
        said = [b for b in under if b.kind == BYLINE and BYLINE_PREFIX.match(b.text)]
        bare = [b for before, b in pairwise(under) if b.kind == BYLINE and before.kind != SEPARATOR
                and not BYLINE_PREFIX.match(b.text)]
        bylines = said or (bare if len({b.text for b in bare}) == 1 else [])
    bylines = bylines or [b for b in _header(group) if b.kind == BYLINE and BYLINE_PREFIX.match(b.text)]
    return list(dict.fromkeys(name for b in bylines for name in author_names(b.text)))


def published_date(group: list[Block]) -> str | None:
    """The day the first dateline, byline or separator of an article's header, from its headline
    on (not a menu's date above it), names that :func:`~newsflow.text.dates.iso_date` reads
    (``Published on March 3, 2019``, ``By Tom Pyman | 21 Sep 2020``, ``12. Dezember 2012``), as ISO 8601."""
    header = _under_headline(group)
    return next((day for b in (header if header is not None else _header(group))
                 if b.kind in (DATELINE, BYLINE, SEPARATOR) and (day := iso_date(b.text))), None)


HEADLINE_OVERLAP = 0.3
"""Share of a title-like line's words (of :data:`HEADLINE_STEM` letters or more, cut to :data:`PREFIX`)
that the article's first paragraphs must hold for it to read as their headline (:func:`headline`). An
article the page is cut before is headed by the line it opens with where that shares enough
(``opened``)."""
HEADLINE_MARGIN = 0.4
"""By how much more of its words another title-like line above the text must share than the last
(:func:`headline`) to be taken over it, when the last shares enough: a dek, a caption, a tag list or "1
Comment on …" under the headline shares much of the article's words, the headline more."""
HEADLINE_STEM = 5
"""Words of a title-like line shorter than this are not compared (:func:`headline`): most function
words are, in the languages that put spaces between words, and so is every character of a script
that does not (there the last title-like line stands). A word counts as shared when its first
:data:`PREFIX` letters stand anywhere in the paragraphs (one substring search in C a word)."""
HEADLINE_PARAGRAPHS = 4
"""The article's first paragraphs (of its text: not those read as furniture) a headline's words are
looked for in."""


def headline(group: list[Block], opened: bool = False) -> Block | None:
    """An article's headline among the title-like lines before its first paragraph: the last one,
    if the article's first paragraphs share :data:`HEADLINE_OVERLAP` of its words and no other shares
    :data:`HEADLINE_MARGIN` more; else the one of them that shares most, if that much; else the last.
    A menu item, a row of share buttons or a photo credit between the headline and the text shares
    few of the article's words. ``opened``:
    the segmenter cut the page before the group's first block, so where that block is title-like
    and shares enough it is the headline, ahead of a dek or subtitle under it. With no title-like
    line above the text, a headline under its first paragraphs (:func:`_under_lead`)."""
    first_body = next((i for i, b in enumerate(group) if b.kind == BODY), len(group))
    candidates = [b for b in group[:first_body] if b.kind == TITLE]
    if not candidates:
        return under[0] if (under := _under_lead(group, first_body)) is not None else None
    if len(candidates) < 2:
        return candidates[-1]
    body = _opening_text(group, first_body)
    shares = [_shared(b, body) for b in candidates]
    if opened and candidates[0] is group[0] and shares[0] >= HEADLINE_OVERLAP:
        return group[0]
    best = max(reversed(range(len(candidates))), key=shares.__getitem__)  # the last of equals
    if shares[-1] >= HEADLINE_OVERLAP and shares[best] < shares[-1] + HEADLINE_MARGIN:
        return candidates[-1]
    return candidates[best] if shares[best] >= HEADLINE_OVERLAP else candidates[-1]


def _opening_text(group: list[Block], start: int) -> str:
    """The first :data:`HEADLINE_PARAGRAPHS` paragraphs of text from block ``start`` on, casefolded."""
    first_text = islice((b for b in group[start:] if b.kind == BODY and not b.furniture), HEADLINE_PARAGRAPHS)
    return " ".join(b.text for b in first_text).casefold()


def _shared(block: Block, body: str) -> float:
    """Share of ``block``'s words (:data:`HEADLINE_STEM` letters or more, cut to :data:`PREFIX`) found in ``body``."""
    words = {stem for stem in word_stems(block.text, PREFIX) if len(stem) >= HEADLINE_STEM}
    return sum(stem in body for stem in words) / len(words) if words else 0.0


STANDFIRST_HEADLINE_WORDS = 5
"""Words a title-like line under an article's first paragraphs must have to be read as its
headline (:func:`_under_lead`): shorter ones there are labels ("Tags: …", "Unsere Geschichte")."""
LEAD_HEADLINE_OVERLAP = 0.7
"""Share of its words a title-like line further down than right under the first paragraph must find
in the paragraphs under it to head the article (:func:`_under_lead`)."""


def _under_lead(group: list[Block], first_body: int) -> tuple[Block, bool] | None:
    """An article with no title-like line above its first paragraph: its headline under them, and
    whether the paragraphs above it leave the text. The headline is the first title-like line of
    :data:`STANDFIRST_HEADLINE_WORDS` words or more under fewer than :data:`MIN_ARTICLE_WORDS` words
    of paragraphs, when the paragraphs under it share :data:`HEADLINE_OVERLAP` of its words
    (:data:`LEAD_HEADLINE_OVERLAP` when more than one paragraph stands above it: a teaser or a notice
    over the headline). What stands above it leaves the text when a byline or a dateline stands right
    under it (a newsletter pitch, a cookie notice over a signed headline), or when it is one paragraph,
    a dek (:func:`_dek_over`); one read as furniture heads no headline right under it.

    Some sites print a standfirst over the headline (Canada Free Press: "Subscribe …", a
    one-sentence summary, the headline, the text)."""
    words = 0
    for i in range(first_body, len(group)):
        block = group[i]
        if block.kind == BODY:
            words += word_count(block.text)
            if words >= MIN_ARTICLE_WORDS:
                return None
        elif block.kind in (BYLINE, DATELINE):
            return None  # the header stands above: a title-like line under it is a subheading
        elif block.kind == TITLE and word_count(block.text) >= STANDFIRST_HEADLINE_WORDS:
            under_first = all(b.kind == ASIDE for b in group[first_body + 1 : i])
            if _shared(block, _opening_text(group, i + 1)) < (HEADLINE_OVERLAP if under_first else LEAD_HEADLINE_OVERLAP):
                return None
            if any(b.kind in (BYLINE, DATELINE) for b in group[i + 1 : i + 3]):
                return block, True
            if not under_first:
                return block, False
            return None if group[first_body].furniture else (block, _dek_over(group[first_body]))
    return None


def _dek_over(standfirst: Block) -> bool:
    """Whether a paragraph over the headline (:func:`_under_lead`) is the article's dek, a summary
    set without a sentence's end ("More than the money, our government is usurping … they need to
    succeed"), not its first paragraph (a German news page's lead over a photo's caption, which
    reads as the headline there)."""
    return not ends_like_sentence(standfirst.text)


def parts(group: list[Block], opened: bool = False) -> Parts:
    """Title (:func:`headline`), dek (a first paragraph set apart from the body by furniture:
    separators, a byline or a dateline; or a dek over the headline, :func:`_under_lead`), authors
    (bylines) and publication date (datelines) from the header (:func:`_header`), and body
    (:func:`text_blocks`)."""
    read = [b for b in group if b.kind != ASIDE]
    first_body = next((i for i, b in enumerate(read) if b.kind == BODY), len(read))
    title = headline(group, opened)  # None when no title-like line heads the text
    body = text_blocks(group)
    description = None
    after_first = read[first_body + 1 : first_body + 2]
    if title is not None and after_first and not read[first_body].furniture:
        if after_first == [title]:  # a headline under a standfirst: text_blocks left a dek out of the text
            description = read[first_body].text if _dek_over(read[first_body]) else None
        elif len(body) > 1 and after_first[0].kind in (SEPARATOR, BYLINE, DATELINE):
            description = body.pop(0).text
    return Parts(body=body, title=title.text if title else None, description=description,
                 authors=header_authors(group), published=published_date(group))
