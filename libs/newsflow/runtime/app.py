"""The Faust side of a worker: app factory, raw-bytes topics, and the guard that turns every
failure of one message into a dead letter instead of a crash loop or a silent drop."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import faust
from prometheus_client import start_http_server

from newsflow.runtime.deadletter import dead_letter_headers
from newsflow.runtime.metrics import (
    CONSUMER_LAG,
    DEAD_LETTERS,
    LAST_SUCCESS,
    MESSAGE_BYTES,
    MESSAGES_IN,
    MESSAGES_OUT,
    PROCESS_SECONDS,
    REPLAYS_SUPPRESSED,
    UNEXPECTED_ERRORS,
)
from newsflow.runtime.outputs import OutputLog
from newsflow.runtime.redis_client import connect
from newsflow.schema import Rejected
from newsflow.settings import Settings, get_settings
from newsflow.topics import DEAD_LETTER, MAX_MESSAGE_BYTES, TopicSpec

log = logging.getLogger(__name__)


class LagMonitor(faust.Monitor):
    """Faust's monitor, which also keeps :data:`~newsflow.runtime.metrics.CONSUMER_LAG` for the worker's
    ``stage``: the end offset of each input partition as the consumer fetches it, less what the group
    has committed there, set whenever either moves."""

    stage = "?"

    def track_tp_end_offset(self, tp: Any, offset: int) -> None:
        super().track_tp_end_offset(tp, offset)
        self._set_lag(tp)

    def on_tp_commit(self, tp_offsets: Any) -> None:
        super().on_tp_commit(tp_offsets)
        for tp in tp_offsets:
            self._set_lag(tp)

    def _set_lag(self, tp: Any) -> None:
        end, committed = self.tp_end_offsets.get(tp), self.tp_committed_offsets.get(tp)
        if end is not None and committed is not None:
            CONSUMER_LAG.labels(self.stage, tp.topic, str(tp.partition)).set(max(end - committed, 0))


def broker_credentials(settings: Settings) -> faust.auth.Credentials | None:
    """Faust's credentials for the security protocol of ``settings`` (None for plain text)."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    context = None
    if protocol.endswith("SSL"):
        context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
    if protocol == "SSL":
        return faust.SSLCredentials(context)
    return faust.SASLCredentials(username=settings.kafka_username, mechanism=settings.kafka_sasl_mechanism,
                                 password=settings.kafka_password.get_secret_value() if settings.kafka_password else None,
                                 ssl_context=context)


def create_app(stage: str, settings: Settings | None = None, on_start: Callable[[], Any] | None = None) -> faust.App:
    """A Faust app for ``stage`` wired to ``settings``: consumer group ``<namespace>newsflow-<stage>``,
    no Faust web server (metrics go to our own Prometheus endpoint), in-memory tables only.

    ``on_start`` (loading models) is run by ``newsflow worker`` before the app starts: run on the
    event loop it would stall the Kafka consumer's heartbeats for as long as it takes."""
    settings = settings or get_settings()
    app_id = settings.consumer_group(stage)
    Path(settings.state_dir).mkdir(parents=True, exist_ok=True)
    app = faust.App(
        app_id,
        broker=[f"kafka://{host.strip()}" for host in settings.kafka_bootstrap.split(",")],
        broker_credentials=broker_credentials(settings),
        datadir=str(Path(settings.state_dir) / app_id),
        store="memory://",
        web_enabled=False,
        topic_partitions=8,
        producer_max_request_size=MAX_MESSAGE_BYTES,
        consumer_max_fetch_size=MAX_MESSAGE_BYTES,
        producer_acks=-1,
        broker_commit_every=200,
        broker_commit_interval=1.0,
        broker_session_timeout=settings.kafka_session_timeout_seconds,
        stream_buffer_maxsize=256,
        Monitor=type(f"{stage.title()}LagMonitor", (LagMonitor,), {"stage": stage}),
    )
    app.newsflow_stage = stage
    app.newsflow_settings = settings
    app.newsflow_on_start = on_start
    app.newsflow_dead_letters = raw_topic(app, DEAD_LETTER)
    app.newsflow_redis = connect(settings)  # one client per worker, shared by every Redis-backed step
    app.newsflow_outputs = OutputLog(app.newsflow_redis, stage=stage, ttl_seconds=settings.dedup_ttl_seconds,
                                     namespace=settings.namespace)

    @app.task
    async def _start() -> None:
        port = settings.worker_metrics_port(stage)
        if port:
            start_http_server(port)
            log.info("%s: Prometheus metrics on :%d/metrics", stage, port)

    return app


def raw_topic(app: faust.App, spec: TopicSpec) -> faust.TopicT:
    """A topic whose keys and values reach our code as bytes; decoding is ours, so a poison
    message lands in the dead-letter path instead of failing inside Faust."""
    settings: Settings = app.newsflow_settings
    return app.topic(
        spec.qualified(settings.namespace),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=spec.partitions,
        retention=spec.retention_ms / 1000,
    )


async def send(app: faust.App, topic: faust.TopicT, event: faust.EventT, key: str, value: bytes) -> None:
    """Produce one output of ``event``; skipped when this very input record already produced it
    (a redelivery, see :mod:`newsflow.runtime.outputs`)."""
    stage = app.newsflow_stage
    if len(value) > MAX_MESSAGE_BYTES - 1024:  # room for the key and the record's framing
        raise Rejected("too_large", f"the {stage}'s output {key!r} is {len(value):,} bytes, more than a message holds "
                                    f"({MAX_MESSAGE_BYTES:,})")
    outputs: OutputLog = app.newsflow_outputs
    if outputs.client is None:
        await topic.send(key=key.encode(), value=value)
    else:
        message = event.message
        log_key = outputs.key(message.topic, message.partition, message.offset, key)
        if await outputs.produced(log_key):
            REPLAYS_SUPPRESSED.labels(stage).inc()
            return
        # sent now and awaited, so the log is written only after the broker has the message
        sent = await topic.send(key=key.encode(), value=value, force=True)
        await sent
        await outputs.record(log_key)
    MESSAGES_OUT.labels(stage).inc()
    LAST_SUCCESS.labels(stage).set(time.time())


MAX_TAKEN = 3
"""Times workers may take up a record and die before finishing it (killed for their memory, a crash in
native code) before the next one dead-letters it as ``worker_died`` instead of dying on it too."""


def _count_in(stage: str, event: faust.EventT) -> None:
    """A message in, and its size."""
    MESSAGES_IN.labels(stage).inc()
    MESSAGE_BYTES.labels(stage).observe(len(event.value or b""))


async def poisoned(app: faust.App, event: faust.EventT) -> bool:
    """Counts the record as taken up (:meth:`OutputLog.taken <newsflow.runtime.outputs.OutputLog.taken>`)
    and, when workers have died on it :data:`MAX_TAKEN` times, dead-letters it as ``worker_died``:
    the caller skips it, and its partition goes on. Counting needs Redis; without it, never."""
    message = event.message
    taken = await app.newsflow_outputs.taken(message.topic, message.partition, message.offset)
    if taken <= MAX_TAKEN:
        return False
    stage = app.newsflow_stage
    _count_in(stage, event)
    await _dead_letter(app, event, "worker_died",
                       RuntimeError(f"{taken - 1} {stage} workers died while handling this record"))
    await app.newsflow_outputs.finished(message.topic, message.partition, message.offset)
    return True


@asynccontextmanager
async def guard(app: faust.App, event: faust.EventT, arrived: bool = True, last: bool = True) -> AsyncIterator[None]:
    """Count the message in, time the body, and dead-letter it on any exception.

    A :class:`Rejected` goes to the dead-letter topic with its reason. Anything else is logged
    with topic/partition/offset, counted, and dead-lettered as ``internal_error`` with the
    exception class, so one bad message never stops the partition and is never lost.
    ``arrived=False``: a later step of a message already counted in (batched work); ``last=False``:
    not its last step, so the message is not yet finished with (:func:`poisoned`) when it ends.
    """
    stage = app.newsflow_stage
    message = event.message
    if arrived:
        _count_in(stage, event)
    started = time.perf_counter()
    try:
        yield
    except Rejected as exc:
        await _dead_letter(app, event, exc.reason, exc)
        last = True
    except Exception as exc:
        UNEXPECTED_ERRORS.labels(stage).inc()
        log.exception("%s: unexpected error at %s[%d]@%d", stage, message.topic, message.partition, message.offset)
        await _dead_letter(app, event, "internal_error", exc)
        last = True
    finally:
        PROCESS_SECONDS.labels(stage).observe(time.perf_counter() - started)
    if last:
        await app.newsflow_outputs.finished(message.topic, message.partition, message.offset)


async def _dead_letter(app: faust.App, event: faust.EventT, reason: str, error: BaseException) -> None:
    stage = app.newsflow_stage
    message = event.message
    headers = dead_letter_headers(
        stage=stage,
        reason=reason,
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        error=error,
    )
    await app.newsflow_dead_letters.send(key=event.key, value=event.value or b"", headers=headers)
    DEAD_LETTERS.labels(stage, reason).inc()
    log.warning("%s: dead letter %s[%d]@%d: %s", stage, message.topic, message.partition, message.offset, error)
