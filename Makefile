# claimgraph-de: `make setup`, `make extract`, `make test`. Other targets name the remaining steps.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SHARED_DATA ?= ../shared/data
SPKATT ?= $(SHARED_DATA)/SpkAtt2023-news/train

.PHONY: setup extract test test-fast model model-eval model-bench evaluate spkatt bench bench-instructions audit clean-outputs boilerplate-model

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

extract: setup
	$(PY) cli.py extract

test: setup
	$(PY) -m pytest

# The suite without the slow tests (worker processes, Dask, notebook, browser): for development, in
# TEST_WORKERS processes (pytest-xdist; each module's tests stay in one worker, so module fixtures run once).
TEST_WORKERS ?= 2
test-fast: setup
	$(PY) -m pytest -m "not slow" -n $(TEST_WORKERS) --dist loadscope

# Rebuild the project's own German pipeline from ../shared/data (never run in CI).
model: setup
	$(PY) -m pip install --quiet -e ".[train]"
	$(PY) training/build_model.py --data-dir $(SHARED_DATA) --output models/de_pipeline_open

model-eval: setup
	$(PY) training/evaluate_model.py --model models/de_pipeline_open --data-dir $(SHARED_DATA)

model-bench: setup
	$(PY) training/bench_model.py --model models/de_pipeline_open

# Accuracy of the rule stages on the project's own test sets, and on the SpkAtt news gold data.
evaluate: setup
	$(PY) cli.py evaluate boilerplate
	$(PY) cli.py evaluate figures
	$(PY) cli.py evaluate claims-news --split development --no-errors
	$(PY) cli.py evaluate entities

# Refit the clean stage's block classifier (pipeline/resources/boilerplate_model.tsv) from eval/ (never run in CI).
boilerplate-model: setup
	$(PY) -m pipeline.boilerplate.train

spkatt: setup
	$(PY) cli.py spkatt predict $(SPKATT) artifacts/spkatt-pred
	$(PY) cli.py spkatt score $(SPKATT) artifacts/spkatt-pred

# Speed, scaling, memory and incremental runs on a corpus built from local texts (never committed).
bench: setup
	$(PY) benchmarks/bench.py --spkatt $(SPKATT)

# Full extraction vs bare nlp.pipe in executed instructions (valgrind/callgrind; about 20-30 min, machine load does not
# move it). Needs valgrind and gcc.
bench-instructions: setup
	$(PY) benchmarks/instructions.py --spkatt $(SPKATT)

# Self-contained HTML audit report + audit.csv next to the tables (run `make extract` first).
audit: setup
	$(PY) cli.py audit

clean-outputs:
	rm -rf data/interim data/processed/.interim data/processed/*.csv data/processed/*.json data/processed/*.jsonl data/processed/audit.html
