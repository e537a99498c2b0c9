"""The provisioned Grafana dashboard and the Prometheus alerts read only metrics the services export,
and the consumer lag they read is what it says."""

import json
import re
from pathlib import Path

from prometheus_client import REGISTRY

from newsflow.runtime import metrics  # noqa: F401  (registers the metrics)

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "newsflow.json"
ALERTS = DEPLOY / "prometheus" / "alerts.yml"


def _exported() -> set[str]:
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    return {family.name + suffix for family in REGISTRY.collect() for suffix in suffixes.get(family.type, ())}


def test_every_queried_metric_is_exported():
    queried = {name for panel in json.loads(DASHBOARD.read_text())["panels"] for target in panel.get("targets", [])
               for name in re.findall(r"\bnewsflow_[a-z_]+", target["expr"])}
    assert queried
    assert queried <= _exported(), queried - _exported()


def test_every_metric_an_alert_watches_is_exported():
    exprs = re.findall(r"^\s*expr: (.+)$", ALERTS.read_text(), re.MULTILINE)
    watched = {name for expr in exprs for name in re.findall(r"\bnewsflow_[a-z_]+", expr)}
    assert len(exprs) >= 7 and watched
    assert watched <= _exported(), watched - _exported()


def test_consumer_lag_is_the_end_offset_less_the_committed_one():
    """What a worker's Faust monitor sets as offsets move (no Kafka needed: the monitor's own hooks)."""
    from faust.types import TP

    from newsflow.runtime.app import create_app

    monitor = create_app("segmenter").monitor
    tp = TP("t.news.cleaned.v1", 3)
    labels = {"stage": "segmenter", "topic": tp.topic, "partition": "3"}
    monitor.track_tp_end_offset(tp, 120)
    assert REGISTRY.get_sample_value("newsflow_consumer_lag", labels) is None  # nothing committed yet
    monitor.on_tp_commit({tp: 100})
    assert REGISTRY.get_sample_value("newsflow_consumer_lag", labels) == 20
    monitor.track_tp_end_offset(tp, 150)
    assert REGISTRY.get_sample_value("newsflow_consumer_lag", labels) == 50
    monitor.on_tp_commit({tp: 150})
    assert REGISTRY.get_sample_value("newsflow_consumer_lag", labels) == 0
