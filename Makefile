# Loaded Dice — every target bootstraps what it needs.
#   make book      build the site into _build/html (creates .venv on first use)
#   make test      run the whole test suite (creates what the tests need)
#   make test-fast the inner loop: unit, property and notebook tests (no browser, no site build)
#   make serve     serve the built site on http://127.0.0.1:8000
#   make lab       run the chapters live in JupyterLab (sliders and all)
#   make homework  build student notebooks and autograders into _build/homework
#   make grade HW=hw2_likelihood SUBMISSIONS=folder   grade a folder of submissions into a CSV
#   make bench     measure explorer redraw latency (Python widgets and the in-page explorer)
#   make audit     Lighthouse (mobile + desktop) over every chapter page, served gzipped
#   make catalogs  bring the Japanese edition's catalogs (locales/ja) up to date with the English

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HW_VENV := .venv-homework
R2D_VENV := .venv-repo2docker
PORT ?= 8000
JUPYTERHUB_URL ?=
JB_FLAGS := -W -n --keep-going

.PHONY: catalogs book test test-fast serve lab homework grade bench audit audit-env clean clean-all env test-env system-packages

# --- environments ---------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.book-installed: requirements.txt requirements-book.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -r requirements-book.txt
	touch $@

$(VENV)/.lab-installed: requirements-lab.txt $(VENV)/.book-installed
	$(BIN)/python -m pip install -r requirements-lab.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.lab-installed
	$(BIN)/python -m pip install -r requirements-test.txt
	touch $@

$(R2D_VENV)/.installed: requirements-repo2docker.txt
	$(PYTHON) -m venv $(R2D_VENV)
	$(R2D_VENV)/bin/python -m pip install -r requirements-repo2docker.txt
	touch $@

$(HW_VENV)/.installed: requirements.txt requirements-homework.txt
	$(PYTHON) -m venv $(HW_VENV)
	$(HW_VENV)/bin/python -m pip install -r requirements-homework.txt
	touch $@

# Lighthouse, pinned by tools/audit/package-lock.json; it drives Debian's Chromium
# (CHROME_PATH) and never downloads a browser. Dev tooling only: `make book` needs no Node.
AUDIT_DIR := tools/audit
$(AUDIT_DIR)/node_modules/.installed: $(AUDIT_DIR)/package.json $(AUDIT_DIR)/package-lock.json
	cd $(AUDIT_DIR) && npm ci --no-audit --no-fund
	touch $@

audit-env: $(AUDIT_DIR)/node_modules/.installed

env: $(VENV)/.book-installed
test-env: $(VENV)/.test-installed $(R2D_VENV)/.installed $(HW_VENV)/.installed audit-env

# --- the book -------------------------------------------------------------------

book: $(VENV)/.book-installed
	$(BIN)/python scripts/build_book.py --hub "$(JUPYTERHUB_URL)" -- $(JB_FLAGS)
	@echo "The book is in _build/html (the Japanese edition in _build/html/ja): open _build/html/index.html, or run 'make serve'."

# After an English edit: new sentences come into locales/ja empty, changed ones as fuzzy; the
# check then lists what needs translating (it fails until everything is translated).
catalogs: $(VENV)/.book-installed
	$(BIN)/python scripts/catalogs.py update
	-$(BIN)/python scripts/catalogs.py check

serve:
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# JupyterLab with the chapters opening as notebooks, configured inside .venv only
# (the same configuration binder/postBuild applies on Binder).
lab: $(VENV)/.lab-installed
	JUPYTER_CONFIG_DIR=$(CURDIR)/$(VENV)/jupyter-config PATH=$(CURDIR)/$(BIN):$$PATH bash binder/postBuild
	JUPYTER_CONFIG_DIR=$(CURDIR)/$(VENV)/jupyter-config $(BIN)/jupyter lab --ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root) book/

# Every chapter page, mobile and desktop, on the site served gzipped with a one-hour cache.
audit: book audit-env
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/audit.py

# --- tests ------------------------------------------------------------------------

system-packages:
	@bash .ci/system-packages.sh

test: test-env system-packages
	$(BIN)/python -m pytest

test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests/unit tests/notebooks

# --- homework and benchmarks ---------------------------------------------------

homework: $(HW_VENV)/.installed
	$(HW_VENV)/bin/python -m tools.homework build --out _build/homework

# Grade every notebook / zip in SUBMISSIONS with HW's autograder (built first if missing), one fresh
# kernel per submission, at most TIME_LIMIT seconds each; writes $(GRADES)/grades.csv. No Docker:
# student code runs here, with your permissions; only grade submissions you trust.
HW ?=
SUBMISSIONS ?=
TIME_LIMIT ?= 120
GRADES ?= _build/grades/$(HW)
AUTOGRADER ?=
grade: $(HW_VENV)/.installed
	@test -n "$(HW)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade HW=hw2_likelihood SUBMISSIONS=path/to/folder [TIME_LIMIT=120] [GRADES=folder]"; exit 2; }
	$(HW_VENV)/bin/python -m tools.homework grade "$(HW)" "$(SUBMISSIONS)" --time-limit "$(TIME_LIMIT)" --out "$(GRADES)" $(if $(AUTOGRADER),--autograder "$(AUTOGRADER)")

bench: $(VENV)/.test-installed system-packages
	$(BIN)/python benchmarks/explorer_latency.py

clean:
	rm -rf _build

clean-all: clean
	rm -rf $(VENV) $(HW_VENV) $(R2D_VENV)
