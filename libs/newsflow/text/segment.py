"""Segmentation: a cleaned page → the articles in it.

The foundation's segmenter keeps a page as one article (the right answer for a single-article
page); finding boundaries in multi-article dumps arrives with the segmentation stage's issue.
"""

from __future__ import annotations

from newsflow.schema import Block

VERSION = "segment-0.1"


def segment(blocks: list[Block]) -> list[list[Block]]:
    """Group ``blocks`` into articles, in order."""
    return [blocks] if blocks else []
