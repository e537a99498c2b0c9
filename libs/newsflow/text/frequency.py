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

The stems' table takes ~1.8 s to build from wordfreq's lists and 0.13 s to load once built: it is
kept in :func:`cache_dir` (``NEWSFLOW_CACHE_DIR``), keyed by wordfreq's version and the table's
parameters, so only a machine's first run pays for it.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import IO

import numpy as np

log = logging.getLogger(__name__)

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


_TABLE_FORMAT = 1
"""Part of the cached table's name: raise it when :func:`_build_table` changes what it builds."""


def cache_dir() -> Path:
    """Where derived data is kept between runs: ``NEWSFLOW_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/newsflow`` (``~/.cache/newsflow``)."""
    if os.environ.get("NEWSFLOW_CACHE_DIR"):
        return Path(os.environ["NEWSFLOW_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "newsflow"
    try:
        return Path.home() / ".cache" / "newsflow"
    except RuntimeError:  # no home directory: a container run as a user the image does not know
        return Path(tempfile.gettempdir()) / "newsflow-cache"


@cache
def _table(prefix: int) -> tuple[tuple[str, ...], dict[str, int], np.ndarray]:
    """Languages, word stems (a word's first ``prefix`` characters, a word when shorter) commoner
    than :data:`RARE_ZIPF` in any of them (→ row), and their Zipf frequency in each language (the
    summed frequency of the words they begin; 0 where a list has none): ~230,000 stems, 19 MB.
    Loaded from :func:`cache_dir`, else built and saved there (when it can be written)."""
    path = cache_dir() / f"stems-{_TABLE_FORMAT}-wordfreq-{version('wordfreq')}-{_WORDLIST}-{prefix}-{RARE_ZIPF}.npz"
    try:
        with np.load(path) as saved:
            rows = {stem: row for row, stem in enumerate(saved["stems"].tolist())}
            return tuple(saved["languages"].tolist()), rows, saved["zipf"]
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("rebuilding the unreadable word-frequency cache %s: %s", path, exc)
    languages, rows, zipf = _build_table(prefix)
    save_to_cache(path, lambda tmp: np.savez(tmp, languages=np.array(languages), stems=np.array(list(rows)), zipf=zipf))
    return languages, rows, zipf


def save_to_cache(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` (in :func:`cache_dir`) with ``write(file)``, all at once, or log why not: a
    cache that cannot be written is built again by the next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=path.suffix, delete=False) as tmp:
            write(tmp)
        os.chmod(tmp.name, 0o644)  # an image's cache built by root is read by its service user
        os.replace(tmp.name, path)  # readers never see half a file
    except OSError as exc:
        log.warning("%s not cached (%s): the next run builds it again", path.name, exc)


def _build_table(prefix: int) -> tuple[tuple[str, ...], dict[str, int], np.ndarray]:
    import wordfreq  # 0.2 s to import: only when the table is built

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
