"""Line classification: which lines of a page are article body, which are evidence for the
segmenter (title, byline, dateline, separator), and which are boilerplate — with a reason.

The rules use the shape of the text, not word lists, so they carry over to other languages:

- a body paragraph is long, or ends like a sentence; a short sentence counts when it sits
  between body paragraphs (``Because it was.``);
- lines repeated on one page are page furniture (``Support SouthFront``, donation pleas);
- lines that are mostly digits and symbols are counters and prices (``8,603 Views``, ``2,500 $``);
- photo credits carry ``©`` or an upper-case agency name glued to the caption (``…powerGETTY``);
- after the body, a run of short widget lines (``Notify of`` / ``1 Comment`` / ``Newest``)
  opens a comment zone: sentences there are readers' comments, until a title-like line opens a
  new article or a long stretch without paragraphs (a footer, the next saved page's header) ends it;
- on a page that holds an article, a short sentence standing alone among the furniture is a
  notice (cookies, a newsletter box), unless an article's body follows it closely (a dek).

The measurements behind each rule's settings, and what was tried instead: docs/tuning.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, groupby, islice, pairwise
from statistics import median

import numpy as np

from newsflow.text import linefilter
from newsflow.text.dates import is_month
from newsflow.text.normalize import letter_count

VERSION = "boilerplate-0.28"

BODY = "body"
TITLE = "title"
BYLINE = "byline"
DATELINE = "dateline"
SEPARATOR = "separator"
BOILERPLATE = "boilerplate"

SOURCE = "source"
"""A line the rules drop that holds a web address, right under a paragraph ("Source: http://…",
"https://vimeo.com/…"): out of the text, counted under its removal reason, and handed on so the
segmenter reads the article above as ending there (see :func:`_mark_sources`)."""
REMOVED = frozenset((BOILERPLATE, SOURCE))
"""Kinds of the lines out of the text by a removal reason."""
ASIDE = "aside"
"""A short line kept in an article's text though it is no paragraph (a list item, a figure): the
segmenter does not read it (see :func:`_keep_in_text`)."""
IN_TEXT = "in_text"
"""Reason on a title-like or short line kept in the article's text (:func:`_keep_in_text`)."""
NO_PARAGRAPH = "no_paragraph_found"
"""Reason on a kept line: body only because the page has no paragraph at all."""

# Removal reasons (provenance counters; bounded set).
TEASERS = "teasers"
COMMENTS = "comments"
REASONS = ("repeated", "numeric", "credit", COMMENTS, "lone", "short", "fragment", TEASERS, linefilter.REASON)
"""``line_filter`` and ``teasers`` are given to body lines that are page furniture (out of the text,
still body for the segmenter: see :func:`is_furniture`), ``comments`` to both (a comment zone's lines
are boilerplate, a reply thread's paragraphs furniture: :func:`_mark_reply_threads`), the others to
boilerplate lines."""
FURNITURE_REASONS = frozenset((TEASERS, COMMENTS, linefilter.REASON))

_CLOSERS = "\"'”’»›)]*"
_TERMINAL = frozenset(".!?…。！？;:؟।")
_CREDIT_END = re.compile(r"[a-z][A-Z]{3,}$|\b[A-Z]{4,}$")
"""An agency's name glued to a caption or standing as its last word; read on the last word only
(searching the whole line for an end anchor tries every position)."""
_CREDIT_LABELS = ("Foto", "Fotos", "FOTO", "Photo", "Photos", "PHOTO", "Photograph", "Picture", "Image", "Bild",
                  "Bilder", "Bildquelle", "Credit", "Credits", "Crédit", "Crédito", "Créditos", "Fotó", "Fot.",
                  "Zdjęcie", "Kuva", "Фото", "Fotografía")
"""What labels a photo's credit (:data:`_CAPTION_CREDIT`), in a dozen languages."""
_CAPTION_CREDIT = re.compile(
    r"(?:(?<=[\s.!?|(\[»\"”a-zäöüß])|^)"  # after the caption's end, or glued to it (a naive scrape)
    f"(?:{'|'.join(map(re.escape, _CREDIT_LABELS))})"
    r"(?:\s*:|\s+by\s+(?=[A-Z]))\s*[^\s:][^:!?]{0,60}[)\]]?\.?$"  # "Foto: dpa", "Photo by Jane Doe"
    r"|[(|]\s*©[^()|]{2,60}\)?$"  # "… | © Augusta National/Getty Images"
    r"|\((?:AP Photo|REUTERS|Reuters|AFP|EPA|Getty Images)/[^()]{2,50}\)$")  # "(REUTERS/Denis Balibouse)"
"""A photo's credit that ends a line (a caption, in any of a dozen languages), 60 characters at most
after its label; read on the line's last :data:`CREDIT_TAIL` characters. A news agency's tag at the
end of an article's paragraph (``(dpa)``) is no credit, nor are photos named in a sentence ("Fotos
von Pamela"). Plain text only: HTML main content knows a caption by its markup (:mod:`dom`), and
html-dev's gold counts some in-text captions as the article's (2-fold F1 0.9252 -> 0.9248 with it)."""
CREDIT_TAIL = 90
_CREDIT_HINT = re.compile("|".join(map(re.escape, sorted({label[:3] for label in _CREDIT_LABELS} | {"©", "/"}))))
"""What every :data:`_CAPTION_CREDIT` holds (a label's first three letters, a ``©``, an agency's
slash): a literal search ~9x cheaper than the credit's own, which tries its look-behind at each of
the tail's places."""
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}(st|nd|rd|th|\.)?\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},\s+\d{4})\b"
    r"|\d{4}\s?年\s?\d{1,2}\s?月(\s?\d{1,2}\s?日)?"
)
"""2019-04-30, 30.4.2019, 30 April 2019, 30th April 2019, 30. April 2019 (German, Nordic), April 30, 2019,
the months cut short too (21. Jan. 2015, Jan. 21, 2015), 2019年4月30日 (Chinese, Japanese)."""
BYLINE_PREFIX = re.compile(r"^(?:written by|authored by|by|von|par|por|di|door|av|af|от|автор)\s+", re.I)
"""What opens a byline, in the languages it was seen in (``By``, ``Von``, ``Par``, ``Door``, ``Av``…)."""


def opens_byline(text: str) -> bool:
    """Whether ``text`` opens on a byline's word and a capitalised word (``by Jim Babka``, ``von
    Daniel Braun``, ``por Sarah Moreno``), whatever the case of the first: a scraper's line under a
    headline that no sentence broken at a link starts so ("by the Gates Foundation")."""
    found = BYLINE_PREFIX.match(text)
    return found is not None and text[found.end() : found.end() + 1].isupper()


BYLINE_END = re.compile(r"\s*(?:[:;|(•·@]|\s\d|\s[-–—/~]+(?=\s|$)|\s(?:via|for|in|on|am)(?:\s|$)).*$", re.I)
"""Where a byline's names end: punctuation, a figure (a date after the names: ``Emily Burack 8 January
2020``), a dash or a slash between spaces (``Stephen Bryen / American Thinker``), a handle, or a word
that goes on to an outlet or a date. A comma parts names, or a name from what follows it
(:func:`author_names`)."""
NAMES_JOINED = re.compile(r"\s+(?:and|und|et|y|en|og|och|&)\s+", re.I)
"""What joins a byline's last two names (``Lars Fischer und Alina Schadwinkel``), in the languages of
:data:`BYLINE_PREFIX`."""
DATE_WORDS = frozenset(["le", "vom", "du", "el", "il", "den"])
"""Words that open a date after a byline's names (``Par Matthieu Hy le 07 Mai 2020``, ``Von Jule
Radeck Vom 3. Februar 2022``): they end the names when a figure follows them (``on`` and ``am`` end
them anywhere: :data:`BYLINE_END`)."""
_FIGURE = re.compile(r"\s\d")


NAME_PARTICLES = frozenset([
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "e", "el", "ibn",
    "la", "le", "ten", "ter", "van", "von", "y", "zu",
])
"""Lower-case words a name holds after its first ("Ursula von der Leyen", "Luiz Inácio Lula da Silva");
any other lower-case word makes the byline a phrase. html-dev naive text, pages given authors none of
whom the page declares: 99 -> 95 when it came in (segment-0.33), those given the declared ones the same."""


def author_names(byline: str) -> list[str]:
    """The names a byline gives: ``Authored by Raheem Kassam, op-ed via The Daily Caller:`` →
    ``["Raheem Kassam"]``, ``Luke Kemp 11 February 2020`` → ``["Luke Kemp"]``, ``Von Volkmar
    Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR`` → the three; none from a phrase
    (:data:`NAME_PARTICLES`). Names are read up to a date (and the month name or :data:`DATE_WORDS`
    before its first figure: ``Amelie Marie Nishizawa Feb 8, 2020``) or :data:`BYLINE_END`; a comma
    parts names only in a list that a conjunction closes (:data:`NAMES_JOINED`), else what follows
    it is a role or an outlet (``Jane Doe, Associated Press``). A name printed twice is given once."""
    text = BYLINE_END.sub("", _before_date(BYLINE_PREFIX.sub("", byline.strip())))
    joined = NAMES_JOINED.search(text)
    if joined:  # "A, B und C, NDR": the names before the conjunction, and the one after it
        pieces = [*text[: joined.start()].split(","), text[joined.end() :].split(",")[0]]
    else:  # "Jane Doe, Associated Press": the first name only
        pieces = [text.split(",")[0]]
    names: list[str] = []
    for piece in pieces:
        name = _once(_without_full_stop(piece.strip(" :")))
        if not _name_like(name.split(), first=not names):
            break  # a phrase ("Von Sarajevo zum Flächenbrand"), or no second name ("Jule Radeck und Team")
        names.append(name)
    return names


def _name_like(words: list[str], first: bool) -> bool:
    """Up to five words, none lower-case after the first but a particle; a name after the first
    of a byline is capitalised and has two words or more."""
    if not words or len(words) > 5 or any(w[0].islower() and w not in NAME_PARTICLES for w in words[1:]):
        return False
    return first or (len(words) >= 2 and words[0][0].isupper())


def _before_date(byline: str) -> str:
    """``byline`` up to its first figure, and before the month name or date word ahead of it."""
    figure = _FIGURE.search(byline)
    if figure is None:
        return byline
    head = byline[: figure.start()].rstrip(" ,")
    rest, _, last = head.rpartition(" ")
    if rest and (last.casefold() in DATE_WORDS or (is_month(last) and " " in rest.strip(" ,"))):
        return rest
    return head


def _without_full_stop(name: str) -> str:
    """A sentence's full stop after a name taken off; an initial's or an abbreviation's kept (``Jr.``)."""
    return name[:-1] if name.endswith(".") and len(name.rsplit(" ", 1)[-1]) > 3 else name


def _once(name: str) -> str:
    """A name printed twice (a link's text and its title) once: ``Jo Ray Jo Ray`` → ``Jo Ray``."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if len(words) % 2 == 0 and words[:half] == words[half:] else name


LONG_WORDS = 17
"""A line this long is a paragraph even without a full stop (headline-length captions are shorter)."""
SENTENCE_WORDS = 10
"""A line ending like a sentence with this many words is a paragraph on its own."""
WIDGET_WORDS = 4
"""Lines shorter than this are UI widgets when they come in runs (buttons, counters, menus)."""
LONE_WORDS = 20
"""Plain text: paragraphs with no paragraph next to them and fewer words than this in all are page
notices when the page holds an article (html-dev as naive text: F1 0.829 -> 0.839)."""
ARTICLE_RUN_WORDS = 100
"""A run of consecutive paragraphs this long (in words) is an article's body."""
ZONE_END = 15
"""A comment zone ends after this many lines without a paragraph: the page's footer (and in a dump of
whole pages, the next page's header, whose article would otherwise read as comments)."""
ZONE_ARTICLE_WORDS = 250
"""A run of widget lines opens no comment zone where the paragraphs right under it, one after another,
hold this many words or more: the article goes on under a share bar ("teilen" / "twittern" / "E-Mail")
or a table of contents, where readers' comments come in posts with their names and dates between them."""
DEK_GAP = 3
"""A short paragraph at most this many lines before an article's body is its dek."""


@dataclass(frozen=True, slots=True)
class Line:
    kind: str
    reason: str | None = None


_line = cache(Line)
"""One shared :class:`Line` per kind and reason (a page has thousands of lines, a dozen kinds)."""


def word_count(text: str) -> int:
    """Words of a normalised line (single spaces, stripped: :mod:`newsflow.text.normalize`); in
    scripts written without spaces, two characters count as a word."""
    words = text.count(" ") + 1 if text else 0
    if text.isascii():
        return words
    cjk = len(_CJK.findall(text))
    return max(words, cjk // 2) if cjk else words


def ends_like_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def letter_ratio(text: str) -> float:
    """Share of letters among the non-space characters (the text is normalised: spaces only)."""
    visible = len(text) - text.count(" ")
    return letter_count(text) / visible if visible else 0.0


_NOT_A_HEADLINE_END = frozenset(",;/-–—([&+=")


WEB_ADDRESS = re.compile(r"https?://|www\.", re.I)
"""A web address in a line: such a line closes an article ("Source: http://…"), it heads none."""


def _headline_shaped(text: str) -> bool:
    """Starts like a headline (not lower case: a wrapped sentence or verse does), does not end
    mid-phrase (a comma, a slash, an open bracket) and holds no web address (``Read more great
    articles here: http://…``, ``Follow us on LinkedIn: https://…`` close an article, in any language)."""
    return not text[0].islower() and text[-1] not in _NOT_A_HEADLINE_END and not WEB_ADDRESS.search(text)


def _names_someone(text: str, name_at: int, words: int) -> bool:
    """Whether a line that opens like a byline (``By``, ``Von``…) names someone: a name is
    capitalised, so a lower-case word after the prefix opens a sentence instead (``Von der
    Nachkriegsarmut zum Wirtschaftswunder``, ``By the numbers: …``), unless the line is as short as
    a signature that was typed lower-case (``by admin``, ``by john smith``)."""
    return not text[name_at].islower() or words <= 3


def _title_shaped(text: str, words: int, sentence: bool) -> bool:
    """A title-like line: a candidate headline, dek or subheading of 4-25 words, no sentence."""
    return WIDGET_WORDS <= words <= 25 and not sentence and _headline_shaped(text)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}[.!?] +[^\W\d_]")
"""A sentence's end inside a line: a word's full stop, question or exclamation mark, then a word.
Stricter than :data:`_INNER_SENTENCE_END`, which counts an ellipsis too: a headline may hold one
("I Was Silent When They Came for You … So There Was No One Left")."""


def _title_cased(text: str) -> bool:
    """Written as an English headline: every word of four letters or more capitalised, some shorter
    word not ("Cronyism: For the Likes of Google, It is Really Good to be a Friend of Obama"); a
    menu capitalises them all, a sentence of German its nouns only. Such a line of
    :data:`LONG_WORDS` or more is a title line, not a paragraph."""
    if _SENTENCE_BREAK.search(text):
        return False  # two sentences: a caption ("… Alta Moda. Sonnenbrille: Dolce & Gabbana")
    words = _LETTER_RUN.findall(text)
    return (sum(len(w) >= 4 for w in words) >= 5 and all(w[0].isupper() for w in words if len(w) >= 4)
            and any(w[0].islower() for w in words))


def _is_credit(text: str, named: Callable[[str], bool]) -> bool:
    """``© Photo: …``, ``(c) Reuters``, ``…powerGETTY``, ``… AFP``; not a headline that ends on an
    acronym the page also names in the middle of a line (``named``: whether it does), as its article
    does (``Greek sprinters suspended by IAAF``): an agency's name ends captions only."""
    if "©" in text or "(c) " in text:
        return True
    end = _CREDIT_END.search(text, text.rfind(" ") + 1)
    if end is None:
        return False
    return end.group()[0].islower() or not named(end.group())  # glued to the caption, or only ends lines


def _names_mid_line(lines: list[str]) -> Callable[[str], bool]:
    """Whether the page (``lines``) holds an acronym as a whole word before a line's end. Each
    acronym is looked up once, by itself, and only when a line ends on it: a search for one literal
    skips through the text, where collecting every acronym of the page tries each position (a tenth
    of the news sample's cleaning time), and compiling a pattern for each acronym costs as much again."""
    found: dict[str, bool] = {}
    page = ""  # the lines joined, once, when first needed

    def named(acronym: str) -> bool:
        nonlocal page
        if acronym not in found:
            page = page or "\n".join(lines)
            found[acronym] = _stands_mid_line(page, acronym)
        return found[acronym]

    return named


def _stands_mid_line(page: str, word: str) -> bool:
    """Whether ``word`` (letters) stands in ``page`` as a whole word with more of its line after it."""
    at = page.find(word)
    while at >= 0:
        end = at + len(word)
        if at and _word_char(page[at - 1]):
            at = page.find(word, end)  # inside a longer word: an overlapping find would be too
            continue
        if end < len(page) and page[end] != "\n" and not _word_char(page[end]):
            return True
        at = page.find(word, end)
    return False


def _caption_credit(text: str) -> bool:
    tail = max(len(text) - CREDIT_TAIL, 0)
    return bool(_CREDIT_HINT.search(text, tail) and _CAPTION_CREDIT.search(text, tail))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _key(text: str) -> str:
    return text.casefold()  # lines are whitespace-normalised already


def classify(lines: list[str], main_content: bool = False, line_filter: bool = True,
             markup: np.ndarray | None = None) -> list[Line]:
    """One :class:`Line` per input line (each already normalised, none empty).

    ``main_content``: the lines were already chosen by a main-content extractor (HTML), so
    short lines, figures and table cells between the first and the last body paragraph are
    kept as body. ``line_filter``: the learned filter of :mod:`newsflow.text.linefilter` then
    flags body lines it reads as page furniture (reason ``line_filter``) — in plain text, and in
    HTML when the markup's :func:`~newsflow.text.dom.block_features` are given as ``markup`` — and,
    in plain text, keeps in the text short and title-like lines among the paragraphs that it reads
    as article text (reason :data:`IN_TEXT`, :func:`_keep_in_text`).
    """
    n = len(lines)
    words = [word_count(t) for t in lines]
    sentence = [ends_like_sentence(t) for t in lines]
    keys = [_key(t) for t in lines]
    counts = Counter(keys)
    named = _names_mid_line(lines)
    out: list[Line] = [_line(BOILERPLATE, "short")] * n

    # 1. what the line is on its own
    seen: set[str] = set()
    fragments: list[int] = []  # where steps 2-4 look: short sentences and other short lines
    shorts: list[int] = []
    for i, text in enumerate(lines):
        key = keys[i]
        if counts[key] > 1 and (words[i] < LONG_WORDS or key in seen):
            # page furniture; short repeated lines ("Published", "Continue Reading") tend to sit
            # where articles start and end, so they are kept as separators for the segmenter.
            # A repeated paragraph is content scraped twice: its first copy is classified as usual.
            out[i] = _line(SEPARATOR) if words[i] <= WIDGET_WORDS else _line(BOILERPLATE, "repeated")
        elif (words[i] <= 4 and not sentence[i] and _DIGIT.search(text)) or (
            words[i] < LONG_WORDS and letter_ratio(text) < 0.5
        ):
            out[i] = _line(BOILERPLATE, "numeric")
        elif (not sentence[i] and words[i] < LONG_WORDS and _is_credit(text, named)) or (
                not main_content and _caption_credit(text)):
            out[i] = _line(BOILERPLATE, "credit")
        elif words[i] >= LONG_WORDS and _title_shaped(text, words[i], sentence[i]) and _title_cased(text):
            out[i] = _line(TITLE)
        elif words[i] >= LONG_WORDS or (sentence[i] and words[i] >= SENTENCE_WORDS):
            out[i] = _line(BODY)
        elif words[i] <= 10 and (byline := BYLINE_PREFIX.match(text)) and _names_someone(text, byline.end(), words[i]):
            out[i] = _line(BYLINE)
        elif sentence[i] and words[i] >= 3:
            out[i] = _line(BOILERPLATE, "fragment")  # a short sentence: body only beside body
            fragments.append(i)
        elif words[i] <= 8 and _DIGIT.search(text) and _DATE.search(text):  # every date has a digit: a cheap test first
            out[i] = _line(DATELINE)
        elif _title_shaped(text, words[i], sentence[i]):
            out[i] = _line(TITLE)  # title-like: a candidate headline, dek or subheading
        else:
            shorts.append(i)
        seen.add(key)

    # 2. short sentences next to body paragraphs are body (a forward and a backward pass,
    #    so a run of short sentences joins up from either side); one that ends on a colon announces
    #    what follows it, so only a paragraph after it makes it body ("Share this:", "You might also
    #    like:" under an article are not; html-dev as naive text: F1 0.875 -> 0.876, 13 boilerplate
    #    snippets fewer, 4 body ones)
    for order, step in ((fragments, -1), (fragments[::-1], 1)):
        for i in order:
            if (0 <= i + step < n and out[i].reason == "fragment" and out[i + step].kind == BODY
                    and (step > 0 or not lines[i].endswith(":"))):
                out[i] = _line(BODY)

    # 3. a short line with body on both sides is a heading: evidence, like a title
    for i in shorts:
        if (0 < i < n - 1 and words[i] >= 2 and out[i - 1].kind == BODY and out[i + 1].kind == BODY
                and _headline_shaped(lines[i])):
            out[i] = _line(TITLE)

    # 4. a bare name (2-4 capitalised words) right before a page separator is a byline:
    #    "Alexander Mercouris" / "Published" / "on"
    for i in shorts:
        if (i < n - 1 and out[i].reason == "short" and 2 <= words[i] <= 4 and out[i + 1].kind == SEPARATOR
                and all(w[:1].isupper() and w.isalpha() for w in lines[i].split())):
            out[i] = _line(BYLINE)

    # 5. in plain text only (an HTML page's main content has its widgets taken out by their
    #    markup already): comment zones, and lone short paragraphs away from the article
    if not main_content:
        _mark_comment_zones(lines, out, words)
        _mark_lone_sentences(out, words)

    body_at = [i for i in range(n) if out[i].kind == BODY]
    if not body_at:
        # 6. a page with no paragraph at all (a one-line message, a few short sentences) is
        #    nothing but its sentences; a single line is kept whatever its shape. Failing those
        #    (an error page), what is not furniture is kept, marked so the page can be flagged.
        for i in range(n):
            if out[i].reason == "fragment" or (n == 1 and letter_ratio(lines[i]) >= 0.5):
                out[i] = _line(BODY)
        if not any(line.kind == BODY for line in out):
            for i in range(n):
                if out[i].kind != BOILERPLATE:
                    out[i] = _line(BODY, NO_PARAGRAPH)
    elif main_content:
        for i in range(body_at[0], body_at[-1]):
            if out[i].reason in ("short", "fragment", "numeric") or out[i].kind == TITLE:
                out[i] = _line(BODY)
    if line_filter and not main_content:
        # loose runs are judged, those right after an article (its last paragraphs, maybe) by a
        # stricter bar; on a page that has such runs (furniture around its article), the other
        # body lines too, but a dek's, by a stricter one
        runs = _loose_runs(out, words)
        loose = [i for a, b, _, where in runs if where is None for i in range(a, b)]
        after = [i for a, b, _, where in runs if where == AFTER for i in range(a, b)]
        judged = {i for a, b, _, _ in runs for i in range(a, b)}
        around = bool(loose or after)  # furniture around the article
        flagged, in_text = linefilter.judge(
            lines, words, sentence, kinds(out), loose, strict=after,
            article=[i for i, line in enumerate(out) if line.kind == BODY and i not in judged] if around else [],
            text=_text_candidates(lines, out, words) if around else [])
    elif line_filter and markup is not None:
        flagged, in_text = linefilter.judge(lines, words, sentence, kinds(out),
                                            [i for i, line in enumerate(out) if line.kind == BODY], markup)
    else:
        flagged, in_text = [], []
    if flagged and len(flagged) == sum(line.kind == BODY for line in out):
        flagged = []  # a learned filter never empties a page: better furniture left in than the article lost
    for i in flagged:
        out[i] = _line(BODY, linefilter.REASON)  # still body for the segmenter: see Block.furniture
    _keep_in_text(out, in_text)
    _mark_teasers(lines, out, words, None if main_content else sentence)
    if not main_content:
        _mark_reply_threads(lines, keys, out, words)
        _keep_repeated_headlines(lines, out, words, sentence)
        _opening_headline(lines, out, words)
        _mark_closing_notices(lines, out, words)
        _mark_sources(lines, out)
    elif line_filter and markup is not None:
        _mark_closing_notices(lines, out, words, linefilter.HTML)
    return out


def _mark_sources(lines: list[str], out: list[Line]) -> None:
    """Plain text: boilerplate lines holding a web address right under a kept paragraph become
    :data:`SOURCE` lines. A scraped story often ends on its source's address, and in a dump the next
    story's headline or first paragraph follows it; inside an article such a line is a link among
    paragraphs: the segmenter takes a title-like line right under it for a cue, a paragraph right
    under it for a candidate that only a dip in the words opens (as a headline would)."""
    paragraph = _line(BODY)
    for i in range(1, len(out)):
        if out[i].kind == BOILERPLATE and out[i - 1] == paragraph and WEB_ADDRESS.search(lines[i]):
            out[i] = _line(SOURCE, out[i].reason)


CLOSING_NOTICE_SCORE = -1.0
"""n-gram log-odds under which a paragraph reads as furniture (:func:`_mark_closing_notices`)."""
CLOSING_NOTICE_MARGIN = 1.0
CLOSING_NOTICES = 5
"""The most of a page's last paragraphs read so."""
CLOSING_REFERENCE = 5
"""Paragraphs before those whose median score is the page's own (a language the n-grams know little
of reads low throughout)."""
CLOSING_NOTICE_WORDS = 30
"""The most words of the page's last paragraph for any to be read so (a notice is short)."""


def _mark_closing_notices(lines: list[str], out: list[Line], words: list[int], model: str = linefilter.TEXT) -> None:
    """The page's last paragraphs kept in its text, up to :data:`CLOSING_NOTICES` of them, whose
    words read as furniture (the line filter's n-gram score under :data:`CLOSING_NOTICE_SCORE`, and
    :data:`CLOSING_NOTICE_MARGIN` under the median of the :data:`CLOSING_REFERENCE` paragraphs before
    them: a language the n-grams know little of reads low throughout): a call to subscribe, to follow
    the site, a licence or a newsletter box right under the article. Read only where the last one is
    of :data:`CLOSING_NOTICE_WORDS` words or fewer and reads so itself (a numpy pass costs ~20 µs).
    They stay body for the segmenter, as furniture (reason ``line_filter``). In an HTML page's main
    content too, read by the n-grams of its ``model``'s (the HTML model reads the plain-text one's).

    A list on one line (:func:`_listing`: a line-up, the scorers) is no notice."""
    kept = (i for i in range(len(out) - 1, -1, -1) if out[i].kind == BODY and out[i].reason is None)
    read = list(islice(kept, CLOSING_NOTICES + CLOSING_REFERENCE))[::-1]  # the last ones, in page order
    for i in read[len(read) - closing_notices([lines[i] for i in read], [words[i] for i in read], model) :]:
        out[i] = _line(BODY, linefilter.REASON)


def closing_notices(paragraphs: list[str], words: list[int] | None = None, model: str = linefilter.TEXT) -> int:
    """How many of the last of ``paragraphs`` (an article's, in order; ``words``: their word counts,
    counted here when not given) read as notices (:func:`_mark_closing_notices`, which calls it with
    the page's last :data:`CLOSING_NOTICES` + :data:`CLOSING_REFERENCE` paragraphs kept in its text).
    Only those last ones are read."""
    start = max(len(paragraphs) - CLOSING_NOTICES - CLOSING_REFERENCE, 0)
    read = paragraphs[start:]
    counts = words[start:] if words is not None else [word_count(text) for text in read]
    if len(read) <= CLOSING_NOTICES or counts[-1] > CLOSING_NOTICE_WORDS:
        return 0
    if _listing(read[-1], counts[-1]) or linefilter.ngram_scores([read[-1]], model)[0] >= CLOSING_NOTICE_SCORE:
        return 0
    scores = linefilter.ngram_scores(read, model).tolist()
    bar = min(CLOSING_NOTICE_SCORE, median(scores[:-CLOSING_NOTICES]) - CLOSING_NOTICE_MARGIN)
    found = 0
    for text, count, score in zip(reversed(read[-CLOSING_NOTICES:]), reversed(counts[-CLOSING_NOTICES:]),
                                  reversed(scores[-CLOSING_NOTICES:]), strict=True):
        if score >= bar or _listing(text, count):
            break
        found += 1
    return found


def _listing(text: str, words: int) -> bool:
    """A list written on one line, a comma or a semicolon every fourth word or more often: a team's
    line-up, the scorers (``Terry 17, Gudjohnsen 46.``), which n-grams read as a menu."""
    return 4 * (text.count(",") + text.count(";")) >= words


HEADING_WORDS = range(3, 9)
"""A subheading inside an article's text is 3-8 words long: longer title-like lines between
paragraphs are teasers of other stories, shorter ones captions and names (html-dev as naive text:
F1 0.839 -> 0.849 with subheadings kept; any length: 0.846, and sample pages kept teasers)."""
KEEP_REACH = 6
"""Lines a kept paragraph may lie before and after a line for :func:`_keep_in_text` to judge it."""


_LIST_ITEM = re.compile(r"\d{1,3}[.)] \w")
"""A numbered list item (``2. Drake``), which the rules read as a figure when it is this short."""
_KEEPABLE = frozenset(("short", "fragment", "numeric"))
QUANTITY_LETTERS = 0.5
"""Share of letters among a short line's characters (not spaces) from which a line with a figure is a
quantity, not a bare figure (see :func:`_text_candidates`)."""


def _among_paragraphs(out: list[Line]) -> tuple[list[bool], Callable[[int], bool]]:
    """Which lines are paragraphs kept in the text, and whether a line has one within
    :data:`KEEP_REACH` lines before it and after it."""
    kept = [line.kind == BODY and line.reason is None for line in out]
    before = list(accumulate(kept))  # paragraphs kept up to each line
    n = len(out)

    def among(i: int) -> bool:
        above = (before[i - 1] - (before[i - KEEP_REACH - 1] if i > KEEP_REACH else 0)) if i else 0
        return above > 0 and before[min(i + KEEP_REACH, n - 1)] > before[i]

    return kept, among


def _text_candidates(lines: list[str], out: list[Line], words: list[int]) -> list[int]:
    """The lines :func:`_keep_in_text` may keep, among paragraphs: title-like lines of a
    subheading's length (:data:`HEADING_WORDS`) but those right between two paragraphs, which the
    article's text holds already; short lines and sentences; numbered list items and other short
    lines with a figure whose characters are letters for half or more (a quantity: "5 cl Rye
    Whiskey", "1 Projektfahrplan-Broschüre", "ca. 35,7×29,4 cm"); none holding a web address (a link
    to elsewhere)."""
    kept, among = _among_paragraphs(out)
    last = len(out) - 1
    found = []
    for i, line in enumerate(out):
        if line.kind == TITLE:
            if line.reason is not None or words[i] not in HEADING_WORDS or (0 < i < last and kept[i - 1] and kept[i + 1]):
                continue
        elif line.reason not in _KEEPABLE:
            continue
        if (among(i) and (line.reason != "numeric" or _LIST_ITEM.match(lines[i]) or letter_ratio(lines[i]) >= QUANTITY_LETTERS)
                and not WEB_ADDRESS.search(lines[i])):
            found.append(i)
    return found


def _keep_in_text(out: list[Line], rows: list[int]) -> None:
    """Title-like and short lines among an article's paragraphs (:func:`_text_candidates`) that the
    line filter reads as article text (:func:`~newsflow.text.linefilter.judge`: a listicle's numbered
    subheadings, a list's items, a line announcing a quotation or a code sample) and that still have
    paragraphs around them once it has flagged furniture are kept in the text, reason :data:`IN_TEXT`.
    A title-like line stays a title for the segmenter; a short line becomes :data:`ASIDE`, which it
    does not read, so where articles start and end does not change. Judged on the pages whose lines
    the filter judges anyway (furniture around the article), in the same pass."""
    if not rows:
        return
    _, among = _among_paragraphs(out)
    for i in rows:
        if among(i):
            out[i] = _line(TITLE if out[i].kind == TITLE else ASIDE, IN_TEXT)


_INNER_SENTENCE_END = re.compile(r"(?:(?<!\b\w)\.|[!?…。！？])[\"'”’»)\]]*\s+\S")
"""A sentence's end inside a line, more text after it; not the full stop of an initial (``V. Stiviano``)."""
_STATEMENT_END = frozenset(".:;。")
_OPENERS = frozenset("\"'“‘„‚«‹「『")
"""A line that opens on a quotation mark quotes someone: no headline."""


TEASER_RUN = 3
"""Consecutive lines cut off with an ellipsis that make a list of teasers (see :func:`_mark_teasers`)."""
TEASER_SPREAD = 0.6
"""The shortest of such a run's lines is at least this share of the longest: teasers are cut at a
length; an article written in trailing ellipses ("Dow remains below 26k…" / "And is the only major index
green on the week…"), or a forum post, has lines of any length."""


HEADLINE_RUN = 6
"""Paragraphs that do not end like a sentence (so of :data:`LONG_WORDS` words or more),
:data:`HEADLINE_RUN` or more in a row among the page's paragraphs, are a column of other stories'
headlines with their standfirsts run on ("Amanda Holden, 49, marks pal Tamzin Outhwaite's 50th birthday
with a stunning bikini throwback snap... and likens friendship group to Golden Girls"), a tabloid's
sidebar that a naive scrape reads as paragraphs: an article's paragraphs end on a full stop, and the
news sample's 250 articles hold no run of 5. Not a run with prose (a sentence of
:data:`PROSE_SIDE_WORDS` words or more) among the :data:`PROSE_SIDE` paragraphs on each side of it: a
list inside an article (a piece of code's options, a wiki's list of uses). Plain text only: in HTML, the
main content's extractor chose its lists (a page of quotations, a match's line-ups). A paragraph that
starts in lower case is no headline but the run-on of the line above, and breaks a run."""
PROSE_SIDE = 2
PROSE_SIDE_WORDS = 25
NO_SENTENCE_MARKS = re.compile("[\u0e00-\u0eff\u1780-\u17ff]")
"""Thai, Lao and Khmer, which end sentences with a space (the segmenter reads all their paragraphs as prose)."""


def _headline_runs(lines: list[str], out: list[Line], words: list[int], sentence: list[bool]) -> list[int]:
    """The paragraphs of the page's columns of headlines (:data:`HEADLINE_RUN`)."""
    paragraphs = [i for i, line in enumerate(out) if line.kind == BODY and line.reason is None]
    if len(paragraphs) - sum(sentence[i] for i in paragraphs) < HEADLINE_RUN:
        return []  # most pages: no run can be that long
    prose = [sentence[i] and words[i] >= PROSE_SIDE_WORDS for i in paragraphs]
    found: list[int] = []
    end = 0
    for unended, group in groupby(paragraphs, key=lambda i: not sentence[i] and not lines[i][0].islower()
                                  and not NO_SENTENCE_MARKS.search(lines[i])):
        run = list(group)
        start, end = end, end + len(run)
        if unended and len(run) >= HEADLINE_RUN and not (any(prose[max(start - PROSE_SIDE, 0) : start])
                                                          and any(prose[end : end + PROSE_SIDE])):
            found += run
    return found


_CUT_OFF_LAST = frozenset(".…" + _CLOSERS)
"""The last characters a line cut off with an ellipsis can have: a cheap test first."""


def _cut_off(text: str) -> bool:
    """Whether a line ends on an ellipsis right after a word (``training...``, ``di…``), closing
    quotes and brackets aside; its end read only (a pattern anchored at the end tries every position)."""
    text = text.rstrip(_CLOSERS)
    dots = 3 if text.endswith("...") else 1 if text.endswith("…") else 0
    return 0 < dots < len(text) and not text[-dots - 1].isspace()


def _mark_teasers(lines: list[str], out: list[Line], words: list[int], sentence: list[bool] | None) -> None:
    """Lines of :data:`WIDGET_WORDS` words or more cut off with an ellipsis (``…to set up a two-week
    training...``, ``…bestätigt di... weiter...``), :data:`TEASER_RUN` or more in a row and of about
    one length (:data:`TEASER_SPREAD`), are a list of teasers of other stories or excerpts of the
    latest comments, in any language: their full text is elsewhere. Given ``sentence`` (which lines
    end like one; plain text), so are paragraphs that do not, :data:`HEADLINE_RUN` or more in a row
    (:func:`_headline_runs`). Run after the line filter, which reads each line's kind: they stay
    body, as furniture."""
    cut = [lines[i][-1] in _CUT_OFF_LAST and words[i] >= WIDGET_WORDS and _cut_off(lines[i]) for i in range(len(lines))]
    teasers: set[int] = set()
    for is_cut, group in groupby(range(len(lines)), key=cut.__getitem__):
        run = list(group)
        if is_cut and len(run) >= TEASER_RUN and min(len(lines[k]) for k in run) >= TEASER_SPREAD * max(len(lines[k]) for k in run):
            teasers.update(k for k in run if out[k].kind == BODY)  # short ones are out already
    if sentence is not None:
        teasers.update(_headline_runs(lines, out, words, sentence))
    if not teasers or not any(line.kind == BODY and not is_furniture(line)
                              for k, line in enumerate(out) if k not in teasers):
        return  # a page of nothing but teasers (a list page) keeps them
    for k in teasers:  # out of the text, still body for the segmenter
        out[k] = _line(BODY, TEASERS)


THREAD_GAP = 15
"""Lines at most from one post's marker to the next in a comment thread (see :func:`_mark_reply_threads`)."""
POST_WORDS = 100
"""Paragraph words under which the lines from one marker to the next read as one reader's post (a
dump's articles are longer)."""
LABELLED_POST_WORDS = 200
"""The same between two repeated labels with a date between them, a surer mark."""
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_STAMP = re.compile(_DATE.pattern + "|" + _CLOCK.pattern)
STAMP_WORDS = 8
"""A post's date or time is a line of its own, of at most this many words and no separator (a short
line the page repeats, as a table's column of times does): ``19. Juni 2019 / 6:16``, ``Anna says:
March 3, 2019 at 5:12 pm``; a shop box's "Preis kann jetzt höher sein. Preis vom 02.01.2023 12:53
Uhr" is longer."""
STAMPED_HEADER_WORDS = 14
"""A longer line is a post's header too when it holds a date and a time and no sentence's end (``Ein
Argument geschrieben von berg2012 am 21. Jan. 2015, 19:04 [ antworten ]``, ``David Z am 22. Oktober 2023
- 11:20 Permanenter Link``; not a shop box's "Preis kann jetzt höher sein. Preis vom 02.01.2023 12:53
Uhr"). A year beside the time will do for the date, in a form no date pattern reads (``Comment by
Gerhard Torges — 17.07, 2011 @ 13:37``)."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year of these two centuries, as a post's header may give it beside its time (:func:`_stamped_header`)."""
_WORD_THEN_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?]\s+[^\W\d_]")
"""A sentence's end inside a line: a word of letters, its full stop and the next word (not an
ordinal's or a shortened month's: ``22. Oktober``, ``Jan. 2015``)."""


def _stamped_header(text: str) -> bool:
    """Whether a line longer than a stamp is a post's header (:data:`STAMPED_HEADER_WORDS`)."""
    return (_CLOCK.search(text) is not None and (_DATE.search(text) or _YEAR.search(text)) is not None
            and _WORD_THEN_SENTENCE.search(text) is None)


def _mark_reply_threads(lines: list[str], keys: list[str], out: list[Line], words: list[int]) -> None:
    """Plain text: readers' comments that no comment form announced, marked by what recurs at each post.

    - A short label the page repeats (``Antworten``, ``Reply``, ``Répondre``: a separator), each two
      with a date or time between them (a table's repeated cells have none; a listicle's "Mehr Info"
      only numbers); the post above the first label too, back to its date.
    - Or a date under a short name (``Kritischer Kritiker sagt:`` / ``3. November 2023 um 20:14 Uhr``),
      or a date with its time (``FLOUNDER July 6, 2015 at 6:57 pm``); an embedded tweet's date under
      its text, or a schedule's day under a heading, heads no post. The post under the last one too.

    Three markers or more in a row, each at most :data:`THREAD_GAP` lines and :data:`POST_WORDS`
    (:data:`LABELLED_POST_WORDS`) paragraph words from the next, after :data:`ARTICLE_RUN_WORDS` of
    paragraphs, make a thread; once labels have marked two posts, a longer dated post between two
    more continues it (a dated header's thread does not go on so: a party's press releases, each
    dated over its headline, had read as posts), but a signed header's does: a post of any length
    under a signature the page repeats (:func:`_signed_headers`, ``Kritischer Kritiker sagt:``) goes
    on with it, and the post under the last one runs to its last paragraph. Its paragraphs leave the
    text and stay body for the segmenter, as furniture; its title-like lines (a signature, "Sonnige
    Grüße aus München") are no cue. A live blog of short dated entries under a repeated "Share"
    would read as one."""
    n = len(lines)
    stamped = [out[k].kind not in (BODY, SEPARATOR) and words[k] <= STAMPED_HEADER_WORDS
               and _DIGIT.search(lines[k]) is not None  # every stamp has a digit: a cheap test first
               and (_STAMP.search(lines[k]) is not None if words[k] <= STAMP_WORDS else _stamped_header(lines[k]))
               for k in range(n)]
    if sum(stamped) < 2:
        return  # three markers need two stamps between them at least: most pages stop here
    body_words = list(accumulate((words[k] if out[k].kind == BODY else 0 for k in range(n)), initial=0))
    stamps = list(accumulate(stamped, initial=0))
    labels: dict[str, list[int]] = {}
    for i, line in enumerate(out):
        if line.kind == SEPARATOR:
            labels.setdefault(keys[i], []).append(i)
    headers = [i for i in range(1, n) if stamped[i] and (
        (out[i - 1].kind != BODY and out[i - 1].reason != "numeric" and words[i - 1] <= WIDGET_WORDS)
        or _CLOCK.search(lines[i]))]

    signed = _signed_headers(lines, words, headers)

    def post(a: int, b: int, label: bool, any_length: bool = False) -> bool:
        """Whether the lines between markers ``a`` and ``b`` read as one post."""
        short = body_words[b] - body_words[a + 1] < (LABELLED_POST_WORDS if label else POST_WORDS)
        return b - a <= THREAD_GAP and (short or any_length) and (not label or stamps[b] > stamps[a + 1])

    zone: set[int] = set()
    for label, markers in [*((True, at) for at in labels.values()), (False, headers)]:
        if len(markers) < 3:
            continue
        threads = [[markers[0]]]
        for a, b in pairwise(markers):
            # once labels have marked two posts, a long post between two more, dated, continues the thread
            if post(a, b, label, any_length=len(threads[-1]) >= 3 if label else a in signed and b in signed):
                threads[-1].append(b)
            else:
                threads.append([b])
        for first, *_, last in (t for t in threads if len(t) >= 3):
            if body_words[first] < ARTICLE_RUN_WORDS:
                continue
            if label:  # the post above the first label, from its date
                date = next((k for k in range(first - 1, max(-1, first - THREAD_GAP - 1), -1) if stamped[k]), first)
                first = date if post(date - 1, first, label) else first
            else:  # the post under the last header: the paragraphs right under it
                header, last = last, last + 1
                while last < n and out[last].kind == BODY and (
                        header in signed or body_words[last + 1] - body_words[header + 1] < POST_WORDS):
                    last += 1
            zone.update(range(first, last))
    for k in zone:
        if out[k].kind == BODY and not is_furniture(out[k]):
            out[k] = _line(BODY, COMMENTS)
        elif out[k].kind == TITLE:
            out[k] = _line(BOILERPLATE, COMMENTS)


SIGNATURE_WORDS = 6
"""The most words of a comment's signature line (``Kritischer Kritiker sagt:``), its colon's word included."""
SIGNATURES = 3
"""Post headers that must share their signature's last word for it to be the comment form's."""


def _signed_headers(lines: list[str], words: list[int], headers: list[int]) -> set[int]:
    """The post headers (line numbers of their dates) right under a line of at most
    :data:`SIGNATURE_WORDS` words that ends on a word and a colon, that word the same over
    :data:`SIGNATURES` headers or more: ``Kritischer Kritiker sagt:`` / ``3. November 2023 um 20:14
    Uhr``, ``Anna says:``, ``Marie dit :`` — a comment form's signature, in any language."""
    ends: dict[int, str] = {}
    for i in headers:
        above = lines[i - 1]
        if above.endswith(":") and words[i - 1] <= SIGNATURE_WORDS:
            ends[i] = above[:-1].rstrip().rpartition(" ")[2].casefold()
    counts = Counter(ends.values())
    return {i for i, end in ends.items() if end and counts[end] >= SIGNATURES}


def _opening_headline(lines: list[str], out: list[Line], words: list[int]) -> None:
    """Plain text: a page's first line (past its furniture: ``Subscribe to … for FREE``, a menu)
    that reads as one sentence or phrase ending on a question mark, an exclamation mark or nothing
    (``How to choose a good VPN service?``, a headline of 20 words), of 4-25 words, not opening on a
    quotation mark, with text right under it, is its headline, not its first paragraph: a scraper's
    text of a news page often opens on its headline."""
    first = next((i for i, line in enumerate(out) if line.kind not in (BOILERPLATE, SEPARATOR)), len(out))
    if len(out) < first + 2 or out[first] != _line(BODY) or not WIDGET_WORDS <= words[first] <= 25:
        return
    text = lines[first]
    if (text.rstrip(_CLOSERS)[-1:] in _STATEMENT_END or _INNER_SENTENCE_END.search(text) or text[0] in _OPENERS
            or not _headline_shaped(text) or not any(line.kind == BODY for line in out[first + 1 : first + 4])):
        return
    out[first] = _line(TITLE)


def _keep_repeated_headlines(lines: list[str], out: list[Line], words: list[int], sentence: list[bool]) -> None:
    """Plain text: title-shaped lines repeated on the page above its first paragraph are title-like
    lines, not furniture: a page repeats its headline in its breadcrumb, its window title or a share
    box, and the segmenter picks the headline among the title-like lines of a header
    (``segment.headline``). Below the first paragraph a repeated line stays furniture, so no new
    title cue opens an article."""
    first_body = next((i for i, line in enumerate(out) if line.kind == BODY), len(out))
    for i in range(first_body):
        if out[i].reason == "repeated" and _title_shaped(lines[i], words[i], sentence[i]):
            out[i] = _line(TITLE)


def is_furniture(line: Line) -> bool:
    """Whether a body line is page furniture: out of the article's text, still body for the
    segmenter (see :class:`~newsflow.schema.Block`'s ``furniture``)."""
    return line.kind == BODY and line.reason in FURNITURE_REASONS


def kinds(out: list[Line]) -> list[str]:
    """Each line's kind, or its removal reason when it was removed (a :data:`SOURCE` line's too: the
    line filter reads it as the rules dropped it)."""
    return [line.reason if line.kind in REMOVED else line.kind for line in out]


def _runs(out: list[Line], kind: str) -> list[tuple[int, int]]:
    """``(start, stop)`` of every maximal run of consecutive lines of ``kind``."""
    runs: list[tuple[int, int]] = []
    for i, line in enumerate(out):
        if line.kind != kind:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


AFTER, DEK = "after", "dek"


def _loose_runs(out: list[Line], words: list[int]) -> list[tuple[int, int, int, str | None]]:
    """On a page that holds an article (a run of paragraphs of >= :data:`ARTICLE_RUN_WORDS`), the
    other runs of body lines other than its dek (a run that ends at most :data:`DEK_GAP` lines
    before an article's body starts), as ``(start, stop, words, where)``. Where: :data:`DEK` when a
    byline or a dateline comes right after the run (a dek above ``By …``); :data:`AFTER` when it
    starts at most :data:`DEK_GAP` lines after an article's body ends (the article's last
    paragraphs after a photo and its caption, or a notice under it); else None. None on other pages."""
    runs = [(a, b, sum(words[a:b])) for a, b in _runs(out, BODY)]
    if not runs or max(w for *_, w in runs) < ARTICLE_RUN_WORDS:
        return []

    def article(run: tuple[int, int, int] | None) -> bool:
        return run is not None and run[2] >= ARTICLE_RUN_WORDS

    def where(before: tuple[int, int, int] | None, a: int, b: int) -> str | None:
        if b < len(out) and out[b].kind in (BYLINE, DATELINE):
            return DEK
        return AFTER if article(before) and a - before[1] <= DEK_GAP else None

    return [(a, b, total, where(before, a, b))
            for before, (a, b, total), after in zip([None, *runs[:-1]], runs, [*runs[1:], None], strict=True)
            if total < ARTICLE_RUN_WORDS and not (article(after) and after[0] - b <= DEK_GAP)]


def _mark_lone_sentences(out: list[Line], words: list[int]) -> None:
    """A loose run of body lines (:func:`_loose_runs`) shorter than :data:`LONE_WORDS` is a
    notice among the page furniture (cookies, a newsletter box, a copyright line), not article text."""
    for a, b, total, _ in _loose_runs(out, words):
        if total < LONE_WORDS:
            for i in range(a, b):
                out[i] = _line(BOILERPLATE, "lone")


def _mark_comment_zones(lines: list[str], out: list[Line], words: list[int]) -> None:
    """After a stretch of body (>= 3 paragraphs since the last title-like line), a run of >= 3
    widget lines opens a comment zone: sentences after it are readers' comments until a title-like
    line opens a new article or :data:`ZONE_END` lines pass without a paragraph. A run of bare web
    addresses opens none: a quotation's sources under it, three links in a row, had taken an
    article's second half for comments. A run with a label among its links ("VIDEO Source:" over
    them) still does. Nor does a run that the article goes on under (:data:`ZONE_ARTICLE_WORDS`)."""
    body_run = run = quiet = 0
    labelled = in_zone = False
    goes_on: bool | None = None  # whether the article goes on under this run: read once a run, in linear time
    for i, line in enumerate(out):
        quiet = 0 if line.kind == BODY else quiet + 1
        if line.kind == TITLE or quiet >= ZONE_END:
            in_zone = False
            body_run = run = 0
        elif line.kind == BODY:
            if in_zone:
                out[i] = _line(BOILERPLATE, COMMENTS)
            else:
                body_run += 1
                run = 0
        elif words[i] < WIDGET_WORDS:
            labelled = (labelled and run > 0) or not WEB_ADDRESS.search(lines[i])
            run += 1
            if run == 1:
                goes_on = None
            if run >= 3 and body_run >= 3 and labelled and not in_zone:
                if goes_on is None:
                    goes_on = _paragraphs_under(out, words, i) >= ZONE_ARTICLE_WORDS
                in_zone = not goes_on
        else:
            run = 0


def _paragraphs_under(out: list[Line], words: list[int], i: int) -> int:
    """Words of the paragraphs one after another under line ``i``, past the widget lines that go on
    right under it (the rest of its run: the same for every line of the run)."""
    j = i + 1
    while j < len(out) and out[j].kind not in (BODY, TITLE) and words[j] < WIDGET_WORDS:
        j += 1
    total = 0
    while j < len(out) and out[j].kind == BODY:
        total += words[j]
        j += 1
    return total
