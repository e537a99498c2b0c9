"""Near-duplicate fingerprints: word shingles → a MinHash signature (datasketch) → LSH band keys.

Two texts whose shingle sets have Jaccard similarity J share at least one band with probability
1 - (1 - J^r)^b; candidates are then confirmed by the signatures' estimated Jaccard. Pure: the
index that stores band keys lives in :mod:`newsflow.runtime.neardup`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsflow.text.normalize import words

VERSION = "minhash-2"


@dataclass(frozen=True, slots=True)
class Params:
    threshold: float = 0.5
    """Estimated Jaccard similarity of shingle sets at or above which two texts are near duplicates."""
    shingle: int = 3
    """Words per shingle."""
    num_perm: int = 128


def shingles(text: str, size: int) -> set[bytes]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def signature(text: str, params: Params) -> np.ndarray | None:
    """The MinHash signature of ``text``'s shingles; None for text too short to compare."""
    grams = shingles(text, params.shingle)
    if len(grams) < 5:
        return None
    from datasketch import MinHash  # imports scipy (0.5 s): only when an article is fingerprinted

    m = MinHash(num_perm=params.num_perm)
    m.update_batch(list(grams))
    return m.hashvalues


@lru_cache(maxsize=8)
def bands_for(params: Params) -> tuple[int, int]:
    """(bands, rows) minimising false positives plus false negatives around the threshold."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(params.threshold, params.num_perm, 0.5, 0.5)


def band_keys(sig: np.ndarray, params: Params) -> list[str]:
    bands, rows = bands_for(params)
    return [f"{b}:{hashlib.blake2b(sig[b * rows : (b + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
            for b in range(bands)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
