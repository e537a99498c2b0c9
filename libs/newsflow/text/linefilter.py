"""A learned second opinion: which paragraphs the rules kept are page furniture.

The rules of :mod:`newsflow.text.boilerplate` keep every long line or full sentence as body, and a
naive scrape is full of those that are not article text: a newsletter pitch, a teaser of another
story, a legal notice, a product list. Even the main content of an HTML page carries some (an
author box, a disclaimer, a "subscribe" panel inside the article's own element). What gives them
away is their surroundings — far from the article's run of paragraphs, among menus, at the end
of the content, a line unlike its neighbours — which a small logistic regression weighs better
than more hand-made thresholds.

- Features (:func:`features`, 58 per line, then 3 more in plain text, 14 in HTML): the line's
  shape (length, sentence end, letters, digits, capitals, commas), the kind or removal reason the
  rules gave it, the same for the two lines either side, and where it sits: in the page's longest
  run of paragraphs or how far from it, how much body there is within 3 and 10 lines. HTML adds
  what the markup says (:func:`newsflow.text.dom.block_features`: the element, link text, depth,
  lines to the end). No word lists: it carries over to other languages. Both add what the line says
  (:data:`LEXICAL`): the score of a second logistic regression over the line's character n-grams
  (:func:`ngrams`, hashed), for the line and the lines either side — learned, not listed, from the
  html-dev pages as naive text in every language they hold: what a newsletter pitch, a comment form,
  an author's bio or a copyright line says, in any of them. One n-gram model serves both (HTML's
  main content holds too little furniture to learn its words from); in HTML it took html-dev's
  2-fold F1 from 0.920 to 0.923 (line-filter-4; German 0.928 -> 0.931, other languages 0.892 -> 0.898).
- Decision: a body line is flagged (reason ``line_filter``, :attr:`Block.furniture
  <newsflow.schema.Block>`) when the model gives it a probability of being article text under the
  threshold: it leaves the article's text, while the segmenter still reads it as body. Plain text:
  loose runs are judged (see ``boilerplate._loose_runs``), those right after an article and, on a
  page with such runs, the article's own by stricter bars (:data:`STRICT_THRESHOLD`,
  :data:`ARTICLE_THRESHOLD`), deks not at all; HTML: every body line of the main content. Titles,
  bylines and separators are left as the rules found them.
- Models: :data:`MODEL_FILE` in newsflow's data, one for plain text (the html-dev pages as a naive
  scraper saves them) and one for HTML (their main content), fitted by
  ``bench/train_line_filter.py``, lines labelled by the evaluation's own snippets; the file
  records the cross-validated figures, which ``make eval-clean`` prints beside the rules alone.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

VERSION = "line-filter-4"
TEXT, HTML = "text", "html"
"""The two models: for plain text, and for the main content of HTML pages."""
STRICT_THRESHOLD = 0.15
"""The bar for body right after an article's paragraphs (plain text), which may be its last ones
after a photo and its caption: samples' boilerplate-line removal 0.953 -> 0.977 (0.965 at 0.1),
html-dev as naive text 2-fold F1 0.866 -> 0.867, the same body lines kept."""
ARTICLE_THRESHOLD = 0.3
"""The bar for the other body lines (plain text: the article's own runs, on a page with loose runs
or runs after it, i.e. with furniture around its article), which the rules keep whole: a notice, a
bio or a promotion inside the run goes only when the model is this sure. html-dev as naive text,
2-fold by site, with the lexical features: F1 0.882 (P 0.898) judging loose runs only, 0.884
(P 0.907) with these; judging them on every page gave 0.886 (P 0.912) but cost the news sample,
whose pages mostly have no loose runs and so never call the model, up to 3x its cleaning time
(0.25 / 0.3 / 0.35 there: 0.887 / 0.887 / 0.886)."""
KEEP_THRESHOLD = 0.5
"""The bar for a line the rules leave out of an article's text (a subheading, a numbered list item, a
short line among its paragraphs) to be kept in it (:func:`judge`; figures at
:func:`newsflow.text.boilerplate._keep_in_text`)."""
MODEL_FILE = "line-filter.json"
REASON = "line_filter"

KINDS = ("body", "title", "byline", "dateline", "separator",
         "short", "numeric", "credit", "fragment", "lone", "comments", "repeated")
"""A line's kind, or its removal reason when the rules dropped it (one-hot features)."""
_SHAPE = ("log_words", "log_chars", "sentence", "letters", "digits", "upper_start", "capitalised",
          "commas", "colon_end", "menu_mark")
_PLACE = ("position", "log_run_words", "log_distance_to_main_run", "log_body_words_3", "body_lines_3",
          "log_body_words_10", "body_lines_10", "between_first_and_last_body", "log_lines",
          "body_share", "log_main_run_words", "in_main_run")
_NEIGHBOUR = ("log_words", "sentence", "letters", "kind_body", "kind_title", "kind_short")
_OFFSETS = (1, -1, 2, -2)
FEATURES = (*_SHAPE, *(f"kind_{k}" for k in KINDS), *_PLACE,
            *(f"{name}@{offset:+d}" for offset in _OFFSETS for name in _NEIGHBOUR))
_NEIGHBOUR_COLUMNS = [FEATURES.index(name) for name in _NEIGHBOUR]
LEXICAL = ("lexical", "lexical@+1", "lexical@-1")
"""The plain-text model's last features: the n-gram score (:func:`lexical_scores`) of the line,
of the line before it and of the line after it (0 past the ends)."""
NGRAM = 4
NGRAM_BITS = 16
"""Character 4-grams hashed into 2**16 buckets. html-dev as naive text, 2-fold by site, article
runs judged on every page: F1 0.887 with 4-grams, 0.886 with 3-5-grams (three times the work) and
with 3- and 5-grams. Out-of-site AUC of the n-gram model alone on the labelled lines: 0.858 / 0.923
with 4-grams, 0.876 / 0.927 with 3-5-grams (two halves by site; 18 and 20 bits: 0.874 / 0.926,
0.873 / 0.926), as good as scikit-learn's ``char_wb`` vectoriser there."""
_PRIME, _SPREAD = np.uint32(1_000_003), np.uint32(0x9E3779B1)


_ALPHA, _DIGIT, _UPPER, _SPACE, _MENU = (1 << k for k in range(5))
_TESTS = ((_ALPHA, str.isalpha), (_DIGIT, str.isdigit), (_UPPER, str.isupper), (_SPACE, str.isspace))
MENU_MARKS = "|»›•·"
"""Characters that part the items of a menu or a breadcrumb written on one line."""


def _classes_of(chars: list[str]) -> np.ndarray:
    """The class bits of each of ``chars``."""
    codes = np.fromiter(map(ord, chars), np.int64, len(chars))
    bits = np.zeros(len(chars), dtype=np.uint8)
    for bit, test in _TESTS:
        bits |= np.fromiter(map(test, chars), bool, len(chars)) * np.uint8(bit)
    bits |= np.isin(codes, [ord(c) for c in MENU_MARKS]) * np.uint8(_MENU)
    return bits


@cache
def _bmp_classes() -> np.ndarray:
    """The class bits of every code point of the Basic Multilingual Plane, built once."""
    return _classes_of(list(map(chr, range(0x10000))))


@dataclass(frozen=True, slots=True)
class LineCounts:
    """What :func:`line_counts` counts in each line: numpy arrays, one entry a line."""

    chars: np.ndarray
    tokens: np.ndarray
    """Runs of characters other than whitespace (``len(text.split())``)."""
    capitalised: np.ndarray
    """Tokens that start with an upper-case letter."""
    letters: np.ndarray
    digits: np.ndarray
    """Characters that pass ``str.isdigit`` (``²`` too)."""
    commas: np.ndarray
    menu_marks: np.ndarray
    upper_start: np.ndarray
    colon_end: np.ndarray


def line_counts(lines: list[str]) -> LineCounts:
    """Character counts of each of ``lines`` (none empty), counted in numpy over all of them at once:
    one pass over a page's code points instead of a few string methods a line (``str.isalpha`` and
    the like, so every script is counted as Python counts it)."""
    n = len(lines)
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return LineCounts(*[empty] * 9)
    codes = np.frombuffer(("\n".join(lines) + "\n").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, lines), np.int64, n)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    classes = _bmp_classes()[np.minimum(codes, 0xFFFF)]
    beyond = np.flatnonzero(codes > 0xFFFF)  # emoji, rare ideographs: few
    if beyond.size:
        classes[beyond] = _classes_of(list(map(chr, codes[beyond].tolist())))
    space = (classes & _SPACE) != 0
    token_start = ~space
    token_start[1:] &= space[:-1]  # the newline before each line counts as the space before it
    columns = np.stack([token_start, token_start & ((classes & _UPPER) != 0), (classes & _ALPHA) != 0,
                        (classes & _DIGIT) != 0, codes == 44, (classes & _MENU) != 0], axis=1)
    summed = np.add.reduceat(columns, starts, axis=0, dtype=np.int64)
    return LineCounts(lengths, *summed.T, (classes[starts] & _UPPER) != 0, codes[starts + lengths - 1] == 58)


def _shapes(lines: list[str], words: list[int], sentence: list[bool]) -> np.ndarray:
    """The :data:`_SHAPE` columns of each of ``lines``, from their :func:`line_counts`."""
    counts = line_counts(lines)
    tokens = np.maximum(counts.tokens, 1)
    visible = counts.chars - tokens + 1  # the text is normalised: one space between tokens
    return np.stack([np.log1p(np.asarray(words, dtype=float)), np.log1p(counts.chars), np.asarray(sentence, dtype=float),
                     counts.letters / visible, counts.digits / counts.chars, counts.upper_start, counts.capitalised / tokens,
                     counts.commas / tokens, counts.colon_end, counts.menu_marks > 0], axis=1)


def features(lines: list[str], words: list[int], sentence: list[bool], kinds: list[str],
             rows: list[int] | None = None) -> np.ndarray:
    """A row of :data:`FEATURES` for each line, or for each of ``rows`` (line numbers) only.
    ``kinds``: each line's kind or removal reason."""
    n = len(lines)
    kind_index = {k: i for i, k in enumerate(KINDS)}
    one_hot = np.zeros((n, len(KINDS)))
    one_hot[np.arange(n), [kind_index[k] for k in kinds]] = 1.0
    shape = np.zeros((n, len(_SHAPE)))
    reach = max(_OFFSETS)
    needed = range(n) if rows is None else sorted({j for i in rows for j in range(max(i - reach, 0), min(i + reach + 1, n))})
    if needed:  # only where it is read
        shape[needed] = _shapes([lines[i] for i in needed], [words[i] for i in needed], [sentence[i] for i in needed])
    base = np.hstack([shape, one_hot])

    word_arr = np.asarray(words, dtype=float)
    body = one_hot[:, 0]
    body_words = word_arr * body
    position = np.arange(n)
    # runs of consecutive body lines: the words of each line's run, and the page's longest run
    word_sums = np.concatenate([[0.0], np.cumsum(body_words)])
    edges = np.diff(np.concatenate([[0.0], body, [0.0]]))
    starts, stops = np.flatnonzero(edges > 0).tolist(), np.flatnonzero(edges < 0).tolist()
    totals = (word_sums[stops] - word_sums[starts]).tolist()
    run_words = np.zeros(n)
    for a, b, total in zip(starts, stops, totals, strict=True):
        run_words[a:b] = total
    best = int(np.argmax(totals)) if totals and max(totals) > 0 else None
    main = (starts[best], stops[best], totals[best]) if best is not None else (0, 0, 0.0)
    distance = np.where(position < main[0], main[0] - position, np.maximum(position - main[1] + 1, 0))
    line_sums = np.concatenate([[0.0], np.cumsum(body)])

    def window(sums: np.ndarray, k: int) -> np.ndarray:
        return sums[np.minimum(position + k + 1, n)] - sums[np.maximum(position - k, 0)]

    if body.any():
        first, last = int(np.argmax(body)), n - 1 - int(np.argmax(body[::-1]))
    else:
        first, last = n, -1
    place = np.stack([
        position / max(n - 1, 1), np.log1p(run_words), np.log1p(distance),
        np.log1p(window(word_sums, 3)), window(line_sums, 3) / 7,
        np.log1p(window(word_sums, 10)), window(line_sums, 10) / 21,
        ((position >= first) & (position <= last)).astype(float),
        np.full(n, math.log1p(n)), np.full(n, body.mean()), np.full(n, math.log1p(main[2])),
        ((position >= main[0]) & (position < main[1])).astype(float),
    ], axis=1)

    # the line ``offset`` before (+) or after (-) each one; zeros past the ends
    padded = np.zeros((n + 2 * reach, len(_NEIGHBOUR_COLUMNS)))
    padded[reach:reach + n] = base[:, _NEIGHBOUR_COLUMNS]
    shifted = [padded[reach - offset:reach - offset + n] for offset in _OFFSETS]
    out = np.hstack([base, place, *shifted])
    return out if rows is None else out[rows]


def _hashed(lines: list[str], bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lines casefolded, each with a space at either end (an n-gram may hold a word's start or
    end) and a newline after it, as one array of code points: the bucket of the :data:`NGRAM`-gram
    starting at each position (a polynomial hash of its code points, spread over ``2**bits``
    buckets by a multiplicative one, in uint32), the positions whose n-gram is no line's (it holds
    a newline, or starts past the last one), and each line's start and length (spaces included)."""
    padded = [f" {line.casefold()} \n" for line in lines]
    lengths = np.fromiter(map(len, padded), np.int64, len(padded)) - 1
    codes = np.concatenate([np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32),
                            np.zeros(NGRAM - 1, np.uint32)])
    hashed = codes[: len(codes) - NGRAM + 1]
    for k in range(1, NGRAM):
        hashed = hashed * _PRIME + codes[k : k + len(hashed)]
    ends = np.cumsum(lengths + 1) - 1
    outside = np.concatenate([(ends[:, None] - np.arange(NGRAM)).ravel(), np.arange(ends[-1] + 1, len(hashed))])
    return (hashed * _SPREAD) >> np.uint32(32 - bits), outside, ends - lengths, lengths


def ngrams(lines: list[str], bits: int = NGRAM_BITS) -> tuple[np.ndarray, np.ndarray]:
    """Each :data:`NGRAM`-gram of each line (see :func:`_hashed`) as ``(line number, bucket)``
    arrays: the model's input when it is fitted."""
    hashed, outside, _, lengths = _hashed(lines, bits)
    inside = np.ones(len(hashed), dtype=bool)
    inside[outside] = False
    return np.repeat(np.arange(len(lines)), lengths + 1)[inside], hashed[inside].astype(np.int64)


def lexical_scores(lines: list[str], weights: np.ndarray, bias: float) -> np.ndarray:
    """Each line's n-gram score: the weights of its n-grams' buckets summed, over the square root of
    how many it has (its count vector scaled to unit length, as the model was fitted), plus
    ``bias``. Summed per line with ``add.reduceat`` over the positions each line spans."""
    hashed, outside, starts, lengths = _hashed(lines, int(np.log2(len(weights))))
    found = weights[hashed]
    found[outside] = 0.0
    return np.add.reduceat(found, starts) / np.sqrt(np.maximum(lengths - NGRAM + 1, 1)) + bias


def lexical_columns(lines: list[str], rows: list[int], weights: np.ndarray, bias: float) -> np.ndarray:
    """The :data:`LEXICAL` features of ``rows``: only those lines and their neighbours are scored."""
    n = len(lines)
    needed = sorted({j for i in rows for j in (i - 1, i, i + 1) if 0 <= j < n})
    score = np.zeros(n + 2)  # 0 past either end
    score[np.asarray(needed) + 1] = lexical_scores([lines[j] for j in needed], weights, bias)
    at = np.asarray(rows) + 1
    return np.stack([score[at], score[at - 1], score[at + 1]], axis=1)


def _ngrams(model: str) -> tuple[np.ndarray, float]:
    """The n-gram model ``model`` reads: its own, or the plain-text model's (the shipped HTML model
    keeps none of its own)."""
    return _model(model).ngrams or _model(TEXT).ngrams


def ngram_scores(lines: list[str], model: str = TEXT) -> np.ndarray:
    """Each line's :func:`lexical_scores` under the n-grams ``model`` reads: log-odds of being
    article text by what it says."""
    return lexical_scores(lines, *_ngrams(model))


def text_score(lines: list[str]) -> float:
    """The median :func:`ngram_scores` of ``lines``: under 0 where the typical one reads as furniture."""
    return float(np.median(ngram_scores(lines)))


def encode_weights(weights: np.ndarray) -> str:
    """n-gram weights as the model file stores them: float16, base64."""
    return base64.b64encode(weights.astype("<f2").tobytes()).decode("ascii")


def decode_weights(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(float)


@dataclass(frozen=True, slots=True)
class Model:
    """One model of the model file, the standardisation folded into the weights:
    p = sigmoid(X·weights + bias); a body line under ``threshold`` is furniture."""

    weights: np.ndarray
    bias: float
    threshold: float
    ngrams: tuple[np.ndarray, float] | None = None
    """The n-gram model behind the :data:`LEXICAL` features, as (weights, bias); the plain-text
    model's when None (the model file keeps one for both)."""


def load(spec: dict, names: tuple[str, ...]) -> Model:
    """A model's part of the model file. ``names``: the features it must be fitted on."""
    if tuple(spec["features"]) != names:
        raise RuntimeError(f"{MODEL_FILE} was fitted on other features: rerun bench/train_line_filter.py")
    lexical = spec.get("ngrams")
    if lexical is not None and (lexical["n"], lexical["bits"]) != (NGRAM, NGRAM_BITS):
        raise RuntimeError(f"{MODEL_FILE} was fitted on other n-grams: rerun bench/train_line_filter.py")
    mean, scale, coef = (np.asarray(spec[key]) for key in ("mean", "scale", "coef"))
    ngrams = (decode_weights(lexical["weights"]), float(lexical["bias"])) if lexical is not None else None
    return Model(coef / scale, float(spec["intercept"] - (coef * mean / scale).sum()), float(spec["threshold"]), ngrams)


def feature_names(model: str) -> tuple[str, ...]:
    if model == TEXT:
        return FEATURES + LEXICAL
    from newsflow.text.dom import BLOCK_FEATURES  # dom → boilerplate → this module

    return FEATURES + BLOCK_FEATURES + LEXICAL


@cache
def _model(model: str) -> Model:
    spec = json.loads(resources.files("newsflow.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return load(spec[model], feature_names(model))


def judge(lines: list[str], words: list[int], sentence: list[bool], kinds: list[str], candidates: list[int],
          markup: np.ndarray | None = None, strict: list[int] | None = None, article: list[int] | None = None,
          text: list[int] | None = None) -> tuple[list[int], list[int]]:
    """Those of ``candidates`` (body lines) that the model reads as page furniture, and those of
    ``strict`` and of ``article`` that it reads so with more confidence (:data:`STRICT_THRESHOLD`,
    :data:`ARTICLE_THRESHOLD`); and those of ``text`` (plain text: lines the rules leave out of the
    paragraphs) that it reads as article text (:data:`KEEP_THRESHOLD`). ``markup``: an HTML page's
    :func:`~newsflow.text.dom.block_features` (then the HTML model is used). All in one pass over the
    page's features, whose cost is mostly per page."""
    judged = [*candidates, *(strict or ()), *(article or ())]
    rows = [*judged, *(text or ())]
    if not rows:
        return [], []
    name = TEXT if markup is None else HTML
    model = _model(name)
    x = features(lines, words, sentence, kinds, rows)
    lexical = lexical_columns(lines, rows, *_ngrams(name))
    x = np.hstack([x, markup[rows], lexical] if markup is not None else [x, lexical])
    p = 1.0 / (1.0 + np.exp(-(x @ model.weights + model.bias)))
    limits = ([model.threshold] * len(candidates) + [STRICT_THRESHOLD] * len(strict or ())
              + [ARTICLE_THRESHOLD] * len(article or ()))
    m = len(judged)
    return ([i for i, pi, limit in zip(judged, p[:m], limits, strict=True) if pi < limit],
            [i for i, pi in zip(rows[m:], p[m:], strict=True) if pi >= KEEP_THRESHOLD])
