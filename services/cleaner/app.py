"""Cleaner worker: ``news.raw.v1`` → ``news.cleaned.v1`` (boilerplate out, text normalised)."""

from newsflow import topics
from newsflow.pipeline import clean_stage
from newsflow.runtime.app import create_app, guard, raw_topic, send
from newsflow.runtime.metrics import LINES_KEPT, LINES_REMOVED
from newsflow.schema import RawArticle

app = create_app("cleaner")
raw = raw_topic(app, topics.RAW)
cleaned = raw_topic(app, topics.CLEANED)


@app.agent(raw)
async def clean(stream):
    max_bytes = app.newsflow_settings.max_content_bytes
    async for event in stream.events():
        async with guard(app, event):
            doc = clean_stage(RawArticle.from_bytes(event.value, max_bytes))
            await send(app, cleaned, event, doc.id, doc.to_bytes())
            for reason, lines in doc.provenance["removed"].items():
                LINES_REMOVED.labels(reason).inc(lines)
            LINES_KEPT.inc(doc.provenance["kept_blocks"])
