"""The ``newsflow`` command: push, tail, process, worker, topics."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import logging
import os
import queue
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from newsflow import topics
from newsflow.settings import STAGES as WORKERS
from newsflow.settings import Settings, get_settings

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    from newsflow.schema import Article

log = logging.getLogger("newsflow")


# ------------------------------------------------------------------ process (offline)
Outcome = tuple[int, Any, str | None]
"""A processed input line: its number and what a step made of it (the articles it gave), or its
number, None and the reason it was rejected."""
PENDING_LINES = 256
"""``--jobs``: lines waiting for a process, and processed lines held back while an earlier one is
still being worked on (a big page), at most."""


def _first_step(stages: list[str], settings: Settings) -> Callable[[bytes], Any]:
    """What the first process does to an input line: clean it (raises
    :class:`~newsflow.schema.Rejected`), each site's pages remembered in input order (site furniture)
    when the settings say so; nothing for ``--stages tag``, whose lines are clean already."""
    if stages == ["tag"]:
        return lambda line: line
    from newsflow.pipeline import cleaned_page
    from newsflow.schema import RawArticle
    from newsflow.text.sitelines import SiteMemory

    sites = SiteMemory() if settings.site_furniture else None
    return lambda line: cleaned_page(RawArticle.from_bytes(line, settings.max_content_bytes), sites)


def _finisher(stages: list[str], settings: Settings) -> Callable[[Any], list[Article]]:
    """What comes after :func:`_first_step`: the cleaned page's articles (``--stages tag``: the
    input line's one article)."""
    from newsflow.pipeline import after_cleaning, tag_stage
    from newsflow.schema import Article, Rejected

    if stages != ["tag"]:
        return lambda doc: after_cleaning(doc, stages, settings.aliases_file)

    def tag(line: bytes) -> list[Article]:
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise Rejected("bad_json", str(exc)) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            raise Rejected("bad_field", 'tag input lines are {"id": ..., "text": ...}')
        title = obj.get("title") if isinstance(obj.get("title"), str) else None  # optional: read by topics
        return [tag_stage(Article(id=str(obj["id"]), parent_id=str(obj["id"]), text=obj["text"], title=title),
                          settings.aliases_file)]

    return tag


def _outcome(step: Callable[[Any], Any], number: int, item: Any) -> Outcome:
    from newsflow.schema import Rejected

    try:
        return number, step(item), None
    except Rejected as exc:
        return number, None, str(exc)
    except Exception as exc:  # a bug: report it with the line, keep going
        log.exception("line %d: internal_error", number)
        return number, None, f"internal_error: {type(exc).__name__}: {exc}"


def _numbered(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    from newsflow.inputs import without_bom

    return ((number, line) for number, line in enumerate(without_bom(lines), 1) if line.strip())


def _in_order(lines: Iterable[bytes], stages: list[str], settings: Settings) -> Iterator[Outcome]:
    first, finish = _first_step(stages, settings), _finisher(stages, settings)
    return (_outcome(lambda line: finish(first(line)), number, line) for number, line in _numbered(lines))


def _finishing_worker(inbox: Queue, outbox: Queue, stages: list[str], settings: Settings) -> None:
    """One process of ``--jobs``: the stages after cleaning on each page it is sent, until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the first process's to handle: it stops these
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    finish = _finisher(stages, settings)
    while (item := inbox.get()) is not None:
        outbox.put(_outcome(finish, *item))


class JobDied(RuntimeError):
    """A ``--jobs`` process died (killed, out of memory): the run stops."""


def _in_parallel(lines: Iterable[bytes], stages: list[str], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """:func:`_in_order`'s outcomes, in input order: this process cleans each page (site memory reads
    a site's pages in input order), ``jobs`` processes take the stages after it, a page each in turn."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no fork of a process whose threads hold locks
    inbox, outbox = context.Queue(maxsize=PENDING_LINES), context.Queue()
    workers = [context.Process(target=_finishing_worker, args=(inbox, outbox, stages, settings), daemon=True)
               for _ in range(jobs)]
    for worker in workers:
        worker.start()
    first = _first_step(stages, settings)
    sent: deque[int] = deque()  # line numbers, in input order
    done: dict[int, Outcome] = {}  # outcomes come back in any order

    def check_workers() -> None:
        for worker in workers:
            if worker.exitcode not in (None, 0):
                killed = " (killed: out of memory?)" if worker.exitcode == -signal.SIGKILL else ""
                done_with = f"lines 1-{written_up_to} are done and written" if written_up_to else "nothing was written"
                raise JobDied(f"a --jobs process died with exit code {worker.exitcode}{killed}; {done_with}")

    def hand_out(item: tuple[int, Any] | None) -> None:
        while True:
            try:
                return inbox.put(item, timeout=1.0)
            except queue.Full:
                check_workers()

    written_up_to = 0  # lines whose outcomes the caller has had, in input order

    def outcome_of(number: int) -> Outcome:
        nonlocal written_up_to
        written_up_to = number - 1
        while number not in done:
            try:
                outcome = outbox.get(timeout=1.0)
            except queue.Empty:
                check_workers()
                continue
            done[outcome[0]] = outcome
        return done.pop(number)

    try:
        for number, line in _numbered(lines):
            sent.append(number)
            _, page, error = _outcome(first, number, line)
            if page is None:
                done[number] = (number, None, error)
            else:
                hand_out((number, page))
            with contextlib.suppress(queue.Empty):
                while True:
                    outcome = outbox.get_nowait()
                    done[outcome[0]] = outcome
            while sent and (sent[0] in done or len(done) > PENDING_LINES):
                yield outcome_of(sent.popleft())
        for _ in workers:
            hand_out(None)
        while sent:
            yield outcome_of(sent.popleft())
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _process_lines(lines: Iterable[bytes], stages: list[str], out: IO[bytes], settings: Settings,
                   jobs: int = 1, where: Callable[[int], str] | None = None) -> tuple[int, int]:
    """Each input line's articles written to ``out``, in input order; a rejected line reported on
    standard error by its line number, or by ``where`` it came from (a file, ``file:row``). The
    counts of lines processed and rejected."""
    dedup = loop = None
    if "segment" in stages:  # duplicates are marked on articles; Redis and its client load only then
        from newsflow.runtime.dedup import DuplicateIndex

        dedup = DuplicateIndex.from_settings(settings, "process")
        loop = asyncio.new_event_loop() if dedup.client is not None else None
    ok = rejected = 0
    try:
        parallel = jobs > 1 and stages != ["clean"]  # cleaning stays in this process: see _in_parallel
        outcomes = _in_parallel(lines, stages, settings, jobs) if parallel else _in_order(lines, stages, settings)
        for number, articles, error in outcomes:
            if articles is None:
                rejected += 1
                print(f"{where(number) if where else f'line {number}'}: {error}", file=sys.stderr)
                continue
            for article in articles:
                if loop is not None:  # in input order, whatever process made the article
                    article = loop.run_until_complete(dedup.mark(article))
                out.write(article.to_bytes() + b"\n")
            ok += 1
    finally:
        if loop is not None:
            loop.run_until_complete(dedup.close())
            loop.close()
    return ok, rejected


def cmd_process(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if stages not in (["clean"], ["clean", "segment"], ["clean", "segment", "tag"], ["tag"]):
        print(f"newsflow process: --stages must be clean, clean,segment, clean,segment,tag or tag (got {args.stages})",
              file=sys.stderr)
        return 1
    from newsflow.inputs import (
        InputError,
        read_inputs,
        reads_as_json_lines,
        renamed_lines,
        stdin_holds_an_array,
    )

    origins: list[str] = []  # where each input came from, when it is not a line of JSON
    from_stdin = args.input in (None, "-")
    if from_stdin and not stdin_holds_an_array():
        src = sys.stdin.buffer
    elif not from_stdin and reads_as_json_lines(Path(args.input)):
        src = open(args.input, "rb")  # noqa: SIM115
    else:  # a folder of pages, a page, a JSON array, a CSV, a WARC, read as push reads them: one raw article each
        src = None

        def records() -> Iterator[bytes]:
            for record in read_inputs([args.input or "-"], args.fields):
                origins.append(record.origin)
                yield record.value

    if args.output in (None, "-"):
        dst = sys.stdout.buffer
    else:  # a name ending in .gz is written gzipped, as a corpus is kept
        dst = gzip.open(args.output, "wb") if args.output.lower().endswith(".gz") else open(args.output, "wb")  # noqa: SIM115
    try:
        lines = tqdm(records() if src is None else renamed_lines(src, args.fields), desc="process",
                     unit=" pages" if src is None else " lines", disable=None, file=sys.stderr)
        ok, rejected = _process_lines(lines, stages, dst, settings, args.jobs or os.cpu_count() or 1,
                                      where=(lambda number: origins[number - 1]) if src is None else None)
    except (InputError, JobDied) as exc:
        print(f"newsflow process: {exc}", file=sys.stderr)
        return 1
    finally:
        dst.flush()
        if dst is not sys.stdout.buffer:
            dst.close()
        if src is not None and src is not sys.stdin.buffer:
            src.close()
    print(f"newsflow process: {ok} processed, {rejected} rejected", file=sys.stderr)
    return 2 if rejected else 0


# ------------------------------------------------------------------ push
def _summary_line(value: bytes) -> str:
    a = orjson.loads(value)
    title = (a.get("title") or "(no title)").replace("\n", " ")
    if len(title) > 70:
        title = title[:67] + "..."
    dup = f"  duplicate of {a['duplicate_of']}" if a.get("duplicate_of") else ""
    return f"{a['id']:<34} {a.get('language') or '??':<3} {len(a.get('entities') or []):>3} entities  {title}{dup}"


def cmd_push(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from newsflow.inputs import InputError, read_inputs
    from newsflow.runtime.kafka import Reader, create_topics, producer

    create_topics(settings)
    topic = topics.RAW.qualified(settings.namespace)
    watch = None
    if args.wait:
        watch = Reader(settings, [topics.TAGGED.qualified(settings.namespace), topics.DEAD_LETTER.qualified(settings.namespace)])
        start = watch.end_offsets()
    prod = producer(settings)
    keys: set[str] = set()
    sent = 0
    try:
        with tqdm(desc=f"push → {topic}", unit=" msg", disable=None, file=sys.stderr) as bar:
            for record in read_inputs(args.paths, args.fields):
                prod.send(topic, key=record.key.encode(), value=record.value)
                keys.add(record.key)
                sent += 1
                bar.update()
        prod.flush()
    except InputError as exc:
        print(f"newsflow push: {exc}", file=sys.stderr)
        return 1
    finally:
        prod.close()
    print(f"newsflow push: {sent} messages to {topic} ({len(keys)} distinct ids)", file=sys.stderr)
    if watch is None:
        return 0
    watch.seek(start)
    return _wait_for(watch, keys, args.timeout, settings)


def _wait_for(watch, keys: set[str], timeout: float, settings: Settings) -> int:
    """Follow the output and dead-letter topics until every pushed id has come out of one
    (all of its articles, for a multi-article page)."""
    from tqdm import tqdm

    from newsflow.runtime.deadletter import HEADER_REASON

    dlq = topics.DEAD_LETTER.qualified(settings.namespace)
    pending = set(keys)
    articles: list[bytes] = []
    dead: list[tuple[str, str]] = []
    segments_seen: dict[str, set[int]] = {}
    deadline = time.monotonic() + timeout
    with tqdm(total=len(keys), desc="waiting for news.tagged.v1", unit=" doc", disable=None, file=sys.stderr) as bar:
        while pending and time.monotonic() < deadline:
            for msg in watch.messages():
                if msg.topic == dlq:
                    key = (msg.key or b"").decode("utf-8", "replace")
                    reason = _headers(msg).get(HEADER_REASON, "?")
                    if key in keys:
                        dead.append((key, reason))
                else:
                    articles.append(msg.value)
                    article = orjson.loads(msg.value)
                    key = article["parent_id"]
                    segments_seen.setdefault(key, set()).add(article["segment"])
                    if len(segments_seen[key]) < article["segments"]:
                        continue  # a multi-article page is out when all its articles are
                if key in pending:
                    pending.discard(key)
                    bar.update()
    watch.close()
    ours = [(a["parent_id"], a["segment"], value) for value in articles if (a := orjson.loads(value))["parent_id"] in keys]
    for *_, value in sorted(ours):
        print(_summary_line(value))
    for key, reason in dead:
        print(f"{key:<34} dead letter: {reason}")
    if pending:
        print(f"newsflow push: {len(pending)} of {len(keys)} documents did not come out within {timeout:.0f} s: "
              f"{sorted(pending)[:10]}", file=sys.stderr)
        return 1
    print(f"newsflow push: all {len(keys)} documents came out: {len(articles)} articles, {len(dead)} dead letters",
          file=sys.stderr)
    return 0


# ------------------------------------------------------------------ tail
def cmd_tail(args: argparse.Namespace, settings: Settings) -> int:
    from newsflow.runtime.kafka import Reader

    name = args.topic if args.topic.startswith(settings.namespace) else settings.namespace + args.topic
    reader = Reader(settings, [name])
    reader.seek(beginning=args.from_beginning)
    seen = 0
    idle_since = time.monotonic()
    try:
        while args.max is None or seen < args.max:
            got = False
            for msg in reader.messages():
                got = True
                seen += 1
                if args.json:
                    sys.stdout.buffer.write(msg.value + b"\n")
                else:
                    print(_readable(msg))
                sys.stdout.flush()
                if args.max is not None and seen >= args.max:
                    break
            if got:
                idle_since = time.monotonic()
            elif args.idle_timeout and time.monotonic() - idle_since > args.idle_timeout:
                break
    except KeyboardInterrupt:
        pass
    finally:
        reader.close()
    return 0


# ------------------------------------------------------------------ redrive
def cmd_redrive(args: argparse.Namespace, settings: Settings) -> int:
    """Dead letters of the chosen reasons sent back, key and bytes as they were, to the topic they
    were consumed from, up to the dead-letter topic's end as it stood at the start: one that fails
    again is dead-lettered again, after that end. Each run goes on from where the last one stopped
    (the group's committed offsets), so no dead letter is sent back twice, unless ``--from-beginning``."""
    from collections import Counter

    from kafka import TopicPartition

    from newsflow.runtime.deadletter import HEADER_REASON, HEADER_REDRIVEN, HEADER_SOURCE_TOPIC
    from newsflow.runtime.kafka import Reader, producer

    reasons = set(args.reasons or ["internal_error"])
    dlq = topics.DEAD_LETTER.qualified(settings.namespace)
    reader = Reader(settings, [dlq], group=settings.consumer_group("redrive"))  # its offsets: what redrive has read
    prod = None
    sent, left, read_to = Counter(), Counter(), {}
    try:
        end = reader.end_offsets()
        if args.from_beginning:
            reader.seek(beginning=True)
        else:
            reader.seek_committed()
        deadline = time.monotonic() + args.timeout
        while any(reader.position(tp) < offset for tp, offset in end.items()) and time.monotonic() < deadline:
            for msg in reader.messages():
                tp = TopicPartition(msg.topic, msg.partition)
                if msg.offset >= end[tp]:
                    continue
                read_to[tp] = msg.offset + 1
                headers = _headers(msg)
                reason, source = headers.get(HEADER_REASON, "?"), headers.get(HEADER_SOURCE_TOPIC)
                if source is None or not (args.all or reason in reasons):
                    left[reason] += 1
                    continue
                sent[reason] += 1
                if not args.dry_run:
                    prod = prod or producer(settings)
                    prod.send(source, key=msg.key, value=msg.value,
                              headers=[(HEADER_REDRIVEN, f"{dlq}:{msg.partition}@{msg.offset}".encode())])
        if prod is not None:
            prod.flush()  # acknowledged before the group's offsets move past them
        if not args.dry_run:
            reader.commit(read_to)
        unread = sum(max(offset - reader.position(tp), 0) for tp, offset in end.items())
    finally:
        if prod is not None:
            prod.close()
        reader.close()
    what = "would be sent back" if args.dry_run else "sent back"
    print(f"newsflow redrive: {sum(sent.values())} dead letters {what} ({_counts(sent)}); "
          f"{sum(left.values())} left ({_counts(left)})" + (f"; stopped at the timeout, {unread} unread" if unread else ""),
          file=sys.stderr)
    return 0


def _counts(counter) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in counter.most_common()) or "none"


def _headers(msg) -> dict[str, str]:
    """A Kafka message's headers, decoded."""
    return {k: v.decode("utf-8", "replace") for k, v in (msg.headers or [])}


def _readable(msg) -> str:
    headers = _headers(msg)
    if "newsflow-reason" in headers:
        return (f"{(msg.key or b'').decode('utf-8', 'replace'):<34} {headers['newsflow-reason']:<16} "
                f"{headers.get('newsflow-stage', '')}: {headers.get('newsflow-detail', '')[:120]}")
    try:
        obj = orjson.loads(msg.value)
    except orjson.JSONDecodeError:
        return f"{msg.partition}@{msg.offset} <{len(msg.value)} bytes, not JSON>"
    if "parent_id" in obj:
        return _summary_line(msg.value)
    return f"{(msg.key or b'').decode('utf-8', 'replace'):<34} {len(obj.get('content') or '')} chars"


# ------------------------------------------------------------------ worker, topics
def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    import importlib

    module = importlib.import_module(f"services.{args.stage}.app")
    level = {"WARNING": "warn", "CRITICAL": "crit"}.get(settings.log_level.upper(), settings.log_level.lower())
    if module.app.newsflow_on_start is not None:  # before the consumer joins its group, not on its event loop
        started = time.perf_counter()
        module.app.newsflow_on_start()
        log.info("%s: warmed up in %.1f s", args.stage, time.perf_counter() - started)
    sys.argv = [f"newsflow-{args.stage}", "worker", "--without-web", "--loglevel", level, *args.faust_args]
    module.app.main()
    return 0


def cmd_topics(args: argparse.Namespace, settings: Settings) -> int:
    """Create the topics that are missing; list each with the messages it holds and how far behind
    the stage that reads it is (its consumer group's uncommitted messages)."""
    from newsflow.runtime.kafka import create_topics, held

    created = create_topics(settings)
    read_by = {spec: stage for stage, spec in topics.INPUT.items()}
    for spec in topics.ALL:
        name = spec.qualified(settings.namespace)
        stage = read_by.get(spec)
        # a topic whose metadata has not reached this client yet holds nothing anyone is behind on
        messages, behind = held(settings, name, settings.consumer_group(stage) if stage else None) or (0, 0)
        reader = (f"{stage} {behind:,} behind" if stage else "dead letters (newsflow redrive)" if spec is topics.DEAD_LETTER
                  else "the pipeline's output (newsflow tail)")
        print(f"{name:<40} {spec.partitions} partition{'s' if spec.partitions > 1 else ' '}  "
              f"{'created' if name in created else 'exists '}"
              f"  {messages:>9,} messages  {reader}")
    return 0


def cmd_languages(args: argparse.Namespace, settings: Settings) -> int:
    from newsflow.text.language import claimed

    for code, name in claimed():
        print(f"{code}\t{name}")
    return 0


def _jobs(value: str) -> int:
    jobs = int(value)
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one a CPU core) or more")
    return jobs


def _field(value: str) -> tuple[str, str]:
    """``FIELD=NAME`` (``--field``): the raw article's FIELD is the input's NAME."""
    from newsflow.inputs import RAW_FIELDS

    field, _, name = value.partition("=")
    if field not in RAW_FIELDS or not name:
        raise argparse.ArgumentTypeError(f"must be FIELD=NAME, FIELD one of {', '.join(RAW_FIELDS)} (got {value!r})")
    return name, field


class _Fields(argparse.Action):
    """Collects ``--field`` values into the mapping :data:`newsflow.inputs.Fields`."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        name, field = values
        namespace.fields = {**(namespace.fields or {}), name: field}


_FIELD_HELP = ("read the raw article's FIELD from the input's NAME, a JSON key or CSV column (repeatable): "
               "--field content=maintext --field published=date_publish")


def build_parser() -> argparse.ArgumentParser:
    from newsflow.schema import REASONS

    p = argparse.ArgumentParser(prog="newsflow", description="Scraped news pages in; clean, split, tagged articles out.")
    sub = p.add_subparsers(dest="command", required=True)

    pr = sub.add_parser("process", help="run the stages offline: JSON lines in, JSON lines out (no Kafka)")
    pr.add_argument("--stages", default="clean,segment,tag", help="clean | clean,segment | clean,segment,tag | tag")
    pr.add_argument("-j", "--jobs", type=_jobs, default=1,
                    help="processes to segment and tag in, 0 for one a CPU core (default 1); this one cleans, "
                         "and the output keeps the input's order")
    pr.add_argument("input", nargs="?", help="JSON lines file (default: standard input); or a folder of pages, "
                    "an .html page, a .json array, a .csv, a .warc or .wet or any .gz file, read as push reads them")
    pr.add_argument("output", nargs="?", help="JSON lines file, gzipped when its name ends in .gz (default: standard output)")
    pr.add_argument("--field", dest="fields", type=_field, action=_Fields, metavar="FIELD=NAME", help=_FIELD_HELP)
    pr.set_defaults(func=cmd_process)

    pu = sub.add_parser("push", help="push files, folders, .jsonl, .json, .csv, .warc.gz, .wet.gz or standard input to news.raw.v1")
    pu.add_argument("paths", nargs="*", help="files or folders; '-' or nothing: JSON lines from standard input")
    pu.add_argument("--wait", action="store_true", help="then wait until every document has come out, and summarise")
    pu.add_argument("--timeout", type=float, default=300.0, help="seconds to wait with --wait (default 300)")
    pu.add_argument("--field", dest="fields", type=_field, action=_Fields, metavar="FIELD=NAME", help=_FIELD_HELP)
    pu.set_defaults(func=cmd_push)

    ta = sub.add_parser("tail", help="follow a topic (default news.tagged.v1)")
    ta.add_argument("topic", nargs="?", default=topics.TAGGED.name)
    ta.add_argument("--json", action="store_true", help="print message values as JSON lines")
    ta.add_argument("--from-beginning", action="store_true", help="start at the oldest message, not the newest")
    ta.add_argument("--max", type=int, help="stop after this many messages")
    ta.add_argument("--idle-timeout", type=float, default=0, help="stop after this many seconds without a message")
    ta.set_defaults(func=cmd_tail)

    rd = sub.add_parser("redrive", help="send dead letters back to the topic they came from, after a fix")
    rd.add_argument("--reason", dest="reasons", action="append", default=None, choices=REASONS, metavar="REASON",
                    help="the dead letters' reason to send back (repeatable; default internal_error): "
                         + ", ".join(REASONS))
    rd.add_argument("--all", action="store_true", help="send back dead letters of every reason")
    rd.add_argument("--dry-run", action="store_true", help="count what would be sent back; send and commit nothing")
    rd.add_argument("--from-beginning", action="store_true",
                    help="read every dead letter again, not only those after the last run")
    rd.add_argument("--timeout", type=float, default=60.0, help="seconds to read for at most (default 60)")
    rd.set_defaults(func=cmd_redrive)

    wo = sub.add_parser("worker", help="start a stage's Faust worker")
    wo.add_argument("stage", choices=WORKERS)
    wo.add_argument("faust_args", nargs=argparse.REMAINDER, help="passed on to `faust worker`")
    wo.set_defaults(func=cmd_worker)

    to = sub.add_parser("topics", help="create the topics that are missing; list each with the messages it holds and "
                                          "how far behind the stage that reads it is")
    to.set_defaults(func=cmd_topics)

    la = sub.add_parser("languages", help="list the languages the tagger detects (ISO 639-1 and name)")
    la.set_defaults(func=cmd_languages)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("kafka").setLevel(logging.WARNING)
    from newsflow.runtime import KafkaUnavailable

    try:
        return args.func(args, settings)
    except KafkaUnavailable as exc:
        print(f"newsflow {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # unreadable input, unwritable output
        print(f"newsflow {args.command}: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
