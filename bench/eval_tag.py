"""Evaluate the tagging stage (make eval-tag). Prints:

- NER precision / recall / F1 per type on ../shared/data/ner-dev (CoNLL-2003 dev), scored by
  ../shared/tools/score_ner.py, for newsflow and for spaCy en_core_web_sm's full pipeline run on
  the same documents in this run (its labels mapped PERSON→PER; ORG→ORG; GPE, LOC, FAC→LOC;
  NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT→MISC);
- words/s of both on the same text;
- language: accuracy on single sentences — the CoNLL dev sentences (all English) and the gold
  snippets of ../shared/data/html-dev split into sentences, labelled by their page's
  ``<html lang>`` (a noisy label: some pages declare ``en`` and are German);
- topics: top-1 accuracy on the BBC articles of the segmentation dumps (sections mapped to IPTC),
  and on their first 20, 30 and 50 words read as four coarse classes (world, business, sport,
  science and technology: how news-topic sets of headline-and-lead items are scored);
- spun text: the spun score on the BBC articles it was not calibrated on, before and after a
  WordNet thesaurus spinner (Debian's wordnet-base; ``make eval-tag`` installs it) swapped 10–50%
  of their words (AUC, share caught at 5% false alarms), and its ranking of the real pages;
- on the samples: the entities a reader sees first, under their canonical names.

``--calibrate-spun`` rebuilds the spun score's table (libs/newsflow/data/spun-expected.json).

usage: python bench/eval_tag.py [--shared ../shared] [--calibrate-spun]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from newsflow.text.entities import LABELS, MODEL, extract_entities
from newsflow.text.language import detect_language, model_language

CONLL = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def read_conll(path: Path) -> list[list[list[str]]]:
    """Documents → sentences → token lines (columns)."""
    docs: list[list[list[str]]] = []
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sentence:
                docs[-1].append(sentence)
            sentence = []
            continue
        sentence.append(line)
    if sentence:
        docs[-1].append(sentence)
    return [d for d in docs if d]


def doc_text(doc: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """One line per sentence, tokens joined by spaces; the character span of every token."""
    parts, spans, pos = [], [], 0
    for sentence in doc:
        tokens = [line.split()[0] for line in sentence]
        for k, token in enumerate(tokens):
            spans.append((pos, pos + len(token)))
            pos += len(token) + (1 if k < len(tokens) - 1 else 0)
        parts.append(" ".join(tokens))
        pos += 1
    return "\n".join(parts), spans


def iob(spans: list[tuple[int, int]], entities: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(spans)
    for start, end, label in entities:
        inside = [i for i, (s, e) in enumerate(spans) if s >= start and e <= end]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + label
    return tags


def score(tools: Path, docs, predictions: list[list[str]]) -> str:
    lines = []
    flat = iter(tag for doc_tags in predictions for tag in doc_tags)
    for doc in docs:
        for sentence in doc:
            lines += [f"{line} {next(flat)}" for line in sentence]
            lines.append("")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(lines))
    out = subprocess.run([sys.executable, str(tools / "score_ner.py"), fh.name], capture_output=True, text=True, check=True)
    return out.stdout


def summary(report: str) -> str:
    """Overall F1, F1 over PER+ORG+LOC (micro), and F1 per type, from score_ner.py's JSON."""
    import json

    result = json.loads(report)
    per = result["per_type"]
    three = ("PER", "ORG", "LOC")
    tp = sum(per[k]["precision"] * per[k]["pred"] for k in three)
    p = tp / sum(per[k]["pred"] for k in three)
    r = tp / sum(per[k]["gold"] for k in three)
    types = "  ".join(f"{k} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}" for k, v in sorted(per.items()))
    return f"  F1 all {result['f1']:.3f}   F1 PER+ORG+LOC {2 * p * r / (p + r):.3f}\n  {types}"


BBC_TO_IPTC = {"politics": "politics", "entertainment": "arts, culture, entertainment and media",
               "business": "economy, business and finance", "sport": "sport", "tech": "science and technology"}


BBC_TO_COARSE = {"politics": "world", "business": "business", "sport": "sport", "tech": "scitech"}
IPTC_TO_COARSE = {"politics": "world", "conflict, war and peace": "world", "crime, law and justice": "world",
                  "disaster, accident and emergency incident": "world", "society": "world",
                  "economy, business and finance": "business", "sport": "sport", "science and technology": "scitech"}


def bbc_articles(data: Path) -> list[tuple[str, str, str]]:
    """(source id, BBC section, text) of every distinct article inside the segmentation dumps."""
    import gzip
    import json

    with gzip.open(data / "segmentation-dev" / "bbc-clean.jsonl.gz", "rt") as fh:
        dumps = [json.loads(line) for line in fh]
    articles = {a["source_id"]: dump["text"][a["start"] : a["end"]] for dump in dumps for a in dump["articles"]}
    return [(key, key.split(":")[1].split("/")[0], text) for key, text in sorted(articles.items())]


def eval_topics(data: Path) -> None:
    """Top-1 topic accuracy on the BBC articles inside the segmentation dumps (section → IPTC label)."""
    from collections import Counter

    from newsflow.text.topics import topics

    articles = [(section, text) for _, section, text in bbc_articles(data)]
    right = total = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for section, text in articles:
        found = topics(text, "en")
        best = found[0]["label"] if found else "(none)"
        total += 1
        right += best == BBC_TO_IPTC[section]
        if best != BBC_TO_IPTC[section]:
            confusions[(section, best)] += 1
    print(f"\ntopics: top-1 accuracy {right / total:.3f} on {total} BBC articles (5 sections mapped to IPTC)")
    print("  most frequent confusions: " + "; ".join(f"{s} → {p} ×{n}" for (s, p), n in confusions.most_common(4)))
    # short text, four coarse classes (as news-topic sets of headline-and-lead items are scored)
    leads = [(BBC_TO_COARSE[section], text) for section, text in articles if section in BBC_TO_COARSE]
    figures = []
    for words in (20, 30, 50):
        found = [topics(" ".join(text.split()[:words]), "en") for _, text in leads]
        hits = sum(bool(f) and IPTC_TO_COARSE.get(f[0]["label"]) == want for (want, _), f in zip(leads, found, strict=True))
        figures.append(f"{hits / len(leads):.3f} at {words} words")
    print(f"  first words of the {len(leads)} politics, business, sport and tech articles as 4 classes: " + ", ".join(figures))


WORDNET = Path("/usr/share/wordnet")
"""WordNet 3.0's database as Debian's wordnet-base installs it: the thesaurus of the spinner below."""
SPIN_RATES = (0.1, 0.2, 0.3, 0.5)
FALSE_ALARMS = 0.05


def _calibration_half(key: str) -> bool:
    """Half of the BBC articles calibrate the spun score; the other half evaluates it."""
    import hashlib

    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 == 0


def wordnet_synonyms(root: Path = WORDNET) -> dict[str, list[str]]:
    """Word → the one-word lemmas of every WordNet synset it belongs to, any sense."""
    synonyms: dict[str, set[str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with (root / f"data.{pos}").open(encoding="latin-1") as lines:
            for line in lines:
                if line.startswith("  "):  # the licence at the top
                    continue
                fields = line.split()
                lemmas = [fields[4 + 2 * i].lower().split("(")[0] for i in range(int(fields[3], 16))]
                lemmas = [w for w in lemmas if w.isalpha()]
                for word in lemmas:
                    synonyms.setdefault(word, set()).update(w for w in lemmas if w != word)
    return {word: sorted(found) for word, found in synonyms.items() if found}


def spin(text: str, rate: float, synonyms: dict[str, list[str]], rng) -> str:
    """A thesaurus spinner: every word WordNet has synonyms for, bar the ~100 commonest, is swapped
    with probability ``rate`` for a synonym from any of its senses, as spinners do ("defence" →
    "barricade"). The swap keeps a capital; inflected forms are not looked up, so they stay."""
    import wordfreq

    def swap(match: re.Match) -> str:
        word = match.group(0)
        found = synonyms.get(word.lower())
        if not found or rng.random() >= rate or wordfreq.zipf_frequency(word, "en") >= 6.5:
            return word
        choice = rng.choice(found)
        return choice.capitalize() if word[0].isupper() else choice

    return re.sub(r"[A-Za-z]+", swap, text)


def calibrate_spun(data: Path) -> None:
    """Rebuild the spun score's table of expected known-pair rates from the calibration half."""
    import json

    from newsflow.text import spun

    table = spun.calibrate(text for key, _, text in bbc_articles(data) if _calibration_half(key))
    target = Path(spun.__file__).parents[1] / "data" / spun.EXPECTED_FILE
    target.write_text(json.dumps({"source": "half of the BBC News articles of segmentation-dev (bench/eval_tag.py "
                                            "--calibrate-spun)", **table}) + "\n")
    print(f"spun: {table['pairs']:,} word pairs → {target}")


def eval_spun(data: Path) -> None:
    """Spun score on the evaluation half of the BBC articles, before and after a thesaurus spinner
    swapped 10–50% of their words; then on the samples and the news sample (real pages)."""
    import random

    from newsflow.pipeline import STAGES, run_stages
    from newsflow.schema import PLAIN, RawArticle
    from newsflow.text.spun import spun_score

    def auc(negatives: list[float], positives: list[float]) -> float:
        wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
        return wins / (len(positives) * len(negatives))

    if not (WORDNET / "data.noun").exists():
        print(f"\nspun text: skipped, no WordNet at {WORDNET} (apt-get install wordnet-base)")
        return
    synonyms = wordnet_synonyms()
    articles = [text for key, _, text in bbc_articles(data) if not _calibration_half(key)]
    normal = [spun_score(text, "en") for text in articles]
    scored = [s for s in normal if s is not None]
    threshold = sorted(scored)[int(len(scored) * (1 - FALSE_ALARMS))]
    print(f"\nspun text: score on {len(scored)} BBC articles not used to calibrate it (mean {sum(scored) / len(scored):.3f}),"
          f" each also spun by a WordNet thesaurus spinner; alarm threshold {threshold:.3f} = {FALSE_ALARMS:.0%} of"
          " normal articles above it")
    rng = random.Random(13)
    for rate in SPIN_RATES:
        spun = [spun_score(spin(text, rate, synonyms, rng), "en") for text in articles]
        both = [(n, s) for n, s in zip(normal, spun, strict=True) if n is not None and s is not None]
        caught = sum(s > threshold for _, s in both) / len(both)
        print(f"  {rate:.0%} of words swapped: AUC {auc([n for n, _ in both], [s for _, s in both]):.3f},"
              f" caught at the threshold {caught:.3f}, mean score {sum(s for _, s in both) / len(both):.3f}")

    def name(page: str, article) -> str:
        return page + (f"#{article.segment}" if article.segments > 1 else "")

    articles = [(name(path.name[:3], a), a.text) for path in sorted((data / "samples").glob("*.txt"))
                for a in run_stages(RawArticle(id=path.name, content=path.read_text(encoding="utf-8"),
                                               content_type=PLAIN), STAGES[:2])]
    articles += [(name(f"news-sample {i} ({row['domain']}, {row['type'] or '?'})", a), a.text)
                 for i, (row, found) in enumerate(news_sample(data)) for a in found]
    ranked = sorted(((score, label) for label, text in articles if (score := spun_score(text, "en")) is not None),
                    reverse=True)
    over = sum(score > threshold for score, _ in ranked)
    print(f"  real articles (samples + news sample, cleaned and split, scored as English): {over} of {len(ranked)}"
          " over the threshold; sample ranks (000 is spun): " + ", ".join(f"{label} {k + 1} ({score:.3f})" for k, (score, label) in
                                                       enumerate(ranked) if not label.startswith("news")))
    print("  highest: " + "; ".join(f"{label} {score:.3f}" for score, label in ranked[:5]))


_HTML_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2})\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def html_dev_sentences(data: Path) -> list[tuple[str, str]]:
    """(page language, sentence) for every sentence of >= 5 words in html-dev's gold snippets."""
    import json

    from eval_clean import load_html_dev

    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    out = []
    for url, page in load_html_dev(data, None).items():
        match = _HTML_LANG.search(page[:20000])
        if match:
            out += [(match.group(1).lower(), s) for snippet in gold[url]["with"] for s in _SENTENCE_END.split(snippet)
                    if len(s.split()) >= 5]
    return out


def is_prose(tokens: list[str]) -> bool:
    """A CoNLL sentence of prose (>= 8 tokens, ends with a full stop, >= 80% words), not a results table."""
    return len(tokens) >= 8 and tokens[-1] == "." and sum(t.isalpha() for t in tokens) >= 0.8 * len(tokens)


def eval_language(data: Path, conll_sentences: list[str]) -> None:
    from collections import Counter

    from newsflow.text.language import CANDIDATE_FLOOR, HIGH_ACCURACY_BELOW, LANGUAGES

    print(f"\nlanguage: lingua over {len(LANGUAGES)} languages (high-accuracy mode under {HIGH_ACCURACY_BELOW} characters, among"
          f" the languages low-accuracy mode gives {CANDIDATE_FLOOR:g} or more), single sentences")
    for name, items in (("CoNLL dev prose sentences (English)", [("en", s) for s in conll_sentences]),
                        ("html-dev sentences, label = page <html lang>", html_dev_sentences(data))):
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        started = time.perf_counter()
        for gold, sentence in items:
            total[gold] += 1
            right[gold] += detect_language(sentence) == gold
        per_s = len(items) / (time.perf_counter() - started)
        langs = ", ".join(f"{g} {right[g] / total[g]:.3f} (n={total[g]})" for g, _ in total.most_common())
        print(f"  {name}: accuracy {sum(right.values()) / len(items):.3f} on {len(items)} ({per_s:,.0f}/s); {langs}")


@cache
def news_sample(data: Path) -> list[tuple[dict[str, str], list]]:
    """Every row of the news sample with its articles, cleaned and split as the tagger receives
    them (none for a row without content)."""
    import csv

    from newsflow.pipeline import STAGES, run_stages
    from newsflow.schema import RawArticle

    csv.field_size_limit(1 << 30)
    with open(data / "news-sample" / "news_sample.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [(row, run_stages(RawArticle.from_obj({"id": str(i), "content": row["content"]}), STAGES[:2])
             if (row.get("content") or "").strip() else []) for i, row in enumerate(rows)]


def eval_throughput(data: Path, full, rounds: int = 2) -> None:
    """The whole tag stage against spaCy's full pipeline on the same cleaned news-sample articles;
    the two alternate and the best round of each counts (the machine's speed drifts)."""
    from newsflow.pipeline import tag_batch

    articles = [a for _, found in news_sample(data) for a in found]
    words = sum(len(a.text.split()) for a in articles)
    ours, base = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        tag_batch(articles)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _doc in full.pipe((a.text for a in articles), batch_size=32):
            pass
        base.append(time.perf_counter() - started)
    print(f"\ntag stage throughput on {len(articles)} cleaned news-sample articles ({words:,} words), best of {rounds}:"
          f" newsflow {words / min(ours):,.0f} words/s (language, entities, keywords, topics), en_core_web_sm full"
          f" pipeline {words / min(base):,.0f} words/s ({min(base) / min(ours):.2f}x)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--calibrate-spun", action="store_true", help="rebuild the spun score's table and stop")
    args = ap.parse_args()
    data, tools = Path(args.shared) / "data", Path(args.shared) / "tools"
    if args.calibrate_spun:
        calibrate_spun(data)
        return 0

    docs = read_conll(data / "ner-dev" / "conll2003-valid.txt")
    texts = [doc_text(d) for d in docs]
    words = sum(len(spans) for _, spans in texts)
    print(f"ner-dev: {len(docs)} documents, {words} tokens")

    extract_entities([("warm up", "en")])
    # each document goes to the English model or not as the tagger decides (3 of CoNLL dev's results
    # tables read as Dutch, Latin or Croatian, yet their prose is English); that decision is not timed
    model_languages = [model_language(text, detect_language(text)) for text, _ in texts]
    started = time.perf_counter()
    ours = extract_entities(list(zip((text for text, _ in texts), model_languages, strict=True)))
    ours_s = time.perf_counter() - started
    ours_tags = [iob(spans, [(e["start"], e["end"], CONLL[e["label"]]) for e in found])
                 for (_, spans), found in zip(texts, ours, strict=True)]

    import spacy

    full = spacy.load(MODEL)
    started = time.perf_counter()
    baseline_docs = list(full.pipe((text for text, _ in texts), batch_size=32))
    base_s = time.perf_counter() - started
    base_tags = []
    for (_, spans), doc in zip(texts, baseline_docs, strict=True):
        ents = [(e.start_char, e.end_char, CONLL[LABELS[e.label_]]) for e in doc.ents if e.label_ in LABELS]
        base_tags.append(iob(spans, ents))

    print("\nnewsflow (en_core_web_sm NER + rules)")
    print(summary(score(tools, docs, ours_tags)))
    print("spaCy en_core_web_sm 3.8, full pipeline")
    print(summary(score(tools, docs, base_tags)))
    print(f"speed: newsflow {words / ours_s:,.0f} words/s, en_core_web_sm full pipeline {words / base_s:,.0f} words/s "
          f"({base_s / ours_s:.2f}x)")

    eval_throughput(data, full)
    eval_language(data, [" ".join(tokens) for doc in docs for tokens in ([line.split()[0] for line in s] for s in doc)
                         if is_prose(tokens)])
    eval_topics(data)
    eval_spun(data)

    print("\nsamples: most frequent entities (canonical, label, mentions)")
    from collections import Counter

    from newsflow.pipeline import run_stages
    from newsflow.schema import PLAIN, RawArticle

    for path in sorted((data / "samples").glob("*.txt")):
        for article in run_stages(RawArticle(id=path.name, content=path.read_text(encoding="utf-8"), content_type=PLAIN)):
            top = Counter((e["canonical"], e["label"]) for e in article.entities).most_common(8)
            print(f"  {article.id}: " + ", ".join(f"{c} ({lab}) ×{n}" for (c, lab), n in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
