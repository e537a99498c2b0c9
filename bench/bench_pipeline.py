"""Benchmarks (make bench): figures printed, nothing asserted.

1. Offline: `newsflow process` stages on the 250-article news sample, documents/s and MB/s, after
   the warm-up a worker does before its first message (models, word frequencies); the process's
   peak memory. Then the command itself, as a user runs it: its start-up (an empty input) and its
   wall time on the news sample, start-up and model loading included, in one process and with
   ``--jobs`` one a CPU core.
2. Streaming: three fresh workers (their own namespace, so Redis caches start cold) on the local
   stack; the news sample pushed twice; seconds from the first message pushed to the last article
   out, per pass, how many articles of the second pass were new non-duplicates, and each worker's
   peak memory (what to give its container).

usage: python bench/bench_pipeline.py [--shared ../shared]   (needs `make stack-up`)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson

from newsflow import topics
from newsflow.inputs import read_inputs
from newsflow.pipeline import run_stages, warm_up, warm_up_segmenter
from newsflow.runtime.kafka import Reader, create_topics, producer
from newsflow.schema import RawArticle
from newsflow.settings import Settings
from newsflow.text.sitelines import SiteMemory

ROOT = Path(__file__).resolve().parents[1]


def peak_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process (``VmHWM``), MB; None where /proc is not Linux's."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), None)


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def offline(records) -> None:
    size = sum(len(r.value) for r in records) / 1e6
    raws = [RawArticle.from_bytes(r.value) for r in records]
    warm_up_segmenter()
    warm_up()
    for stages in (["clean"], ["clean", "segment"], ["clean", "segment", "tag"]):
        started = time.perf_counter()
        sites = SiteMemory()  # as `newsflow process` runs them
        for raw in raws:
            run_stages(raw, stages, sites=sites)
        seconds = time.perf_counter() - started
        print(f"  {','.join(stages):<20} {len(raws) / seconds:8.1f} docs/s  {size / seconds:6.2f} MB/s")
    print(f"  peak memory of this process (all stages, models loaded): {_mb(peak_mb())}")


def command(records) -> None:
    """``newsflow process`` in a fresh process: start-up and loading count."""
    newsflow = [sys.executable, "-m", "newsflow.cli", "process"]
    with tempfile.TemporaryDirectory(prefix="newsflow-bench-") as tmp:
        empty, sample = Path(tmp) / "empty.jsonl", Path(tmp) / "news.jsonl"
        empty.write_bytes(b"")
        sample.write_bytes(b"".join(r.value + b"\n" for r in records))
        size = sample.stat().st_size / 1e6
        env = {k: v for k, v in os.environ.items() if k != "NEWSFLOW_REDIS_URL"}  # no dedup: the stages alone
        cores = os.cpu_count() or 1
        for stages, path, jobs in (("clean", empty, 1), ("clean", sample, 1), ("clean,segment", sample, 1),
                                   ("clean,segment,tag", sample, 1), ("clean,segment,tag", sample, cores)):
            started = time.perf_counter()
            subprocess.run([*newsflow, "--stages", stages, "--jobs", str(jobs), str(path), os.devnull], env=env,
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            what = "start-up, empty input" if path == empty else f"{size:.1f} MB, {size / seconds:.2f} MB/s"
            print(f"  newsflow process --stages {stages:<18} --jobs {jobs:<3} {seconds:6.2f} s  ({what})")


def one_pass(settings: Settings, records) -> tuple[float, list[dict]]:
    reader = Reader(settings, [topics.TAGGED.qualified(settings.namespace)])
    reader.seek(reader.end_offsets())
    prod = producer(settings)
    started = time.perf_counter()
    for record in records:
        prod.send(topics.RAW.qualified(settings.namespace), key=record.key.encode(), value=record.value)
    prod.flush()
    pending = {r.key for r in records}
    out: list[dict] = []
    seen: dict[str, set[int]] = {}
    while pending and time.perf_counter() - started < 600:
        for msg in reader.messages():
            article = orjson.loads(msg.value)
            out.append(article)
            seen.setdefault(article["parent_id"], set()).add(article["segment"])
            if len(seen[article["parent_id"]]) == article["segments"]:
                pending.discard(article["parent_id"])
    seconds = time.perf_counter() - started
    prod.close()
    reader.close()
    if pending:
        print(f"  {len(pending)} documents did not come out within 600 s")
    return seconds, out


def streaming(records) -> None:
    namespace = f"bench{uuid.uuid4().hex[:8]}."
    env = {**os.environ, "NEWSFLOW_NAMESPACE": namespace, "NEWSFLOW_METRICS_PORT": "0", "NEWSFLOW_LOG_LEVEL": "WARNING",
           "NEWSFLOW_REDIS_URL": os.environ.get("NEWSFLOW_REDIS_URL", "redis://127.0.0.1:6379/0"),
           "NEWSFLOW_STATE_DIR": tempfile.mkdtemp(prefix="newsflow-bench-")}
    settings = Settings(namespace=namespace, kafka_bootstrap=env.get("NEWSFLOW_KAFKA_BOOTSTRAP", "127.0.0.1:9092"))
    create_topics(settings)
    workers = [subprocess.Popen([sys.executable, "-m", "newsflow.cli", "worker", stage], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for stage in ("cleaner", "segmenter", "tagger")]
    try:
        time.sleep(15)  # consumer groups join; pass 1 then includes no start-up time
        first_s, first = one_pass(settings, records)
        second_s, second = one_pass(settings, records)
        peaks = {stage: peak_mb(w.pid) for stage, w in zip(("cleaner", "segmenter", "tagger"), workers, strict=True)}
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=30)
    new = [a for a in second if a["duplicate_of"] is None and a["quality"].get("dedup") != "checked"]
    print(f"  pass 1: {first_s:6.1f} s for {len(first)} articles ({len(records) / first_s:.1f} docs/s)")
    print(f"  pass 2: {second_s:6.1f} s for {len(second)} articles ({len(records) / second_s:.1f} docs/s); "
          f"{first_s / second_s:.1f}x faster (tagger results from the Redis cache)")
    print(f"  pass 2 articles marked duplicate of another id: {sum(1 for a in second if a['duplicate_of'])}; "
          f"dedup unchecked: {len(new)}")
    print("  peak memory per worker: " + ", ".join(f"{stage} {_mb(mb)}" for stage, mb in peaks.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    records = list(read_inputs([str(Path(args.shared) / "data" / "news-sample" / "news_sample.csv")]))
    print(f"news sample: {len(records)} documents, {sum(len(r.value) for r in records) / 1e6:.1f} MB")
    print("offline (newsflow process stages, single process):")
    offline(records)
    print("the command, wall time (python -m newsflow.cli process, a new process each):")
    command(records)
    print("streaming (three workers, local Kafka and Redis):")
    streaming(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
