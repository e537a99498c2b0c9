"""Segmenter worker: ``news.cleaned.v1`` → ``news.segmented.v1`` (one message per article found),
with exact and near duplicates marked through Redis."""

import asyncio

from newsflow import topics
from newsflow.pipeline import segment_stage, warm_up_segmenter
from newsflow.runtime.app import create_app, guard, poisoned, raw_topic, send
from newsflow.runtime.dedup import DuplicateIndex
from newsflow.schema import Article

app = create_app("segmenter", on_start=warm_up_segmenter)
cleaned = raw_topic(app, topics.INPUT["segmenter"])
segmented = raw_topic(app, topics.SEGMENTED)
settings = app.newsflow_settings
duplicates = DuplicateIndex.from_settings(settings, "segmenter", app.newsflow_redis)


@app.agent(cleaned)
async def segment(stream):
    async for event in stream.events():
        if await poisoned(app, event):
            continue
        async with guard(app, event):
            for article in await asyncio.to_thread(segment_stage, Article.from_bytes(event.value)):
                article = await duplicates.mark(article)
                await send(app, segmented, event, article.id, article.to_bytes())
