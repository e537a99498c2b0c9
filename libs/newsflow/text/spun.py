"""A spun-text score for English: how many of a text's word pairs are missing from the language.

Article spinners rewrite a text word by word with a thesaurus, so that it passes for new: "Minister
of Defence" becomes "Minister of Barricade", "experts" "wizards", "town" "burg". Every swap breaks
the pairs the word made with its neighbours, and English never writes "of barricade" or "maul
Islamic". The score counts that damage.

- Word pairs: two words next to each other in a prose paragraph (one of at least
  :data:`MIN_TOKENS` tokens; titles, captions and lists are skipped), case-folded; punctuation
  breaks a pair. Only pairs of words both in the unigram list are counted.
- Known pairs: the 243,342 commonest English bigrams of Google Books, as symspellpy ships them for
  its word segmentation (MIT licence), with its 82,765-word unigram list.
- Expected: how often a pair is known in normal news depends on how common its two words are (two
  common words make a known pair far more often than two rare ones). :data:`EXPECTED_FILE` gives
  the rate for every pair of word-frequency bins, measured on half of the BBC News articles of the
  segmentation dev set (``bench/eval_tag.py --calibrate-spun`` rebuilds it).

The score is the number of known pairs expected minus the number found, in standard deviations
(binomial, pair by pair): about 0 for normal news, higher when words have been swapped, and
growing with the text's length when they have (more pairs, more evidence). ``make eval-tag``
prints how well it separates spun from normal text. It is None for text not in English or with
fewer than :data:`MIN_PAIRS` pairs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from itertools import pairwise

VERSION = "spun-1"
MIN_TOKENS = 8
"""Paragraphs shorter than this (in words and punctuation marks) are not prose: skipped."""
MIN_PAIRS = 20
"""Texts with fewer counted word pairs get no score: too few to tell."""
BINS = 22
"""Word frequency bins: half a decade of Google Books occurrences each (bin = 2·log10 count)."""
EXPECTED_FILE = "spun-expected.json"
"""In newsflow's data: the expected share of known pairs per pair of bins (:func:`calibrate`)."""
_TOKEN = re.compile(r"[A-Za-z]+|[^\sA-Za-z]+")


@cache
def _lists() -> tuple[dict[str, int], frozenset[str]]:
    """Word → frequency bin, and the known pairs as "first second" (0.15 s, 33 MB)."""
    data = resources.files("symspellpy")
    bins = {}
    with data.joinpath("frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count = line.split()
            bins[word] = min(int(2 * math.log10(int(count))), BINS - 1)
    with data.joinpath("frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8") as lines:
        known = frozenset(line.rsplit(" ", 1)[0] for line in lines)
    return bins, known


@cache
def _expected() -> list[list[float]]:
    return json.loads(resources.files("newsflow.data").joinpath(EXPECTED_FILE).read_text())["expected"]


def pairs(text: str) -> Iterator[tuple[int, int, bool]]:
    """(first word's bin, second word's bin, known) for every counted word pair of ``text``."""
    bins, known = _lists()
    for paragraph in text.splitlines():
        tokens = _TOKEN.findall(paragraph)
        if len(tokens) < MIN_TOKENS:
            continue
        words = [t.lower() if t[0].isalpha() else None for t in tokens]
        for first, second in pairwise(words):
            if first in bins and second in bins:
                yield bins[first], bins[second], f"{first} {second}" in known


def spun_score(text: str, language: str | None) -> float | None:
    """How many standard deviations fewer known word pairs ``text`` has than normal news with the
    same words would (see the module's docstring), to two decimals; None when ``language`` is not
    "en" or the text has too few pairs."""
    if language != "en":
        return None
    expected = _expected()
    missing = variance = 0.0
    count = 0
    for first, second, found in pairs(text):
        rate = expected[first][second]
        missing += rate - found
        variance += rate * (1 - rate)
        count += 1
    return round(missing / math.sqrt(variance), 2) if count >= MIN_PAIRS else None


def calibrate(texts: Iterable[str]) -> dict:
    """The table of :data:`EXPECTED_FILE` measured on ``texts`` (normal news): the share of known
    pairs in every pair of bins, smoothed towards one half (add-one) where the bins meet rarely."""
    found = [[0] * BINS for _ in range(BINS)]
    seen = [[0] * BINS for _ in range(BINS)]
    for text in texts:
        for first, second, known in pairs(text):
            seen[first][second] += 1
            found[first][second] += known
    rates = [[round((f + 1) / (n + 2), 4) for f, n in zip(row_found, row_seen, strict=True)]
             for row_found, row_seen in zip(found, seen, strict=True)]
    return {"expected": rates, "pairs": sum(map(sum, seen))}
