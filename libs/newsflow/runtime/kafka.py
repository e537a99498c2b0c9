"""kafka-python helpers for the CLI: admin (topic creation), a producer, and readers that start
at given offsets. The workers use Faust; this module is for commands that are not workers."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata

from newsflow.runtime import KafkaUnavailable
from newsflow.settings import Settings
from newsflow.topics import ALL, MAX_MESSAGE_BYTES, TopicSpec

log = logging.getLogger(__name__)


def _servers(settings: Settings) -> list[str]:
    return [h.strip() for h in settings.kafka_bootstrap.split(",")]


def _connection(settings: Settings) -> dict:
    """kafka-python's options to reach the brokers: their addresses, and TLS and SASL as configured."""
    options: dict = {"bootstrap_servers": _servers(settings), "security_protocol": settings.kafka_security_protocol}
    if settings.kafka_security_protocol.startswith("SASL"):
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism, sasl_plain_username=settings.kafka_username,
                       sasl_plain_password=settings.kafka_password.get_secret_value() if settings.kafka_password else None)
    if settings.kafka_ssl_cafile:
        options["ssl_cafile"] = settings.kafka_ssl_cafile
    return options


def _retrying(make, settings: Settings, what: str, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return make()
        except KafkaError as exc:
            if time.monotonic() > deadline:
                hint = ("is the stack up? (make stack-up)" if settings.kafka_security_protocol == "PLAINTEXT" else
                        f"are the brokers up, do they speak {settings.kafka_security_protocol} at that address, and "
                        "does NEWSFLOW_KAFKA_USERNAME / NEWSFLOW_KAFKA_PASSWORD (or the CA file) hold?")
                raise KafkaUnavailable(f"cannot reach Kafka at {settings.kafka_bootstrap} for {what} ({exc}); {hint}") from exc
            time.sleep(0.5)


def create_topics(settings: Settings, specs: Iterable[TopicSpec] = ALL) -> list[str]:
    """Create missing topics (idempotent); returns the names that were created."""
    admin = _retrying(lambda: KafkaAdminClient(**_connection(settings), client_id="newsflow-admin"), settings, "admin")
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(
                s.qualified(settings.namespace),
                num_partitions=s.partitions,
                replication_factor=1,
                topic_configs={"retention.ms": str(s.retention_ms)},
            )
            for s in specs
            if s.qualified(settings.namespace) not in existing
        ]
        created = []
        for topic in wanted:
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        admin.close()


def _partitions(consumer: KafkaConsumer, topic: str, seconds: float) -> set[int]:
    """``topic``'s partitions, waiting up to ``seconds`` for the metadata; none when there is no such topic."""
    deadline = time.monotonic() + seconds
    while not (parts := consumer.partitions_for_topic(topic)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return parts or set()


def held(settings: Settings, topic: str, group: str | None = None) -> tuple[int, int | None] | None:
    """How many messages ``topic`` holds (its partitions' end less beginning offsets) and, given a
    consumer ``group``, how many of them the group has yet to commit (all of them where it has
    committed nothing); None when there is no such topic. Reads offsets only: the group's members
    are not disturbed."""
    consumer = _retrying(lambda: KafkaConsumer(**_connection(settings), client_id="newsflow-status",
                                               group_id=group, enable_auto_commit=False), settings, "status")
    try:
        if not (parts := _partitions(consumer, topic, seconds=3.0)):
            return None
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        begin, end = consumer.beginning_offsets(tps), consumer.end_offsets(tps)
        messages = sum(end[tp] - begin[tp] for tp in tps)
        if group is None:
            return messages, None
        return messages, sum(end[tp] - max(consumer.committed(tp) or 0, begin[tp]) for tp in tps)
    finally:
        consumer.close()


def producer(settings: Settings) -> KafkaProducer:
    return _retrying(
        lambda: KafkaProducer(
            **_connection(settings),
            client_id="newsflow-push",
            acks="all",
            linger_ms=20,
            max_request_size=MAX_MESSAGE_BYTES,
        ),
        settings,
        "producing",
    )


class Reader:
    """Reads whole topics from chosen offsets; without a consumer ``group`` nothing is committed, with
    one it goes on from the group's offsets (:meth:`seek_committed`, :meth:`commit`)."""

    def __init__(self, settings: Settings, topics: list[str], group: str | None = None) -> None:
        self.consumer = _retrying(
            lambda: KafkaConsumer(
                **_connection(settings),
                client_id="newsflow-reader",
                group_id=group,
                enable_auto_commit=False,
                fetch_max_bytes=2 * MAX_MESSAGE_BYTES,
                max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
            ),
            settings,
            "reading",
        )
        self.partitions: list[TopicPartition] = []
        for topic in topics:
            parts = self._partitions_for(topic)
            self.partitions += [TopicPartition(topic, p) for p in sorted(parts)]
        self.consumer.assign(self.partitions)

    def _partitions_for(self, topic: str, seconds: float = 15.0) -> set[int]:
        if parts := _partitions(self.consumer, topic, seconds):
            return parts
        raise KafkaUnavailable(f"topic {topic} does not exist (run `newsflow topics`)")

    def end_offsets(self) -> dict[TopicPartition, int]:
        return self.consumer.end_offsets(self.partitions)

    def seek(self, offsets: dict[TopicPartition, int] | None = None, *, beginning: bool = False) -> None:
        if offsets is not None:
            for tp, offset in offsets.items():
                self.consumer.seek(tp, offset)
        elif beginning:
            self.consumer.seek_to_beginning(*self.partitions)
        else:
            self.consumer.seek_to_end(*self.partitions)

    def seek_committed(self) -> None:
        """Each partition at the group's committed offset, or at its beginning when it has none."""
        for tp in self.partitions:
            offset = self.consumer.committed(tp)
            if offset is None:
                self.consumer.seek_to_beginning(tp)
            else:
                self.consumer.seek(tp, offset)

    def position(self, tp: TopicPartition) -> int:
        return self.consumer.position(tp)

    def commit(self, offsets: dict[TopicPartition, int]) -> None:
        """The group's offsets: the next message to read on each partition."""
        if offsets:
            self.consumer.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in offsets.items()})

    def messages(self, timeout_ms: int = 500) -> Iterator:
        """Messages available within ``timeout_ms``; an empty iteration means nothing new yet."""
        for records in self.consumer.poll(timeout_ms=timeout_ms, max_records=1000).values():
            yield from records

    def close(self) -> None:
        self.consumer.close()
