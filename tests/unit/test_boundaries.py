"""The segmenter's learned boundary check: the tree ensemble it reads, and what it does to the
boundaries the rules find."""

import math
from dataclasses import replace

import numpy as np
import pytest

from newsflow.pipeline import clean_stage
from newsflow.schema import PLAIN, Block, RawArticle
from newsflow.text import boundaries, segment
from newsflow.text.boilerplate import BODY
from tests.unit.test_segment import STORY_A, STORY_B, articles

N = len(boundaries.FEATURES)


def spec(**trees) -> dict:
    """Two trees over features 0 and 1: (x0 <= 0.5 ? -1 : 2) and (x1 <= 3 ? 0.5 : -0.5)."""
    return {"features": list(boundaries.FEATURES), "threshold": 0.5, "depth": 1, "baseline": 0.25,
            "roots": [0, 3], "feature": [0, 0, 0, 1, 0, 0], "split": [0.5, 0, 0, 3.0, 0, 0],
            "left": [1, 1, 2, 4, 4, 5], "right": [2, 1, 2, 5, 4, 5], "value": [0, -1.0, 2.0, 0, 0.5, -0.5], **trees}


def test_trees_add_the_leaves_each_row_reaches():
    rows = np.zeros((3, N))
    rows[1, 0] = 1.0  # right in the first tree
    rows[2, [0, 1]] = [1.0, 4.0]  # right in both
    sigmoid = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    assert boundaries.Trees(spec()).probabilities(rows) == pytest.approx(
        [sigmoid(0.25 - 1 + 0.5), sigmoid(0.25 + 2 + 0.5), sigmoid(0.25 + 2 - 0.5)])


def test_a_model_fitted_on_other_features_is_refused():
    with pytest.raises(RuntimeError, match="train_boundaries"):
        boundaries.Trees(spec(features=["something", "else"]))


def test_the_shipped_model_reads_every_feature():
    trees = boundaries.model()
    assert trees.feature.max() < N and trees.left.max() < len(trees.feature)


DUMP = "\n\n".join(["Bank Raises Interest Rates Again", *STORY_A, "Home Side Wins The Cup Final", *STORY_B])


def test_one_row_per_boundary_the_rules_find():
    groups, rows = segment.candidates(clean_stage(RawArticle(id="d", content=DUMP, content_type=PLAIN)).blocks)
    assert len(groups) == 2 and rows.shape == (1, N)
    row = dict(zip(boundaries.FEATURES, rows[0], strict=True))
    assert row["origin_title"] == 1 and row["after_header_title"] == 1 and row["similarity"] < 0.1


def test_a_subheading_that_opens_no_part_lowers_the_share_of_titles_that_open_one():
    # the cup story's subheading stays inside it: of the two title-like lines below a first
    # paragraph, one opens a part
    subheaded = [*STORY_B[:3], "What The Coach Said After The Match", *STORY_B[3:]]
    for stories, inner, share in ((DUMP, 0, 1.0), (DUMP.replace("\n\n".join(STORY_B), "\n\n".join(subheaded)), 1, 0.5)):
        groups, rows = segment.candidates(clean_stage(RawArticle(id="d", content=stories, content_type=PLAIN)).blocks)
        row = dict(zip(boundaries.FEATURES, rows[0], strict=True))
        assert len(groups) == 2 and row["after_log_inner_titles"] == math.log1p(inner)
        assert row["before_log_inner_titles"] == 0 and row["opening_share"] == share


def test_line_breaks_between_paragraphs_are_no_furniture():
    # two untitled stories one line break apart, two, and as Windows writes two: the boundary found
    # by content has no furniture before it in any of them
    untitled = "\n\n".join([*STORY_A, *STORY_B])
    for joiner in ("\n", "\n\n", "\r\n\r\n"):
        blocks = clean_stage(RawArticle(id="d", content=untitled.replace("\n\n", joiner), content_type=PLAIN)).blocks
        groups, rows = segment.candidates(blocks)
        assert len(groups) == 2 and rows[0, boundaries.FEATURES.index("log_furniture_chars")] == 0


@pytest.mark.parametrize(("leaf", "found"), [(-10.0, 1), (10.0, 2)])
def test_a_boundary_the_check_rejects_joins_its_parts(monkeypatch, leaf, found):
    # one tree, one leaf: every boundary gets the same probability
    trees = boundaries.Trees(spec(roots=[0], feature=[0], split=[0.0], left=[0], right=[0], value=[leaf],
                                  baseline=0.0, depth=0))
    monkeypatch.setattr(boundaries, "model", lambda: trees)
    assert len(articles(DUMP, "dump")) == found


def test_html_is_not_checked(monkeypatch):
    # an HTML page's blocks carry no offsets in the raw page: the features need them
    monkeypatch.setattr(boundaries, "model", lambda: pytest.fail("HTML was checked"))
    blocks = clean_stage(RawArticle(id="d", content=DUMP, content_type=PLAIN)).blocks
    assert len(segment.segment([replace(b, start=None, end=None) for b in blocks], content_boundaries=False)) == 2


def test_the_verdicts_settle_rejected_parts_into_the_part_before_then_the_tail_into_the_last_article():
    # what train-boundaries counts in 2-fold is what segment() does with the same verdicts
    def part(words: int, at: int) -> list[Block]:
        text = " ".join(["word"] * (words - 1)) + " end."
        return [Block(text, BODY, at, at + len(text))]

    a, b, c, tail = part(120, 0), part(120, 1_000), part(120, 2_000), part(20, 3_000)
    assert segment.settled([a, b, c, tail], [0.1, 0.6, 0.6], 0.5) == [a + b, c + tail]
    assert segment.settled([a, b, c], [0.6, 0.6], 0.5) == [a, b, c]
