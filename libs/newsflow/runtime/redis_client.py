"""The Redis connection a worker's duplicate index, result cache, site memory and output log share,
and the guard each of their calls goes through.

Short socket timeouts: when Redis is down, a call fails within a second and the caller carries on
without it (:func:`tolerant`); redis-py reconnects by itself on a later call.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from newsflow.runtime.metrics import REDIS_ERRORS
from newsflow.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")


async def tolerant(client: aioredis.Redis | None, stage: str, call: Callable[[aioredis.Redis], Awaitable[T]],
                   default: T, skipped: str) -> T:
    """``call`` on ``client``; ``default`` without a client, or when the call fails (counted in
    ``newsflow_redis_errors_total`` and logged with ``skipped``, what goes without it): Redis is a
    help to the stages, never a condition of going on."""
    if client is None:
        return default
    try:
        return await call(client)
    except (RedisError, OSError) as exc:
        REDIS_ERRORS.labels(stage).inc()
        log.warning("redis unavailable, %s: %s", skipped, exc)
        return default


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
