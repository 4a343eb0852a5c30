# aigraph — two entry points on a fresh Debian machine with Python 3.11:
#   make run    create .venv, install, build output/ from graph/, print where outputs are
#   make test   install test dependencies (Debian packages too) and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# rapper/roqet check our RDF and SPARQL, chromium runs the page tests, the font renders Chinese
# in screenshots.
DEB_PACKAGES := raptor2-utils rasqal-utils chromium fonts-wqy-microhei
# followthemoney (validates the FtM export) needs PyICU, which pip builds from source with these.
DEB_PACKAGES += libicu-dev pkg-config g++

.PHONY: run build install install-test deb test test-fast bench clean

run: install build

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

build: install
	$(PY) -m aigraph build
	@echo "Open output/graph.html, output/circular-financing.html or output/talent.html in a browser."

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e ".[test]"
	touch $@

# Debian tools the tests check our output against: rapper, roqet, headless Chromium.
deb:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

install-test: deb $(VENV)/.installed-test

test: install-test
	$(PY) -m pytest

test-fast: install-test
	$(PY) -m pytest -m "not slow and not browser and not server"

bench: install-test
	$(PY) bench/run.py --size 100k

clean:
	rm -rf $(VENV) .pytest_cache
