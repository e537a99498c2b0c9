"""Evaluate the segmentation stage (make eval-segment). Prints:

- on ../shared/data/segmentation-dev (multi-article dumps): Pk, WindowDiff, boundary F1 and the
  exact segment-count rate of newsflow and of NLTK's TextTiling on the same dumps, in this run,
  scored by ../shared/tools/score_segmentation.py; the same dumps with a separator line between
  their stories, with their title lines removed (only content left to go by), and so with each
  story's paragraphs merged into two;
- dumps of whole pages, menus and footers included: html-dev pages as a naive scraper's text,
  2-4 of one language one after another — each with its own menus, or all inside one page's
  header and footer (as if saved from one site); the units scored are the lines that hold one of
  the page's gold main-text snippets (the rest is boilerplate, which the scorer leaves out); and the
  same with the pages saved a text node a line (BeautifulSoup's ``get_text("\n")``), 200 a language.
  A gold line newsflow puts in no article (the cleaner dropped it) is scored as its article before's;
  under each row, Pk on the gold lines newsflow keeps, and the share it drops: which of the two, the
  segmenter's boundaries or the cleaner's losses, makes the figure;
- untitled dumps in several languages: html-dev pages' main text (newsflow's HTML extraction,
  paragraphs of 8+ words), 2-5 pages of one language joined by blank lines without titles; once as
  extracted (lists and headings without a full stop among the paragraphs), once with only the
  paragraphs that end a sentence, once with each article under its page's title;
- dumps of 2-5 news-sample pages (scraped text, each with its own boilerplate), their lines one
  line break apart and two;
- titles read off plain text with no hints and given the page's url, authors with no hints: the news sample's ``title`` column, and
  html-dev pages' own ``h1``, ``og:title`` or ``<title>`` and author metadata (as newsflow reads
  them off the HTML), against what newsflow reads off the page's naive text;
- on the samples: articles found, with titles and authors, against samples-gold.json;
- on single-article pages, how many were wrongly split: the news sample (250 scraped pages, as
  text) and ../shared/data/html-dev (990 pages, one article each) as HTML, as a naive
  scraper's text (all visible text, menus, comments and footers included) and a text node a line; the segmenter's
  boundary check is fitted on these html-dev pages and on the BBC dumps (make train-boundaries),
  so those figures are in-sample: beside them, the pages still split when the check is fitted on
  the other half of the sites, measured in the same run (~1 minute);
- throughput in MB/s (cleaning and segmenting, single process, after the segmenter's warm-up; each
  stage's better of two rounds over the dumps, as the VM's speed drifts).

usage: python bench/eval_segment.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsflow.pipeline import clean_stage, segment_stage, warm_up_segmenter
from newsflow.schema import HTML, PLAIN, RawArticle


def articles_of(text: str, doc_id: str = "x"):
    return segment_stage(clean_stage(RawArticle(id=doc_id, content=text, content_type=PLAIN)))


def labels_for(paragraphs: list[str], joiner: str = "\n\n") -> tuple[list[int], float, float]:
    """newsflow's article index for each paragraph of a dump (paragraphs joined by ``joiner``),
    and the seconds spent cleaning and segmenting it. A paragraph in no article (the cleaner
    dropped it) goes with the one before it."""
    placed, clean_s, segment_s = placed_labels(paragraphs, joiner)
    return filled(placed), clean_s, segment_s


def filled(placed: list[int | None]) -> list[int]:
    """``placed`` (:func:`placed_labels`) with each paragraph in no article given the article of the
    paragraph before it (the first article's, at the start)."""
    last = next((x for x in placed if x is not None), 0)
    out = []
    for x in placed:
        last = x if x is not None else last
        out.append(last)
    return out


def placed_labels(paragraphs: list[str], joiner: str = "\n\n") -> tuple[list[int | None], float, float]:
    """:func:`labels_for`, None for each paragraph that is in no article's text (``spans``)."""
    text = joiner.join(paragraphs)
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + len(joiner)
    started = time.perf_counter()
    cleaned = clean_stage(RawArticle(id="x", content=text, content_type=PLAIN))
    cleaned_at = time.perf_counter()
    articles = segment_stage(cleaned)
    segment_s = time.perf_counter() - cleaned_at
    labels: list[int | None] = [None] * len(paragraphs)
    for article in articles:
        for start, end in article.spans or []:  # a paragraph joined from several lines spans them all
            for unit in range(bisect.bisect_right(starts, start) - 1, bisect.bisect_right(starts, end - 1)):
                labels[unit] = article.segment
    return labels, cleaned_at - started, segment_s


SEPARATOR = "* * *"
"""A line a dump may print between its stories."""


def _stories(paragraphs: list[str], labels: list[int]) -> list[list[str]]:
    return [[p for p, x in zip(paragraphs, labels, strict=True) if x == label] for label in dict.fromkeys(labels)]


def _halves(story: list[str]) -> list[list[str]]:
    """A story's paragraphs in two runs (one, if it has a single paragraph)."""
    cut = (len(story) + 1) // 2
    return [half for half in (story[:cut], story[cut:]) if half]


def texttiling_labels(paragraphs: list[str]) -> list[int]:
    from nltk.tokenize.texttiling import TextTilingTokenizer

    text = "\n\n".join(paragraphs)
    try:
        tiles = TextTilingTokenizer(stopwords=[]).tokenize(text)
    except ValueError:  # too short to tile
        return [0] * len(paragraphs)
    labels, consumed, seg = [], 0, 0
    bounds = []
    for tile in tiles:
        consumed += len(tile)
        bounds.append(consumed)
    pos = 0
    for p in paragraphs:
        while seg < len(bounds) - 1 and pos >= bounds[seg]:
            seg += 1
        labels.append(seg)
        pos += len(p) + 2
    return labels


def score(tools: Path, gold: list[dict], predictions: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold))
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions))
        out = subprocess.run([sys.executable, str(tools / "score_segmentation.py"), str(gold_path), str(pred_path)],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def show(name: str, result: dict) -> None:
    def pick(*keys):
        for key in keys:
            for k, v in result.items():
                if k.lower() == key:
                    return v
        return float("nan")
    print(f"  {name:<30} Pk {pick('pk'):.3f}  WindowDiff {pick('windowdiff'):.3f}  "
          f"boundary F1 {pick('boundary_f1', 'f1'):.3f}  exact count {pick('n_segments_accuracy'):.3f}")


def page_dumps(tools: Path, data: Path, naive: dict[str, list[str]], per_language: int = 500,
               saved: str = "naive text") -> None:
    """Dumps of 2-4 whole pages (naive text) of one language, scored on the lines that hold the
    pages' gold main-text snippets; every other line is boilerplate (label -1). A few dumps score
    far worse than the rest, so a small draw is noisy: 60 dumps a language, five seeds, German own
    menus gave Pk 0.050-0.110, and a pool one page larger moves every draw; 200 dumps, three seeds,
    0.089-0.131. 500 a language (~1 minute for the four). ``saved``: how the pages were saved, for the
    heading."""
    from newsflow.text.language import detect_language

    def squeeze(text: str) -> str:
        return " ".join(text.split())

    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    by_language: dict[str, list[tuple[list[str], list[bool]]]] = {}
    for url, lines in naive.items():
        snippets = [squeeze(w) for w in gold[url]["with"] if len(squeeze(w)) >= 10]
        body = [any(s in squeeze(line) for s in snippets) for line in lines]
        if sum(body) >= 2:
            language = detect_language(" ".join(line for line, b in zip(lines, body, strict=True) if b))
            by_language.setdefault(language, []).append((lines, body))
    print(f"\ndumps of whole pages (html-dev as {saved}, 2-4 pages of one language joined)")
    for same_site in (False, True):
        rng = random.Random(11)
        for language in ("en", "de"):
            dumps, ours, kept = [], [], []  # kept: the gold less the lines in no article of newsflow's
            for k in range(per_language):
                pages = rng.sample(by_language[language], rng.randint(2, 4))
                if same_site:  # the first page's menus and footer around every article
                    template, flags = rng.choice(by_language[language])
                    first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
                    pages = [_rewrap(page, template[:first], template[last + 1 :]) for page in pages]
                lines, labels = [], []
                for index, (page_lines, body) in enumerate(pages):
                    lines += page_lines
                    labels += [index if b else -1 for b in body]
                placed = placed_labels(lines, "\n")[0]
                dumps.append({"id": f"{language}{k}", "paragraphs": lines, "labels": labels})
                ours.append({"id": f"{language}{k}", "labels": filled(placed)})
                left = [-1 if p is None else g for g, p in zip(labels, placed, strict=True)]
                if any(g >= 0 for g in left):  # else newsflow kept none of the dump's gold lines
                    kept.append({"id": f"{language}{k}", "labels": left})
            name = f"{language}, {'one site' if same_site else 'own menus'} ({per_language} dumps)"
            show(name, score(tools, dumps, ours))
            units = sum(g >= 0 for d in dumps for g in d["labels"])
            dropped = units - sum(g >= 0 for d in kept for g in d["labels"])
            print(f"    {'on the lines newsflow keeps':<28} Pk {score(tools, kept, ours)['Pk']:.3f}  ({dropped / units:.0%} "
                  f"of the gold lines are in no article, given above to the article before; {len(kept)} dumps)")


def _rewrap(page: tuple[list[str], list[bool]], header: list[str], footer: list[str],
            lead: int = 5) -> tuple[list[str], list[bool]]:
    """A page's article (from ``lead`` lines before its first gold line, for its headline and byline,
    to its last gold line) between another page's ``header`` and ``footer``."""
    lines, body = page
    first, last = max(0, body.index(True) - lead), len(body) - 1 - body[::-1].index(True)
    return (header + lines[first : last + 1] + footer,
            [False] * len(header) + body[first : last + 1] + [False] * len(footer))


_SENTENCE_END = re.compile(r"[.!?…\"”»)]\s*$")


def main_text_articles(pages: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str | None, list[str]]]:
    """html-dev's articles as newsflow extracts their main text from the HTML (``pages``: url, page):
    ``(url, language, title, paragraphs)``, the paragraphs of 8 words or more, on pages that hold four
    or more. eval-segment's untitled dumps and the boundary check's main-text dumps are drawn from
    them (``bench/train_boundaries.py``)."""
    from newsflow.schema import Rejected
    from newsflow.text.language import detect_language

    for url, page in pages:
        try:
            article = clean_stage(RawArticle(id=url, content=page, content_type=HTML))
        except Rejected:
            continue
        paragraphs = [p for p in article.text.split("\n\n") if len(p.split()) >= 8]
        if len(paragraphs) >= 4:
            yield url, detect_language(article.text), article.title, paragraphs


def untitled_joins(tools: Path, pages: dict[str, str], per_language: int = 200) -> None:
    """Dumps of 2-5 html-dev articles of one language (their main text as newsflow extracts it from
    the HTML), joined by blank lines with no titles: content is all there is to go by. Then the
    same with each article under its page's title: most of these articles have headings of their
    own, among which the titles must be told apart. ``per_language`` dumps a language: the pools are
    small (24 French articles), and with 60 a language the figures moved by ±0.02 with the draw."""
    by_language: dict[str, list[list[str]]] = {}
    titles: dict[str, list[str | None]] = {}
    for _, language, title, paragraphs in main_text_articles(pages.items()):
        by_language.setdefault(language, []).append(paragraphs)
        titles.setdefault(language, []).append(title)
    print(f"\nuntitled dumps in several languages (html-dev main text, {per_language} dumps a language of 2-5 articles)")
    sentences_only = {language: [kept for a in articles if len(kept := [p for p in a if _SENTENCE_END.search(p)]) >= 4]
                      for language, articles in by_language.items()}
    # the same dumps as extracted, each article under the title newsflow reads off its page (dom.page_title)
    titled = {language: [[title, *a] if title else a for title, a in zip(titles[language], articles, strict=True)]
              for language, articles in by_language.items()}
    for which, pools in (("as extracted", by_language), ("sentences only", sentences_only), ("with titles", titled)):
        rng = random.Random(7)
        for language, articles in sorted(pools.items(), key=lambda kv: -len(by_language[kv[0]])):
            if len(articles) < 10:
                continue
            show(f"{language}, {which} ({len(articles)} articles)", score(tools, *_drawn_dumps(rng, articles, per_language)))


def news_dumps(tools: Path, rows: list[dict], count: int = 3000) -> None:
    """Dumps of 2-5 news-sample pages of 150 words or more (scraped text, each with its own
    boilerplate: source lines, sharing prompts, teasers), their lines joined one line break apart
    and two; every line of a page is its article's. With 100 dumps the figure moved by ±0.02 with
    the draw (0.129, 0.143 and 0.161 for three draws, one line break apart, segment-0.38); with 300,
    segment-0.43, 0.135 / 0.139, 0.139 / 0.143 and 0.143 / 0.146 for three seeds; with 1000, 0.138
    / 0.145, 0.149 / 0.154 and 0.136 / 0.140: the pool holds 202 pages, and which of them a draw
    takes weighs. 3000 (~1 minute)."""
    pages = [[line.strip() for line in r["content"].split("\n") if line.strip()]
             for r in rows if len(r["content"].split()) >= 150]
    print(f"\ndumps of news-sample pages (scraped text, {len(pages)} pages, 2-5 joined)")
    for joiner, name in (("\n", "one line break apart"), ("\n\n", "two line breaks apart")):
        show(f"lines {name} ({count} dumps)", score(tools, *_drawn_dumps(random.Random(3), pages, count, joiner)))


def _drawn_dumps(rng: random.Random, pool: list[list[str]], count: int,
                 joiner: str = "\n\n") -> tuple[list[dict], list[dict]]:
    """``count`` dumps of 2-5 articles of ``pool`` (each a list of units) drawn by ``rng``, their
    units joined by ``joiner``: the gold, and newsflow's labels."""
    dumps, ours = [], []
    for k in range(count):
        units, labels = [], []
        for index, article in enumerate(rng.sample(pool, rng.randint(2, 5))):
            units += article
            labels += [index] * len(article)
        dumps.append({"id": str(k), "paragraphs": units, "labels": labels})
        ours.append({"id": str(k), "labels": labels_for(units, joiner)[0]})
    return dumps, ours


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--raw", action="store_true", help="also print the scorer's full output")
    ap.add_argument("--no-baseline", action="store_true", help="skip TextTiling (slow: ~3 minutes)")
    args = ap.parse_args()
    data, tools = Path(args.shared) / "data", Path(args.shared) / "tools"

    with gzip.open(data / "segmentation-dev" / "bbc-clean.jsonl.gz", "rt") as fh:
        dumps = [json.loads(line) for line in fh]
    gold = [{"id": d["id"], "paragraphs": d["paragraphs"], "labels": d["labels"]} for d in dumps]
    print(f"segmentation-dev: {len(dumps)} dumps")
    warm_up_segmenter()  # as a worker does before its first message: word frequencies
    ours, clean_s, segment_s, size = [], 0.0, 0.0, 0
    for d in dumps:
        labels, c, s = labels_for(d["paragraphs"])
        ours.append({"id": d["id"], "labels": labels})
        clean_s += c
        segment_s += s
        size += len("\n\n".join(d["paragraphs"]).encode())
    results = {"newsflow": score(tools, gold, ours)}
    timed = [labels_for(d["paragraphs"])[1:] for d in dumps]  # a second round: the better one is taken
    clean_s, segment_s = min(clean_s, sum(c for c, _ in timed)), min(segment_s, sum(s for _, s in timed))
    tiling_s = float("nan")
    if not args.no_baseline:
        started = time.perf_counter()
        tiling = [{"id": d["id"], "labels": texttiling_labels(d["paragraphs"])} for d in dumps]
        tiling_s = time.perf_counter() - started
        results["TextTiling (NLTK)"] = score(tools, gold, tiling)
    for name, result in results.items():
        show(name, result)
        if args.raw:
            print(json.dumps(result))

    # the same dumps with a separator line between their stories (the line is no article's), without
    # their title lines (only the content to go by), and so with each story's paragraphs merged into
    # two, as in briefs or text whose line breaks were lost
    separated_gold, separated, untitled_gold, untitled, halved_gold, halved = [], [], [], [], [], []
    for d in dumps:
        paras, labels = [], []
        for i, (p, label) in enumerate(zip(d["paragraphs"], d["labels"], strict=True)):
            if i and label != d["labels"][i - 1]:
                paras.append(SEPARATOR)
                labels.append(-1)
            paras.append(p)
            labels.append(label)
        separated_gold.append({"id": d["id"], "paragraphs": paras, "labels": labels})
        separated.append({"id": d["id"], "labels": labels_for(paras)[0]})
        firsts = {i for i, lab in enumerate(d["labels"]) if i == 0 or d["labels"][i - 1] != lab}
        keep = [i for i in range(len(d["paragraphs"])) if i not in firsts]
        paras = [d["paragraphs"][i] for i in keep]
        labels = [d["labels"][i] for i in keep]
        untitled_gold.append({"id": d["id"], "paragraphs": paras, "labels": labels})
        untitled.append({"id": d["id"], "labels": labels_for(paras)[0]})
        halves = [(k, " ".join(half)) for k, story in enumerate(_stories(paras, labels)) for half in _halves(story)]
        paras, labels = [p for _, p in halves], [k for k, _ in halves]
        halved_gold.append({"id": d["id"], "paragraphs": paras, "labels": labels})
        halved.append({"id": d["id"], "labels": labels_for(paras)[0]})
    show(f"newsflow, {SEPARATOR!r} between stories", score(tools, separated_gold, separated))
    show("newsflow, titles removed", score(tools, untitled_gold, untitled))
    show("newsflow, titles removed, two paragraphs a story", score(tools, halved_gold, halved))
    # as html2text, lynx or an e-mail saves text: each paragraph broken at 72 characters
    wrapped = [{"id": d["id"], "labels": labels_for(["\n".join(textwrap.wrap(p, 72)) for p in d["paragraphs"]])[0]}
               for d in dumps]
    show("newsflow, hard-wrapped at 72 characters", score(tools, gold, wrapped))
    mb = size / 1e6
    print(f"  throughput: newsflow clean + segment {mb / (clean_s + segment_s):.2f} MB/s (segmenter stage alone "
          f"{mb / segment_s:.2f} MB/s), TextTiling {mb / tiling_s:.2f} MB/s")

    from eval_clean import load_html_dev

    from newsflow.schema import Rejected
    from newsflow.text.clean import visible_text_lines

    pages = load_html_dev(data, None)
    naive = {url: visible_text_lines(page) for url, page in pages.items()}
    page_dumps(tools, data, naive)
    # as BeautifulSoup's get_text("\n") saves a page: a link or a bold word on a line of its own
    nodes = {url: visible_text_lines(page, text_nodes=True) for url, page in pages.items()}
    page_dumps(tools, data, nodes, 200, "a text node a line")
    untitled_joins(tools, pages)
    csv.field_size_limit(sys.maxsize)
    with open(data / "news-sample" / "news_sample.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    news_dumps(tools, rows)

    titles_read_off_text(pages, naive, rows)

    print("\nsamples (gold: articles, titles, authors)")
    sample_gold = json.loads((data / "samples-gold.json").read_text())
    for name, item in sample_gold.items():
        found = articles_of((data / "samples" / name).read_text(encoding="utf-8"), name)
        want = item["articles"]
        titles_ok = sum(1 for a, g in zip(found, want, strict=False) if (a.title or "").strip() == g["title"].strip())
        authors_ok = sum(1 for a, g in zip(found, want, strict=False) if a.authors == g["authors"])
        print(f"  {name}  articles {len(found)} (gold {len(want)})  titles {titles_ok}/{len(want)}  "
              f"authors {authors_ok}/{len(want)}")
        for a in found:
            print(f"      #{a.segment} {a.title!r:.80}  {a.authors}")

    split = sum(1 for r in rows if len(articles_of(r["content"])) > 1)
    print(f"\nwrongly split single-article pages:\n  news sample (text)        {split}/{len(rows)} ({split / len(rows):.1%})")
    for name, content_type, view in (("html-dev as HTML", HTML, pages.__getitem__),
                                     ("html-dev as naive text", PLAIN, lambda url: "\n".join(naive[url])),
                                     ("html-dev as text nodes", PLAIN, lambda url: "\n".join(nodes[url]))):
        split = total = 0
        for url in pages:
            try:
                found = segment_stage(clean_stage(RawArticle(id=url, content=view(url), content_type=content_type)))
            except Rejected:
                continue
            total += 1
            split += len(found) > 1
        print(f"  {name:<25} {split}/{total} ({split / total:.1%})")
    split, nodes = _cross_validated_single_pages(data, pages)
    print(f"    (the boundary check was fitted on these pages as naive text and as text nodes; fitted on the other half "
          f"of the sites in this run, {split} and {nodes} of them stay split, settled as the segmenter does: "
          f"make train-boundaries)")
    return 0


def titles_read_off_text(pages: dict[str, str], naive: dict[str, list[str]], rows: list[dict]) -> None:
    """The title newsflow reads off a page's plain text, against the title its source gives: the
    news sample's ``title`` column, and an html-dev page's ``h1``, ``og:title`` or ``<title>`` (any
    of them counts, as pages differ in which carries the headline); only pages whose text holds that
    title, whole, are counted (words compared case-folded, punctuation dropped). Read twice: with no
    hints, and given the page's ``url`` (html-dev's ``hard::`` pages have none), whose words name the
    headline on most sites (:mod:`newsflow.text.slug`)."""
    from newsflow.schema import Rejected
    from newsflow.text import dom

    def words(text: str | None) -> str:
        return " ".join(re.findall(r"\w+", (text or "").casefold()))

    def first_article(content: str, url: str | None = None):
        try:
            return segment_stage(clean_stage(RawArticle(id="x", content=content, content_type=PLAIN, url=url)))[0]
        except Rejected:
            return None

    print("\ntitles read off plain text, pages whose text holds their source's title: no hints / given the page's url")
    news = [(words(r["title"]), r["content"], r.get("url") or None) for r in rows]
    news = [(title, content, url) for title, content, url in news if title and title in words(content)]
    right = [sum(words(getattr(first_article(content, url if given else None), "title", None)) == title
                 for title, content, url in news) for given in (False, True)]
    print(f"  news sample, its title column            {right[0]}/{len(news)} ({right[0] / len(news):.1%}) / "
          f"{right[1]}/{len(news)} ({right[1] / len(news):.1%})")
    right = [0, 0]
    total = given = all_right = none_right = 0
    for url, page in pages.items():
        content = "\n".join(naive[url])
        first = first_article(content)  # the page's first article as read off its naive text: its title and its authors
        tree = dom.parse(page)
        titles = {words(dom.meta(tree, selector)) for selector in ("h1", 'meta[property="og:title"]', "title")} - {""}
        titles = {title for title in titles if title in words(content)}
        if titles:
            total += 1
            right[0] += words(first.title if first else None) in titles
            by_url = first_article(content, None if url.startswith("hard::") else url)
            right[1] += words(by_url.title if by_url else None) in titles
        try:
            declared = {words(a) for a in clean_stage(RawArticle(id=url, content=page, content_type=HTML)).authors}
        except Rejected:
            continue
        if first is None:
            continue
        found = [words(a) for a in first.authors]
        given += bool(found)
        all_right += bool(found) and all(a in declared for a in found)
        none_right += bool(found) and not any(a in declared for a in found)
    print(f"  html-dev as naive text, h1 / og:title / title {right[0]}/{total} ({right[0] / total:.1%}) / "
          f"{right[1]}/{total} ({right[1] / total:.1%})")
    print(f"  html-dev as naive text, authors (no hints): given on {given} pages, all of them the page's declared authors on "
          f"{all_right}, none of them on {none_right} (menus' items, or authors the page's metadata leaves out)")


def _cross_validated_single_pages(data: Path, pages: dict[str, str]) -> tuple[int, int]:
    """How many html-dev single pages, as naive text and as a text node a line, stay split when the
    boundary check is fitted on the other half of the sites (2-fold by host name, as
    ``bench/train_boundaries.py`` fits and reports it, on this release's boundaries) and its verdicts
    settled as the segmenter settles them."""
    from train_boundaries import THRESHOLD, all_samples, report

    _, single_pages = report(all_samples(data, pages))
    return single_pages["settled"][f"{THRESHOLD:.2f}"], single_pages["nodes"][f"{THRESHOLD:.2f}"]


if __name__ == "__main__":
    sys.exit(main())
