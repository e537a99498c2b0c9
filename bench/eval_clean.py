"""Evaluate the cleaning stage (make eval-clean). Prints:

(a) samples: body-line recall and boilerplate-line removal against samples-gold.json;
(b) html-dev: snippet precision / recall / F1 of newsflow and of trafilatura on the same HTML
    pages, in this run, scored by ../shared/tools/score_snippets.py — newsflow with its shipped
    line filter (fitted on these pages: in-sample), with the rules alone, and with the filter
    fitted on the other half of the sites (2-fold: the figure to expect on new pages);
(c) the same pages as a naive scraper's plain text (all visible text, one block a line) cleaned
    as text/plain, scored the same way, in the same three ways, beside C4's line rules (the
    baseline the issue names for plain text); and as a scraper that saves a text
    node a line (BeautifulSoup's ``get_text("\\n")``: links and bold words on lines of their own),
    with the shipped filter and with the filter fitted on the other half of the sites; and one block
    a line with a blank line between every two (as most of the news sample's scrapers save pages);
    F1 by the language each page declares (English, German, the rest) for HTML and naive text, 2-fold,
    beside trafilatura's. Then the publication dates read off that text (the page's header; and given the page's
    url, whose path may name the day), against the dates the same
    pages' HTML metadata declares (``article:published_time`` and the like, as the cleaner reads them);
(d) single-process throughput of each, documents/s and MB/s;
(e) the news sample (250 scraped articles as plain text): throughput, and what the site-furniture
    rule takes out when the pages come in file order, as ``newsflow process`` reads them.

usage: python bench/eval_clean.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tqdm import tqdm

from newsflow.inputs import decode_page
from newsflow.pipeline import clean_stage
from newsflow.schema import HTML, PLAIN, RawArticle, Rejected
from newsflow.text import dom, linefilter
from newsflow.text.clean import visible_text_lines
from newsflow.text.normalize import normalize_line


def norm(text: str) -> str:
    return " ".join(normalize_line(text).split())


def eval_samples(data: Path) -> None:
    gold = json.loads((data / "samples-gold.json").read_text())
    body_total = body_found = boiler_total = boiler_removed = 0
    print("(a) samples — body-line recall, boilerplate-line removal")
    for name, item in gold.items():
        content = (data / "samples" / name).read_text(encoding="utf-8")
        text = clean_stage(RawArticle(id=name, content=content, content_type=PLAIN)).text
        kept = {norm(p) for p in text.split("\n\n")}
        body = [norm(line) for a in item["articles"] for line in a["body"]]
        boiler = [norm(b["text"]) for b in item["boilerplate"]]
        found = sum(1 for line in body if line in kept)
        removed = sum(1 for line in boiler if line not in kept)
        body_total += len(body)
        body_found += found
        boiler_total += len(boiler)
        boiler_removed += removed
        print(f"  {name}  body {found}/{len(body)}  boilerplate removed {removed}/{len(boiler)}")
        for line in body:
            if line not in kept:
                print(f"      missed body: {line[:90]}")
        for line in boiler:
            if line in kept:
                print(f"      kept boilerplate: {line[:90]}")
    print(f"  ALL  body-line recall {body_found / body_total:.3f}   boilerplate removal {boiler_removed / boiler_total:.3f}")


def load_html_dev(data: Path, limit: int | None) -> dict[str, str]:
    """html-dev's pages by url, each decoded as ``newsflow push`` decodes a saved page (27 are not
    UTF-8: :func:`~newsflow.inputs.decode_page`)."""
    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    pages = {}
    for url, item in list(gold.items())[:limit]:
        for folder in ("eval", "cache"):
            path = data / "html-dev" / folder / item["file"]
            path = path if path.exists() else path.with_name(path.name + ".gz")
            if path.exists():
                raw = path.read_bytes()
                pages[url] = decode_page(gzip.decompress(raw) if path.suffix == ".gz" else raw)
                break
    return pages


def score(tools: Path, data: Path, predictions: dict[str, str], limit: int | None,
          only: set[str] | None = None) -> dict:
    """score_snippets.py's figures for the first ``limit`` html-dev pages, or for the pages ``only``."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = data / "html-dev" / "evaldata.json"
        if limit or only is not None:
            subset = dict(list(json.loads(gold.read_text()).items())[:limit])
            if only is not None:
                subset = {url: item for url, item in subset.items() if url in only}
            gold = Path(tmp) / "gold.json"
            gold.write_text(json.dumps(subset))
        pred = Path(tmp) / "pred.json"
        pred.write_text(json.dumps(predictions))
        out = subprocess.run([sys.executable, str(tools / "score_snippets.py"), str(pred), "--gold", str(gold)],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


_LANG = re.compile(r"<html\b[^>]*?\slang=[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def by_language(tools: Path, data: Path, pages: dict[str, str], limit: int | None,
                rows: dict[str, dict[str, str]]) -> None:
    """F1 of each of ``rows`` (name → predictions) on the pages of each language their ``<html lang>``
    declares: English, German (html-dev's largest share) and the rest."""
    groups: dict[str, set[str]] = {"en": set(), "de": set(), "other": set()}
    for url, page in pages.items():
        found = _LANG.search(page[:20_000])
        lang = found.group(1).lower() if found else ""
        groups[lang if lang in groups else "other"].add(url)
    for name, predictions in rows.items():
        cells = [f"{lang} ({len(urls)}) {score(tools, data, predictions, limit, urls)['f1']:.3f}"
                 for lang, urls in groups.items()]
        print(f"    {name:<32} F1 {'  '.join(cells)}")


def run(name: str, fn, inputs: dict[str, str]) -> tuple[dict[str, str], float]:
    out = {}
    started = time.perf_counter()
    for key, value in tqdm(inputs.items(), desc=name, leave=False, file=sys.stderr, disable=None):
        out[key] = fn(value)
    return out, time.perf_counter() - started


def ours(content_type: str):
    def fn(content: str) -> str:
        try:
            return clean_stage(RawArticle(id="x", content=content, content_type=content_type)).text
        except Rejected:
            return ""
    return fn


_C4_END = (".", "?", "!", '"', "'")
_C4_POLICY = ("javascript", "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
              "use cookies")
_C4_CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")


def c4_lines(content: str) -> str:
    """The line rules of C4 (Raffel et al. 2020, as datatrove's ``C4QualityFilter`` applies them), the
    issue's reference for plain text: a line is kept when it ends on terminal punctuation (not an
    ellipsis), holds 3 words or more and names no JavaScript or policy; citation marks are cut.
    C4's page rules (fewer than 5 sentences, "lorem ipsum", a curly bracket: the whole page dropped)
    are left out: they judge a page for a corpus, not its article's lines."""
    kept = []
    for line in content.split("\n"):
        line = _C4_CITATION.sub("", line).strip()
        lowered = line.lower()
        if (line.endswith(_C4_END) and not line.endswith("...") and len(line.split()) >= 3
                and not any(phrase in lowered for phrase in _C4_POLICY)):
            kept.append(line)
    return "\n".join(kept)


def trafilatura_text(content: str) -> str:
    import trafilatura

    return trafilatura.extract(content) or ""


def line(name: str, result: dict, seconds: float, n: int, mb: float) -> None:
    print(f"  {name:<34} P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}   "
          f"{n / seconds:7.1f} docs/s  {mb / seconds:6.2f} MB/s")


def newsflow_rows(tools: Path, data: Path, limit: int | None, inputs: dict[str, str], content_type: str,
                  labelled: dict, text: dict, mb: float) -> tuple[dict, dict[str, str], float]:
    """newsflow with the shipped line filter (fitted on these pages: in-sample), with the rules
    alone, and with the filter fitted on the other half of the sites (the figure to expect on new
    pages); returns the last result and predictions, and the seconds of the shipped run. ``labelled``:
    the pages' lines for fitting (``train_line_filter.text_pages`` or ``html_pages``), ``text``: the
    naive text's, whose n-grams both models read."""
    from train_line_filter import cross_validated, model

    name = linefilter.TEXT if content_type == PLAIN else linefilter.HTML
    predictions, seconds = run(f"newsflow ({content_type})", ours(content_type), inputs)
    line(f"newsflow ({content_type}), in-sample", score(tools, data, predictions, limit), seconds, len(inputs), mb)
    with model(None):
        predictions, rules_s = run("rules alone", ours(content_type), inputs)
    line("  rules alone (no line filter)", score(tools, data, predictions, limit), rules_s, len(inputs), mb)
    crossed_predictions = cross_validated(name, labelled, inputs, text)
    crossed = score(tools, data, crossed_predictions, limit)
    print(f"  {'  filter fitted on other sites':<34} P {crossed['precision']:.3f}  R {crossed['recall']:.3f}  "
          f"F1 {crossed['f1']:.3f}   (2-fold by host name)")
    return crossed, crossed_predictions, seconds


def eval_dates(pages: dict[str, str], texts: dict[str, str]) -> None:
    """Dates read off each page's naive text against its HTML metadata's (the day, or within one:
    metadata often gives the time in UTC): with no hints, and given the page's url (html-dev's
    ``hard::`` pages have none), whose path may name the day (:func:`newsflow.text.dates.url_date`)."""
    from datetime import date

    def published(content: str, url: str | None) -> str | None:
        try:
            return clean_stage(RawArticle(id="x", content=content, content_type=PLAIN, url=url)).published
        except Rejected:
            return None

    for given in (False, True):
        declared = same = near = read = extra = 0
        for url in tqdm(pages, desc="dates", leave=False, file=sys.stderr, disable=None):
            tree = dom.parse(pages[url])  # the metadata's date alone: newsflow reads an HTML page's text too
            meta = dom.published_date(tree, dom.json_ld(tree))
            found = published(texts[url], url if given and not url.startswith("hard::") else None)
            if meta is None:
                extra += found is not None
                continue
            declared += 1
            if found is not None:
                read += 1
                days = abs((date.fromisoformat(found[:10]) - date.fromisoformat(meta[:10])).days)
                same += days == 0
                near += days <= 1
        print(f"  {'given the url' if given else 'no hints'}: publication date read off the text on {read} of the {declared} "
              f"pages whose metadata declares one: the same day on {same} ({same / max(read, 1):.0%}), within a day on "
              f"{near}; {extra} more pages give one in their text only")


def eval_news_sample(data: Path) -> None:
    import csv
    from collections import Counter

    from newsflow.pipeline import run_stages
    from newsflow.text.sitelines import REASON, SiteMemory

    csv.field_size_limit(sys.maxsize)
    with (data / "news-sample" / "news_sample.csv").open(encoding="utf-8", newline="") as fh:
        raws = [RawArticle(id=row["id"], content=row["content"], content_type=PLAIN, url=row["url"])
                for row in csv.DictReader(fh)]
    mb = sum(len(r.content.encode()) for r in raws) / 1e6
    rounds = [run("news sample", ours(PLAIN), {r.id: r.content for r in raws}) for _ in range(3)]
    best = min(seconds for _, seconds in rounds)

    def with_sites() -> tuple[float, list]:
        sites, started = SiteMemory(), time.perf_counter()
        docs = [run_stages(raw, ["clean"], sites=sites)[0] for raw in raws]
        return time.perf_counter() - started, docs

    remembering = [with_sites() for _ in range(3)]
    print(f"\n(e) news sample — {len(raws)} scraped pages as plain text, {mb:.1f} MB: cleaned at {mb / best:.1f} MB/s, "
          f"{mb / min(seconds for seconds, _ in remembering):.1f} MB/s with each site's pages remembered "
          "(newsflow process; best of 3)")
    gone, pages = Counter(), 0
    plain = {key: set(text.split("\n\n")) for key, text in rounds[0][0].items()}  # cleaned without site memory
    for raw, doc in zip(raws, remembering[0][1], strict=True):
        if doc.provenance["removed"].get(REASON):
            pages += 1
            gone.update(plain[raw.id] - set(doc.text.split("\n\n")))
    print(f"  site furniture (in file order): {sum(gone.values())} paragraphs out of the text of {pages} pages, "
          f"{len(gone)} distinct:")
    for text, times in gone.most_common(8):
        print(f"    {times:4d} × {text[:90]}")
    # as html2text, lynx or an e-mail saves them: each paragraph broken at a fixed width
    as_is = rounds[0][0]
    for width in (60, 72, 80):
        wrapped = ours(PLAIN)
        kept = {r.id: wrapped("\n\n".join("\n".join(textwrap.wrap(p, width)) for p in r.content.split("\n\n")))
                for r in raws}
        print(f"  hard-wrapped at {width} characters: {sum(len(t.split()) for t in kept.values()) / sum(len(t.split()) for t in as_is.values()):.1%} "
              f"of the words kept as is, the same text on {sum(kept[k] == as_is[k] for k in kept)} pages")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--limit", type=int, help="only the first N html-dev pages")
    args = ap.parse_args()
    data, tools = Path(args.shared) / "data", Path(args.shared) / "tools"
    from train_line_filter import cross_validated, html_pages, text_pages

    eval_samples(data)

    gold = json.loads((data / "html-dev" / "evaldata.json").read_text())
    pages = load_html_dev(data, args.limit)
    mb = sum(len(p.encode()) for p in pages.values()) / 1e6
    print(f"\n(b) html-dev — {len(pages)} HTML pages, {mb:.1f} MB, scored by score_snippets.py")
    lines = {url: visible_text_lines(page) for url, page in pages.items()}
    labelled_text = text_pages(lines, gold)
    ours_result, ours_html, ours_s = newsflow_rows(tools, data, args.limit, pages, HTML, html_pages(pages, gold),
                                                   labelled_text, mb)
    traf_predictions, traf_s = run("trafilatura", trafilatura_text, pages)
    traf_result = score(tools, data, traf_predictions, args.limit)
    line("trafilatura 2.3.1 (HTML)", traf_result, traf_s, len(pages), mb)

    texts = {url: "\n".join(page_lines) for url, page_lines in lines.items()}
    text_mb = sum(len(t.encode()) for t in texts.values()) / 1e6
    print(f"\n(c) html-dev as a naive scraper's plain text — {text_mb:.1f} MB")
    unfiltered = score(tools, data, texts, args.limit)
    print(f"  {'no cleaning (all visible text)':<34} P {unfiltered['precision']:.3f}  R {unfiltered['recall']:.3f}  "
          f"F1 {unfiltered['f1']:.3f}")
    c4_predictions, c4_s = run("C4 line rules", c4_lines, texts)
    line("C4's line rules (baseline)", score(tools, data, c4_predictions, args.limit), c4_s, len(texts), text_mb)
    _, ours_naive, _ = newsflow_rows(tools, data, args.limit, texts, PLAIN, labelled_text, labelled_text, text_mb)
    def in_sample_and_crossed(name: str, inputs: dict[str, str]) -> tuple[dict, dict]:
        """Another saving of the same pages as plain text, cleaned with the shipped line filter and
        with the filter fitted on the other half of the sites (on pages saved a block a line)."""
        shipped = score(tools, data, run(f"newsflow ({name})", ours(PLAIN), inputs)[0], args.limit)
        return shipped, score(tools, data, cross_validated(linefilter.TEXT, labelled_text, inputs, labelled_text),
                              args.limit)

    nodes = {url: "\n".join(visible_text_lines(page, text_nodes=True)) for url, page in pages.items()}
    as_nodes, crossed = in_sample_and_crossed("text nodes", nodes)
    unfiltered = score(tools, data, nodes, args.limit)
    print(f"  {'a text node a line, no cleaning':<34} P {unfiltered['precision']:.3f}  R {unfiltered['recall']:.3f}  "
          f"F1 {unfiltered['f1']:.3f}")
    print(f"  {'a text node a line, newsflow':<34} P {as_nodes['precision']:.3f}  R {as_nodes['recall']:.3f}  "
          f"F1 {as_nodes['f1']:.3f}   (in-sample line filter)")
    print(f"  {'  filter fitted on other sites':<34} P {crossed['precision']:.3f}  R {crossed['recall']:.3f}  "
          f"F1 {crossed['f1']:.3f}   (2-fold by host name; fitted on pages saved a block a line)")
    # most of the news sample's scrapers put a blank line between blocks: the same text should come out
    as_spaced, crossed = in_sample_and_crossed("blank lines", {url: "\n\n".join(page_lines)
                                                               for url, page_lines in lines.items()})
    print(f"  {'blank lines between blocks':<34} P {as_spaced['precision']:.3f}  R {as_spaced['recall']:.3f}  "
          f"F1 {as_spaced['f1']:.3f}   (in-sample line filter; 2-fold {crossed['f1']:.3f})")
    print("  by the language the page declares (<html lang>), pages in brackets; filters fitted on other sites:")
    by_language(tools, data, pages, args.limit, {"newsflow (HTML)": ours_html, "trafilatura (HTML)": traf_predictions,
                                                 "newsflow (naive text)": ours_naive})
    eval_dates(pages, texts)

    # the machine's speed drifts: time each extractor once more, alternating, and keep its best round
    ours_s = min(ours_s, run("newsflow (HTML), timing", ours(HTML), pages)[1])
    traf_s = min(traf_s, run("trafilatura (HTML), timing", trafilatura_text, pages)[1])
    print(f"\n(d) HTML speed, best of 2 rounds: newsflow {len(pages) / ours_s:.1f} docs/s vs trafilatura "
          f"{len(pages) / traf_s:.1f} docs/s = {traf_s / ours_s:.1f}x;  F1 {ours_result['f1']:.3f} (2-fold) vs "
          f"{traf_result['f1']:.3f}")
    eval_news_sample(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
