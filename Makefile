# The guide's commands. Each target creates the virtual environment it needs on first use.
# Run `make help` for the list.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# The site builder: mkdocs (MkDocs with Material), or zensical, Material's successor after its end of
# life on 2027-05-05 (`make build ENGINE=zensical`). Moving means changing this one line.
ENGINE ?= mkdocs
# Which edition `make serve` previews: mkdocs.yml (English) or mkdocs.es.yml (Spanish). `make build`
# always builds both, the Spanish into site/es/.
CONFIG ?= mkdocs.yml
# How `make check` reports: text for people; github marks each line in a pull request (CI); json for tools.
FORMAT ?= text

.DEFAULT_GOAL := help

.PHONY: help serve build check test test-fast test-clock lint bench offline clean

help: ## Show this list of commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }

$(VENV)/.site-installed: requirements.txt pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# Java and npm from Debian (installed when run as root), then the npm test tools, pinned by the lock file.
node_modules/.installed: package.json package-lock.json
	@scripts/system-deps.sh
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

serve: $(VENV)/.site-installed ## Build the site and serve it on http://127.0.0.1:8000 with live reload (ENGINE=zensical, CONFIG=mkdocs.es.yml too)
ifeq ($(ENGINE),zensical)
	$(BIN)/zensical serve --config-file $(CONFIG) --dev-addr $(HOST)
else
	$(BIN)/mkdocs serve --config-file $(CONFIG) --dev-addr $(HOST) --livereload
endif

build: $(VENV)/.site-installed ## Check, then build the site strictly (ENGINE=zensical too); replace site/ only on success
	$(BIN)/python -m guidekit build --site-dir site --engine $(ENGINE)

check: $(VENV)/.site-installed ## Run the content checks alone (citations, glossary), no site build (FORMAT=github or json too)
	$(BIN)/python -m guidekit check --format $(FORMAT)

test: $(VENV)/.test-installed node_modules/.installed ## Run the whole test suite (the layers' import contract first)
	@scripts/system-deps.sh
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The fast set needs no Java, npm or Chromium: the HTML checker, axe-core and the browser run only in slow or browser tests.
test-fast: $(VENV)/.test-installed ## The tests that build no whole site and open no browser or PDF (under a minute)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not slow and not browser and not pdf" -q

# A few months and five years ahead of the real date. Left out: the one test that judges the real
# guide by the real date (its reviews fall due, on purpose) and Zensical, which hangs under faketime.
CLOCK_SHIFTS ?= +100d +1900d

test-clock: $(VENV)/.test-installed node_modules/.installed ## The test suite again with the clock moved ahead (CI runs it)
	@scripts/system-deps.sh
	@for shift in $(CLOCK_SHIFTS); do \
	  echo "Test suite with the clock moved $$shift: $$(faketime -f "$$shift" date -u +%F)"; \
	  faketime -f "$$shift" $(BIN)/python -m pytest -q -p no:cacheprovider -m "not real_clock and not zensical" || exit 1; \
	done

offline: $(VENV)/.test-installed node_modules/.installed ## Offline zip and printable PDF (A4; PAPER=Letter) of each language (English, -es Spanish) and SHA256SUMS in dist/ (ENGINE=zensical too)
	@scripts/system-deps.sh
	$(BIN)/python -m guidekit offline --dist dist --paper $(or $(PAPER),A4) --engine $(ENGINE)

bench: $(VENV)/.test-installed node_modules/.installed build ## Benchmarks: page size; MkDocs and Zensical side by side at 10/100/1,000 pages: builds, reloads, own code; Lighthouse scores
	@scripts/system-deps.sh
	$(BIN)/python -m guidekit budget site
	PYTHONPATH=tools $(BIN)/python -m bench.benchmark $(BENCH_ARGS)

lint: $(VENV)/.test-installed ## Lint the build code and tests; check the layers' import contract
	$(BIN)/ruff check scripts hooks tests tools
	$(BIN)/ruff format --check scripts hooks tests tools
	$(BIN)/lint-imports

clean: ## Remove the built site and the virtual environment
	rm -rf site dist $(VENV) node_modules .pytest_cache .hypothesis
