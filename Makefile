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
PYTESTOPTS ?=

VENV_PY    := $(VENV)/bin/python
HANDBOOK   := $(VENV_PY) -m handbook --builddir $(BUILDDIR)
INSTALLED  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help html serve gettext update-po test lint constraints clean

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
	$(HANDBOOK) build --langs "$(LANGS)" $(if $(JOBS),--jobs $(JOBS)) --sphinx-opts "$(SPHINXOPTS)"

## serve         build, then serve $(BUILDDIR)/html on http://127.0.0.1:$(PORT) (PORT=…)
serve: html
	$(VENV_PY) -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

## gettext       extract the Russian messages into $(BUILDDIR)/gettext/*.pot
gettext: $(INSTALLED)
	$(HANDBOOK) gettext

## update-po     refresh locale/<lang>/LC_MESSAGES/*.po from the Russian sources
update-po: $(INSTALLED)
	$(HANDBOOK) update-po --langs "$(LANGS)"

## test          lint, then the whole test suite (builds every language for real)
test: $(INSTALLED) lint
	$(VENV_PY) -m pytest $(PYTESTOPTS)

## lint          ruff over the package, the tests and conf.py
lint: $(INSTALLED)
	$(VENV_PY) -m ruff check handbook tests conf.py
	$(VENV_PY) -m ruff format --check handbook tests conf.py

## constraints   re-pin every dependency in constraints.txt from a fresh resolve
constraints:
	rm -rf $(BUILDDIR)/constraints-venv
	$(PYTHON) -m venv $(BUILDDIR)/constraints-venv
	$(BUILDDIR)/constraints-venv/bin/pip install --quiet --upgrade pip
	$(BUILDDIR)/constraints-venv/bin/pip install --quiet ".[test]"
	echo "# Exact versions that 'make' installs. Regenerate with: make constraints" > constraints.txt
	$(BUILDDIR)/constraints-venv/bin/pip freeze --exclude service-handbook >> constraints.txt
	rm -rf $(BUILDDIR)/constraints-venv

## clean         remove the build folder (the venv stays; rm -rf $(VENV) for that)
clean:
	rm -rf $(BUILDDIR)
