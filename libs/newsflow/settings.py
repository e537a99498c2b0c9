"""One settings object, read from the environment (prefix ``NEWSFLOW_``) and an optional ``.env``.

Services and the CLI read :func:`get_settings` and pass values on explicitly; nothing else
reads the environment.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

STAGES = ("cleaner", "segmenter", "tagger")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    log_level: str = "INFO"

    kafka_bootstrap: str = "127.0.0.1:9092"
    """Comma-separated ``host:port`` list of Kafka brokers."""
    namespace: str = ""
    """Prefix for every topic name and consumer group, e.g. ``test-1234.``; empty in production."""

    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    """How to reach the brokers: ``SASL_SSL`` for most managed Kafka services (Confluent Cloud, MSK, Aiven)."""
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    kafka_username: str | None = None
    kafka_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = None
    """CA certificates (PEM) to check the brokers' certificate by; None: the system's."""

    kafka_session_timeout_seconds: float = 20.0
    """How long a worker may go without a heartbeat before Kafka gives its partitions to the others:
    how long a dead worker's share of the stream waits (a worker that stops cleanly leaves at once).
    Faust's default is 60 s; the work runs in threads, so heartbeats go on during long pages. With 20 s,
    a tagger killed mid-stream was reading again 20 s later (60 s with Faust's default)."""

    state_dir: str = "/tmp/newsflow"
    """Where Faust workers keep their local state (offsets of in-memory tables, leader election)."""

    redis_url: str | None = None
    """``redis://host:port/db``. None: no dedup and no cache (``newsflow process`` default)."""
    redis_password: SecretStr | None = None

    dedup_ttl_seconds: int = 7 * 24 * 3600
    """How long a content hash is remembered for duplicate detection (default 7 days)."""

    near_duplicate_threshold: float = 0.5
    """Estimated Jaccard similarity of word shingles from which an article is a near duplicate; 0 turns it off."""
    near_duplicate_shingle: int = 3
    """Words per shingle for near-duplicate detection."""

    site_furniture: bool = True
    """Remember each site's recent pages (the cleaner worker in Redis, ``newsflow process`` in memory)
    and take out paragraphs the site repeats on many of them (:mod:`newsflow.text.sitelines`)."""
    site_ttl_seconds: int = 7 * 24 * 3600
    """How long a site's remembered pages stay in Redis after its last page (default 7 days)."""

    cache_ttl_seconds: int = 7 * 24 * 3600
    """How long a stage result stays in the Redis result cache (default 7 days)."""

    metrics_port: int | None = None
    """Port of a worker's Prometheus endpoint; None: 9101/9102/9103 for cleaner/segmenter/tagger; 0: off."""

    aliases_file: str | None = None
    """Extra entity aliases (JSON, same shape as ``newsflow/data/aliases.json``), merged over the shipped table."""

    tagger_batch_size: int = 16
    """The tagger takes up to this many articles at once, so the NER model runs over a batch."""
    tagger_batch_seconds: float = 0.5
    """…or what has arrived within this many seconds, whichever comes first."""

    max_content_bytes: int = 16 * 1024 * 1024
    """Raw messages whose ``content`` is larger than this (UTF-8 bytes) are rejected as ``too_large``."""

    @model_validator(mode="after")
    def _kafka_credentials(self) -> Settings:
        if self.kafka_security_protocol.startswith("SASL") and not (self.kafka_username and self.kafka_password):
            raise ValueError(f"NEWSFLOW_KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs "
                             "NEWSFLOW_KAFKA_USERNAME and NEWSFLOW_KAFKA_PASSWORD")
        return self

    @model_validator(mode="after")
    def _no_placeholder_secrets(self) -> Settings:
        if (
            self.environment == "production"
            and self.redis_password is not None
            and self.redis_password.get_secret_value() in {"", "changeme", "changethis"}
        ):
            raise ValueError("NEWSFLOW_REDIS_PASSWORD is a placeholder; set a real secret in production")
        return self

    def consumer_group(self, stage: str) -> str:
        """The Kafka consumer group of ``stage``'s workers (or of a command: ``redrive``)."""
        return f"{self.namespace}newsflow-{stage}"

    def worker_metrics_port(self, stage: str) -> int:
        if self.metrics_port is not None:
            return self.metrics_port
        return 9101 + STAGES.index(stage)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
