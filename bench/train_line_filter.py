"""Fit the line filters (newsflow.text.linefilter) and write their model file.

Data: the html-dev pages, as HTML (the lines of their main content, with what the markup says about
each) and as a naive scraper saves them (all visible text, one block a line, as eval-clean builds
it). Each line that holds one of the page's gold snippets is labelled: article text for a "with"
snippet, furniture for a "without" one; other lines are not used. Features are the rules' view of
each line (newsflow.text.linefilter.features), so a model learns only what the rules miss. Model:
scikit-learn's logistic regression on standardised features. Both models also read each line's
character n-grams through a second logistic regression (linefilter.LEXICAL), fitted on the naive
text's labelled lines and stacked: the n-gram scores a model is fitted on come from n-gram models
fitted on the other half of the sites.

Prints, for each model, snippet precision / recall / F1 of the rules alone and of the rules with
the filter fitted on one half of the sites and scored on the other (2-fold, split by host name),
then writes the models fitted on all pages with those figures in them.

usage: python bench/train_line_filter.py [--shared ../shared] [--dry-run]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from eval_clean import load_html_dev, ours, score
from tqdm import tqdm

from newsflow.schema import HTML, PLAIN
from newsflow.text import dom, linefilter
from newsflow.text.boilerplate import BODY, classify, ends_like_sentence, kinds, word_count
from newsflow.text.clean import THIN_WORDS, plain_lines, too_deep, visible_text_lines

THRESHOLDS = {linefilter.TEXT: 0.5, linefilter.HTML: 0.4}
"""Lines under this probability of being article text are furniture. 2-fold F1 on html-dev, two
splits each: plain text 0.4 0.868, 0.5 0.870, 0.6 0.865 (one split, before the filter was limited
to loose runs); HTML 0.3 0.919 / 0.917, 0.4 0.919 / 0.919, 0.5 0.917 / 0.918; HTML with the
n-gram scores (line-filter-4) 0.2 / 0.3 / 0.4: 0.920 / 0.922 / 0.922 (P 0.922 R 0.922 at 0.3,
P 0.927 R 0.917 at 0.4: kept, the cleaner text at the same F1; 0.3 keeps 870 lines of html-dev's
main content that 0.4 flags, most of them short: headings, list items, a place name)."""
MODEL_PATH = Path(__file__).resolve().parents[1] / "libs" / "newsflow" / "data" / linefilter.MODEL_FILE
NGRAM_C = 3.0
"""Regularisation of the n-gram model: out-of-site AUC on the labelled lines, C 1 / 3 / 10: 0.868 /
0.876 / 0.876 and 0.926 / 0.927 / 0.923 (two halves by site)."""
Page = tuple[np.ndarray, np.ndarray, list[str]]
"""A page's feature rows, their labels (1 article text, 0 furniture, -1 unknown) and its lines (for
the n-gram features of the plain-text model, added when it is fitted)."""


def _progress(items, desc: str):
    return tqdm(items, desc=desc, leave=False, file=sys.stderr, disable=None)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _labels(lines: list[str], item: dict) -> np.ndarray:
    squeezed = [_squeeze(t) for t in lines]
    labels = np.full(len(lines), -1)
    for snippets, label in ((item["with"], 1), (item["without"], 0)):
        for snippet in filter(None, map(_squeeze, snippets)):
            for i, line in enumerate(squeezed):
                if snippet in line:
                    labels[i] = label
    return labels


def _rows(lines: list[str], main_content: bool) -> np.ndarray:
    return linefilter.features(lines, [word_count(t) for t in lines], [ends_like_sentence(t) for t in lines],
                               kinds(classify(lines, main_content, line_filter=False)))


def text_pages(naive: dict[str, list[str]], gold: dict) -> dict[str, Page]:
    """Naive text: every line of the page, as the cleaner reads it (:func:`plain_lines`)."""
    out = {}
    for url, blocks in _progress(naive.items(), "text features"):
        lines = [text for text, _, _ in plain_lines("\n".join(blocks))]
        if lines:
            out[url] = (_rows(lines, False), _labels(lines, gold[url]), lines)
    return out


def html_pages(pages: dict[str, str], gold: dict) -> dict[str, Page]:
    """HTML: the lines of the main content, with their markup's features."""
    out = {}
    for url, page in _progress(pages.items(), "html features"):
        if too_deep(page):
            continue
        content = dom.main_content(dom.blocks(dom.parse(page)))
        lines = [block.text for block in content]
        rules = classify(lines, True, line_filter=False)
        if sum(word_count(t) for t, line in zip(lines, rules, strict=True) if line.kind == BODY) >= THIN_WORDS:
            # thinner pages are read by trafilatura: the filter never sees them
            out[url] = (np.hstack([_rows(lines, True), dom.block_features(content)]), _labels(lines, gold[url]), lines)
    return out


def fit_model(name: str, pages: dict[str, Page], text: dict[str, Page], salt: str = "",
              with_ngrams: bool = True) -> dict:
    """The ``name`` model fitted on ``pages``, stacked on the scores of an n-gram model of the same
    sites' naive text (``text``: :func:`text_pages`) fitted out of site (halves by host name and
    ``salt``); ``with_ngrams``: with the n-gram model fitted on all of ``text``, which the model file
    keeps in the plain-text model's entry only (the HTML model reads the same one)."""
    stacked = []
    for fold in (0, 1):
        ngrams = fit_ngrams([page for url, page in text.items() if fold_of(url, salt) != fold])
        stacked += [(np.hstack([rows, linefilter.lexical_columns(lines, list(range(len(lines))), *ngrams)]), labels)
                    for url, (rows, labels, lines) in pages.items() if fold_of(url, salt) == fold]
    spec = fit(stacked, name)
    if not with_ngrams:
        return spec
    weights, bias = fit_ngrams(list(text.values()))
    spec["ngrams"] = {"n": linefilter.NGRAM, "bits": linefilter.NGRAM_BITS, "bias": bias,
                      "weights": linefilter.encode_weights(weights)}
    return spec


def fit_ngrams(pages: list[Page]) -> tuple[np.ndarray, float]:
    """The n-gram model (weights per bucket, bias) on the labelled lines of ``pages``; the weights
    rounded as the model file stores them."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    lines = [line for _, labels, page_lines in pages for line, label in zip(page_lines, labels, strict=True) if label >= 0]
    rows, buckets = linefilter.ngrams(lines)
    counts = np.bincount(rows, minlength=len(lines))
    x = csr_matrix((1 / np.sqrt(counts[rows]), (rows, buckets)), shape=(len(lines), 1 << linefilter.NGRAM_BITS))
    fitted = LogisticRegression(C=NGRAM_C, max_iter=3000).fit(x, np.concatenate([labels[labels >= 0] for _, labels, _ in pages]))
    return linefilter.decode_weights(linefilter.encode_weights(fitted.coef_[0])), float(fitted.intercept_[0])


def fit(pages: list[tuple[np.ndarray, np.ndarray]], model: str) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.vstack([rows[labels >= 0] for rows, labels in pages])
    y = np.concatenate([labels[labels >= 0] for _, labels in pages])
    scaler = StandardScaler().fit(x)
    fitted = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)
    return {"features": list(linefilter.feature_names(model)),
            "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
            "coef": fitted.coef_[0].tolist(), "intercept": float(fitted.intercept_[0]),
            "threshold": THRESHOLDS[model], "lines": len(y), "article_lines": int(y.sum())}


@contextlib.contextmanager
def model(specs: dict[str, dict] | None) -> Iterator[None]:
    """Clean with the models ``specs`` (by name; the others as shipped) or, given None, with the
    rules alone."""
    shipped = linefilter._model, linefilter.judge
    if specs is None:
        linefilter.judge = lambda *_, **__: ([], [])
    else:
        loaded = {name: linefilter.load(spec, linefilter.feature_names(name)) for name, spec in specs.items()}
        linefilter._model = lambda name: loaded[name] if name in loaded else shipped[0](name)
    try:
        yield
    finally:
        linefilter._model, linefilter.judge = shipped


def fold_of(url: str, salt: str = "") -> int:
    return zlib.crc32(((urlsplit(url).hostname or url).removeprefix("www.") + salt).encode()) % 2


def cross_validated(name: str, data: dict[str, Page], inputs: dict[str, str], text: dict[str, Page],
                    others: dict[str, dict] | None = None) -> dict[str, str]:
    """Each input cleaned with the ``name`` model (and its n-gram model, from ``text``) fitted on the
    other half of the sites (and the ``others``, e.g. the plain-text model for HTML too deep to
    parse, instead of the shipped ones)."""
    clean = ours(PLAIN if name == linefilter.TEXT else HTML)
    predictions = {}
    for fold in (0, 1):
        fitted = fit_model(name, {url: page for url, page in data.items() if fold_of(url) != fold},
                           {url: page for url, page in text.items() if fold_of(url) != fold}, salt="inner")
        with model({**(others or {}), name: fitted}):
            predictions.update({url: clean(content) for url, content in _progress(inputs.items(), f"{name} fold {fold}")
                                if fold_of(url) == fold})
    return predictions


def evaluate(tools: Path, data: Path, inputs: dict[str, str], content_type: str,
             cross: Callable[[], dict[str, str]]) -> dict[str, dict]:
    """Rules alone and the 2-fold filter on ``inputs``, scored by score_snippets.py."""
    with model(None):
        rules = score(tools, data, {url: ours(content_type)(c) for url, c in inputs.items()}, None)
    return {"rules": rules, "rules + filter, 2-fold by site": score(tools, data, cross(), None)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--dry-run", action="store_true", help="print the figures, do not write the models")
    args = ap.parse_args()
    data, tools = Path(args.shared) / "data", Path(args.shared) / "tools"
    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    pages = load_html_dev(data, None)
    naive = {url: visible_text_lines(page) for url, page in pages.items()}
    texts = {url: "\n".join(lines) for url, lines in naive.items()}
    specs = {}
    text = text_pages(naive, gold)
    for name, labelled, inputs, content_type in (
            (linefilter.TEXT, text, texts, PLAIN),
            (linefilter.HTML, html_pages(pages, gold), pages, HTML)):
        print(f"{name} model (html-dev {'as naive text' if name == linefilter.TEXT else 'HTML'})")
        figures = evaluate(tools, data, inputs, content_type,
                           lambda: cross_validated(name, labelled, inputs, text, specs))  # noqa: B023
        for row, result in figures.items():
            print(f"  {row:<32} P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}")
        specs[name] = fit_model(name, labelled, text, with_ngrams=name == linefilter.TEXT)
        specs[name]["html_dev"] = {row: {k: round(r[k], 4) for k in ("precision", "recall", "f1")}
                                   for row, r in figures.items()}
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps({"version": linefilter.VERSION, **specs}, indent=1) + "\n")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
