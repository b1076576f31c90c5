# Two commands do all the set-up on a fresh machine (see README):
#   make demo   builds the graph of the bundled demo corpus into output/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo demo-picture test setup bench bench-store bench-page browser cjk-font ocr rapper

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pkuseg's sdist imports numpy in its setup.py, so `kg setup` needs these first.
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel numpy
	# The distribution was named kg before union-news-kg; an old .venv still has it.
	$(BIN)/pip uninstall --quiet --yes kg
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

setup: $(STAMP)
	$(BIN)/kg setup

demo: setup
	$(BIN)/kg build examples/articles -o output

# The README's picture, docs/demo-graph.png, from the demo graph as it is now.
demo-picture: demo browser cjk-font
	$(BIN)/python -m tests.screenshot output docs/demo-graph.png

# The page tests drive Debian's chromium through Playwright (never `playwright install`,
# which downloads a browser).
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

# A font with CJK glyphs, for the report's charts (kg/report/charts.py) and the
# page screenshots.
cjk-font:
	command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . || (apt-get update && apt-get install -y fontconfig fonts-wqy-microhei)

# Tesseract with Chinese models, for kg extract --ocr and its test.
ocr:
	command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -q chi_sim || (apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra)

# rapper (Raptor), a second reader of graph.ttl and graph.trig, for tests/test_rapper.py.
rapper:
	command -v rapper >/dev/null || (apt-get update && apt-get install -y raptor2-utils)

test: setup browser cjk-font ocr rapper
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_extract.py

# Oxigraph against rdflib at 100 k and 1 M triples: a few GB and the best part of an hour.
bench-store: setup
	$(BIN)/python -m benchmarks.bench_store

# Time to first draw and to interactive of graph pages of 500, 2,000 and 10,000 entities.
bench-page: setup browser
	$(BIN)/python -m benchmarks.bench_page
