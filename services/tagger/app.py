"""Tagger worker: ``news.segmented.v1`` → ``news.tagged.v1`` (language, entities, keywords, credibility)."""

from newsflow import topics
from newsflow.pipeline import tag_stage, warm_up
from newsflow.runtime.app import create_app, guard, raw_topic, send
from newsflow.runtime.metrics import ARTICLES
from newsflow.schema import Article

app = create_app("tagger", on_start=warm_up)
segmented = raw_topic(app, topics.SEGMENTED)
tagged = raw_topic(app, topics.TAGGED)


@app.agent(segmented)
async def tag(stream):
    async for event in stream.events():
        async with guard(app, event):
            article = tag_stage(Article.from_bytes(event.value), app.newsflow_settings.aliases_file)
            await send(tagged, article.id, article.to_bytes(), "tagger")
            ARTICLES.labels(article.language or "unknown").inc()
