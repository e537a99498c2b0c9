"""Evaluate near-duplicate detection (make eval-neardup): precision and recall on pairs built
from the news sample, with the same decision the Redis index makes (an LSH band in common and an
estimated Jaccard similarity at or above the threshold).

Near-duplicate pairs (positives), from every article of at least 80 words:
  edits      5% of the words replaced or dropped
  truncated  the first 70% of the text
  boilerplate  share/subscribe/cookie lines and a byline added around it
  reordered  its sentences shuffled
Distinct-but-similar pairs (negatives): each article with the other article of the sample that
shares most vocabulary with it (same topic, different story).

usage: python bench/eval_neardup.py [--shared ../shared] [--threshold 0.5] [--shingle 3]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

from newsflow.text.minhash import Params, band_keys, signature, similarity

BOILERPLATE = ["Share this article on Facebook", "Subscribe to our newsletter", "We use cookies to improve your experience.",
               "By Staff Reporter", "Follow us on Twitter", "Read more: the latest headlines"]


def edits(text: str, rng: random.Random) -> str:
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.025:
            continue
        out.append(rng.choice(words) if r < 0.05 else w)
    return " ".join(out)


def truncated(text: str, rng: random.Random) -> str:
    return text[: int(len(text) * 0.7)]


def boilerplate(text: str, rng: random.Random) -> str:
    return "\n".join(rng.sample(BOILERPLATE, 3)) + "\n" + text + "\n" + "\n".join(rng.sample(BOILERPLATE, 2))


def reordered(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    rng.shuffle(sentences)
    return " ".join(sentences)


def decide(a, b, params: Params) -> bool:
    if a is None or b is None:
        return False
    return bool(set(band_keys(a, params)) & set(band_keys(b, params))) and similarity(a, b) >= params.threshold


def cosine(x: Counter, y: Counter) -> float:
    dot = sum(v * y[k] for k, v in x.items() if k in y)
    return dot / (math.sqrt(sum(v * v for v in x.values())) * math.sqrt(sum(v * v for v in y.values())) or 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--threshold", type=float, default=Params().threshold)
    ap.add_argument("--shingle", type=int, default=Params().shingle)
    args = ap.parse_args()
    params = Params(threshold=args.threshold, shingle=args.shingle)
    rng = random.Random(13)

    csv.field_size_limit(sys.maxsize)
    with open(Path(args.shared) / "data" / "news-sample" / "news_sample.csv", encoding="utf-8") as fh:
        texts = [r["content"] for r in csv.DictReader(fh)]
    texts = list(dict.fromkeys(t for t in texts if len(t.split()) >= 80))  # exact copies are not "near"
    sigs = [signature(t, params) for t in texts]

    print(f"{len(texts)} articles; threshold {params.threshold}, {params.shingle}-word shingles, "
          f"{params.num_perm} permutations")
    found_total = pos_total = 0
    for name, make in (("edits", edits), ("truncated", truncated), ("boilerplate", boilerplate), ("reordered", reordered)):
        hits = sum(decide(s, signature(make(t, rng), params), params) for t, s in zip(texts, sigs, strict=True))
        found_total += hits
        pos_total += len(texts)
        print(f"  near duplicates, {name:<12} recall {hits / len(texts):.3f}  ({hits}/{len(texts)})")

    bags = [Counter(w for w in re.findall(r"\w+", t.lower()) if len(w) > 3) for t in texts]
    negatives = set()
    for i, bag in enumerate(bags):
        j = max((k for k in range(len(bags)) if k != i), key=lambda k: cosine(bag, bags[k]))
        negatives.add((min(i, j), max(i, j)))
    false_pos = sum(decide(sigs[i], sigs[j], params) for i, j in negatives)
    print(f"  distinct but similar pairs: {false_pos}/{len(negatives)} wrongly flagged")
    precision = found_total / (found_total + false_pos) if found_total + false_pos else 0.0
    print(f"  precision {precision:.3f}  recall {found_total / pos_total:.3f}  "
          f"(positives {pos_total}, negatives {len(negatives)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
