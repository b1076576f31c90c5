# Two commands do all the set-up on a fresh machine (see README):
#   make demo   builds the graph of the bundled demo corpus into output/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pkuseg's sdist imports numpy in its setup.py, so `kg setup` needs these first.
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel numpy
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

setup: $(STAMP)
	$(BIN)/kg setup

demo: setup
	$(BIN)/kg build examples/articles -o output

test: setup
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_extract.py
