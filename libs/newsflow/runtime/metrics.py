"""Every Prometheus metric newsflow exports, defined once.

Names follow prometheus.io: prefix ``newsflow_``, counters end in ``_total``, durations are
histograms in seconds, sizes in bytes. Labels are bounded: stage, reason, language, topic_label, and topic and partition (8 a topic).
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

MESSAGES_IN = Counter("newsflow_messages_in_total", "Messages consumed by a stage.", ["stage"])
MESSAGES_OUT = Counter("newsflow_messages_out_total", "Messages produced by a stage.", ["stage"])
DEAD_LETTERS = Counter(
    "newsflow_dead_letters_total", "Messages sent to the dead-letter topic, by reason.", ["stage", "reason"]
)
UNEXPECTED_ERRORS = Counter(
    "newsflow_unexpected_errors_total", "Exceptions that were not a known rejection (also dead-lettered).", ["stage"]
)
DUPLICATES = Counter("newsflow_duplicates_total", "Articles marked as duplicates, by kind.", ["stage", "kind"])
DEDUP_SKIPPED = Counter(
    "newsflow_dedup_skipped_total", "Articles whose duplicate check was skipped because Redis was unavailable.", ["stage"]
)
CACHE_REQUESTS = Counter(
    "newsflow_cache_requests_total", "Result-cache lookups, by result (hit, miss, error).", ["stage", "result"]
)
REPLAYS_SUPPRESSED = Counter(
    "newsflow_replays_suppressed_total", "Outputs not produced again because a redelivered record had produced them.",
    ["stage"],
)
REDIS_ERRORS = Counter("newsflow_redis_errors_total", "Failed Redis calls.", ["stage"])
LINES_REMOVED = Counter(
    "newsflow_lines_removed_total",
    "Lines the cleaner left out of the text, by reason (the rules' reasons; line_filter: the learned line filter).",
    ["reason"],
)
LINES_KEPT = Counter("newsflow_lines_kept_total", "Lines the cleaner kept as the text's paragraphs and subheadings.")
ARTICLES = Counter("newsflow_articles_total", "Tagged articles, by language.", ["language"])
TOPICS = Counter("newsflow_topics_total", "Tagged articles, by their best IPTC topic.", ["topic_label"])
SPUN_SCORE = Histogram(
    "newsflow_spun_score",
    "Spun-text score (quality.spun) of tagged English articles; 2.7 is exceeded by 5% of normal news.",
    buckets=(-2, -1, 0, 1, 2, 2.7, 4, 6, 10),
)
PROCESS_SECONDS = Histogram(
    "newsflow_process_seconds",
    "Time to run a stage's pure function on one message.",
    ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
MESSAGE_BYTES = Histogram(
    "newsflow_message_bytes",
    "Size of consumed messages.",
    ["stage"],
    buckets=(512, 2048, 8192, 32768, 131072, 524288, 2097152, 8388608, 33554432),
)
CONSUMER_LAG = Gauge(
    "newsflow_consumer_lag",
    "Messages of an input partition the stage's group has not committed yet: its end offset, as the "
    "worker last fetched it, less the group's committed offset.",
    ["stage", "topic", "partition"],
)
LAST_SUCCESS = Gauge(
    "newsflow_last_success_timestamp_seconds", "Unix time of the last message a stage produced.", ["stage"]
)
