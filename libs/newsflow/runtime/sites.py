"""A site's remembered pages in Redis, for the cleaner's site-furniture rule
(:mod:`newsflow.text.sitelines`), shared by every cleaner worker.

Key: ``<namespace>newsflow:site:<version>:<domain>``, a list of the site's newest
:data:`~newsflow.text.sitelines.HISTORY` pages (each its id and line keys, ~250 bytes), refreshed
to a time-to-live on every page. Two round trips a page: read the list before cleaning, push the
page after. Redis errors skip the rule for that page (it is cleaned as on a site's first pages).
"""

from __future__ import annotations

import logging

import redis.asyncio as aioredis

from newsflow.runtime.redis_client import tolerant
from newsflow.text import sitelines

log = logging.getLogger(__name__)


class RedisSiteMemory:
    def __init__(self, client: aioredis.Redis | None, *, stage: str, ttl_seconds: int, namespace: str = "",
                 pages: int = sitelines.HISTORY) -> None:
        self.client = client
        self.stage = stage
        self.ttl = ttl_seconds
        self.pages = pages
        self.prefix = f"{namespace}newsflow:site:{sitelines.VERSION}:"

    async def recent(self, site: str | None) -> sitelines.History:
        if not site:
            return []
        key = self.prefix + site
        blobs = await tolerant(self.client, self.stage, lambda client: client.lrange(key, 0, self.pages - 1), [],
                               "site furniture skipped")
        pages = []
        for blob in blobs:
            try:
                pages.append(sitelines.unpack(blob))
            except ValueError:  # not written by this version: skipped, never fatal to the page
                log.warning("unreadable remembered page under %s skipped", key)
        return pages

    async def remember(self, site: str | None, page_id: str, keys: list[int]) -> None:
        if not site:
            return
        key = self.prefix + site

        async def pushed(client: aioredis.Redis) -> None:
            async with client.pipeline(transaction=False) as pipe:
                pipe.lpush(key, sitelines.pack(page_id, keys))
                pipe.ltrim(key, 0, self.pages - 1)
                pipe.expire(key, self.ttl)
                await pipe.execute()

        await tolerant(self.client, self.stage, pushed, None, "page not remembered for site furniture")
