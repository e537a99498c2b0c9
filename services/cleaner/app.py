"""Cleaner worker: ``news.raw.v1`` → ``news.cleaned.v1`` (boilerplate out, text normalised), with
each site's recent pages remembered in Redis (site furniture)."""

import asyncio

from newsflow import topics
from newsflow.pipeline import clean_site_page, site_of
from newsflow.runtime.app import create_app, guard, poisoned, raw_topic, send
from newsflow.runtime.metrics import LINES_KEPT, LINES_REMOVED
from newsflow.runtime.sites import RedisSiteMemory
from newsflow.schema import RawArticle

app = create_app("cleaner")
raw = raw_topic(app, topics.INPUT["cleaner"])
cleaned = raw_topic(app, topics.CLEANED)
settings = app.newsflow_settings
sites = RedisSiteMemory(app.newsflow_redis if settings.site_furniture else None, stage="cleaner",
                        ttl_seconds=settings.site_ttl_seconds, namespace=settings.namespace)


@app.agent(raw)
async def clean(stream):
    async for event in stream.events():
        if await poisoned(app, event):
            continue
        async with guard(app, event):
            page = RawArticle.from_bytes(event.value, settings.max_content_bytes)
            site = site_of(page)
            doc, keys = await asyncio.to_thread(clean_site_page, page, await sites.recent(site))
            await send(app, cleaned, event, doc.id, doc.to_bytes())
            await sites.remember(site, doc.id, keys)
            for reason, lines in doc.provenance["removed"].items():
                LINES_REMOVED.labels(reason).inc(lines)
            LINES_KEPT.inc(doc.provenance["kept_blocks"])
