# workradar — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test eval-dev lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## The main job end to end on the bundled example corpus, with the embedded analyzer.
demo: $(STAMP)
	bash scripts/demo.sh

## The test suite (starts a throwaway PostgreSQL on loopback for the store tests).
test: $(STAMP)
	bash scripts/test.sh

## Card-quality targets on the real-text dev corpus beside the repository (../shared/dev-corpus).
eval-dev: $(STAMP)
	bash scripts/eval-dev.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf demo .pytest_cache .mypy_cache .ruff_cache
