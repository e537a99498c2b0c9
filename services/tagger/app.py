"""Tagger worker: ``news.segmented.v1`` → ``news.tagged.v1`` (language, entities, keywords,
topics, credibility). Articles are taken in batches so the NER model runs over many at once (a
batch holding a record a worker died on, one at a time: see ``runtime.app.poisoned``); results are
cached in Redis by the hash of title and text and the tagger version."""

import asyncio

from newsflow import topics
from newsflow.pipeline import TAGGER_VERSION, tag_batch_each, tag_fields, tagged_text, warm_up, with_tags
from newsflow.runtime.app import create_app, guard, poisoned, raw_topic, send
from newsflow.runtime.cache import ResultCache
from newsflow.runtime.metrics import ARTICLES, SPUN_SCORE, TOPICS
from newsflow.schema import Article

app = create_app("tagger", on_start=warm_up)
segmented = raw_topic(app, topics.INPUT["tagger"])
tagged = raw_topic(app, topics.TAGGED)
settings = app.newsflow_settings
cache = ResultCache(app.newsflow_redis, stage="tagger", version=f"{TAGGER_VERSION}:{settings.aliases_file or ''}",
                    ttl_seconds=settings.cache_ttl_seconds, namespace=settings.namespace)


@app.agent(segmented)
async def tag(stream):
    async for events in stream.take_events(settings.tagger_batch_size, within=settings.tagger_batch_seconds):
        # a worker died holding one of these: each alone, so only the record that kills workers is
        # counted each time (and dead-lettered in the end), not the batch it came in
        careful = await app.newsflow_outputs.any_taken([(e.message.topic, e.message.partition, e.message.offset)
                                                        for e in events])
        for batch in ([event] for event in events) if careful else [events]:
            await tag_together(batch)


async def tag_together(events) -> None:
    """Tag ``events`` together: the NER model runs over the batch's cache misses at once."""
    # 1. decode and look up the cache, message by message (a bad one is dead-lettered alone)
    todo = []
    for event in events:
        if await poisoned(app, event):
            continue
        async with guard(app, event, last=False):
            article = Article.from_bytes(event.value)
            todo.append((event, article, await cache.get(tagged_text(article))))
    # 2. tag the cache misses together
    misses = [article for _, article, cached in todo if cached is None]
    results = iter(await asyncio.to_thread(tag_batch_each, misses, settings.aliases_file))
    # 3. send each, or dead-letter the one whose tagging failed
    for event, article, cached in todo:
        async with guard(app, event, arrived=False):
            if cached is not None:
                article = with_tags(article, cached)
            else:
                article = next(results)
                if isinstance(article, Exception):
                    raise article
                await cache.put(tagged_text(article), tag_fields(article))
            await send(app, tagged, event, article.id, article.to_bytes())
            ARTICLES.labels(article.language or "unknown").inc()
            TOPICS.labels(article.topics[0]["label"] if article.topics else "none").inc()
            if article.quality.get("spun") is not None:
                SPUN_SCORE.observe(article.quality["spun"])
