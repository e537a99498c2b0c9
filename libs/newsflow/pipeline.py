"""The three stages as pure functions over messages, shared by the workers and ``newsflow process``.

Each stage takes the previous stage's message and returns the next one(s); it raises
:class:`~newsflow.schema.Rejected` for input it cannot process. Redis-backed steps (duplicates,
caches) live in :mod:`newsflow.runtime` and wrap these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsflow import __version__
from newsflow.schema import PLAIN, Article, Block, RawArticle, Rejected
from newsflow.text import boundaries, linefilter, minhash, slug
from newsflow.text import clean as clean_mod
from newsflow.text import credibility as cred_mod
from newsflow.text import entities as ent_mod
from newsflow.text import keywords as kw_mod
from newsflow.text import language as lang_mod
from newsflow.text import segment as seg_mod
from newsflow.text import spun as spun_mod
from newsflow.text import topics as topic_mod
from newsflow.text.boilerplate import BODY, TITLE
from newsflow.text.dates import iso_date
from newsflow.text.frequency import informativeness
from newsflow.text.sitelines import History, SiteMemory

STAGES = ("clean", "segment", "tag")
CLEANER_VERSION = f"{clean_mod.VERSION}+{seg_mod.TEXT}"
"""The cleaner's rules and the segmenter's reading of a page's text off its blocks (:func:`_record`)."""
TAGGER_VERSION = "+".join(m.VERSION for m in (lang_mod, ent_mod, kw_mod, topic_mod, cred_mod, spun_mod))


def _spans(title_block, body) -> list[list[int]]:
    """CONTRACT.md's ``spans``: raw-text offsets of the title (when it came from the text), then of
    every paragraph kept in ``text``."""
    head = [[title_block.start, title_block.end]] if title_block is not None and title_block.start is not None else []
    return head + [[b.start, b.end] for b in body]


def site_of(raw: RawArticle) -> str | None:
    """The page's site: the domain of its ``source``, else of its ``url``."""
    return cred_mod.domain_of(raw.source) or cred_mod.domain_of(raw.url)


def clean_stage(raw: RawArticle) -> Article:
    """Raw page → one cleaned record (not split); ``blocks`` carries the evidence for segmenting."""
    return _record(raw, clean_mod.clean(raw))


def clean_site_page(raw: RawArticle, site_history: History) -> tuple[Article, list[int]]:
    """:func:`clean_stage` for a page whose site's pages are remembered (``site_history``, see
    :func:`newsflow.text.clean.clean`), and the keys to remember this page by (its body lines,
    hashed once for both)."""
    cleaned = clean_mod.clean(raw, site_history)
    return _record(raw, cleaned), cleaned.site_keys


def _record(raw: RawArticle, cleaned: clean_mod.Cleaned) -> Article:
    """The cleaned page as one message. Plain text's title and authors are read off its kept blocks
    as the segmenter reads an article's; its date comes from the cleaner, which still sees the
    figures-only lines (``10.12.2022 18:27``) that blocks leave out."""
    read = seg_mod.text_blocks(cleaned.blocks)
    if not read:
        raise Rejected("no_text", "nothing left after cleaning")
    authors = (list(raw.authors) or cleaned.authors
               or (seg_mod.header_authors(cleaned.blocks) if raw.content_type == PLAIN else []))
    body = seg_mod.without_author_notes(read, authors)
    kept = {id(b) for b in body}
    notes = {id(b) for b in read} - kept
    first = next(i for i, b in enumerate(cleaned.blocks) if id(b) in kept)
    for i, b in enumerate(cleaned.blocks):  # out of the text: counted like the cleaner's removals
        if b.kind == BODY and not b.furniture and id(b) not in kept:
            reason = seg_mod.AUTHOR_NOTE if id(b) in notes else seg_mod.LEADING if i < first else seg_mod.TRAILING
            cleaned.removed[reason] += 1
            cleaned.removed_chars[reason] += len(b.text)
    kept_chars = sum(len(b.text) for b in body)
    headline = _headline(cleaned, raw.url)
    title = raw.title or cleaned.title or (headline.text if headline else None)
    all_chars = kept_chars + sum(cleaned.removed_chars.values())
    return Article(
        id=raw.id,
        parent_id=raw.id,
        text="\n\n".join(b.text for b in body),
        url=raw.url,
        source={"domain": site_of(raw), "credibility": []},
        title=title,
        authors=authors,
        published=iso_date(raw.published) or cleaned.published,
        description=cleaned.description,
        spans=_spans(headline if headline and headline.text == title else None, body)
        if raw.content_type == PLAIN else None,
        content_type=raw.content_type,
        meta=raw.meta,
        quality={"boilerplate_ratio": round(1 - kept_chars / all_chars, 4) if all_chars else 0.0},
        provenance={"removed": dict(cleaned.removed), "kept_blocks": len(body), "flags": cleaned.flags},
        blocks=cleaned.blocks,
        versions={"newsflow": __version__, "cleaner": CLEANER_VERSION},
    )


URL_TITLE_MARGIN = 0.2
"""How much more of the page's address (:func:`newsflow.text.slug.share`) the line that spells it best
must hold than the headline the segmenter reads off the text to be the title instead."""


def _headline(cleaned: clean_mod.Cleaned, url: str | None) -> Block | None:
    """The page's headline: the segmenter's (:func:`newsflow.text.segment.headline`), or the line
    that spells the page's address (:attr:`~newsflow.text.clean.Cleaned.url_title`) where that holds
    :data:`URL_TITLE_MARGIN` more of its words. It costs cleaning a sixth of its time."""
    headline = seg_mod.headline(cleaned.blocks)
    candidate = cleaned.url_title
    if candidate is None or (headline is not None and headline.text == candidate.text):
        return headline
    words = slug.slug_words(url)
    if headline is not None and slug.share(headline.text, words) > slug.share(candidate.text, words) - URL_TITLE_MARGIN:
        return headline
    return candidate


def segment_stage(doc: Article) -> list[Article]:
    """Cleaned page → its articles. A single article keeps the page's id; the n-th of several
    gets ``<page id>#<n>``, so the same input always gives the same ids."""
    groups = seg_mod.segment(doc.blocks if doc.blocks is not None else [], content_boundaries=doc.content_type == PLAIN)
    if not groups:
        raise Rejected("no_text", "no article found in the page")
    out = []
    for i, group in enumerate(groups):
        found = seg_mod.parts(group, opened=i > 0)
        single = len(groups) == 1
        # hints from the scraper describe the page, so they win for a single article
        title = (doc.title if single else None) or found.title
        authors = (doc.authors if single else []) or found.authors
        body = seg_mod.without_author_notes(found.body, authors)
        if i < len(groups) - 1:  # the page's own end was read by the cleaner
            body = seg_mod.without_closing_notices(body, linefilter.TEXT if doc.content_type == PLAIN else linefilter.HTML)
        out.append(
            replace(
                doc,
                id=doc.parent_id if single else f"{doc.parent_id}#{i}",
                segment=i,
                segments=len(groups),
                title=title,
                description=(doc.description if single else None) or found.description,
                authors=authors,
                published=doc.published if single else found.published,
                text="\n\n".join(b.text for b in body),
                spans=_spans(next((b for b in group if b.kind == TITLE and b.text == title), None), body)
                if doc.content_type == PLAIN else None,
                blocks=None,
                versions={**doc.versions, "segmenter": seg_mod.VERSION},
            )
        )
    return out


def tagged_text(article: Article) -> str:
    """What the tagger's results depend on: the text, and for topics the title too (a headline
    names the subject in a few words; scrapers and the segmenter keep it out of ``text``). The
    tagger's cache is keyed by it."""
    title = article.title
    return f"{title}\n{article.text}" if title and not article.text.startswith(title) else article.text


def tag_batch(articles: list[Article], aliases_file: str | None = None) -> list[Article]:
    """Articles → the same articles with language, entities, topics, keywords, source credibility
    and the spun-text score (``quality.spun``).
    The NER model runs over the whole batch at once."""
    languages = [lang_mod.detect_language(a.text) for a in articles]
    model_languages = [lang_mod.model_language(a.text, lang) for a, lang in zip(articles, languages, strict=True)]
    entities = ent_mod.extract_entities(zip((a.text for a in articles), model_languages, strict=True), aliases_file)
    return [
        with_tags(article, {"language": language, "entities": found,
                            "keywords": kw_mod.keywords(article.text, language),
                            "topics": topic_mod.topics(tagged_text(article), language)})
        for article, language, found in zip(articles, languages, entities, strict=True)
    ]


def tag_batch_each(articles: list[Article], aliases_file: str | None = None) -> list[Article | Exception]:
    """:func:`tag_batch`, and when the batch fails, each article alone: one article that breaks
    the tagger comes back as its exception, in its place, and the others are tagged."""
    try:
        return tag_batch(articles, aliases_file)
    except Exception:  # find the culprit below
        out: list[Article | Exception] = []
        for article in articles:
            try:
                out.append(tag_stage(article, aliases_file))
            except Exception as exc:  # returned to the caller, which dead-letters it
                out.append(exc)
        return out


_CACHED_FIELDS = ("language", "entities", "keywords", "topics")


def tag_fields(article: Article) -> dict:
    """What the tagger computed from the text alone: the part worth caching by text hash."""
    return {name: getattr(article, name) for name in _CACHED_FIELDS}


def with_tags(article: Article, fields: dict) -> Article:
    """``article`` tagged from cached :func:`tag_fields` (credibility and the spun score are cheap:
    recomputed)."""
    return replace(
        article,
        **{name: fields[name] for name in _CACHED_FIELDS},
        source={**article.source, "credibility": cred_mod.credibility(article.source.get("domain"))},
        quality={**article.quality, "spun": spun_mod.spun_score(article.text, fields["language"])},
        versions={**article.versions, "tagger": TAGGER_VERSION},
    )


def tag_stage(article: Article, aliases_file: str | None = None) -> Article:
    """:func:`tag_batch` for one article."""
    return tag_batch([article], aliases_file)[0]


def run_stages(raw: RawArticle, stages: Iterable[str] = STAGES, aliases_file: str | None = None,
               sites: SiteMemory | None = None) -> list[Article]:
    """Run ``stages`` (a subset of :data:`STAGES`, in order) on one raw page, offline; ``sites``
    remembers the pages of each site seen so far (site furniture, :mod:`newsflow.text.sitelines`)."""
    return after_cleaning(cleaned_page(raw, sites), stages, aliases_file)


def cleaned_page(raw: RawArticle, sites: SiteMemory | None = None) -> Article:
    """:func:`clean_stage`, reading and then remembering ``raw``'s site's pages in ``sites`` if given."""
    if sites is None:
        return clean_stage(raw)
    site = site_of(raw)
    doc, keys = clean_site_page(raw, sites.recent(site))
    sites.remember(site, raw.id, keys)
    return doc


def after_cleaning(doc: Article, stages: Iterable[str] = STAGES, aliases_file: str | None = None) -> list[Article]:
    """The stages of ``stages`` after cleaning on a cleaned page (:func:`cleaned_page`): they read no
    other page, so pages may go through them in any order or process."""
    stages = set(stages)
    articles = segment_stage(doc) if "segment" in stages else [replace(doc, blocks=None)]
    return tag_batch(articles, aliases_file) if "tag" in stages else articles


def warm_up_segmenter() -> None:
    """Load the word frequencies the segmenter weighs words by now rather than on the first message
    (0.2 s from the cache, 1.8 s to build them on a machine's first run), the month names dates are
    read by (0.3 s to build on a machine's first run: the Docker image carries both), the boundary
    check's trees, and the near-duplicate fingerprinting (datasketch, 0.5 s)."""
    informativeness("en", seg_mod.PREFIX)
    boundaries.model()
    iso_date("1 January 2000")
    minhash.signature(" ".join(f"warm-up {i}" for i in range(10)), minhash.Params())


def warm_up() -> None:
    """Load the tagger's models now rather than on the first message."""
    lang_mod.warm_up()
    tag_stage(Article(id="warm-up", parent_id="warm-up", text="Angela Merkel met Emmanuel Macron in Paris."))
