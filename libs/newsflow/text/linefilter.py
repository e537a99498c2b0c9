"""A learned second opinion: which paragraphs the rules kept are page furniture.

The rules of :mod:`newsflow.text.boilerplate` keep every long line or full sentence as body, and a
naive scrape is full of those that are not article text: a newsletter pitch, a teaser of another
story, a legal notice, a product list. Even the main content of an HTML page carries some (an
author box, a disclaimer, a "subscribe" panel inside the article's own element). What gives them
away is their surroundings — far from the article's run of paragraphs, among menus, at the end
of the content, a line unlike its neighbours — which a small logistic regression weighs better
than more hand-made thresholds.

- Features (:func:`features`, 58 per line): the line's shape (length, sentence end, letters,
  digits, capitals, commas), the kind or removal reason the rules gave it, the same for the two
  lines either side, and where it sits: in the page's longest run of paragraphs or how far from
  it, how much body there is within 3 and 10 lines. HTML adds what the markup says
  (:func:`newsflow.text.dom.block_features`: the element, link text, depth, lines to the end). No
  word lists: it carries over to other languages.
- Decision: a body line is flagged (reason ``line_filter``, :attr:`Block.furniture
  <newsflow.schema.Block>`) when the model gives it a probability of being article text under the
  threshold: it leaves the article's text, while the segmenter still reads it as body. Plain text:
  loose runs are judged (see ``boilerplate._loose_runs``), those right after an article by a
  stricter bar (:data:`STRICT_THRESHOLD`), deks not at all; HTML: every body line of the main
  content. Titles, bylines and separators are left as the rules found them.
- Models: :data:`MODEL_FILE` in newsflow's data, one for plain text (the html-dev pages as a naive
  scraper saves them) and one for HTML (their main content), fitted by
  ``bench/train_line_filter.py``, lines labelled by the evaluation's own snippets; the file
  records the cross-validated figures, which ``make eval-clean`` prints beside the rules alone.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from operator import itemgetter

import numpy as np

from newsflow.text.normalize import digit_count, letter_count

VERSION = "line-filter-2"
TEXT, HTML = "text", "html"
"""The two models: for plain text, and for the main content of HTML pages."""
STRICT_THRESHOLD = 0.15
"""The bar for body right after an article's paragraphs (plain text), which may be its last ones
after a photo and its caption: samples' boilerplate-line removal 0.953 -> 0.977 (0.965 at 0.1),
html-dev as naive text 2-fold F1 0.866 -> 0.867, the same body lines kept."""
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
_MENU_MARK = re.compile("[|»›•·]")


def _shape(text: str, words: int, sentence: bool) -> list[float]:
    tokens = text.split()
    visible = len(text) - len(tokens) + 1  # the text is normalised: one space between tokens
    letters, digits = letter_count(text), digit_count(text)
    return [math.log1p(words), math.log1p(len(text)), float(sentence), letters / visible, digits / len(text),
            float(text[0].isupper()), sum(map(str.isupper, map(itemgetter(0), tokens))) / len(tokens),
            text.count(",") / len(tokens), float(text[-1] == ":"), float(_MENU_MARK.search(text) is not None)]


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
    if needed:  # the per-line part, in Python: only where it is read
        shape[needed] = [_shape(lines[i], words[i], sentence[i]) for i in needed]
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


def load(spec: dict, names: tuple[str, ...]) -> tuple[np.ndarray, float, float]:
    """A model's part of the model file as (weights, bias, threshold), the standardisation folded
    into the weights: p = sigmoid(X·weights + bias). ``names``: the features it must be fitted on."""
    if tuple(spec["features"]) != names:
        raise RuntimeError(f"{MODEL_FILE} was fitted on other features: rerun bench/train_line_filter.py")
    mean, scale, coef = (np.asarray(spec[key]) for key in ("mean", "scale", "coef"))
    return coef / scale, float(spec["intercept"] - (coef * mean / scale).sum()), float(spec["threshold"])


def feature_names(model: str) -> tuple[str, ...]:
    if model == TEXT:
        return FEATURES
    from newsflow.text.dom import BLOCK_FEATURES  # dom → boilerplate → this module

    return FEATURES + BLOCK_FEATURES


@cache
def _model(model: str) -> tuple[np.ndarray, float, float]:
    spec = json.loads(resources.files("newsflow.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return load(spec[model], feature_names(model))


def furniture(lines: list[str], words: list[int], sentence: list[bool], kinds: list[str],
              candidates: list[int], markup: np.ndarray | None = None, strict: list[int] | None = None) -> list[int]:
    """Those of ``candidates`` (body lines) that the model reads as page furniture, and those of
    ``strict`` that it reads so with more confidence (:data:`STRICT_THRESHOLD`). ``markup``: an
    HTML page's :func:`~newsflow.text.dom.block_features` (then the HTML model is used)."""
    rows = [*candidates, *(strict or ())]
    if not rows:
        return []
    x = features(lines, words, sentence, kinds, rows)
    if markup is not None:
        x = np.hstack([x, markup[rows]])
    weights, bias, threshold = _model(TEXT if markup is None else HTML)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    limits = [threshold] * len(candidates) + [STRICT_THRESHOLD] * (len(rows) - len(candidates))
    return [i for i, pi, limit in zip(rows, p, limits, strict=True) if pi < limit]
