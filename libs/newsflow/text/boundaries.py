"""A learned check of the boundaries the segmenter's rules find in plain text.

Each rule of :mod:`newsflow.text.segment` opens an article on evidence that page furniture also
leaves: a naive scrape of one article page carries readers' comments under bylines and dates,
related stories under headlines, a cookie notice after a long stretch of menus. What gives a false
boundary away is how the two parts compare — how long each is, how much of each the line filter
read as furniture, whether the part after has a header of its own, how much furniture stands
between them, how alike their words are, where the boundary falls (:data:`FEATURES`; no word
lists). They weigh differently by what opened the part (a long gap of furniture is telling after a
title, not after a dateline), so the model is a small ensemble of gradient-boosted trees (100 of
depth 4 at most), evaluated here in numpy. A boundary it gives a probability under the model's
threshold is dropped: the part after it joins the part before.

Model: :data:`MODEL_FILE` in newsflow's data, fitted by ``bench/train_boundaries.py`` on the
boundaries the rules find in labelled dumps (segmentation-dev's BBC dumps: as they are, without
their titles, with a dateline under each title, and cut to briefs; html-dev pages as a naive
scraper saves them, a block a line and a text node a line, alone and 2-4 joined; html-dev
articles' main text, 2-5 joined, untitled and under their titles), with its cross-validated
figures. Some features may only push one way (more furniture between the parts, longer runs of
prose: likelier; more alike words: less likely), so the trees cannot learn a quirk of the data
against the evidence.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

VERSION = "boundary-check-5"
MODEL_FILE = "boundary-check.json"
CUE, TITLE, FURNITURE, CONTENT = "cue", "title", "furniture", "content"
ORIGINS = (CUE, TITLE, FURNITURE, CONTENT)
"""What opened the part after a boundary: a title with furniture around it (a byline, a dateline, a
recurring separator), a title alone, a long stretch of furniture, content alone."""
_SIDE = ("log_run_words", "log_words", "furniture_share", "header_title", "header_byline", "log_title_words")
FEATURES = (*(f"origin_{o}" for o in ORIGINS), "log_furniture_chars", "log_gap_blocks", *(f"after_{f}" for f in _SIDE),
            *(f"before_{f}" for f in _SIDE[:3]), "similarity", "position", "last", "first", "log_parts",
            "after_log_inner_titles", "before_log_inner_titles", "opening_share")
"""``log_furniture_chars``: the characters between the two parts past a paragraph break (the segmenter's
``LINE_BREAKS``), so two paragraphs a line apart and two lines apart read alike (around a headline
between them, the breaks on its other side still count). ``*_log_inner_titles``: title-like lines
under a part's first paragraph, which opened no part (subheadings, teasers). ``opening_share``: the
page's parts opened by more than content (a title, a cue, a stretch of furniture), over those and
all its inner title-like lines: near 1 in a dump whose every headline opens its article, low in one
article of which a subheading or two, between paragraphs that drift apart, opened a part and the
rest did not."""


class Trees:
    """An ensemble of binary decision trees, all nodes in flat arrays: node ``i`` sends a row left
    when its ``feature[i]`` is at most ``split[i]``; a leaf (``left[i] == i``) adds ``value[i]``
    to the row's log-odds. Scikit-learn's HistGradientBoostingClassifier exports to it
    (``bench/train_boundaries.py``) without being needed here."""

    def __init__(self, spec: dict) -> None:
        if tuple(spec["features"]) != FEATURES:
            raise RuntimeError(f"{MODEL_FILE} was fitted on other features: rerun bench/train_boundaries.py")
        self.baseline, self.threshold = float(spec["baseline"]), float(spec["threshold"])
        self.roots = np.asarray(spec["roots"], dtype=np.int64)
        self.feature = np.asarray(spec["feature"], dtype=np.int64)
        self.split = np.asarray(spec["split"], dtype=float)
        self.left = np.asarray(spec["left"], dtype=np.int64)
        self.right = np.asarray(spec["right"], dtype=np.int64)
        self.value = np.asarray(spec["value"], dtype=float)
        self.depth = int(spec["depth"])

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Each row's probability, all trees walked at once, one level a step."""
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots)))
        at = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            node = np.where(rows[at, self.feature[node]] <= self.split[node], self.left[node], self.right[node])
        return 1.0 / (1.0 + np.exp(-(self.baseline + self.value[node].sum(axis=1))))


@cache
def model() -> Trees:
    """The shipped model (:data:`MODEL_FILE`), read once."""
    return Trees(json.loads(resources.files("newsflow.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")))
