"""Unicode and whitespace normalisation that never rewrites the article's words.

- mojibake and broken escapes repaired by ftfy (quotes stay curly, full-width forms stay);
- NFC; soft hyphens, zero-width spaces, word joiners and byte-order marks removed
  (ZWJ/ZWNJ are kept: they are spelling in Persian, Indic scripts and emoji);
- runs of horizontal whitespace (tabs, no-break and typographic spaces) become one space;
- plain text hard-wrapped at a fixed width (html2text, lynx, e-mail) gets its paragraphs back
  (:func:`unwrapped`), and so do sentences a scraper broke at links and bold words
  (:func:`rejoined`), so each is classified whole.

The measurements behind each rule's settings, and what was tried instead: docs/tuning.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from itertools import pairwise


@cache
def _ftfy() -> tuple[Callable[[str], bool], Callable[[str], str]]:
    """ftfy's mojibake test and its repair, loaded when a text first may need them: ftfy's
    character tables cost every process's start-up ~0.1 s (importing newsflow.cli and
    newsflow.pipeline, best of 7: 0.77 -> 0.69 s), and most text never gets that far (see
    :data:`_MOJIBAKE_HINT`)."""
    import ftfy
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                                  normalization="NFC", explain=False)
    return is_bad, lambda text: ftfy.fix_text(text, config)


def _is_bad(text: str) -> bool:
    return _ftfy()[0](text)

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_HSPACE = re.compile(r"[ \t\r\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_OTHER_SPACE = re.compile(r"[\t\r\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACES = re.compile("  +")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""Control characters, and lone surrogates (text given as Python strings may hold them; no UTF-8
encoder takes them, so neither the n-gram features nor the message's JSON could)."""


# UTF-8 read as cp1252/latin-1 leaves a lead byte (Â-ô) before a continuation byte (U+0080-U+00BF)
# or a cp1252 punctuation mark: a cheap test for "could hold mojibake" before ftfy's slow one.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                            "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_UNUSUAL = re.compile("[\ud800-\udfff\x00-\x09\x0b-\x1f\x7f\x85\u00a0\u00ad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
                      "\u2060\u3000\ufeff]")
"""Every character the steps of :func:`normalize_lines` remove or replace but double spaces: text
without one (most of it) is scanned once instead of once a step."""


def _repair(text: str, maybe_bad: bool = True, invisible: bool = True) -> str:
    if text.isascii():
        return text
    # ftfy is thorough but slow; run it only where mojibake is possible and ftfy confirms it.
    if maybe_bad and _MOJIBAKE_HINT.search(text) and _is_bad(text):
        text = _ftfy()[1](text)
    if invisible:
        text = text.translate(_INVISIBLE)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _collapse_spaces(text: str) -> str:
    """``_HSPACE.sub(" ", text)``, faster when the only whitespace is plain spaces (the usual
    case): that regex stops at every space between words."""
    if _OTHER_SPACE.search(text):
        return _HSPACE.sub(" ", text)
    return _SPACES.sub(" ", text) if "  " in text else text


Line = tuple[str, int, int]
"""A line's text and its ``(start, end)`` in the raw document."""


def normalize_lines(document: str) -> Iterator[Line]:
    """The non-empty lines of ``document``, normalised, each with its ``(start, end)`` in the raw
    text (leading and trailing whitespace excluded). Lines are split on ``\\n`` only, so offsets
    stay exact; the document-wide steps run once on the whole text, which is much faster than
    line by line."""
    text = document
    unusual = _UNUSUAL.search(text) is not None
    if not text.isascii():
        if unusual and _INVISIBLE_RE.search(text):
            text = text.translate(_INVISIBLE)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if unusual or "  " in text:
        text = _collapse_spaces(_CONTROL.sub("", text))
    suspects = _suspect_lines(text) if not text.isascii() else set()
    raws = document.split("\n")
    pos = 0
    for number, (raw, line) in enumerate(zip(raws, raws if text is document else text.split("\n"), strict=True)):
        start, pos = pos, pos + len(raw) + 1
        line = line.strip()
        if not line:
            continue
        if number in suspects and _is_bad(line):
            line = normalize_line(line)
        lead = len(raw) - len(raw.lstrip())
        yield line, start + lead, start + len(raw.rstrip())


def line_spacing(document: str, lines: list[Line]) -> int:
    """The line breaks between two of ``document``'s lines that may be parts of one sentence
    (:func:`rejoined`): 1, or 2 on a page that puts a blank line between all its lines, as most
    scrapers of the news sample do (232 of its 250 pages): there a blank line parts blocks, not
    paragraphs, and a link's words stand apart as they would one break apart. Hard wraps are not
    looked for across blank lines (:func:`unwrapped`): a page of short paragraphs a blank line apart
    would read as one wrapped paragraph."""
    if len(lines) < 2 or any(document.count("\n", before[2], line[1]) == 1 for before, line in pairwise(lines)):
        return 1
    return 2


WRAP_WIDTHS = range(50, 101)
"""Widths hard-wrapped text is broken at (html2text 78, lynx and w3m 80, e-mail 72-76)."""
WRAPPED_SHARE = 0.5
"""Share of a page's line breaks inside paragraphs (a line followed directly by another) that must
read as wraps for the page to be unwrapped."""


def unwrapped(document: str, lines: list[Line]) -> list[Line]:
    """``lines`` (:func:`normalize_lines` of ``document``) with the paragraphs of hard-wrapped text
    joined back, each spanning its lines in the raw text. A page is hard-wrapped when its width (the
    95th percentile of its lines' lengths) is in :data:`WRAP_WIDTHS` and :data:`WRAPPED_SHARE` of
    the line breaks between lines that follow each other directly are wraps: the next line's first
    word would not have fitted on the line. Only those breaks are joined; a line ending on a
    hyphenated word part joins without a space ("well-" "known"). Other pages come back as they are."""
    if len(lines) < 4:
        return lines
    width = sorted(len(text) for text, _, _ in lines)[(len(lines) - 1) * 95 // 100]
    if width not in WRAP_WIDTHS:
        return lines
    wraps, direct = [], 0
    for (text, _, end), (following, start, _) in pairwise(lines):
        adjacent = document.count("\n", end, start) == 1
        direct += adjacent
        wraps.append(adjacent and len(text) + 1 + len(following.split(" ", 1)[0]) > width)
    if sum(wraps) < 3 or sum(wraps) < WRAPPED_SHARE * direct:
        return lines
    wrapped = {line[1] for wrap, line in zip(wraps, lines[1:], strict=True) if wrap}  # by where they start
    return _joined(lines, lambda before, line, _: None if line[1] not in wrapped
                   else "" if before[0].endswith("-") and before[0][-2:-1].isalpha() else " ")


def _joined(lines: list[Line], glue: Callable[[Line, Line, int], str | None]) -> list[Line]:
    """``lines`` with each joined to the line before it where ``glue(before, line, spaces)`` gives
    the string to join their texts with, not None: ``before`` is the line before as it was read (the
    joined text ends on it), ``spaces`` how many spaces the text joined so far holds. A joined line
    spans its parts in the raw text. Parts are joined once each: linear in the text, however many
    lines join (a hard-wrapped page of one paragraph)."""
    out: list[Line] = []
    parts: list[str] = []
    start = spaces = 0
    before: Line | None = None
    for line in lines:
        between = glue(before, line, spaces) if before is not None else None
        if between is None:
            if before is not None:
                out.append(("".join(parts), start, before[2]))
            parts, start, spaces = [line[0]], line[1], line[0].count(" ")
        else:
            parts += (between, line[0])
            spaces += between.count(" ") + line[0].count(" ")
        before = line
    if before is not None:
        out.append(("".join(parts), start, before[2]))
    return out


def _suspect_lines(text: str) -> set[int]:
    """Numbers of the lines of ``text`` where :data:`_MOJIBAKE_HINT` matches (one scan of the text)."""
    suspects: set[int] = set()
    if b"\xc3" not in text.encode("utf-8", "surrogatepass"):
        return suspects  # no lead character (U+00C0-U+00FF are C3 xx in UTF-8): a byte search, not a regex scan
    line = pos = 0
    for match in _MOJIBAKE_HINT.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        suspects.add(line)
    return suspects


def normalize_text(text: str) -> str:
    """Repair and normalise ``text``; line breaks are kept, each line is stripped."""
    text = _CONTROL.sub("", _repair(text))
    return "\n".join(_collapse_spaces(line).strip() for line in text.split("\n"))


def normalize_line(line: str) -> str:
    """:func:`normalize_text` for one line (no line breaks in the result)."""
    return _collapse_spaces(_CONTROL.sub("", _repair(line)).replace("\n", " ")).strip()


# Scripts written without spaces between words (kana, CJK ideographs, Thai, Lao, Khmer, Myanmar):
# each character counts as a word, so word statistics (cohesion, shingles) work there too.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f"
_WORDS = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


_ASCII_WORDS = re.compile(r"\w+", re.ASCII)
""":data:`_WORDS` on ASCII text, a third faster."""
_SPACED_WORDS = re.compile(r"\w+")
""":data:`_WORDS` on text without :data:`_UNSPACED` characters (most text that is not ASCII: accents,
curly quotes), which it reads alike, faster."""
_HAS_UNSPACED = re.compile(f"[{_UNSPACED}]")


def words(text: str) -> list[str]:
    """``text``'s words, case-folded: runs of letters and digits, and single characters of the
    scripts that put no space between words."""
    folded = text.casefold()
    if folded.isascii():
        return _ASCII_WORDS.findall(folded)
    return (_WORDS if _HAS_UNSPACED.search(folded) else _SPACED_WORDS).findall(folded)


@cache
def _stem_patterns(length: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """:data:`_ASCII_WORDS`, :data:`_SPACED_WORDS` and :data:`_WORDS` matching a word's first
    ``length`` characters only: the first two take the rest of the word unmatched, so no place
    inside a word is tried (the segmenter's tokenising of html-dev's naive text, German mostly,
    ~20% faster; the news sample's, English with curly quotes, ~15%); the third, which reads the
    scripts without spaces, from a word's start only (the lookbehind fails inside a word)."""
    return (re.compile(rf"(\w{{1,{length}}})\w*", re.ASCII),
            re.compile(rf"(\w{{1,{length}}})\w*"),
            re.compile(f"[{_UNSPACED}]|(?<![^\\W{_UNSPACED}])[^\\W{_UNSPACED}]{{1,{length}}}"))


def word_stems(text: str, length: int) -> list[str]:
    """:func:`words` cut to their first ``length`` characters, found so in one pass."""
    folded = text.casefold()
    ascii_stems, spaced_stems, stems = _stem_patterns(length)
    if folded.isascii():
        return ascii_stems.findall(folded)
    return (stems if _HAS_UNSPACED.search(folded) else spaced_stems).findall(folded)


INLINE_JOIN_WORDS = 8
"""Words two adjacent lines must hold together for a line that starts in lower case to join the one
before it (:func:`rejoined`): a menu of lower-case items ("home", "about us") stays apart. On a page
saved a text node a line (:data:`INLINE_PAGE_BREAKS`) any line that starts in lower case joins."""
JOIN_PART_WORDS = 12
"""Words under which one of two lines must stay for the lower one, starting in lower case, to join the
one before (:data:`INLINE_JOIN_WORDS`): a link's words or a sentence's broken-off end; two longer lines
are two paragraphs, a list's items or a sentence and the line of code it announces."""
_SENTENCE_ENDS = frozenset(".!?…。！？")
_CLOSING = frozenset(",.;:!?)]}»”’…")
_OPENING = frozenset("„‚([{¿¡")
"""Marks that open what follows them, so a line ending on one ends nothing ("Enzyklika „" /
"Deus caritas est“"); not ``“``, which closes a German quotation, nor ``«``, which closes one written
``»…«``."""


INLINE_PAGE_BREAKS = 3
"""Lines starting with closing punctuation right under a line that ends no sentence ("wearing
sunglasses" / ".") that mark a page as saved a text node a line (:func:`rejoined`): 52% of html-dev's
pages saved so have three or more, 2.8% of them saved a block a line."""


def _ends_on_function_word(text: str) -> bool:
    """Whether ``text`` has two words or more and ends on a lower-case word of three letters or fewer:
    an article, a preposition or a conjunction ("ob die", "für den", "one of") that a sentence
    seldom ends on, in any language written in words (a Polish "się" does end clauses: hence only on
    pages saved a text node a line, :data:`INLINE_PAGE_BREAKS`)."""
    head, _, last = text.rpartition(" ")
    return bool(head) and len(last) <= 3 and last.isalpha() and last.islower()


def rejoined(document: str, lines: list[Line], spacing: int = 1,
             apart: Callable[[str], bool] | None = None) -> list[Line]:
    """``lines`` (:func:`normalize_lines` of ``document``) with the sentences a scraper broke at
    inline elements joined back: text saved a node a line (BeautifulSoup's ``get_text("\\n")``) puts
    a link or a bold word on a line of its own, so "Mike Rundle" / "on Twitter, only appears…" and
    "wearing sunglasses" / "." are classified as fragments. A line joins the one before it when that
    one ends no sentence, a single line break parts them, and it starts with closing punctuation
    (joined without a space) or in lower case with :data:`INLINE_JOIN_WORDS` words between the two;
    or whatever it starts with, when the line before ends on a comma (a name or a German noun after
    a link: "Además de Punta Arenas," / "Boric se desplazará …") or an opening mark (:data:`_OPENING`)
    or, on a page saved a node a line (:data:`INLINE_PAGE_BREAKS`), on a function word
    (:func:`_ends_on_function_word`: "sollte geprüft werden, ob die" / "Gurtlänge im Fahrzeug …").
    On such a page a line starting in lower case joins whatever its length ("Az egyik kedvencem
    ebből a" / "halloween" / "i para-repertoárból…"); elsewhere one of the two must be shorter than
    :data:`JOIN_PART_WORDS`. "A single line break" is ``spacing`` of them (:func:`line_spacing`);
    where that is two, a line that opens on closing punctuation and goes on (a list's "? " bullet, a
    quotation's "… schreibt sie") starts a paragraph of its own, and only a mark standing alone joins.
    A line for which ``apart`` is true joins none (the cleaner's: a byline under a headline). A joined
    line spans its parts in the raw text."""
    def one_break_apart(before: Line, line: Line) -> bool:
        return document.count("\n", before[2], line[1]) == spacing

    inline = sum(1 for before, line in pairwise(lines)
                 if line[0][0] in _CLOSING and before[0][-1] not in _SENTENCE_ENDS
                 and one_break_apart(before, line)) >= INLINE_PAGE_BREAKS

    def glue(before: Line, line: Line, spaces: int) -> str | None:
        text, following = before[0], line[0]
        if text[-1] in _SENTENCE_ENDS or not one_break_apart(before, line):
            return None
        if text[-1] == "," or (inline and _ends_on_function_word(text)):
            return " "
        if (following[0] in _CLOSING and (spacing == 1 or len(following) <= 2)) or text[-1] in _OPENING:
            return ""
        if following[0].islower() and (inline or (spaces + following.count(" ") + 2 >= INLINE_JOIN_WORDS
                                                  and min(spaces, following.count(" ")) + 1 < JOIN_PART_WORDS)):
            return " "
        return None

    def glue_unless_apart(before: Line, line: Line, spaces: int) -> str | None:
        # ``apart`` (a regular expression) read only where the line would join: most lines join none
        between = glue(before, line, spaces)
        return None if between is None or apart(line[0]) else between

    return _joined(lines, glue if apart is None else glue_unless_apart)


_CP1252_LETTERS = bytes(b for b in range(256) if (c := bytes([b]).decode("cp1252", "ignore")) and c.isalpha())
"""The Windows-1252 bytes whose character is a letter."""


def letter_count(text: str) -> int:
    """How many of ``text``'s characters are letters (``str.isalpha``), counted in C
    (``bytes.translate``) on text that Windows-1252 can hold: ASCII, and western European text with
    its typographic quotes and dashes (97% of html-dev's lines)."""
    try:
        raw = text.encode("ascii" if text.isascii() else "cp1252")
    except UnicodeEncodeError:
        return sum(map(str.isalpha, text))
    return len(raw) - len(raw.translate(None, _CP1252_LETTERS))
