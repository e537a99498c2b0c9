"""How much a word tells about what a text is about, from how common it is in its language.

Word frequencies come from wordfreq's "small" lists (42 languages: news, Wikipedia, subtitles,
books, web text; the data is CC BY-SA 4.0 and ships inside the wordfreq package), summed over the
words that share a stem (their first few characters, as the segmenter compares them). A stem as
common as "the", "und" or "de" says nothing about a text's subject; one no commoner than
:data:`RARE_ZIPF` says all a word can. A page's own statistics (idf over its paragraphs) cannot
tell this when the page has few paragraphs.

Which language's list applies is read off the lists too: the one under which the text's first
words are commonest, a unigram language model's choice (0.05 ms a page, where lingua takes 1-5 ms).
Close languages (Danish and Bokmål, Spanish and Catalan) may be taken for each other, and share
their common words anyway; in a language without a list every word weighs 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from itertools import islice

import numpy as np
import wordfreq

COMMON_ZIPF = 7.0
"""Words this common (Zipf scale: log10 of occurrences per billion words; "the" 7.7, "und" 7.5)
weigh nothing."""
RARE_ZIPF = 4.0
"""Words no commoner than this (ten in a million words) weigh fully; between the two the weight
falls linearly."""
SAMPLE_WORDS = 100
"""Words of a text read to choose its language's list."""
_WORDLIST = "small"
"""wordfreq's lists of the words used at least once in a million words: they hold every word that
weighs less than fully, and load in 26 ms a language."""


@cache
def _table(prefix: int) -> tuple[tuple[str, ...], dict[str, int], np.ndarray]:
    """Languages, word stems (a word's first ``prefix`` characters, a word when shorter) commoner
    than :data:`RARE_ZIPF` in any of them (→ row), and their Zipf frequency in each language (the
    summed frequency of the words they begin; 0 where a list has none): ~230,000 stems, ~70 MB,
    ~1.5 s to build."""
    languages = tuple(sorted(wordfreq.available_languages(_WORDLIST)))
    rows: dict[str, int] = {}
    cells: list[np.ndarray] = []  # per language: (row, Zipf) of its common stems
    for code in languages:
        summed: dict[str, float] = {}
        for word, frequency in wordfreq.get_frequency_dict(code, _WORDLIST).items():
            stem = word[:prefix]
            summed[stem] = summed.get(stem, 0.0) + frequency
        zipfs = ((stem, math.log10(f) + 9) for stem, f in summed.items())
        cells.append(np.array([(rows.setdefault(stem, len(rows)), z) for stem, z in zipfs if z > RARE_ZIPF])
                     .reshape(-1, 2))
        # wordfreq keeps every list it has read (~200 MB for all of them); this table is all we need
        wordfreq.get_frequency_dict.cache_clear()
        wordfreq.get_frequency_list.cache_clear()
    zipf = np.zeros((len(rows), len(languages)), dtype=np.float16)
    for column, found in enumerate(cells):
        zipf[found[:, 0].astype(np.int64), column] = found[:, 1]
    return languages, rows, zipf


def likeliest_language(stems: Iterable[str], prefix: int) -> str | None:
    """The wordfreq language whose list makes the first :data:`SAMPLE_WORDS` of ``stems``
    (case-folded words cut to ``prefix`` characters) commonest, or None when none of them is common
    in any language."""
    languages, rows, zipf = _table(prefix)
    found = [row for row in map(rows.get, islice(stems, SAMPLE_WORDS)) if row is not None]
    return languages[int(np.argmax(zipf[found].sum(axis=0, dtype=np.float32)))] if found else None


@cache
def informativeness(language: str | None, prefix: int) -> dict[str, float]:
    """Word stem (see :func:`likeliest_language`) → its weight by ``language``'s list (a wordfreq
    code), from 0 (commonest) to 1 (rare). Stems missing here weigh 1: all of them when
    ``language`` has no list."""
    languages, rows, zipf = _table(prefix)
    if language not in languages:
        return {}
    column = zipf[:, languages.index(language)].astype(np.float32)
    weights = np.clip((COMMON_ZIPF - column) / (COMMON_ZIPF - RARE_ZIPF), 0.0, 1.0).tolist()
    return {stem: weights[row] for stem, row in rows.items() if weights[row] < 1.0}
