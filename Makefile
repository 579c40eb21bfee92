# The front door of the handbook. `make help` lists the targets.
# Every target creates the virtual environment and installs the project on first use.

# -- Variables you can set ----------------------------------------------------
PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
# Languages to build, e.g. `make html LANGS=et` or LANGS="et en"; empty means all
# languages declared in handbook.toml. (Not LANGUAGE: gettext reads that variable
# from the environment, where desktops often set it to something like en_US:en.)
LANGS      ?=
# Parallel Sphinx processes; empty means one per core.
JOBS       ?=
# Extra sphinx-build options, e.g. SPHINXOPTS="-a" to rewrite every page.
SPHINXOPTS ?=
PORT       ?= 8000
# `make stats STRICT=1` fails when a language is below 100 % (fuzzy is not translated).
STRICT     ?=
# Pages of the synthetic handbook that `make bench` builds (per language).
BENCH_PAGES ?= 300
# `make bench BENCH_OFFLINE=1` also times a clean `make offline` (PDF and EPUB per language).
BENCH_OFFLINE ?=
PYTESTOPTS ?=
# `make move-page FROM=stories/old-name TO=stories/new-name`: page names as in docs/.
FROM       ?=
TO         ?=

VENV_PY    := $(VENV)/bin/python
HANDBOOK   := $(VENV_PY) -m handbook --builddir $(BUILDDIR)
INSTALLED  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help html offline serve serve-prod gettext update-po po-format move-page test test-quick lint constraints clean linkcheck bench search-eval search-bench stats check live

## help          list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# The venv is rebuilt when the project's dependencies or their pins change.
$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --upgrade pip
	$(VENV_PY) -m pip install --quiet --constraint constraints.txt --editable ".[test]"
	@touch $@

## html          build every language (or LANGS=…) into $(BUILDDIR)/html/<lang>/
html: $(INSTALLED)
	$(HANDBOOK) build --langs "$(LANGS)" $(if $(JOBS),--jobs $(JOBS)) --sphinx-opts="$(SPHINXOPTS)"

## offline       like html, plus a PDF and an EPUB of every language, linked from its pages
offline: $(INSTALLED)
	$(HANDBOOK) offline --langs "$(LANGS)" $(if $(JOBS),--jobs $(JOBS)) --sphinx-opts "$(SPHINXOPTS)"

## serve         build, then serve $(BUILDDIR)/html on http://127.0.0.1:$(PORT) (PORT=…)
serve: html
	$(VENV_PY) -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

## serve-prod    build, then serve $(BUILDDIR)/html with Debian's nginx on 127.0.0.1:8080 (PORT=…)
# The production configuration (python -m handbook nginx), in the foreground; Ctrl-C stops it.
# PORT's own default (8000) belongs to `serve`; unless you set PORT, this one uses 8080.
serve-prod: html
	$(HANDBOOK) serve-prod --port $(if $(filter file,$(origin PORT)),8080,$(PORT))

## gettext       extract the Russian messages into $(BUILDDIR)/gettext/*.pot
gettext: $(INSTALLED)
	$(HANDBOOK) gettext

## update-po     refresh locale/<lang>/LC_MESSAGES/*.po from the Russian sources
update-po: $(INSTALLED)
	$(HANDBOOK) update-po --langs "$(LANGS)"

## po-format     rewrite locale/<lang>/LC_MESSAGES/*.po in the one canonical form (LANGS=…)
po-format: $(INSTALLED)
	$(HANDBOOK) po-format --langs "$(LANGS)"

## stats         translated / fuzzy / untranslated per language and page (STRICT=1: fail below 100 %)
stats: $(INSTALLED)
	$(HANDBOOK) stats --langs "$(LANGS)" $(if $(STRICT),--strict)

## check         catalog QA (syntax, markup, HTML, glossary terms, spelling, fuzzy): path:LINE
check: $(INSTALLED)
	$(HANDBOOK) check --langs "$(LANGS)"

## move-page     move a page with its catalogs and links, and redirect its old address: make move-page FROM=stories/a TO=stories/b
move-page: $(INSTALLED)
	$(HANDBOOK) move-page "$(FROM)" "$(TO)"

## live          live preview of one language that reloads on save: make live LANGS=et (PORT=…, WARM=1)
live: $(INSTALLED)
	$(HANDBOOK) live --langs "$(LANGS)" --port $(PORT) $(if $(WARM),--warm)

## test          lint, then the whole test suite (builds every language for real)
test: $(INSTALLED) lint
	$(VENV_PY) -m pytest $(PYTESTOPTS)

## test-quick    lint, then only the tests that need no full build and no browser
test-quick: $(INSTALLED) lint
	$(VENV_PY) -m pytest --quick $(PYTESTOPTS)

## linkcheck     check every external link in every language (needs the network) → $(BUILDDIR)/linkcheck/
linkcheck: $(INSTALLED)
	$(HANDBOOK) linkcheck --langs "$(LANGS)" $(if $(JOBS),--jobs $(JOBS))

## bench         time stock Sphinx vs make html on a synthetic handbook (BENCH_PAGES=300)
bench: $(INSTALLED)
	$(HANDBOOK) bench --pages $(BENCH_PAGES) $(if $(BENCH_OFFLINE),--offline)

## search-eval   recall@5, MRR, latency per language: this project vs stock Sphinx and Pagefind (Chromium)
search-eval: $(INSTALLED)
	$(HANDBOOK) search-eval --langs "$(LANGS)"

## search-bench  time the search page and the list under the box on a synthetic handbook (BENCH_PAGES=300)
search-bench: $(INSTALLED)
	$(HANDBOOK) search-bench --pages $(BENCH_PAGES)

## lint          ruff over the package, the tests and conf.py
lint: $(INSTALLED)
	$(VENV_PY) -m ruff check handbook tests conf.py
	$(VENV_PY) -m ruff format --check handbook tests conf.py

## constraints   re-pin every dependency in constraints.txt from a fresh resolve
constraints:
	rm -rf $(BUILDDIR)/constraints-venv build
	$(PYTHON) -m venv $(BUILDDIR)/constraints-venv
	$(BUILDDIR)/constraints-venv/bin/pip install --quiet --upgrade pip
	$(BUILDDIR)/constraints-venv/bin/pip install --quiet ".[test]"
	echo "# Exact versions that 'make' installs. Regenerate with: make constraints" > constraints.txt
	$(BUILDDIR)/constraints-venv/bin/pip freeze --exclude service-handbook >> constraints.txt
	rm -rf $(BUILDDIR)/constraints-venv build  # build/: setuptools' leftovers

## clean         remove the build folder (the venv stays; rm -rf $(VENV) for that)
clean:
	rm -rf $(BUILDDIR)
