# Two commands do all the set-up on a fresh machine (see README):
#   make demo   builds the graph of the bundled demo corpus into output/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint bench bench-store browser

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

# The page tests drive Debian's chromium through Playwright (never `playwright install`,
# which downloads a browser); a CJK font so that pages and screenshots show Chinese.
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver fonts-wqy-microhei)

test: setup browser
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_extract.py

# Oxigraph against rdflib at 100 k and 1 M triples: a few GB and the best part of an hour.
bench-store: setup
	$(BIN)/python benchmarks/bench_store.py

# `kg report` labels its charts in Chinese: a font with CJK glyphs (kg/report/charts.py).
.PHONY: cjk-font
cjk-font:
	command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . || (apt-get update && apt-get install -y fontconfig fonts-wqy-microhei)

test: cjk-font
