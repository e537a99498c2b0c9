"""Runtime helpers around the pure stages: metrics, dead letters, Redis, the Faust app factory."""


class KafkaUnavailable(RuntimeError):
    """Kafka could not be reached or lacks a topic; the message says what to do."""
