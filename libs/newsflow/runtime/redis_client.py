"""The Redis connection shared by the duplicate index and the result cache.

Short socket timeouts: when Redis is down, a call fails within a second and the caller carries on
without it (see :mod:`newsflow.runtime.dedup` and :mod:`newsflow.runtime.cache`); redis-py
reconnects by itself on a later call.
"""

from __future__ import annotations

import redis.asyncio as aioredis

from newsflow.settings import Settings


def connect(settings: Settings) -> aioredis.Redis | None:
    """An asyncio Redis client for ``settings.redis_url``; None when no Redis is configured."""
    if not settings.redis_url:
        return None
    return aioredis.Redis.from_url(
        settings.redis_url,
        password=settings.redis_password.get_secret_value() if settings.redis_password else None,
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        health_check_interval=30,
    )
