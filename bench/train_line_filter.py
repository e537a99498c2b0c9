"""Fit the plain-text line filter (newsflow.text.linefilter) and write its model file.

Data: the html-dev pages as a naive scraper saves them (all visible text, one block a line, as
eval-clean builds them). Each line that holds one of the page's gold snippets is labelled: article
text for a "with" snippet, furniture for a "without" one; other lines are not used. Features are
the rules' view of each line (newsflow.text.linefilter.features), so the model learns only what
the rules miss. Model: scikit-learn's logistic regression on standardised features.

Prints, on html-dev as naive text, snippet precision / recall / F1 of the rules alone and of the
rules with the filter, the filter trained on one half of the sites and scored on the other (2-fold,
split by host name), then writes the model fitted on all pages with those figures in it.

usage: python bench/train_line_filter.py [--shared ../shared] [--threshold 0.5] [--dry-run]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from eval_clean import load_html_dev, ours, score

from newsflow.schema import PLAIN
from newsflow.text import linefilter
from newsflow.text.boilerplate import classify, ends_like_sentence, kinds, word_count
from newsflow.text.clean import visible_text_lines

THRESHOLD = 0.5
"""Lines under this probability of being article text are furniture (2-fold F1 on html-dev: 0.4
0.868, 0.5 0.870, 0.6 0.865, measured before the filter was limited to loose runs)."""
MODEL_PATH = Path(__file__).resolve().parents[1] / "libs" / "newsflow" / "data" / linefilter.MODEL_FILE


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def labelled(texts: dict[str, list[str]], gold: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per page: the feature rows of its lines and their labels (1 article, 0 furniture, -1 unknown)."""
    out = {}
    for url, lines in texts.items():
        if not lines:
            continue
        rows = linefilter.features(lines, [word_count(t) for t in lines], [ends_like_sentence(t) for t in lines],
                                   kinds(classify(lines, line_filter=False)))
        squeezed = [_squeeze(t) for t in lines]
        labels = np.full(len(lines), -1)
        for snippets, label in ((gold[url]["with"], 1), (gold[url]["without"], 0)):
            for snippet in filter(None, map(_squeeze, snippets)):
                for i, line in enumerate(squeezed):
                    if snippet in line:
                        labels[i] = label
        out[url] = (rows, labels)
    return out


def fit(pages: list[tuple[np.ndarray, np.ndarray]], threshold: float) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.vstack([rows[labels >= 0] for rows, labels in pages])
    y = np.concatenate([labels[labels >= 0] for _, labels in pages])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)
    return {"version": linefilter.VERSION, "features": list(linefilter.FEATURES),
            "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
            "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
            "threshold": threshold, "lines": len(y), "article_lines": int(y.sum())}


@contextlib.contextmanager
def model(spec: dict | None) -> Iterator[None]:
    """Clean with the model ``spec`` (None: the rules alone) instead of the shipped one."""
    shipped = linefilter._model, linefilter.furniture
    if spec is None:
        linefilter.furniture = lambda *_: []
    else:
        weights = linefilter.load(spec)
        linefilter._model = lambda: weights
    try:
        yield
    finally:
        linefilter._model, linefilter.furniture = shipped


def fold_of(url: str) -> int:
    return zlib.crc32((urlsplit(url).hostname or url).removeprefix("www.").encode()) % 2


def cross_validated(texts: dict[str, list[str]], gold: dict, threshold: float = THRESHOLD) -> dict[str, str]:
    """Each page cleaned with the filter fitted on the other half of the sites."""
    data = labelled(texts, gold)
    clean = ours(PLAIN)
    predictions = {}
    for fold in (0, 1):
        with model(fit([v for url, v in data.items() if fold_of(url) != fold], threshold)):
            predictions.update({url: clean("\n".join(lines)) for url, lines in texts.items() if fold_of(url) == fold})
    return predictions


def naive_texts(data: Path, pages: dict[str, str] | None = None) -> dict[str, list[str]]:
    return {url: visible_text_lines(page) for url, page in (pages or load_html_dev(data, None)).items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--dry-run", action="store_true", help="print the figures, do not write the model")
    args = ap.parse_args()
    data, tools = Path(args.shared) / "data", Path(args.shared) / "tools"
    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    texts = naive_texts(data)
    joined = {url: "\n".join(lines) for url, lines in texts.items()}
    with model(None):
        rules = score(tools, data, {url: ours(PLAIN)(text) for url, text in joined.items()}, None)
    crossed = score(tools, data, cross_validated(texts, gold, args.threshold), None)
    figures = {}
    for name, result in (("rules", rules), ("rules + filter, 2-fold by site", crossed)):
        print(f"  {name:<32} P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}")
        figures[name] = {k: round(result[k], 4) for k in ("precision", "recall", "f1")}
    spec = fit(list(labelled(texts, gold).values()), args.threshold)
    spec["trained_on"] = f"html-dev as naive text: {len(texts)} pages, {spec['lines']} labelled lines"
    spec["html_dev_naive"] = figures
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(spec, indent=1) + "\n")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
