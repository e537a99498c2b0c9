"""Tagger worker: ``news.segmented.v1`` → ``news.tagged.v1`` (language, entities, keywords,
credibility); results cached in Redis by text hash and tagger version."""

from newsflow import topics
from newsflow.pipeline import TAGGER_VERSION, tag_fields, tag_stage, warm_up, with_tags
from newsflow.runtime.app import create_app, guard, raw_topic, send
from newsflow.runtime.cache import ResultCache
from newsflow.runtime.metrics import ARTICLES, TOPICS
from newsflow.schema import Article

app = create_app("tagger", on_start=warm_up)
segmented = raw_topic(app, topics.SEGMENTED)
tagged = raw_topic(app, topics.TAGGED)
settings = app.newsflow_settings
cache = ResultCache(app.newsflow_redis, stage="tagger", version=f"{TAGGER_VERSION}:{settings.aliases_file or ''}",
                    ttl_seconds=settings.cache_ttl_seconds, namespace=settings.namespace)


@app.agent(segmented)
async def tag(stream):
    async for event in stream.events():
        async with guard(app, event):
            article = Article.from_bytes(event.value)
            cached = await cache.get(article.text)
            if cached is not None:
                article = with_tags(article, cached)
            else:
                article = tag_stage(article, settings.aliases_file)
                await cache.put(article.text, tag_fields(article))
            await send(app, tagged, event, article.id, article.to_bytes())
            ARTICLES.labels(article.language or "unknown").inc()
            TOPICS.labels(article.topics[0]["label"] if article.topics else "none").inc()
